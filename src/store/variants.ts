// Variants: (question version, seed) issued to one student in one slot.
import type { Sql } from 'postgres';

export interface VariantRow {
  id: string; slotId: string; userId: string; ordinal: number; version: string; seed: number;
  /** The rendered variant when it was prepared ahead (a Variant from src/questions), else null. */
  rendered: unknown;
}

/**
 * Issues a first variant, pinned to the question's current version, for every slot of the
 * assignment the student has none for yet; returns the newest variant of each slot, in slot order.
 * A concurrent first visit loses the insert race harmlessly (ON CONFLICT), and both see the same rows.
 */
export async function issueVariants(sql: Sql, assignmentId: string, userId: string): Promise<VariantRow[]> {
  await sql`
    INSERT INTO variants (slot_id, user_id, version, seed)
    SELECT s.id, ${userId}, q.current_version, floor(random() * 2147483647)::int
    FROM slots s JOIN questions q ON q.id = s.question_id
    WHERE s.assignment_id = ${assignmentId}
      AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.slot_id = s.id AND v.user_id = ${userId})
    ON CONFLICT (slot_id, user_id, ordinal) DO NOTHING`;
  const rows = await sql`
    SELECT DISTINCT ON (s.position) v.* FROM variants v JOIN slots s ON s.id = v.slot_id
    WHERE s.assignment_id = ${assignmentId} AND v.user_id = ${userId}
    ORDER BY s.position, v.ordinal DESC`;
  return rows.map(toVariant);
}

/** Issues the next variant (new seed, current version) of the slot the given variant belongs to. */
export async function issueNextVariant(sql: Sql, variantId: string): Promise<VariantRow | null> {
  const [row] = await sql`
    INSERT INTO variants (slot_id, user_id, ordinal, version, seed)
    SELECT v.slot_id, v.user_id, v.ordinal + 1, q.current_version, floor(random() * 2147483647)::int
    FROM variants v JOIN slots s ON s.id = v.slot_id JOIN questions q ON q.id = s.question_id
    WHERE v.id = ${variantId}
    ON CONFLICT (slot_id, user_id, ordinal) DO NOTHING
    RETURNING *`;
  return row ? toVariant(row) : null;
}

export interface VariantAccess extends VariantRow {
  assignmentId: string; courseId: string; questionId: string; published: boolean; newest: boolean;
}

export async function findVariant(sql: Sql, id: string): Promise<VariantAccess | null> {
  const [row] = await sql`
    SELECT v.*, s.assignment_id, s.question_id, a.course_id, a.published,
      NOT EXISTS (SELECT 1 FROM variants w WHERE w.slot_id = v.slot_id AND w.user_id = v.user_id
                  AND w.ordinal > v.ordinal) AS newest
    FROM variants v JOIN slots s ON s.id = v.slot_id JOIN assignments a ON a.id = s.assignment_id
    WHERE v.id = ${id}`;
  return row
    ? { ...toVariant(row), assignmentId: row.assignment_id, courseId: row.course_id, questionId: row.question_id,
        published: row.published, newest: row.newest }
    : null;
}

export function toVariant(row: Record<string, any>): VariantRow {
  return {
    id: row.id, slotId: row.slot_id, userId: row.user_id, ordinal: row.ordinal, version: row.version, seed: row.seed,
    rendered: row.rendered ?? null,
  };
}

/** Issues a first variant of every slot to every student of the course who has none yet. */
export async function issueVariantsToCourse(sql: Sql, assignmentId: string): Promise<number> {
  const r = await sql`
    INSERT INTO variants (slot_id, user_id, version, seed)
    SELECT s.id, e.user_id, q.current_version, floor(random() * 2147483647)::int
    FROM slots s JOIN questions q ON q.id = s.question_id JOIN assignments a ON a.id = s.assignment_id
    JOIN enrollments e ON e.course_id = a.course_id AND e.role = 'student'
    WHERE s.assignment_id = ${assignmentId}
      AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.slot_id = s.id AND v.user_id = e.user_id)
    ON CONFLICT (slot_id, user_id, ordinal) DO NOTHING`;
  return r.count;
}

/** Variants of the assignment not rendered yet, at most `limit`. */
export async function unrenderedVariants(sql: Sql, assignmentId: string, limit: number): Promise<VariantRow[]> {
  const rows = await sql`
    SELECT v.* FROM variants v JOIN slots s ON s.id = v.slot_id
    WHERE s.assignment_id = ${assignmentId} AND v.rendered IS NULL ORDER BY v.id LIMIT ${limit}`;
  return rows.map(toVariant);
}

export async function storeRendered(sql: Sql, rendered: { id: string; rendered: unknown }[]): Promise<void> {
  if (rendered.length === 0) return;
  const rows = rendered.map((r) => [r.id, JSON.stringify(r.rendered)]);
  await sql`
    UPDATE variants SET rendered = x.rendered::jsonb
    FROM (VALUES ${sql(rows)}) AS x (id, rendered)
    WHERE variants.id = x.id::uuid AND variants.rendered IS NULL`;
}
