// Outage windows: periods in which one app server could not commit (DESIGN §2, issue 4).
// Written by the outage recorder once the database is writable again; read by
// `cluster status` and, later, by the outage-aware deadline rule.
import type { Sql } from 'postgres';

/** The most outage windows one query returns. */
export const recentOutagesMax = 1000;

export interface Outage {
  /** Client-made UUID: the same window written twice is stored once. */
  id: string;
  region: string;
  /** The app server (host:port or a name) that could not commit. */
  node: string;
  startedAt: Date;
  /** null while the window is still open. */
  endedAt: Date | null;
  detail: string;
}

interface OutageRow {
  id: string;
  region: string;
  node: string;
  started_at: Date;
  ended_at: Date | null;
  detail: string;
}

/** Stores or completes a window; repeating it changes nothing (idempotent by id). */
export async function upsertOutage(sql: Sql, outage: Outage): Promise<void> {
  await sql`
    INSERT INTO outages (id, region, node, started_at, ended_at, detail)
    VALUES (${outage.id}, ${outage.region}, ${outage.node}, ${outage.startedAt},
            ${outage.endedAt}, ${outage.detail})
    ON CONFLICT (id) DO UPDATE
      SET ended_at = COALESCE(EXCLUDED.ended_at, outages.ended_at),
          detail = EXCLUDED.detail`;
}

/** The latest windows first (by start), at most `limit` (capped at recentOutagesMax). */
export async function recentOutages(sql: Sql, limit: number): Promise<Outage[]> {
  const n = Math.max(0, Math.min(Math.floor(limit), recentOutagesMax));
  const rows = await sql<OutageRow[]>`
    SELECT id, region, node, started_at, ended_at, detail
    FROM outages ORDER BY started_at DESC, id LIMIT ${n}`;
  return rows.map((r) => ({
    id: r.id, region: r.region, node: r.node,
    startedAt: r.started_at, endedAt: r.ended_at, detail: r.detail,
  }));
}
