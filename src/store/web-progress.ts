// What the student dashboard needs in one round trip: per assignment of a course, the points
// possible, the points earned so far, how many questions were answered, and any extension.
import type { Sql } from 'postgres';
import { toLogged, type LoggedSubmission } from './submissions.ts';

export interface AssignmentProgress {
  assignmentId: string;
  possible: number;
  earned: number;
  questions: number;
  answered: number;
  extensionDueAt: Date | null;
}

export async function progressOfStudent(sql: Sql, courseId: string, userId: string): Promise<Map<string, AssignmentProgress>> {
  const rows = await sql`
    SELECT a.id,
           coalesce(sum(s.points), 0)::float8 AS possible,
           coalesce(sum(s.points * sc.fraction), 0)::float8 AS earned,
           count(s.id)::int AS questions,
           count(sc.slot_id)::int AS answered,
           (SELECT e.due_at FROM extensions e WHERE e.assignment_id = a.id AND e.user_id = ${userId}) AS extension_due_at
    FROM assignments a
    LEFT JOIN slots s ON s.assignment_id = a.id
    LEFT JOIN scores sc ON sc.slot_id = s.id AND sc.user_id = ${userId}
    WHERE a.course_id = ${courseId}
    GROUP BY a.id`;
  return new Map(rows.map((r) => [r.id as string, {
    assignmentId: r.id, possible: r.possible, earned: r.earned, questions: r.questions, answered: r.answered,
    extensionDueAt: r.extension_due_at ? new Date(r.extension_due_at) : null,
  }]));
}

/** The student's extended due date for one assignment, if granted. */
export async function extensionOfStudent(sql: Sql, assignmentId: string, userId: string): Promise<Date | null> {
  const [row] = await sql`SELECT due_at FROM extensions WHERE assignment_id = ${assignmentId} AND user_id = ${userId}`;
  return row ? new Date(row.due_at) : null;
}

/** The student's attempt history of every slot of an assignment in one query, oldest first per slot. */
export async function historyOfAssignment(sql: Sql, assignmentId: string, userId: string): Promise<Map<string, LoggedSubmission[]>> {
  const rows = await sql`
    SELECT h.* FROM submission_history h JOIN slots s ON s.id = h.slot_id
    WHERE s.assignment_id = ${assignmentId} AND h.user_id = ${userId} ORDER BY h.server_time, h.id`;
  const bySlot = new Map<string, LoggedSubmission[]>();
  for (const row of rows) {
    if (!bySlot.has(row.slot_id)) bySlot.set(row.slot_id, []);
    bySlot.get(row.slot_id)!.push(toLogged(row));
  }
  return bySlot;
}
