// The backups line of `steadfast cluster status`: the last restore test and the archive queue.
import { type Lab, primaryRegion } from '../cluster/lab.ts';
import { archivePushQueueMaxBytes, archiveQueueAlertFraction } from './backup-config.ts';
import { archiveQueue, mib, readSettings } from './backup.ts';
import { latestVerifications } from './backup-verify.ts';

/** One line (more with alerts) for the status, or null when the lab has no backups set up. */
export async function backupStatusLine(lab: Lab): Promise<string | null> {
  const settings = readSettings(lab.dir);
  if (!settings) return null;
  try {
    const [queue, [last], primary] = await Promise.all([archiveQueue(lab), latestVerifications(lab), primaryRegion(lab)]);
    const verified = last
      ? `last verified ${last.backupLabel} ${last.ok ? 'ok' : 'FAILED'} at ${last.verifiedAt.toISOString()}`
      : 'no backup verified yet (run `steadfast backup verify`)';
    const line = `backups: ${verified}; archive queue ${mib(queue.waitingBytes)} ` +
      `(alert at ${mib(archiveQueueAlertFraction * archivePushQueueMaxBytes)})`;
    // After a failover the primary may now share a region with the repository: one loss takes both.
    const together = primary === settings.repoRegion
      ? `ALERT: the primary and the backup repository are both in ${primary}: switch over to another region`
      : null;
    return [line, queue.alert, together].filter((l) => l !== null).join('\n  ');
  } catch (err) {
    return `backups: state unknown (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}
