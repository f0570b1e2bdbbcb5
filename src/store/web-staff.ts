// What the instructor and TA pages read beyond the shared modules: slot counts per assignment,
// slots with their question titles, one member of a course, and changing a slot's points.
import type { Sql } from 'postgres';
import type { Member } from './courses.ts';

export interface AssignmentSize { slots: number; points: number }
export interface SlotWithTitle { id: string; position: number; questionId: string; points: number; title: string }

/** Questions and points of every assignment of a course, by assignment id. */
export async function assignmentSizes(sql: Sql, courseId: string): Promise<Map<string, AssignmentSize>> {
  const rows = await sql`
    SELECT a.id, count(s.id)::int AS slots, coalesce(sum(s.points), 0)::float8 AS points
    FROM assignments a LEFT JOIN slots s ON s.assignment_id = a.id
    WHERE a.course_id = ${courseId} GROUP BY a.id`;
  return new Map(rows.map((r) => [r.id as string, { slots: r.slots, points: r.points }]));
}

/** The slots of an assignment in order, each with the title of its question's current version. */
export async function slotsWithTitles(sql: Sql, assignmentId: string): Promise<SlotWithTitle[]> {
  const rows = await sql`
    SELECT s.id, s.position, s.question_id, s.points, coalesce(v.title, s.question_id) AS title
    FROM slots s LEFT JOIN questions q ON q.id = s.question_id
    LEFT JOIN question_versions v ON v.version = q.current_version
    WHERE s.assignment_id = ${assignmentId} ORDER BY s.position`;
  return rows.map((r) => ({ id: r.id, position: r.position, questionId: r.question_id, points: r.points, title: r.title }));
}

/** One member of a course, or null when the user is not enrolled in it. */
export async function memberOfCourse(sql: Sql, courseId: string, userId: string): Promise<Member | null> {
  const [r] = await sql`
    SELECT u.id, u.email, u.name, e.role FROM enrollments e JOIN users u ON u.id = e.user_id
    WHERE e.course_id = ${courseId} AND e.user_id = ${userId}`;
  return r ? { userId: r.id, email: r.email, name: r.name, role: r.role } : null;
}

/** Sets the points of slots of one assignment (slots of other assignments are left alone). */
export async function updateSlotPoints(sql: Sql, assignmentId: string, points: { slotId: string; points: number }[]): Promise<void> {
  for (const p of points) {
    await sql`UPDATE slots SET points = ${p.points} WHERE id = ${p.slotId} AND assignment_id = ${assignmentId}`;
  }
}
