// Assignments, their question slots, and per-student extensions.
import type { Sql } from 'postgres';
import type { AssignmentPolicy } from '../grading/index.ts';

/** What an instructor sets: the grading policy (src/grading) plus title and visibility. */
export interface AssignmentFields extends AssignmentPolicy {
  title: string;
  published: boolean;
  answersReleased: boolean;
}
export interface Assignment extends AssignmentFields { id: string; courseId: string }
export interface Slot { id: string; assignmentId: string; position: number; questionId: string; points: number }

export async function insertAssignment(
  sql: Sql, courseId: string, a: AssignmentFields, slots: { questionId: string; points: number }[],
): Promise<Assignment> {
  return sql.begin(async (tx) => {
    const [row] = await tx`
      INSERT INTO assignments (course_id, title, opens_at, due_at, late_windows, attempts_max,
        penalty_per_wrong, new_variant_after_wrong, published, answers_released)
      VALUES (${courseId}, ${a.title}, ${a.opensAt}, ${a.dueAt}, ${tx.json(a.lateWindows as any)}, ${a.attemptsMax},
        ${a.penaltyPerWrong}, ${a.newVariantAfterWrong}, ${a.published}, ${a.answersReleased})
      RETURNING *`;
    await insertSlots(tx as unknown as Sql, row.id, slots, 1);
    return toAssignment(row);
  }) as Promise<Assignment>;
}

export async function updateAssignment(sql: Sql, id: string, a: AssignmentFields): Promise<Assignment | null> {
  const [row] = await sql`
    UPDATE assignments SET title = ${a.title}, opens_at = ${a.opensAt}, due_at = ${a.dueAt},
      late_windows = ${sql.json(a.lateWindows as any)}, attempts_max = ${a.attemptsMax},
      penalty_per_wrong = ${a.penaltyPerWrong}, new_variant_after_wrong = ${a.newVariantAfterWrong},
      published = ${a.published}, answers_released = ${a.answersReleased}
    WHERE id = ${id} RETURNING *`;
  return row ? toAssignment(row) : null;
}

/** Appends slots after the existing ones. */
export async function insertSlots(
  sql: Sql, assignmentId: string, slots: { questionId: string; points: number }[], firstPosition?: number,
): Promise<Slot[]> {
  if (slots.length === 0) return [];
  let start = firstPosition;
  if (start === undefined) {
    const [r] = await sql`SELECT coalesce(max(position), 0) + 1 AS next FROM slots WHERE assignment_id = ${assignmentId}`;
    start = r.next as number;
  }
  const rows = slots.map((s, i) => ({
    assignment_id: assignmentId, position: start! + i, question_id: s.questionId, points: s.points,
  }));
  const inserted = await sql`INSERT INTO slots ${sql(rows)} RETURNING *`;
  return inserted.map(toSlot);
}

export async function findAssignment(sql: Sql, id: string): Promise<Assignment | null> {
  const [row] = await sql`SELECT * FROM assignments WHERE id = ${id}`;
  return row ? toAssignment(row) : null;
}

export async function assignmentsOfCourse(sql: Sql, courseId: string, publishedOnly: boolean): Promise<Assignment[]> {
  const rows = await sql`
    SELECT * FROM assignments WHERE course_id = ${courseId} ${publishedOnly ? sql`AND published` : sql``}
    ORDER BY due_at, title, id`;
  return rows.map(toAssignment);
}

export async function slotsOf(sql: Sql, assignmentId: string): Promise<Slot[]> {
  const rows = await sql`SELECT * FROM slots WHERE assignment_id = ${assignmentId} ORDER BY position`;
  return rows.map(toSlot);
}

export async function upsertExtension(
  sql: Sql, assignmentId: string, userId: string, dueAt: Date, grantedBy: string,
): Promise<void> {
  await sql`
    INSERT INTO extensions (assignment_id, user_id, due_at, granted_by)
    VALUES (${assignmentId}, ${userId}, ${dueAt}, ${grantedBy})
    ON CONFLICT (assignment_id, user_id) DO UPDATE SET due_at = EXCLUDED.due_at,
      granted_by = EXCLUDED.granted_by, created_at = now()`;
}

export async function extensionsOf(sql: Sql, assignmentId: string): Promise<{ userId: string; dueAt: Date }[]> {
  const rows = await sql`SELECT user_id, due_at FROM extensions WHERE assignment_id = ${assignmentId} ORDER BY user_id`;
  return rows.map((r) => ({ userId: r.user_id, dueAt: r.due_at }));
}

export function toAssignment(row: Record<string, any>): Assignment {
  return {
    id: row.id, courseId: row.course_id, title: row.title, opensAt: new Date(row.opens_at), dueAt: new Date(row.due_at),
    lateWindows: row.late_windows, attemptsMax: row.attempts_max, penaltyPerWrong: row.penalty_per_wrong,
    newVariantAfterWrong: row.new_variant_after_wrong, published: row.published, answersReleased: row.answers_released,
  };
}

function toSlot(row: Record<string, any>): Slot {
  return { id: row.id, assignmentId: row.assignment_id, position: row.position, questionId: row.question_id, points: row.points };
}

/**
 * Demo data only: moves an assignment and every submission to it `ms` into the past, as if it
 * had all happened then (so regrading the demo changes nothing). Never used on real data.
 */
export async function backdateAssignment(sql: Sql, assignmentId: string, ms: number): Promise<void> {
  await sql.begin(async (tx) => {
    const by = `${Math.round(ms)} milliseconds`;
    await tx`UPDATE assignments SET opens_at = opens_at - ${by}::interval, due_at = due_at - ${by}::interval,
      created_at = created_at - ${by}::interval WHERE id = ${assignmentId}`;
    await tx`UPDATE submissions su SET server_time = su.server_time - ${by}::interval,
      captured_at = su.captured_at - ${by}::interval
      FROM variants v JOIN slots s ON s.id = v.slot_id
      WHERE su.variant_id = v.id AND s.assignment_id = ${assignmentId}`;
  });
}
