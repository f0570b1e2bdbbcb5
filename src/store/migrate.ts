// Schema migrations: numbered .sql files applied in order, once each, under an advisory lock so
// that several app servers starting together apply each migration exactly once
// (docs/operations.md, "Schema migrations without downtime").
//
// A migration runs in its own transaction with `lock_timeout` set. One whose first line is
// `-- steadfast: no-transaction` runs statement by statement outside a transaction instead, for
// what PostgreSQL refuses in one: `CREATE INDEX CONCURRENTLY`. Its statements must be safe to run
// again (IF NOT EXISTS), since a failure part-way leaves the ones before it done.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReservedSql, Sql } from 'postgres';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any one migration statement waits at most this long for a table lock, then fails and can be retried. */
export const migrationLockTimeoutMs = 5_000;
const advisoryLockKey = 7_346_120_011; // arbitrary, constant: "steadfast migrations"
const noTransactionMarker = '-- steadfast: no-transaction';

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

/** Applies every pending migration of `migrations` (default: the project's); returns the names applied. */
export async function migrate(sql: Sql, log: (line: string) => void = () => {}, migrations = listMigrations()): Promise<string[]> {
  const applied: string[] = [];
  const conn = await sql.reserve();
  try {
    await conn`SELECT pg_advisory_lock(${advisoryLockKey})`;
    try {
      await conn`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
      const done = new Set((await conn`SELECT version FROM schema_migrations`).map((r) => r.version as number));
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        if (m.sql.startsWith(noTransactionMarker)) {
          await runOutsideTransaction(conn, m);
        } else {
          await conn.unsafe('BEGIN');
          try {
            await conn.unsafe(`SET LOCAL lock_timeout = '${migrationLockTimeoutMs}ms'`);
            await conn.unsafe(m.sql);
            await conn`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`;
            await conn.unsafe('COMMIT');
          } catch (err) {
            await conn.unsafe('ROLLBACK').catch(() => {});
            throw err;
          }
        }
        log(`migration ${m.version} ${m.name} applied`);
        applied.push(m.name);
      }
    } finally {
      await conn`SELECT pg_advisory_unlock(${advisoryLockKey})`.catch(() => {});
    }
  } finally {
    conn.release();
  }
  return applied;
}

/** The statements of a no-transaction migration: split at a semicolon that ends a line. */
export function splitStatements(text: string): string[] {
  return text.split(/;[ \t]*(?:--[^\n]*)?\r?\n|;[ \t]*$/)
    .map((s) => s.split('\n').filter((line) => !/^\s*--/.test(line)).join('\n').trim())
    .filter((s) => s.length > 0);
}

const concurrentIndex = /^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+IF\s+NOT\s+EXISTS\s+("?[a-z_][a-z0-9_]*"?)\s+ON\s+("?[a-z_][a-z0-9_]*"?)\s+(.+)$/is;

async function runOutsideTransaction(conn: ReservedSql, m: Migration): Promise<void> {
  await conn.unsafe(`SET lock_timeout = '${migrationLockTimeoutMs}ms'`);
  try {
    for (const statement of splitStatements(m.sql)) {
      const index = concurrentIndex.exec(statement);
      if (index) await createIndexConcurrently(conn, m, index[2]!, index[3]!, index[4]!, Boolean(index[1]));
      else if (/^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY/i.test(statement)) {
        throw new Error(`migration ${m.version} ${m.name}: write CREATE INDEX CONCURRENTLY IF NOT EXISTS name ON table (…), so that a retry after a failure is safe`);
      } else await conn.unsafe(statement);
    }
    await conn`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`;
  } finally {
    await conn.unsafe('RESET lock_timeout');
  }
}

/**
 * CREATE INDEX CONCURRENTLY, made safe to retry and usable on a partitioned table. An index of
 * that name left invalid by an earlier failed try is dropped first. On a partitioned table, which
 * PostgreSQL cannot index concurrently, the index is made on the parent only (invalid, instant),
 * then concurrently on each partition and attached; it turns valid once every partition has it,
 * and partitions made later get it at creation.
 */
async function createIndexConcurrently(conn: ReservedSql, m: Migration, name: string, table: string, rest: string, unique: boolean): Promise<void> {
  const bare = (identifier: string) => identifier.replace(/"/g, '');
  const kind = unique ? 'UNIQUE INDEX' : 'INDEX';
  const [target] = await conn`SELECT relkind FROM pg_class WHERE oid = to_regclass(${bare(table)})`;
  if (!target) throw new Error(`migration ${m.version} ${m.name}: there is no table ${table} to index`);
  if (target.relkind !== 'p') {
    await dropIfInvalid(conn, bare(name));
    await conn.unsafe(`CREATE ${kind} CONCURRENTLY IF NOT EXISTS ${name} ON ${table} ${rest}`);
    return;
  }
  await conn.unsafe(`CREATE ${kind} IF NOT EXISTS ${name} ON ONLY ${table} ${rest}`);
  const partitions = await conn`
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass(${bare(table)}) ORDER BY c.relname`;
  for (const { relname } of partitions) {
    const child = `${bare(name)}_${relname}`.slice(0, 63);
    const [attached] = await conn`
      SELECT 1 FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid
      WHERE i.inhparent = to_regclass(${bare(name)}) AND x.indrelid = to_regclass(${relname})`;
    if (attached) continue;
    await dropIfInvalid(conn, child);
    await conn.unsafe(`CREATE ${kind} CONCURRENTLY IF NOT EXISTS "${child}" ON "${relname}" ${rest}`);
    await conn.unsafe(`ALTER INDEX ${name} ATTACH PARTITION "${child}"`);
  }
}

async function dropIfInvalid(conn: ReservedSql, name: string): Promise<void> {
  const [row] = await conn`SELECT NOT indisvalid AS invalid FROM pg_index WHERE indexrelid = to_regclass(${name})`;
  if (row?.invalid) await conn.unsafe(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
}
