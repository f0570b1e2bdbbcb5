// pgBackRest for the lab's cluster: where its configuration, repository and spool live, the
// configuration file itself, and the archive/restore commands Patroni sets at bootstrap.
// Pure apart from the paths: the lab writes nothing here until `backup setup`.
import { join } from 'node:path';
import { patroniScope, type WalArchive } from '../cluster/topology.ts';

export const pgbackrestBin = '/usr/bin/pgbackrest';
/** The pgBackRest stanza: one per Patroni cluster, named like it. */
export const stanza = patroniScope;
/**
 * WAL (bytes) waiting to be archived beyond which pgBackRest DROPS WAL to keep PostgreSQL
 * running (archive-push-queue-max). Status alerts long before: see archiveQueueAlertFraction.
 */
export const archivePushQueueMaxBytes = 1024 ** 3;
/** Share of archivePushQueueMaxBytes at which `backup list` / `cluster status` alert. */
export const archiveQueueAlertFraction = 0.25;
/** Full backups kept; older ones and the WAL only they need are expired. */
export const retentionFullCount = 2;
/** Differential backups kept per full backup. */
export const retentionDiffCount = 6;
/** Parallel processes for backup, restore and async archiving (this machine has 2 cores). */
export const processMax = 2;
/** Seconds `pgbackrest check` / backup wait for a WAL segment to reach the repository. */
export const archiveTimeoutS = 60;

/** Where the lab keeps pgBackRest's files. The repository lives in `repoRegion`'s directory. */
export function backupPaths(labDir: string, repoRegion: string) {
  const root = join(labDir, 'backup');
  return {
    root,
    config: join(root, 'pgbackrest.conf'),
    /** The lab's choice of repository region, written by `backup setup`. */
    settings: join(root, 'backup.json'),
    logDir: join(root, 'log'),
    lockDir: join(root, 'lock'),
    spoolDir: join(root, 'spool'),
    scratchDir: join(root, 'scratch'),
    repoDir: join(labDir, repoRegion, 'backup-repo'),
  };
}

/** The configuration file path alone: archive_command names it before any repository exists. */
export function backupConfigFile(labDir: string): string {
  return join(labDir, 'backup', 'pgbackrest.conf');
}

/**
 * Options for the node running the command. `$PWD` is the data directory when PostgreSQL runs
 * archive_command or restore_command, so one cluster-wide command serves every node, and each
 * node gets its own spool and lock directories next to its data directory.
 */
function nodeOptions(labDir: string): string {
  return `--config=${backupConfigFile(labDir)} --stanza=${stanza} --pg1-path="$PWD" ` +
    `--spool-path="$PWD/../backup-spool" --lock-path="$PWD/../backup-lock"`;
}

/**
 * The lab's WAL archiving, set in Patroni's bootstrap configuration (cluster up --backup):
 * switched on later, after failovers, pgBackRest refuses old-timeline WAL (REGIONS-PROBE.md).
 * archive_command must literally contain `pgbackrest`, or `pgbackrest check` refuses it.
 */
export function labWalArchive(labDir: string): WalArchive {
  return {
    archiveCommand: `${pgbackrestBin} ${nodeOptions(labDir)} archive-push "%p"`,
    restoreCommand: `${pgbackrestBin} ${nodeOptions(labDir)} archive-get %f "%p"`,
  };
}

/** pgbackrest.conf for a repository at `repoDir` (a real deployment: an object store or repo host elsewhere). */
export function pgbackrestConf(paths: ReturnType<typeof backupPaths>, pg1Path: string): string {
  return `# Written by \`steadfast backup setup\`; rewritten on every setup.
[global]
repo1-path=${paths.repoDir}
repo1-retention-full=${retentionFullCount}
repo1-retention-diff=${retentionDiffCount}
compress-type=lz4
process-max=${processMax}
archive-async=y
archive-push-queue-max=${archivePushQueueMaxBytes}
archive-timeout=${archiveTimeoutS}
spool-path=${paths.spoolDir}
lock-path=${paths.lockDir}
log-path=${paths.logDir}
log-level-console=warn
log-level-file=info
start-fast=y

[${stanza}]
pg1-path=${pg1Path}
`;
}
