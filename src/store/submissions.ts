// Submissions: the append-only attempt log, written together with the score projection.
import type { Sql } from 'postgres';
import { toAssignment, type Assignment } from './assignments.ts';
import { defaultCourseSettings, type CourseSettings } from './courses.ts';
import { toVariant, type VariantRow } from './variants.ts';

export interface StoredSubmission {
  id: string; variantId: string; userId: string;
  answers: Record<string, string>;
  results: Record<string, StoredPartResult>;
  timing: { kind: string; credit: number; reason: string };
  serverTime: Date; capturedAt: Date | null; region: string; node: string;
}
export interface StoredPartResult {
  status: 'graded' | 'invalid'; score: number; credited: number; correct: boolean;
  feedback: string; read: string; parsed: unknown; hints: string[]; attemptsLeft: number | null;
}
export interface OutageRow { start: Date; end: Date | null; region: string }

/** Everything a submission is judged on, read with the variant's row locked. */
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
  prior: { results: Record<string, StoredPartResult> }[];
  /** Best credited score so far per part, over every variant of the slot. */
  bestPerPart: Record<string, number>;
}

export type SubmitDecision =
  | { store: false; error: unknown }
  | { store: true; submission: StoredSubmission; fraction: number; bestPerPart: Record<string, number> };

/** A submission already stored under this id, and the question version of the variant named. */
export async function submissionAndVersion(
  sql: Sql, id: string, variantId: string,
): Promise<{ stored: StoredSubmission | null; version: string | null }> {
  const [row] = await sql`
    SELECT (SELECT row_to_json(s) FROM submissions s WHERE s.id = ${id}) AS stored,
      (SELECT version FROM variants WHERE id = ${variantId}) AS version`;
  return { stored: row.stored ? toSubmission(row.stored) : null, version: row.version };
}

/**
 * Runs `decide` with the variant locked, then stores its submission and projection in the same
 * transaction. Returns the stored submission (an earlier one if the id is already taken),
 * or the decision's error. Returns null when the variant does not exist.
 */
export async function submitInTransaction(
  sql: Sql, id: string, variantId: string,
  decide: (ctx: SubmitContext) => SubmitDecision,
): Promise<{ stored: StoredSubmission; fresh: boolean } | { error: unknown } | null> {
  return sql.begin(async (tx) => {
    // The variant's row lock serializes submissions to it. What the decision depends on is read by
    // a second statement: under READ COMMITTED only a statement begun after the lock sees the rows
    // committed by the transaction we waited for.
    const [row] = await tx`
      SELECT v.*, row_to_json(a) AS assignment, c.settings, x.due_at AS extension_due_at,
        NOT EXISTS (SELECT 1 FROM variants w WHERE w.slot_id = v.slot_id AND w.user_id = v.user_id
                    AND w.ordinal > v.ordinal) AS newest
      FROM variants v JOIN slots s ON s.id = v.slot_id JOIN assignments a ON a.id = s.assignment_id
      JOIN courses c ON c.id = a.course_id
      LEFT JOIN extensions x ON x.assignment_id = a.id AND x.user_id = v.user_id
      WHERE v.id = ${variantId}
      FOR UPDATE OF v`;
    if (!row) return null;
    const [state] = await tx`
      SELECT clock_timestamp() AS server_time,
        (SELECT row_to_json(e) FROM submissions e WHERE e.id = ${id}) AS existing,
        (SELECT coalesce(json_agg(p.results ORDER BY p.server_time, p.id), '[]') FROM submissions p
         WHERE p.variant_id = ${variantId}) AS prior,
        (SELECT per_part FROM scores sc WHERE sc.user_id = ${row.user_id} AND sc.slot_id = ${row.slot_id}) AS best`;
    if (state.existing) return { stored: toSubmission(state.existing), fresh: false };
    const assignment = toAssignment(row.assignment);
    const settings = { ...defaultCourseSettings, ...row.settings };
    const dueAt: Date = row.extension_due_at ?? assignment.dueAt;
    const serverTime: Date = state.server_time;
    const outages = serverTime > dueAt ? await excusingOutages(tx as unknown as Sql, dueAt, settings.outageGraceMinutes) : [];
    const decision = decide({
      variant: toVariant(row), newest: row.newest, assignment, settings, extensionDueAt: row.extension_due_at,
      serverTime, outages, prior: state.prior.map((results: SubmitContext['prior'][number]['results']) => ({ results })),
      bestPerPart: state.best ?? {},
    });
    if (!decision.store) return { error: decision.error };
    const s = decision.submission;
    // The submission and its projection in one statement.
    await tx`
      WITH inserted AS (
        INSERT INTO submissions (id, variant_id, user_id, answers, results, timing, server_time, captured_at, region, node)
        VALUES (${s.id}, ${s.variantId}, ${s.userId}, ${tx.json(s.answers)}, ${tx.json(s.results as any)},
          ${tx.json(s.timing)}, ${s.serverTime}, ${s.capturedAt}, ${s.region}, ${s.node}))
      INSERT INTO scores (user_id, slot_id, fraction, per_part)
      VALUES (${s.userId}, ${row.slot_id}, ${decision.fraction}, ${tx.json(decision.bestPerPart)})
      ON CONFLICT (user_id, slot_id) DO UPDATE SET fraction = EXCLUDED.fraction, per_part = EXCLUDED.per_part,
        updated_at = now()`;
    return { stored: s, fresh: true };
  }) as Promise<{ stored: StoredSubmission; fresh: boolean } | { error: unknown } | null>;
}

export async function upsertScore(
  sql: Sql, userId: string, slotId: string, fraction: number, perPart: Record<string, number>,
): Promise<void> {
  await sql`
    INSERT INTO scores (user_id, slot_id, fraction, per_part) VALUES (${userId}, ${slotId}, ${fraction}, ${sql.json(perPart)})
    ON CONFLICT (user_id, slot_id) DO UPDATE SET fraction = EXCLUDED.fraction, per_part = EXCLUDED.per_part,
      updated_at = now()`;
}

/** Outages that began before the deadline and ended no longer than the grace ago (or go on). */
async function excusingOutages(sql: Sql, dueAt: Date, graceMinutes: number): Promise<OutageRow[]> {
  const rows = await sql`
    SELECT started_at, ended_at, region FROM outages
    WHERE started_at <= ${dueAt}
      AND (ended_at IS NULL OR ended_at >= clock_timestamp() - make_interval(mins => ${graceMinutes}))`;
  return rows.map((r) => ({ start: r.started_at, end: r.ended_at, region: r.region }));
}

/** The attempt history of one student on one slot (every variant), oldest first. */
export async function submissionsOfSlot(sql: Sql, slotId: string, userId: string): Promise<StoredSubmission[]> {
  const rows = await sql`
    SELECT su.* FROM submissions su JOIN variants v ON v.id = su.variant_id
    WHERE v.slot_id = ${slotId} AND v.user_id = ${userId} ORDER BY su.server_time, su.id`;
  return rows.map(toSubmission);
}

/** A stored row, as postgres.js returns it or as row_to_json gives it (times as text). */
export function toSubmission(row: Record<string, any>): StoredSubmission {
  return {
    id: row.id, variantId: row.variant_id, userId: row.user_id, answers: row.answers, results: row.results,
    timing: row.timing, serverTime: new Date(row.server_time), capturedAt: row.captured_at ? new Date(row.captured_at) : null,
    region: row.region, node: row.node,
  };
}

/** Outage windows considered by a regrade, newest first. */
export const regradeOutagesMax = 10_000;
export async function outageWindows(sql: Sql): Promise<OutageRow[]> {
  const rows = await sql`SELECT started_at, ended_at, region FROM outages ORDER BY started_at DESC LIMIT ${regradeOutagesMax}`;
  return rows.map((r) => ({ start: r.started_at, end: r.ended_at, region: r.region }));
}
