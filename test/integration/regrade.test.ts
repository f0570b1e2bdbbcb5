// Regrade recomputes scores from the attempt log: a dry run reports what would change and
// changes nothing; applying it changes the gradebook; the log itself is never touched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { startTestServer, type Client, type TestServer } from '../support/server.ts';

let server: TestServer;
let instructor: Client;
let courseId: string;
let hw1: any;

before(async () => {
  server = await startTestServer({ demoStudents: 8 });
  instructor = await server.login('instructor@example.edu');
  courseId = (await instructor.get('/api/courses')).body[0].id;
  hw1 = (await instructor.get(`/api/courses/${courseId}/assignments`)).body.find((a: any) => a.title.startsWith('Homework 1'));
});
after(async () => { await server?.close(); });

const earned = async () => {
  const book = await instructor.get(`/api/courses/${courseId}/gradebook`);
  return book.body.students.map((s: any) => [s.email, s.total]);
};
const logRows = async () => (await server.ctx.db.sql`SELECT * FROM submissions ORDER BY id`).map((r) => JSON.stringify(r));

test('a regrade with unchanged policies and questions changes nothing', async () => {
  const r = await instructor.post(`/api/courses/${courseId}/regrade`, { dryRun: true });
  assert.equal(r.status, 200);
  assert.ok(r.body.submissions > 0);
  assert.deepEqual(r.body.changes, []);
});

test('moving a deadline before the answers: the dry run reports, applying changes the gradebook, the log stays', async () => {
  const before = await earned();
  assert.ok(before.some(([, total]: [string, number]) => total > 0), 'the demo gradebook has points');
  const log = await logRows();
  const longAgo = Date.now() - 400 * 86_400_000;
  const moved = await instructor.request('PUT', `/api/assignments/${hw1.id}`, {
    title: hw1.title, opensAt: new Date(longAgo - 86_400_000).toISOString(), dueAt: new Date(longAgo).toISOString(),
    lateWindows: [], attemptsMax: hw1.attemptsMax, penaltyPerWrong: hw1.penaltyPerWrong, published: true, answersReleased: true,
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));

  const dry = await instructor.post(`/api/courses/${courseId}/regrade`, { dryRun: true });
  assert.equal(dry.status, 200);
  assert.ok(dry.body.changes.length > 0);
  for (const c of dry.body.changes) {
    assert.ok(c.after < c.before, `${c.email}: ${c.before} -> ${c.after}`);
    assert.match(c.email, /@example\.edu$/);
    assert.equal(c.assignment, hw1.title);
  }
  assert.deepEqual(await earned(), before, 'a dry run changes nothing');

  const applied = await instructor.post(`/api/courses/${courseId}/regrade`, { dryRun: false });
  assert.equal(applied.status, 200);
  assert.equal(applied.body.changes.length, dry.body.changes.length);
  const after = await earned();
  assert.notDeepEqual(after, before);
  assert.deepEqual(await logRows(), log, 'the attempt log is never changed');
  const again = await instructor.post(`/api/courses/${courseId}/regrade`, { dryRun: true });
  assert.deepEqual(again.body.changes, [], 'after applying, nothing more would change');
});

test('steadfast regrade --dry-run --json reports per course through DATABASE_URL', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'regrade', '--dry-run', '--json', '--course', courseId], {
    env: { ...process.env, DATABASE_URL: server.pg.url }, encoding: 'utf8', timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(report.course, courseId);
  assert.equal(report.dryRun, true);
  assert.ok(report.submissions > 0);
});

test('steadfast regrade refuses unknown options with its usage', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'regrade', '--bogus'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option --bogus/);
});
