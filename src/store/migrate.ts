// Schema migrations: numbered .sql files applied in order, once each, under an advisory
// lock so that several app servers starting together apply each migration exactly once.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any one migration waits at most this long for a table lock, then fails and can be retried. */
export const migrationLockTimeoutMs = 5_000;
const advisoryLockKey = 7_346_120_011; // arbitrary, constant: "steadfast migrations"

export interface Migration { version: number; name: string; sql: string }

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: readFileSync(migrationsDir + f, 'utf8'),
    }));
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(sql: Sql, log: (line: string) => void = () => {}): Promise<string[]> {
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${advisoryLockKey})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
    const done = new Set((await tx`SELECT version FROM schema_migrations`).map((r) => r.version as number));
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await tx.unsafe(`SET LOCAL lock_timeout = '${migrationLockTimeoutMs}ms'`);
      await tx.unsafe(m.sql);
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`;
      log(`migration ${m.version} ${m.name} applied`);
      applied.push(m.name);
    }
  });
  return applied;
}
