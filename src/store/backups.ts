// Backup verifications (`steadfast backup verify`): one row per restore test of a backup.
import type { Sql } from 'postgres';

/** The most verifications one query returns. */
export const recentVerificationsMax = 100;

export interface BackupVerification {
  id: string;
  backupLabel: string;
  verifiedAt: Date;
  ok: boolean;
  restoredCount: number | null;
  expectedCountMin: number | null;
  expectedCountMax: number | null;
  seconds: number;
  detail: string;
}

export async function recordVerification(sql: Sql, v: BackupVerification): Promise<void> {
  await sql`
    INSERT INTO backup_verifications (id, backup_label, verified_at, ok, restored_count,
      expected_count_min, expected_count_max, seconds, detail)
    VALUES (${v.id}, ${v.backupLabel}, ${v.verifiedAt}, ${v.ok}, ${v.restoredCount},
      ${v.expectedCountMin}, ${v.expectedCountMax}, ${v.seconds}, ${v.detail})
    ON CONFLICT (id) DO NOTHING`;
}

/** The latest verifications first, at most `limit` (capped at recentVerificationsMax). */
export async function recentVerifications(sql: Sql, limit: number): Promise<BackupVerification[]> {
  const n = Math.max(0, Math.min(Math.floor(limit), recentVerificationsMax));
  const rows = await sql`
    SELECT id, backup_label, verified_at, ok, restored_count, expected_count_min, expected_count_max,
           seconds, detail
    FROM backup_verifications ORDER BY verified_at DESC, id LIMIT ${n}`;
  const num = (x: unknown) => (x === null ? null : Number(x));
  return rows.map((r) => ({
    id: r.id, backupLabel: r.backup_label, verifiedAt: r.verified_at, ok: r.ok,
    restoredCount: num(r.restored_count), expectedCountMin: num(r.expected_count_min),
    expectedCountMax: num(r.expected_count_max), seconds: Number(r.seconds), detail: r.detail,
  }));
}
