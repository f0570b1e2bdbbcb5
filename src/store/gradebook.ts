// Gradebook and per-question statistics: read-only projections over scores and submissions.
import type { Sql } from 'postgres';

export interface GradebookCell { assignmentId: string; earned: number; possible: number }
export interface GradebookRow { userId: string; email: string; name: string; cells: GradebookCell[] }

export async function gradebook(sql: Sql, courseId: string): Promise<GradebookRow[]> {
  const rows = await sql`
    SELECT u.id AS user_id, u.email, u.name, a.id AS assignment_id,
      coalesce(sum(sc.fraction * s.points), 0)::float8 AS earned, coalesce(sum(s.points), 0)::float8 AS possible
    FROM enrollments e
    JOIN users u ON u.id = e.user_id
    JOIN assignments a ON a.course_id = e.course_id AND a.published
    LEFT JOIN slots s ON s.assignment_id = a.id
    LEFT JOIN scores sc ON sc.slot_id = s.id AND sc.user_id = u.id
    WHERE e.course_id = ${courseId} AND e.role = 'student'
    GROUP BY u.id, a.id
    ORDER BY u.name, u.email, a.due_at, a.id`;
  const byUser = new Map<string, GradebookRow>();
  for (const r of rows) {
    let row = byUser.get(r.user_id);
    if (!row) byUser.set(r.user_id, (row = { userId: r.user_id, email: r.email, name: r.name, cells: [] }));
    row.cells.push({ assignmentId: r.assignment_id, earned: r.earned, possible: r.possible });
  }
  return [...byUser.values()];
}

export interface PartStatistics {
  slotId: string; position: number; questionId: string; partId: string;
  attempts: number; students: number; firstTryCorrectPercent: number;
  commonWrongAnswers: { answer: string; count: number }[];
}
/** How many of the most common wrong answers each part lists. */
export const commonWrongAnswersMax = 5;

export async function partStatistics(sql: Sql, assignmentId: string): Promise<PartStatistics[]> {
  const rows = await sql`
    WITH graded AS (      -- every graded answer to every part of the assignment
      SELECT s.id AS slot_id, s.position, s.question_id, r.key AS part_id, v.user_id,
        left(r.value, 1) = 'c' AS correct, lower(trim(su.answers->>r.key)) AS answer,
        row_number() OVER (PARTITION BY s.id, r.key, v.user_id ORDER BY su.server_time, su.id) AS try
      FROM slots s JOIN variants v ON v.slot_id = s.id JOIN submissions su ON su.variant_id = v.id,
        jsonb_each_text(su.outcome) r   -- outcome encoding: src/grading/outcome.ts
      WHERE s.assignment_id = ${assignmentId} AND left(r.value, 1) IN ('c', 'w')),
    wrong AS (            -- the most common wrong answers of each part
      SELECT slot_id, part_id, answer, count(*) AS n,
        row_number() OVER (PARTITION BY slot_id, part_id ORDER BY count(*) DESC, answer) AS rank
      FROM graded WHERE NOT correct GROUP BY slot_id, part_id, answer)
    SELECT g.slot_id, g.position, g.question_id, g.part_id, count(*)::int AS attempts,
      count(DISTINCT g.user_id)::int AS students,
      (100.0 * count(*) FILTER (WHERE g.try = 1 AND g.correct) / nullif(count(*) FILTER (WHERE g.try = 1), 0))::float8 AS first_try,
      (SELECT coalesce(json_agg(json_build_object('answer', w.answer, 'count', w.n) ORDER BY w.rank), '[]')
       FROM wrong w WHERE w.slot_id = g.slot_id AND w.part_id = g.part_id AND w.rank <= ${commonWrongAnswersMax}) AS wrong
    FROM graded g GROUP BY g.slot_id, g.position, g.question_id, g.part_id
    ORDER BY g.position, g.part_id`;
  return rows.map((r) => ({
    slotId: r.slot_id, position: r.position, questionId: r.question_id, partId: r.part_id,
    attempts: r.attempts, students: r.students, firstTryCorrectPercent: Math.round((r.first_try ?? 0) * 10) / 10,
    commonWrongAnswers: r.wrong.map((w: { answer: string; count: string | number }) => ({ answer: w.answer, count: Number(w.count) })),
  }));
}

/** Every submission of a course with what regrading needs, oldest first per (user, slot). */
export async function courseSubmissionsForRegrade(sql: Sql, courseId: string) {
  return sql`
    SELECT su.id, v.user_id, su.variant_id, su.answers, su.server_time, su.captured_at,
      v.slot_id, v.version, v.seed, a.id AS assignment_id
    FROM submissions su JOIN variants v ON v.id = su.variant_id JOIN slots s ON s.id = v.slot_id
    JOIN assignments a ON a.id = s.assignment_id
    WHERE a.course_id = ${courseId}
    ORDER BY v.user_id, v.slot_id, su.server_time, su.id`;
}

export async function scoresOfCourse(sql: Sql, courseId: string): Promise<{ userId: string; slotId: string; fraction: number }[]> {
  const rows = await sql`
    SELECT sc.user_id, sc.slot_id, sc.fraction FROM scores sc JOIN slots s ON s.id = sc.slot_id
    JOIN assignments a ON a.id = s.assignment_id WHERE a.course_id = ${courseId}`;
  return rows.map((r) => ({ userId: r.user_id, slotId: r.slot_id, fraction: r.fraction }));
}

/** Emails of users and assignment titles of slots, for reports. */
export async function slotAndUserNames(sql: Sql, userIds: string[], slotIds: string[]) {
  const [users, slots] = await Promise.all([
    sql`SELECT id, email FROM users WHERE id = ANY(${[...new Set(userIds)]})`,
    sql`SELECT s.id, a.title FROM slots s JOIN assignments a ON a.id = s.assignment_id WHERE s.id = ANY(${[...new Set(slotIds)]})`,
  ]);
  return {
    emails: new Map(users.map((r) => [r.id as string, r.email as string])),
    titles: new Map(slots.map((r) => [r.id as string, r.title as string])),
  };
}
