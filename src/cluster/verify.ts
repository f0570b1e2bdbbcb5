// Checks a drill's outcome against the database itself: every acknowledged submission id
// must be on the primary and, once each replica has replayed the primary's WAL position,
// on every replica; no submission may be stored twice (by id, or one answer intent under
// two ids); and the longest stretch without a commit (write gap) is measured from the
// primary's server_time.
import postgres from 'postgres';

/** Ids looked up per query. */
export const verifyBatchSize = 5_000;
/** How long a replica may take to replay up to the primary's WAL position. */
export const replicaCatchUpTimeoutMs = 60_000;
export const replicaPollMs = 250;
/** Any one verification query is cancelled after this long. */
export const verifyStatementTimeoutMs = 60_000;
export const verifyConnectTimeoutS = 5;

export interface NodeUrl { region: string; url: string }

export interface NodeCheck { region: string; role: 'primary' | 'replica'; caughtUp: boolean; missing: number }

export interface Verification {
  acked: number;
  /** Acknowledged ids missing on at least one node. */
  lost: number;
  /** Ids stored more than once plus answer intents stored under more than one id. */
  duplicated: number;
  /** Longest time between consecutive acknowledged commits, seconds. */
  writeGapS: number;
  nodes: NodeCheck[];
}

type Sql = postgres.Sql;

function connect(url: string): Sql {
  return postgres(url, {
    max: 1, connect_timeout: verifyConnectTimeoutS, onnotice: () => {},
    connection: { statement_timeout: verifyStatementTimeoutMs, application_name: 'steadfast-verify' },
  });
}

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += verifyBatchSize) out.push(items.slice(i, i + verifyBatchSize));
  return out;
}

async function presentIds(sql: Sql, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of batches(ids)) {
    const rows = await sql<{ id: string }[]>`SELECT id::text AS id FROM submissions WHERE id = ANY(${batch}::uuid[])`;
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** Waits (bounded) until the replica has replayed at least `lsn`. */
async function catchUp(sql: Sql, lsn: string): Promise<boolean> {
  const deadline = Date.now() + replicaCatchUpTimeoutMs;
  while (Date.now() < deadline) {
    const [r] = await sql<{ done: boolean | null }[]>`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS done`;
    if (r?.done) return true;
    await new Promise((res) => setTimeout(res, replicaPollMs));
  }
  return false;
}

/** Longest gap between consecutive server_time values of the given ids, in seconds. */
async function writeGap(sql: Sql, ids: string[]): Promise<number> {
  const times: number[] = [];
  for (const batch of batches(ids)) {
    const rows = await sql<{ t: Date }[]>`SELECT server_time AS t FROM submissions WHERE id = ANY(${batch}::uuid[])`;
    for (const r of rows) times.push(r.t.getTime());
  }
  times.sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i]! - times[i - 1]!);
  return gap / 1000;
}

/** Duplicates among rows committed since `since`: by id, and by answer intent. */
async function duplicates(sql: Sql, since: Date): Promise<number> {
  const [byId] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT id FROM submissions WHERE server_time >= ${since} GROUP BY id HAVING count(*) > 1) d`;
  // One intent = the answers to one variant (so of one student) captured at one instant.
  const [byIntent] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM submissions WHERE server_time >= ${since}
      GROUP BY variant_id, captured_at, answers HAVING count(*) > 1) d`;
  return (byId?.n ?? 0) + (byIntent?.n ?? 0);
}

/** Verifies acknowledged ids on every node; exactly one node must be the primary. */
export async function verifyAcks(nodes: NodeUrl[], ackedIds: string[], since: Date): Promise<Verification> {
  const conns = nodes.map((n) => ({ ...n, sql: connect(n.url) }));
  try {
    const roles = await Promise.all(conns.map(async (c) =>
      (await c.sql<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r ? 'replica' as const : 'primary' as const));
    const primaries = conns.filter((_, i) => roles[i] === 'primary');
    if (primaries.length !== 1) {
      throw new Error(`expected exactly one primary to verify against, found ${primaries.length}: wait until \`steadfast cluster status\` is healthy`);
    }
    const primary = primaries[0]!.sql;
    const [wal] = await primary<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
    const lsn = wal!.lsn;
    const lostIds = new Set<string>();
    const checks: NodeCheck[] = [];
    for (const [i, c] of conns.entries()) {
      const caughtUp = roles[i] === 'primary' || await catchUp(c.sql, lsn);
      const found = await presentIds(c.sql, ackedIds);
      const missing = ackedIds.filter((id) => !found.has(id));
      for (const id of missing) lostIds.add(id);
      checks.push({ region: c.region, role: roles[i]!, caughtUp, missing: missing.length });
    }
    return {
      acked: ackedIds.length, lost: lostIds.size, duplicated: await duplicates(primary, since),
      writeGapS: await writeGap(primary, ackedIds), nodes: checks,
    };
  } finally {
    await Promise.all(conns.map((c) => c.sql.end({ timeout: 5 })));
  }
}
