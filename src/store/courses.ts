// Courses and enrollments (roles per course).
import type { Sql } from 'postgres';

export type Role = 'instructor' | 'ta' | 'student';
export const roles: readonly Role[] = ['instructor', 'ta', 'student'];

export interface CourseSettings {
  logBase: 10 | 'e';
  /** How long after an outage ends an answer captured before the deadline still counts as on time. */
  outageGraceMinutes: number;
  /** IANA time zone used to show dates when the student's own is unknown. */
  timeZone: string;
}
export const defaultCourseSettings: CourseSettings = { logBase: 'e', outageGraceMinutes: 60, timeZone: 'UTC' };

export interface Course { id: string; title: string; settings: CourseSettings }
export interface CourseForUser { id: string; title: string; role: Role }
export interface Member { userId: string; email: string; name: string; role: Role }

export async function insertCourse(sql: Sql, title: string, settings: Partial<CourseSettings> = {}): Promise<Course> {
  const [row] = await sql`
    INSERT INTO courses (title, settings) VALUES (${title}, ${sql.json({ ...defaultCourseSettings, ...settings })})
    RETURNING id, title, settings`;
  return toCourse(row);
}

export async function findCourse(sql: Sql, id: string): Promise<Course | null> {
  const [row] = await sql`SELECT id, title, settings FROM courses WHERE id = ${id}`;
  return row ? toCourse(row) : null;
}

export async function coursesForUser(sql: Sql, userId: string): Promise<CourseForUser[]> {
  const rows = await sql`
    SELECT c.id, c.title, e.role FROM enrollments e JOIN courses c ON c.id = e.course_id
    WHERE e.user_id = ${userId} ORDER BY c.title, c.id`;
  return rows.map((r) => ({ id: r.id, title: r.title, role: r.role }));
}

export async function allCourses(sql: Sql): Promise<{ id: string; title: string }[]> {
  const rows = await sql`SELECT id, title FROM courses ORDER BY title, id`;
  return rows.map((r) => ({ id: r.id, title: r.title }));
}

export async function roleInCourse(sql: Sql, courseId: string, userId: string): Promise<Role | null> {
  const [row] = await sql`SELECT role FROM enrollments WHERE course_id = ${courseId} AND user_id = ${userId}`;
  return row ? row.role : null;
}

/** Enrolls or changes the role of a user; returns true when a row was added or changed. */
export async function upsertEnrollment(sql: Sql, courseId: string, userId: string, role: Role): Promise<boolean> {
  const r = await sql`
    INSERT INTO enrollments (course_id, user_id, role) VALUES (${courseId}, ${userId}, ${role})
    ON CONFLICT (course_id, user_id) DO UPDATE SET role = EXCLUDED.role
    WHERE enrollments.role <> EXCLUDED.role`;
  return r.count > 0;
}

export async function members(sql: Sql, courseId: string, role?: Role): Promise<Member[]> {
  const rows = await sql`
    SELECT u.id, u.email, u.name, e.role FROM enrollments e JOIN users u ON u.id = e.user_id
    WHERE e.course_id = ${courseId} ${role ? sql`AND e.role = ${role}` : sql``}
    ORDER BY u.name, u.email`;
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role }));
}

function toCourse(row: Record<string, any>): Course {
  return { id: row.id, title: row.title, settings: { ...defaultCourseSettings, ...row.settings } };
}

export async function updateCourseSettings(sql: Sql, id: string, changes: Partial<CourseSettings>): Promise<Course | null> {
  const [row] = await sql`
    UPDATE courses SET settings = settings || ${sql.json(changes)} WHERE id = ${id} RETURNING id, title, settings`;
  return row ? toCourse(row) : null;
}
