// The submissions log's storage on a real embedded PostgreSQL: monthly partitions made ahead,
// every row in the partition of its variant's month, nothing refused for want of a partition,
// an id kept exactly once across partitions, and the one-time conversion of the old table.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { decodeOutcome, onTimeReason } from '../../src/grading/index.ts';
import { correctAnswers } from '../../src/questions/index.ts';
import { listMigrations, migrate } from '../../src/store/migrate.ts';
import { ensurePartitions, monthName, monthOf, partitionMonthsAhead, partitionReport } from '../../src/store/storage.ts';
import { startTestDatabase } from '../support/pg.ts';
import { practiceOf, startTestServer, type Client, type TestServer } from '../support/server.ts';

describe('partitions', () => {
  let server: TestServer;
  let student: Client;
  let practice: any;
  before(async () => {
    server = await startTestServer();
    student = await server.login('student1@example.edu');
    practice = (await practiceOf(student)).assignment;
  });
  after(async () => { await server?.close(); });
  const sql = () => server.ctx.db.sql;

  async function answer(c: Client, variantId: string, id = randomUUID()) {
    const [v] = await sql()`SELECT version, seed FROM variants WHERE id = ${variantId}`;
    return c.post('/api/submissions', {
      id, variantId, answers: correctAnswers(await server.ctx.bank.get(v.version), v.seed), capturedAt: new Date().toISOString(),
    });
  }
  const partitionOf = async (id: string) =>
    (await sql()`SELECT tableoid::regclass::text AS p FROM submissions WHERE id = ${id}`).map((r) => r.p as string);
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'storage', ...args], {
    env: { ...process.env, DATABASE_URL: server.pg.url }, encoding: 'utf8', timeout: 120_000,
  });
  const partitionName = (month: number) => `submissions_${monthName(month).replace('-', '_')}`;

  test(`the partitions of this month and the ${partitionMonthsAhead} ahead exist, and making them again makes none`, async () => {
    const names = (await partitionReport(sql())).map((p) => p.name);
    for (let m = monthOf(new Date()); m <= monthOf(new Date()) + partitionMonthsAhead; m++) assert.ok(names.includes(partitionName(m)), names.join(' '));
    assert.equal(await ensurePartitions(sql()), 0);
    const later = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 5, 15));
    assert.equal(await ensurePartitions(sql(), later), partitionMonthsAhead + 1);
    assert.equal(await ensurePartitions(sql(), later), 0);
  });

  test('a submission is stored in the partition of the month its variant was issued', async () => {
    const q = practice.questions[0];
    const r = await answer(student, q.variantId);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const [v] = await sql()`SELECT created_at FROM variants WHERE id = ${q.variantId}`;
    assert.deepEqual(await partitionOf(r.body.id), [partitionName(monthOf(v.created_at))]);
    const report = await partitionReport(sql());
    assert.equal(report.find((p) => p.month === null)!.rows, 0, 'the default partition stays empty');
    const [{ n }] = await sql()`SELECT count(*)::int AS n FROM submissions WHERE month = ${monthOf(v.created_at)}`;
    assert.equal(report.find((p) => p.month === monthName(monthOf(v.created_at)))!.rows, n, 'a partition never analyzed is counted');
  });

  test('a variant from a month without a partition is still answered; the next check gives the month a partition', async () => {
    const q = practice.questions[1] ?? practice.questions[0];
    const far = new Date(Date.UTC(new Date().getUTCFullYear() + 6, 0, 10));
    await sql()`UPDATE variants SET created_at = ${far} WHERE id = ${q.variantId}`;
    const r = await answer(student, q.variantId);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(await partitionOf(r.body.id), ['submissions_default']);
    const again = await answer(student, q.variantId, r.body.id);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, r.body, 'a retry finds it in the default partition');

    const waiting = cli('status');
    assert.equal(waiting.status, 1, 'status fails while rows wait in the default partition');
    assert.match(waiting.stdout, /1 rows wait in submissions_default: run `steadfast storage ensure`/);
    const ensured = cli('ensure', '--json');
    assert.equal(ensured.status, 0, ensured.stderr);
    assert.ok(JSON.parse(ensured.stdout.trim().split('\n').at(-1)!).made >= 1);
    assert.deepEqual(await partitionOf(r.body.id), [partitionName(monthOf(far))], 'moved, not copied');
    const status = cli('status', '--json');
    assert.equal(status.status, 0, status.stdout);
    const report = JSON.parse(status.stdout.slice(status.stdout.indexOf('{')));
    assert.equal(report.defaultRows, 0);
    assert.ok(report.partitions.some((p: any) => p.month === monthName(monthOf(far)) && p.bytes > 0));
    assert.equal((await partitionReport(sql())).find((p) => p.month === null)!.rows, 0);
    const history = await student.get(`/api/variants/${q.variantId}/submissions`);
    assert.equal(history.body.filter((s: any) => s.id === r.body.id).length, 1);
  });

  test('the history explains each attempt exactly as its submission was answered: feedback, hints, attempts left', async () => {
    const instructor = await server.login('instructor@example.edu');
    const courseId = (await practiceOf(student)).courseId;
    const now = Date.now();
    const created = await instructor.post(`/api/courses/${courseId}/assignments`, {
      title: `Limited ${randomUUID().slice(0, 8)}`, opensAt: new Date(now - 3_600_000).toISOString(),
      dueAt: new Date(now + 3_600_000).toISOString(), published: true, attemptsMax: 4,
      slots: [{ questionId: 'energy-power', points: 2 }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const q = (await student.get(`/api/assignments/${created.body.id}`)).body.questions[0];
    const [v] = await sql()`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
    const right = correctAnswers(await server.ctx.bank.get(v.version), v.seed);
    const partId = q.parts[0].id;
    const replies = [];
    for (const text of ['1', '3 +* (', '2', right[partId]!]) {
      const r = await student.post('/api/submissions', { id: randomUUID(), variantId: q.variantId, answers: { [partId]: text }, capturedAt: new Date().toISOString() });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      replies.push(r.body);
    }
    assert.deepEqual(replies.map((r) => r.results[partId].attemptsLeft), [3, 3, 2, 1]);
    assert.ok(replies[0].results[partId].hints.length > 0, 'a hint unlocks after the first wrong try');
    const history = await student.get(`/api/variants/${q.variantId}/submissions`);
    assert.equal(history.status, 200);
    assert.deepEqual(history.body, replies);
  });

  test('a submission id used by one student cannot be used by another for a variant of another month', async () => {
    const other = await server.login('student2@example.edu');
    const theirs = (await practiceOf(other)).assignment.questions[0];
    await sql()`UPDATE variants SET created_at = now() - interval '70 days' WHERE id = ${theirs.variantId}`;
    await ensurePartitions(sql(), new Date(Date.now() - 70 * 86_400_000));
    const mine = await answer(student, practice.questions[0].variantId);
    const before = (await sql()`SELECT count(*)::int AS n FROM submissions`)[0]!.n;
    const r = await answer(other, theirs.variantId, mine.body.id);
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'submission_id_taken');
    assert.match(r.body.message, /make a new UUID/);
    assert.equal((await sql()`SELECT count(*)::int AS n FROM submissions`)[0]!.n, before);
  });
});

test('steadfast storage refuses what it does not know, with its usage', () => {
  for (const args of [['bogus'], ['--bogus']]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'storage', ...args], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /Usage: steadfast storage/);
  }
});

describe('migration 006 converts the old submissions table', () => {
  test('every row keeps its id, answers, decision, reason, origin and times, in its month\'s partition', async () => {
    const pg = await startTestDatabase();
    try {
      const sql = pg.db.sql;
      await sql`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
      for (const m of listMigrations().filter((m) => m.version <= 5)) {
        await sql.unsafe(m.sql);
        await sql`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`;
      }
      const [u] = await sql`INSERT INTO users (email, name, password_hash) VALUES ('s@example.edu', 'S', 'x') RETURNING id`;
      const [c] = await sql`INSERT INTO courses (title) VALUES ('Old') RETURNING id`;
      await sql`INSERT INTO question_versions (version, question_id, title, source) VALUES ('v1', 'q1', 'Q', '')`;
      await sql`INSERT INTO questions (id, current_version) VALUES ('q1', 'v1')`;
      const [a] = await sql`INSERT INTO assignments (course_id, title, opens_at, due_at) VALUES (${c!.id}, 'A', '2025-01-01', '2025-03-01') RETURNING id`;
      const [s] = await sql`INSERT INTO slots (assignment_id, position, question_id, points) VALUES (${a!.id}, 1, 'q1', 1) RETURNING id`;
      const [v] = await sql`INSERT INTO variants (slot_id, user_id, version, seed, created_at) VALUES (${s!.id}, ${u!.id}, 'v1', 7, '2025-02-10T12:00:00Z') RETURNING id`;
      const late = 'Received 2 h after the due date: this answer earns 80% credit.';
      const rows = [
        { id: randomUUID(), answers: { a: '12.5' }, results: { a: { status: 'graded', score: 1, credited: 1, correct: true, feedback: 'Correct.' } }, timing: { kind: 'on_time', credit: 1, reason: onTimeReason }, region: 'us-east', node: 'n1' },
        { id: randomUUID(), answers: { a: '3', b: 'x^2' }, results: { a: { status: 'graded', score: 0.5, credited: 0.4, correct: false }, b: { status: 'invalid', score: 0, credited: 0, correct: false } }, timing: { kind: 'late', credit: 0.8, reason: late }, region: 'ca-central', node: 'n2' },
        { id: randomUUID(), answers: { a: '1/3' }, results: { a: { status: 'graded', score: 1 / 3, credited: 1 / 3, correct: false } }, timing: { kind: 'outage_grace', credit: 1, reason: 'Counted as on time.' }, region: 'us-east', node: 'n1' },
      ];
      for (const r of rows) {
        await sql`INSERT INTO submissions (id, variant_id, user_id, answers, results, timing, server_time, captured_at, region, node)
          VALUES (${r.id}, ${v!.id}, ${u!.id}, ${sql.json(r.answers)}, ${sql.json(r.results)}, ${sql.json(r.timing)}, '2025-02-11T10:00:00Z', '2025-02-11T09:59:58Z', ${r.region}, ${r.node})`;
      }

      assert.deepEqual(await migrate(sql), ['submissions_partitioned', 'courses_log_base_pinned']);
      const [course] = await sql`SELECT settings FROM courses WHERE id = ${c!.id}`;
      assert.equal(course!.settings.logBase, 10, 'a course made before 007 keeps reading log as base 10');

      const after = await sql`SELECT h.*, su.tableoid::regclass::text AS partition FROM submission_history h
        JOIN submissions su ON su.id = h.id ORDER BY h.id`;
      assert.equal(after.length, rows.length);
      for (const r of rows) {
        const row = after.find((x) => x.id === r.id)!;
        assert.ok(row, `row ${r.id} kept`);
        assert.equal(row.partition, 'submissions_2025_02');
        assert.deepEqual(row.answers, r.answers);
        assert.deepEqual([row.region, row.node, row.user_id], [r.region, r.node, u!.id]);
        assert.equal(row.server_time.toISOString(), '2025-02-11T10:00:00.000Z');
        assert.equal(row.captured_at.toISOString(), '2025-02-11T09:59:58.000Z');
        const { parts, timing } = decodeOutcome(row.outcome);
        assert.deepEqual(timing, r.timing);
        for (const [partId, old] of Object.entries(r.results)) {
          const { status, score, credited, correct } = old as any;
          assert.deepEqual(parts[partId], { status, score, credited, correct }, `${r.id} part ${partId}`);
        }
      }
      assert.equal((await sql`SELECT to_regclass('submissions_v1') AS t`)[0]!.t, null, 'the old table is gone');
    } finally {
      await pg.stop();
    }
  });
});
