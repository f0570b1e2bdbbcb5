// `npm run bench -- storage [--submissions N]`: what a submission costs on disk. Loads N synthetic
// submissions (default 10 million) into a fresh `steadfast serve`'s embedded PostgreSQL through the
// real schema — monthly partitions, primary key and variant index maintained during the load, as
// in production — then prints table + indexes (+ TOAST, free-space and visibility maps) per row.
//
// The data is a term: 1,000 question slots (40 assignments × 25 questions of the bank), one
// variant per student and slot issued over 4 months, 1–8 submissions per variant (mean about
// 2.6). Every row's answers and outcome come from the real grader and the real stored encoding
// (src/grading/outcome.ts), from templates of correct, wrong and unreadable answers to every
// question of the bank at many seeds; ids are random version-4 UUIDs, as browsers make them;
// rows go in roughly in time order; about 1 in 12 is late (its decision and reason stored).
// (Answers are graded at template seeds, not at each variant's own seed: sizes, not scores, matter here.)
// Last line: BENCH storage submissions=<n> bytes_per_submission=<n>
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { QuestionBank } from '../src/app/bank.ts';
import {
  correctAnswers, gradeAnswer, type Question,
} from '../src/questions/index.ts';
import { encodeOutcome, onTimeReason, type DecidedPart, type StoredTiming } from '../src/grading/index.ts';
import { startServe } from '../src/ops/serve-process.ts';
import { embeddedDatabase, embeddedPassword, embeddedUrl } from '../src/store/embedded.ts';
import { monthOf, partitionReport } from '../src/store/storage.ts';
import { bounded } from './submit-cluster.ts';

const benchHttpPort = 39_211;
const benchPgPort = 39_212;
/** Default and largest load. */
export const storageSubmissionsDefault = 10_000_000;
export const storageSubmissionsMax = 50_000_000;
/** Question slots of the synthetic term, and the days over which variants are issued. */
const slotsCount = 1_000;
const assignmentsCount = 40;
const issueDays = 120;
/** Attempts per variant: 1..8 with these weights (mean ≈ 2.6). */
const attemptWeights = [30, 25, 15, 10, 8, 6, 4, 2];
/** Seeds per question used to make answer templates. */
const templateSeeds = 40;
/** Variants inserted per batch (about 2.6 × as many submissions). */
const variantsPerBatch = 100_000;
/** Bound on the whole load. */
export const loadTimeoutMs = 60 * 60_000;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { submissions: { type: 'string' } } });
  const wanted = bounded('submissions', values.submissions, storageSubmissionsDefault, storageSubmissionsMax);
  const server = await startServe({ port: benchHttpPort, pgPort: benchPgPort, env: { DEMO_STUDENTS: '0', WORKERS: '1' } });
  const sql = postgres(embeddedUrl(embeddedPassword(server.dataDir), benchPgPort, embeddedDatabase), {
    max: 1, onnotice: () => {}, connection: { statement_timeout: loadTimeoutMs },
  });
  const started = Date.now();
  try {
    const templates = await answerTemplates(sql);
    console.log(`templates: ${templates.count} graded answers to ${templates.questions} questions`);
    // 10% more students than the mean needs, so that the draw never runs out before N rows.
    const students = Math.ceil((wanted / (slotsCount * meanAttempts())) * 1.1);
    await makeTerm(sql, students);
    const loaded = await load(sql, wanted, started);
    await sql`VACUUM ANALYZE submissions`;
    const parts = await partitionReport(sql);
    const [{ n }] = await sql`SELECT count(*)::bigint AS n FROM submissions`;
    const rows = Number(n);
    const bytes = parts.reduce((t, p) => t + p.bytes, 0);
    const detail = await sizeDetail(sql);
    for (const p of parts) console.log(`  ${p.name.padEnd(22)} ${String(p.rows).padStart(10)} rows ${(p.bytes / 1e6).toFixed(1).padStart(9)} MB`);
    console.log(`per submission: heap ${(detail.heap / rows).toFixed(1)} B, primary key ${(detail.pkey / rows).toFixed(1)} B, `
      + `variant index ${(detail.variantIdx / rows).toFixed(1)} B, other ${((bytes - detail.heap - detail.pkey - detail.variantIdx) / rows).toFixed(1)} B`);
    if (loaded !== wanted) throw new Error(`only ${loaded} of ${wanted} submissions were generated: the term ran out of variants`);
    console.log(`loaded ${loaded} submissions for ${students} students × ${slotsCount} slots in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`BENCH storage submissions=${rows} bytes_per_submission=${Math.round(bytes / rows)}`);
  } finally {
    await sql.end({ timeout: 5 });
    await server.dispose();
  }
}

function meanAttempts(): number {
  const total = attemptWeights.reduce((a, b) => a + b, 0);
  return attemptWeights.reduce((t, w, i) => t + w * (i + 1), 0) / total;
}

/** Graded answers (correct, wrong, unreadable) to every question at many seeds, stored encoded. */
async function answerTemplates(sql: postgres.Sql): Promise<{ count: number; questions: number }> {
  const bank = new QuestionBank(sql as never);
  const rows = await sql`SELECT q.id, q.current_version FROM questions q ORDER BY q.id`;
  await sql`CREATE UNLOGGED TABLE bench_templates (question_id text, n integer, answers jsonb, outcome jsonb)`;
  let count = 0;
  for (const r of rows) {
    const q = await bank.get(r.current_version);
    const out: { answers: Record<string, string>; outcome: unknown }[] = [];
    for (let seed = 1; seed <= templateSeeds; seed++) {
      const right = correctAnswers(q, seed);
      for (const kind of ['right', 'wrong', 'unreadable'] as const) {
        out.push(graded(q, seed, answersOfKind(right, kind), kind === 'wrong' && seed % 4 === 0));
      }
    }
    await sql`INSERT INTO bench_templates ${sql(out.map((t, n) => ({ question_id: r.id, n, answers: t.answers, outcome: t.outcome })) as never)}`;
    count += out.length;
  }
  await sql`CREATE INDEX ON bench_templates (question_id, n)`;
  return { count, questions: rows.length };
}

function answersOfKind(right: Record<string, string>, kind: 'right' | 'wrong' | 'unreadable'): Record<string, string> {
  if (kind === 'right') return right;
  return Object.fromEntries(Object.entries(right).map(([id, text]) => [id, kind === 'unreadable'
    ? `${text.slice(0, 6)} ((`
    : text.replace(/\d+(\.\d+)?/, (d) => String(Number(d) * 1.37 + 1))]));
}

function graded(q: Question, seed: number, answers: Record<string, string>, late: boolean) {
  const timing: StoredTiming = late
    ? { kind: 'late', credit: 0.8, reason: 'Received 3 h 12 min after the due date (Tue 14 Oct, 23:59): this answer earns 80% credit. If you had a reason, ask your instructor for an extension.' }
    : { kind: 'on_time', credit: 1, reason: onTimeReason };
  const parts: Record<string, DecidedPart> = {};
  for (const [partId, text] of Object.entries(answers)) {
    const r = gradeAnswer(q, seed, partId, text, { logBase: 10 });
    parts[partId] = { status: r.status, score: r.score, credited: r.status === 'graded' ? r.score * timing.credit : 0, correct: r.correct };
  }
  return { answers, outcome: encodeOutcome(parts, timing) };
}

/** Users, a course, 40 assignments of 25 slots, and one variant per student and slot. */
async function makeTerm(sql: postgres.Sql, students: number): Promise<void> {
  const now = new Date();
  await sql`SELECT ensure_submission_partitions(${monthOf(new Date(now.getTime() - issueDays * 86_400_000))}::smallint, ${monthOf(now)}::smallint)`;
  await sql`INSERT INTO courses (title) VALUES ('Storage benchmark')`;
  await sql`
    INSERT INTO users (email, name, password_hash)
    SELECT 'bench' || g || '@example.edu', 'Bench ' || g, 'bench: no sign-in' FROM generate_series(1, ${students}) g`;
  await sql`
    INSERT INTO assignments (course_id, title, opens_at, due_at, published)
    SELECT (SELECT id FROM courses WHERE title = 'Storage benchmark'), 'Week ' || g,
      now() - ${issueDays} * interval '1 day' + g * interval '3 days', now() - ${issueDays} * interval '1 day' + g * interval '3 days' + interval '7 days', true
    FROM generate_series(1, ${assignmentsCount}) g`;
  await sql`
    INSERT INTO slots (assignment_id, position, question_id, points)
    SELECT a.id, p, (SELECT id FROM questions ORDER BY id OFFSET (p * 7 + a.n) % (SELECT count(*) FROM questions) LIMIT 1), 1
    FROM (SELECT id, row_number() OVER (ORDER BY title) AS n FROM assignments WHERE title LIKE 'Week %') a,
      generate_series(1, ${slotsCount / assignmentsCount}) p`;
  // Variants are issued when a student opens the assignment: within its first three days.
  await sql`
    INSERT INTO variants (slot_id, user_id, version, seed, created_at)
    SELECT s.id, u.id, q.current_version, (random() * 1e6)::int, a.opens_at + random() * interval '3 days'
    FROM slots s JOIN assignments a ON a.id = s.assignment_id JOIN questions q ON q.id = s.question_id
    CROSS JOIN (SELECT id FROM users WHERE email LIKE 'bench%') u
    WHERE a.title LIKE 'Week %'`;
  await sql`CREATE UNLOGGED TABLE bench_order AS SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM variants`;
  await sql`CREATE INDEX ON bench_order (n)`;
  await sql`ANALYZE`;
}

/** Inserts submissions variant batch by variant batch, in the order variants were issued. */
async function load(sql: postgres.Sql, wanted: number, started: number): Promise<number> {
  const [{ origin }] = await sql`INSERT INTO submission_origins (region, node) VALUES ('bench', 'bench-node') RETURNING id AS origin`;
  const total = attemptWeights.reduce((a, b) => a + b, 0);
  let upTo = 0;
  const attempts = `CASE ${attemptWeights.map((w, i) => `WHEN r < ${(upTo += w) / total} THEN ${i + 1}`).join(' ')} ELSE 1 END`;
  const [{ variants }] = await sql`SELECT count(*)::bigint AS variants FROM bench_order`;
  let loaded = 0;
  for (let from = 1; from <= Number(variants) && loaded < wanted; from += variantsPerBatch) {
    if (Date.now() - started > loadTimeoutMs) throw new Error(`the load took longer than ${loadTimeoutMs / 60_000} min: try fewer --submissions`);
    const [{ n }] = await sql`
      WITH v AS (        -- random() makes these CTEs materialized: each row draws once
        SELECT v.id, v.created_at, s.question_id, submission_month(v.created_at) AS month,
          ${sql.unsafe(attempts)} AS attempts
        FROM (SELECT o.id, random() AS r FROM bench_order o WHERE o.n >= ${from} AND o.n < ${from + variantsPerBatch}) o
        JOIN variants v ON v.id = o.id JOIN slots s ON s.id = v.slot_id),
      tries AS (
        SELECT v.created_at + (a * 40 + random() * 40) * interval '1 minute' AS server_time, v.id AS variant_id, v.month,
          v.question_id, floor(random() * ${templateSeeds * 3})::int AS pick
        FROM v, generate_series(1, v.attempts) a
        LIMIT ${wanted - loaded}),
      ins AS (
        INSERT INTO submissions (server_time, captured_at, id, variant_id, month, origin, answers, outcome)
        SELECT x.server_time, x.server_time - random() * interval '5 seconds', gen_random_uuid(), x.variant_id, x.month,
          ${origin}, t.answers, t.outcome
        FROM tries x JOIN bench_templates t ON t.question_id = x.question_id AND t.n = x.pick
        ORDER BY x.server_time
        RETURNING 1)
      SELECT count(*)::bigint AS n FROM ins`;
    loaded += Number(n);
    console.log(`loaded ${loaded} submissions (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return loaded;
}

async function sizeDetail(sql: postgres.Sql): Promise<{ heap: number; pkey: number; variantIdx: number }> {
  const [row] = await sql`
    SELECT
      sum(pg_relation_size(t.relid))::bigint AS heap,
      sum((SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = t.relid AND i.indisprimary))::bigint AS pkey,
      sum((SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = t.relid AND NOT i.indisprimary))::bigint AS variant_idx
    FROM pg_partition_tree('submissions') t WHERE t.isleaf`;
  return { heap: Number(row!.heap), pkey: Number(row!.pkey), variantIdx: Number(row!.variant_idx) };
}
