// Session-level advisory locks: one process at a time does a piece of work, across servers.
import type { Sql } from 'postgres';

/** Runs `work` while holding the advisory lock `key` on a connection reserved for it. */
export async function withAdvisoryLock<T>(sql: Sql, key: number, work: () => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  try {
    await conn`SELECT pg_advisory_lock(${key})`;
    return await work();
  } finally {
    await conn`SELECT pg_advisory_unlock(${key})`.catch(() => {});
    conn.release();
  }
}
