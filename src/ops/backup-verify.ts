// `steadfast backup verify`: a backup is trusted only once it has been restored. Restores the
// latest backup into a scratch directory, starts it, runs pgBackRest's verify and compares
// its submissions with the live count taken around the backup; records the result.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import postgres, { type Sql } from 'postgres';
import { type Lab, loadLab } from '../cluster/lab.ts';
import { migrate } from '../store/migrate.ts';
import { type BackupVerification, recentVerifications, recordVerification } from '../store/backups.ts';
import { backupPaths } from './backup-config.ts';
import { listBackups, pgbackrest, primaryQueryTimeoutS, repoArgs, requireSettings, submissionCount } from './backup.ts';
import { restoreInto, startInstance, stopInstance, type RestoredInstance } from './restore-instance.ts';

/** Verifications `backup list` shows. */
export const listedVerificationsMax = 3;

/** The application's own connection (multi-host, primary), so migrations run as its role. */
async function withApp<T>(lab: Lab, task: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = postgres(lab.databaseUrl, { max: 1, onnotice: () => {},
    connection: { statement_timeout: primaryQueryTimeoutS * 1000 } });
  try {
    return await task(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function restoredCount(instance: RestoredInstance): Promise<number> {
  const sql = postgres(instance.superuserUrl, { max: 1, onnotice: () => {} });
  try {
    return await submissionCount(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Restores, starts and checks the latest backup; the scratch copy is always stopped and deleted. */
export async function verifyLatestBackup(dir: string, log: (line: string) => void = () => {}): Promise<BackupVerification> {
  const lab = loadLab(dir);
  requireSettings(lab.dir);
  const backup = (await listBackups(lab.dir)).at(-1);
  if (!backup) throw new Error('there is no backup to verify: run `steadfast backup run --type full` first');
  const started = Date.now();
  const result: BackupVerification = { id: randomUUID(), backupLabel: backup.label, verifiedAt: new Date(), ok: false,
    restoredCount: null, expectedCountMin: backup.submissionsBefore, expectedCountMax: backup.submissionsAfter,
    seconds: 0, detail: '' };
  const scratch = `${backupPaths(lab.dir, '').scratchDir}/verify-${backup.label}`;
  // A leftover from an interrupted verify of this backup: only ever a scratch copy, never a node.
  rmSync(scratch, { recursive: true, force: true });
  let instance: RestoredInstance | null = null;
  try {
    await pgbackrest([...repoArgs(lab.dir), 'verify', `--set=${backup.label}`]);
    await restoreInto(lab.dir, scratch, [`--set=${backup.label}`, '--type=immediate']);
    instance = await startInstance(lab.dir, scratch);
    result.restoredCount = await restoredCount(instance);
    const low = backup.submissionsBefore ?? 0;
    const high = backup.submissionsAfter ?? Number.POSITIVE_INFINITY;
    result.ok = result.restoredCount >= low && result.restoredCount <= high;
    result.detail = `restored ${result.restoredCount} submissions; live count was ${low} before the backup and ` +
      `${backup.submissionsAfter ?? 'unknown'} after it`;
  } catch (err) {
    result.detail = err instanceof Error ? err.message : String(err);
  } finally {
    if (instance) await stopInstance(instance, true);
    rmSync(scratch, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - started) / 1000;
  await withApp(lab, async (sql) => {
    await migrate(sql);
    await recordVerification(sql, result);
  });
  log(`${result.ok ? 'ok' : 'FAILED'}: backup ${backup.label} in ${result.seconds.toFixed(1)} s — ${result.detail}`);
  return result;
}

/** The latest verifications; empty when none was recorded yet (or the table is not there yet). */
export async function latestVerifications(lab: Lab): Promise<BackupVerification[]> {
  try {
    return await withApp(lab, (sql) => recentVerifications(sql, listedVerificationsMax));
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return [];
    throw err;
  }
}
