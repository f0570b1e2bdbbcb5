// The backups line of `steadfast cluster status`: the last restore test and the archive queue.
import type { Lab } from '../cluster/lab.ts';
import { archivePushQueueMaxBytes, archiveQueueAlertFraction } from './backup-config.ts';
import { archiveQueue, mib, readSettings } from './backup.ts';
import { latestVerifications } from './backup-verify.ts';

/** One line (two with an alert) for the status, or null when the lab has no backups set up. */
export async function backupStatusLine(lab: Lab): Promise<string | null> {
  if (!readSettings(lab.dir)) return null;
  try {
    const [queue, [last]] = await Promise.all([archiveQueue(lab), latestVerifications(lab)]);
    const verified = last
      ? `last verified ${last.backupLabel} ${last.ok ? 'ok' : 'FAILED'} at ${last.verifiedAt.toISOString()}`
      : 'no backup verified yet (run `steadfast backup verify`)';
    const line = `backups: ${verified}; archive queue ${mib(queue.waitingBytes)} ` +
      `(alert at ${mib(archiveQueueAlertFraction * archivePushQueueMaxBytes)})`;
    return queue.alert ? `${line}\n  ${queue.alert}` : line;
  } catch (err) {
    return `backups: state unknown (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}
