// `steadfast restore --to TIME --target DIR`: point-in-time recovery from the backup repository
// into a new data directory, started as its own PostgreSQL. Never touches the running cluster.
import { existsSync } from 'node:fs';
import { loadLab, primaryRegion } from '../cluster/lab.ts';
import { listBackups, nodeArgs, pgbackrest, requireSettings } from './backup.ts';
import { restoreInto, startInstance, type RestoredInstance } from './restore-instance.ts';

export interface RestoreOptions {
  dir: string;
  to: Date;
  target: string;
  port?: number;
  log?: (line: string) => void;
}

/** The time as pgBackRest and PostgreSQL both read it: `2026-11-25 18:30:00.123+00`. */
export function recoveryTargetTime(to: Date): string {
  return to.toISOString().replace('T', ' ').replace('Z', '+00');
}

/** Pushes the primary's current WAL to the repository, so that recent commits are recoverable. */
async function archiveCurrentWal(dir: string, log: (line: string) => void): Promise<void> {
  try {
    await pgbackrest([...nodeArgs(dir, await primaryRegion(loadLab(dir))), 'check']);
  } catch (err) {
    log(`could not archive the primary's current WAL (${err instanceof Error ? err.message.split('\n')[0] : err}); ` +
      'restoring from what the repository has');
  }
}

export async function restoreToTime(opts: RestoreOptions): Promise<RestoredInstance> {
  const log = opts.log ?? (() => {});
  loadLab(opts.dir);
  requireSettings(opts.dir);
  if (existsSync(opts.target)) {
    throw new Error(`${opts.target} already exists: restore only ever creates a new data directory; choose a new --target`);
  }
  const backups = await listBackups(opts.dir);
  if (backups.length === 0) throw new Error('the repository has no backup yet: nothing to restore from');
  const earliest = backups.map((b) => b.stoppedAt).reduce((a, b) => (a < b ? a : b));
  if (opts.to < earliest) {
    throw new Error(`${opts.to.toISOString()} is before the earliest recoverable time ${earliest.toISOString()} ` +
      '(the end of the oldest backup kept): choose a later time');
  }
  if (opts.to.getTime() > Date.now()) {
    throw new Error(`${opts.to.toISOString()} is in the future: choose a time up to now`);
  }
  await archiveCurrentWal(opts.dir, log);
  log(`restoring to ${opts.to.toISOString()} into ${opts.target}`);
  await restoreInto(opts.dir, opts.target, ['--type=time', `--target=${recoveryTargetTime(opts.to)}`]);
  return startInstance(opts.dir, opts.target, opts.port);
}
