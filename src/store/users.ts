// Users and sessions.
import type { Sql } from 'postgres';

export interface User { id: string; email: string; name: string; isAdmin: boolean }
export interface UserWithHash extends User { passwordHash: string }
export interface SessionRow { user: User; csrfToken: string; expiresAt: Date }

export async function insertUser(
  sql: Sql, u: { email: string; name: string; passwordHash: string; isAdmin?: boolean },
): Promise<User> {
  const [row] = await sql`
    INSERT INTO users (email, name, password_hash, is_admin)
    VALUES (${u.email.toLowerCase()}, ${u.name}, ${u.passwordHash}, ${u.isAdmin ?? false})
    RETURNING id, email, name, is_admin`;
  return toUser(row);
}

export async function usersCount(sql: Sql): Promise<number> {
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM users`;
  return n;
}

export async function findUserByEmail(sql: Sql, email: string): Promise<UserWithHash | null> {
  const [row] = await sql`
    SELECT id, email, name, is_admin, password_hash FROM users WHERE email = ${email.toLowerCase()}`;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function findUsersByEmails(sql: Sql, emails: string[]): Promise<User[]> {
  const rows = await sql`
    SELECT id, email, name, is_admin FROM users WHERE email = ANY(${emails.map((e) => e.toLowerCase())})`;
  return rows.map(toUser);
}

export async function insertSession(
  sql: Sql, s: { tokenHash: Buffer; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await sql`
    INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
    VALUES (${s.tokenHash}, ${s.userId}, ${s.csrfToken}, ${s.expiresAt})`;
}

export async function findSession(sql: Sql, tokenHash: Buffer): Promise<SessionRow | null> {
  const [row] = await sql`
    SELECT u.id, u.email, u.name, u.is_admin, s.csrf_token, s.expires_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > now()`;
  return row ? { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
}

export async function deleteSession(sql: Sql, tokenHash: Buffer): Promise<void> {
  await sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`;
}

export async function deleteExpiredSessions(sql: Sql): Promise<number> {
  const r = await sql`DELETE FROM sessions WHERE expires_at <= now()`;
  return r.count;
}

function toUser(row: Record<string, any>): User {
  return { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin };
}
