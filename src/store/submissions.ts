// Submissions: the append-only attempt log, written together with the score projection.
// A row keeps what was typed and what was decided (src/grading/outcome.ts); the log is
// partitioned by the month its variant was issued (migration 006, docs/operations.md "Storage").
import type { Sql } from 'postgres';
import {
  decodeOutcome, encodeOutcome, type DecidedPart, type EncodedOutcome, type StoredTiming,
} from '../grading/index.ts';
import { toAssignment, type Assignment } from './assignments.ts';
import { defaultCourseSettings, type CourseSettings } from './courses.ts';
import { toVariant, type VariantRow } from './variants.ts';

/** A submission as the log holds it, with its variant's student, slot, version and seed. */
export interface LoggedSubmission {
  id: string; variantId: string; userId: string; slotId: string; version: string; seed: number;
  answers: Record<string, string>;
  parts: Record<string, DecidedPart>;
  timing: StoredTiming;
  serverTime: Date; capturedAt: Date | null; region: string; node: string;
}

/** A submission as shown: the logged decision with its explanation (src/app/history.ts). */
export interface StoredSubmission {
  id: string; variantId: string; userId: string;
  answers: Record<string, string>;
  results: Record<string, StoredPartResult>;
  timing: StoredTiming;
  serverTime: Date; capturedAt: Date | null; region: string; node: string;
}
export interface StoredPartResult extends DecidedPart {
  feedback: string; read: string; parsed: unknown; hints: string[]; attemptsLeft: number | null;
}
export interface OutageRow { start: Date; end: Date | null; region: string }

/** Everything a submission is judged on, read in one snapshot. */
export interface SubmitContext {
  variant: VariantRow;
  newest: boolean;
  assignment: Assignment;
  settings: CourseSettings;
  extensionDueAt: Date | null;
  serverTime: Date;
  /** Only the outages that could excuse a late answer now; empty when the answer is not late. */
  outages: OutageRow[];
  /** Earlier submissions of this variant, oldest first. */
  prior: { parts: Record<string, DecidedPart> }[];
  /** Best credited score so far per part, over every variant of the slot. */
  bestPerPart: Record<string, number>;
}

export type SubmitDecision =
  | { store: false; error: unknown }
  | { store: true; submission: StoredSubmission; fraction: number; bestPerPart: Record<string, number> };

/** How often a submission is re-decided when another one to the same variant got in first. */
export const submitRetriesMax = 8;

export class SubmissionContentionError extends Error {
  constructor() { super(`the variant changed ${submitRetriesMax} times while this submission was decided`); }
}

/**
 * Decides a submission on a consistent read of its variant's state, then stores it with its score
 * projection in ONE statement that succeeds only if no other submission reached the variant in
 * between (its counter is unchanged; PostgreSQL re-checks the counter after any row lock wait).
 * Otherwise it reads and decides again. Returns the stored submission (an earlier one if the id is
 * taken), the decision's error, or null when the variant does not exist.
 */
export async function storeSubmission(
  sql: Sql, id: string, variantId: string, origin: { region: string; node: string },
  decide: (ctx: SubmitContext) => Promise<SubmitDecision>,
): Promise<{ stored: StoredSubmission; fresh: true } | { stored: LoggedSubmission; fresh: false } | { error: unknown } | null> {
  const originId = await originIdOf(sql, origin.region, origin.node);
  for (let attempt = 0; attempt < submitRetriesMax; attempt++) {
    const row = await readSubmitState(sql, id, variantId);
    const existing = row ? row.existing : (await sql`SELECT row_to_json(h) AS h FROM submission_history h WHERE h.id = ${id}`)[0]?.h;
    if (existing) return { stored: toLogged(existing), fresh: false };
    if (!row) return null;
    const assignment = toAssignment(row.assignment);
    const decision = await decide({
      variant: toVariant(row), newest: row.newest, assignment,
      settings: { ...defaultCourseSettings, ...row.settings }, extensionDueAt: row.extension_due_at,
      serverTime: row.server_time,
      outages: (row.outages ?? []).map((o: any) => ({ start: new Date(o.started_at), end: o.ended_at ? new Date(o.ended_at) : null, region: o.region })),
      prior: row.prior.map((outcome: EncodedOutcome) => ({ parts: decodeOutcome(outcome).parts })),
      bestPerPart: row.best ?? {},
    });
    if (!decision.store) return { error: decision.error };
    const s = decision.submission;
    const outcome = encodeOutcome(s.results, s.timing);
    const [written] = await sql`
      WITH guard AS (
        UPDATE variants SET submissions_count = submissions_count + 1
        WHERE id = ${variantId} AND submissions_count = ${row.submissions_count} RETURNING submission_month(created_at) AS month),
      inserted AS (
        INSERT INTO submissions (server_time, captured_at, id, variant_id, month, origin, answers, outcome)
        SELECT ${s.serverTime}, ${s.capturedAt}, ${s.id}, ${s.variantId}, guard.month, ${originId},
          ${sql.json(s.answers)}, ${sql.json(outcome as any)} FROM guard
        ON CONFLICT DO NOTHING RETURNING id),
      projected AS (
        INSERT INTO scores (user_id, slot_id, fraction, per_part)
        SELECT ${s.userId}, ${row.slot_id}, ${decision.fraction}, ${sql.json(decision.bestPerPart)} FROM inserted
        ON CONFLICT (user_id, slot_id) DO UPDATE SET fraction = EXCLUDED.fraction, per_part = EXCLUDED.per_part,
          updated_at = now())
      SELECT (SELECT count(*) FROM inserted)::int AS inserted`;
    if (written.inserted === 1) return { stored: s, fresh: true };
  }
  throw new SubmissionContentionError();
}

/** Origin ids per database (a process may use several: tests do), each a handful of app servers. */
const originIds = new WeakMap<Sql, Map<string, number>>();

/** The small id of an app server's (region, node), made on first use. */
export async function originIdOf(sql: Sql, region: string, node: string): Promise<number> {
  const known = originIds.get(sql) ?? new Map<string, number>();
  originIds.set(sql, known);
  const key = JSON.stringify([region, node]);
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const find = async () => (await sql`SELECT id FROM submission_origins WHERE region = ${region} AND node = ${node}`)[0]?.id as number | undefined;
  // Look first: an INSERT … ON CONFLICT would use up a value of the smallint identity at every start.
  let id = await find();
  if (id === undefined) {
    await sql`INSERT INTO submission_origins (region, node) VALUES (${region}, ${node}) ON CONFLICT DO NOTHING`;
    id = (await find())!;
  }
  known.set(key, id);
  return id;
}

/**
 * Everything a submission is judged on, in one statement (one snapshot): the variant and its
 * counter, assignment, course, extension, a submission already stored under this id, the
 * variant's earlier submissions, the projection, and — only when the answer is late — the
 * outages that could excuse it (begun before the deadline, ended no longer than the grace ago).
 */
async function readSubmitState(sql: Sql, id: string, variantId: string) {
  const [row] = await sql`
    SELECT v.*, row_to_json(a) AS assignment, c.settings, x.due_at AS extension_due_at,
      clock_timestamp() AS server_time,
      NOT EXISTS (SELECT 1 FROM variants w WHERE w.slot_id = v.slot_id AND w.user_id = v.user_id
                  AND w.ordinal > v.ordinal) AS newest,
      (SELECT row_to_json(e) FROM submission_history e WHERE e.id = ${id}) AS existing,
      (SELECT coalesce(json_agg(p.outcome ORDER BY p.server_time, p.id), '[]') FROM submissions p
       WHERE p.variant_id = v.id AND p.month = submission_month(v.created_at)) AS prior,
      (SELECT per_part FROM scores sc WHERE sc.user_id = v.user_id AND sc.slot_id = v.slot_id) AS best,
      CASE WHEN clock_timestamp() > coalesce(x.due_at, a.due_at) THEN
        (SELECT json_agg(o) FROM outages o WHERE o.started_at <= coalesce(x.due_at, a.due_at)
           AND (o.ended_at IS NULL OR o.ended_at >= clock_timestamp()
                - make_interval(mins => coalesce((c.settings->>'outageGraceMinutes')::int, ${defaultCourseSettings.outageGraceMinutes}))))
      END AS outages
    FROM variants v JOIN slots s ON s.id = v.slot_id JOIN assignments a ON a.id = s.assignment_id
    JOIN courses c ON c.id = a.course_id
    LEFT JOIN extensions x ON x.assignment_id = a.id AND x.user_id = v.user_id
    WHERE v.id = ${variantId}`;
  return row;
}

export async function upsertScore(
  sql: Sql, userId: string, slotId: string, fraction: number, perPart: Record<string, number>,
): Promise<void> {
  await sql`
    INSERT INTO scores (user_id, slot_id, fraction, per_part) VALUES (${userId}, ${slotId}, ${fraction}, ${sql.json(perPart)})
    ON CONFLICT (user_id, slot_id) DO UPDATE SET fraction = EXCLUDED.fraction, per_part = EXCLUDED.per_part,
      updated_at = now()`;
}

/** The attempt log of one student on one slot (every variant), oldest first. */
export async function submissionsOfSlot(sql: Sql, slotId: string, userId: string): Promise<LoggedSubmission[]> {
  const rows = await sql`
    SELECT * FROM submission_history WHERE slot_id = ${slotId} AND user_id = ${userId} ORDER BY server_time, id`;
  return rows.map(toLogged);
}

/** A row of submission_history, as postgres.js returns it or as row_to_json gives it (times as text). */
export function toLogged(row: Record<string, any>): LoggedSubmission {
  const { parts, timing } = decodeOutcome(row.outcome);
  return {
    id: row.id, variantId: row.variant_id, userId: row.user_id, slotId: row.slot_id, version: row.version, seed: row.seed,
    answers: row.answers, parts, timing,
    serverTime: new Date(row.server_time), capturedAt: row.captured_at ? new Date(row.captured_at) : null,
    region: row.region, node: row.node,
  };
}

/** What explaining a variant's attempts needs: the course's reading settings and the attempts allowed. */
export async function presentContextOfVariant(sql: Sql, variantId: string): Promise<{ logBase: CourseSettings['logBase']; attemptsMax: number | null }> {
  const [row] = await sql`
    SELECT c.settings, a.attempts_max FROM variants v JOIN slots s ON s.id = v.slot_id
    JOIN assignments a ON a.id = s.assignment_id JOIN courses c ON c.id = a.course_id WHERE v.id = ${variantId}`;
  return { logBase: { ...defaultCourseSettings, ...row?.settings }.logBase, attemptsMax: row?.attempts_max ?? null };
}

/** Outage windows considered by a regrade, newest first. */
export const regradeOutagesMax = 10_000;
export async function outageWindows(sql: Sql): Promise<OutageRow[]> {
  const rows = await sql`SELECT started_at, ended_at, region FROM outages ORDER BY started_at DESC LIMIT ${regradeOutagesMax}`;
  return rows.map((r) => ({ start: r.started_at, end: r.ended_at, region: r.region }));
}

/** Every submission to the given variants, oldest first. */
export async function submissionsOfVariants(sql: Sql, variantIds: string[]): Promise<LoggedSubmission[]> {
  const rows = await sql`SELECT * FROM submission_history WHERE variant_id = ANY(${variantIds}) ORDER BY server_time, id`;
  return rows.map(toLogged);
}

/** The projected score (0..1) of each of the student's slots that has one. */
export async function scoresOfSlots(sql: Sql, userId: string, slotIds: string[]): Promise<Map<string, number>> {
  const rows = await sql`SELECT slot_id, fraction FROM scores WHERE user_id = ${userId} AND slot_id = ANY(${slotIds})`;
  return new Map(rows.map((r) => [r.slot_id as string, r.fraction as number]));
}
