// The submissions log's monthly partitions (migration 006): made ahead of need, reported on.
import type { Sql } from 'postgres';

/** Partitions are kept this many months ahead of the current one. */
export const partitionMonthsAhead = 3;
/** How often a server makes sure the partitions ahead exist. */
export const partitionCheckIntervalMs = 60 * 60_000;
/**
 * Making a partition briefly locks the whole submissions table; it waits at most this long for
 * the lock (so submissions never queue behind it for longer), then gives up until the next check.
 */
export const partitionLockTimeoutMs = 1_000;

/** year * 12 + month - 1, in UTC: the partition key of a variant issued at `t`. */
export function monthOf(t: Date): number {
  return t.getUTCFullYear() * 12 + t.getUTCMonth();
}

export function monthName(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
 * Makes the missing partitions from this month to `partitionMonthsAhead` ahead, and one for each
 * month that has rows in the default partition (moving them there); returns how many it made.
 */
export async function ensurePartitions(sql: Sql, now: Date = new Date()): Promise<number> {
  const first = monthOf(now);
  return sql.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL lock_timeout = '${partitionLockTimeoutMs}ms'`);
    let made = 0;
    const stray = await tx`SELECT DISTINCT month FROM submissions_default ORDER BY month`;
    for (const { month } of stray) {
      made += (await tx`SELECT ensure_submission_partitions(${month}::smallint, ${month}::smallint) AS made`)[0]!.made as number;
    }
    const [row] = await tx`SELECT ensure_submission_partitions(${first}::smallint, ${first + partitionMonthsAhead}::smallint) AS made`;
    return made + (row!.made as number);
  });
}

export interface PartitionReport {
  name: string;
  /** null for the default partition. */
  month: string | null;
  rows: number;
  bytes: number;
}

/**
 * Every partition with its size (table, indexes and TOAST). Row counts are PostgreSQL's
 * estimates (from the last analyze), except where there is none yet and for the default
 * partition, which are counted (the default partition should be empty).
 */
export async function partitionReport(sql: Sql): Promise<PartitionReport[]> {
  const rows = await sql`
    SELECT c.oid::regclass::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound,
      c.reltuples::bigint AS estimate, pg_total_relation_size(c.oid)::bigint AS bytes
    FROM pg_partition_tree('submissions') t JOIN pg_class c ON c.oid = t.relid
    WHERE t.isleaf ORDER BY c.relname`;
  const out: PartitionReport[] = [];
  for (const r of rows) {
    const from = /FROM \('?(\d+)'?\)/.exec(r.bound as string);
    const isDefault = from === null;
    const estimate = Number(r.estimate);
    const rowCount = isDefault || estimate < 0
      ? Number((await sql`SELECT count(*)::bigint AS n FROM ${sql(r.name as string)}`)[0]!.n)
      : estimate;
    out.push({ name: r.name, month: isDefault ? null : monthName(Number(from[1])), rows: rowCount, bytes: Number(r.bytes) });
  }
  return out;
}

/** Bytes of the whole submissions log: every partition's table, indexes and TOAST. */
export async function submissionsBytes(sql: Sql): Promise<number> {
  const [row] = await sql`
    SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint AS bytes FROM pg_partition_tree('submissions')`;
  return Number(row!.bytes);
}
