// Backups of the lab's cluster with pgBackRest: setup (repository in another region than the
// primary, stanza, check), full/diff/incr backups annotated with the live submission count,
// the backup list, and the archive-queue alert (a full queue makes pgBackRest drop WAL).
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import postgres, { type Sql } from 'postgres';
import { setprivBin } from '../cluster/engines.ts';
import { type Lab, loadLab, primaryRegion } from '../cluster/lab.ts';
import { readState, regionPaths } from '../cluster/lab-state.ts';
import {
  archivePushQueueMaxBytes, archiveQueueAlertFraction, backupPaths, pgbackrestBin, pgbackrestConf, stanza,
} from './backup-config.ts';

export type BackupType = 'full' | 'diff' | 'incr';
export const backupTypes: BackupType[] = ['full', 'diff', 'incr'];
/** Bound on one pgBackRest command (a backup or restore of a few GB takes well under this). */
export const pgbackrestTimeoutMs = 30 * 60_000;
/** Bound on connecting to and querying the primary for counts and archive state. */
export const primaryQueryTimeoutS = 5;
/** Output a pgBackRest command may print (its JSON info grows with the backups kept). */
const outputBytesMax = 64 * 1024 * 1024;
const runningAsRoot = process.getuid?.() === 0;

export interface BackupSettings { repoRegion: string }

/** One backup in the repository (from `pgbackrest info`). */
export interface BackupSet {
  label: string;
  type: BackupType;
  startedAt: Date;
  stoppedAt: Date;
  sizeBytes: number;
  repoSizeBytes: number;
  /** Submissions on the primary right before the backup began and right after it ended. */
  submissionsBefore: number | null;
  submissionsAfter: number | null;
}

/** WAL waiting to be archived on the primary, and the archiver's failures. */
export interface ArchiveQueue {
  waitingBytes: number;
  failedCount: number;
  lastArchivedAt: Date | null;
  lastFailedAt: Date | null;
  /** A sentence to show when action is needed, null when all is well. */
  alert: string | null;
}

/** Runs pgBackRest as the postgres user (it refuses to touch a data directory it does not own). */
export async function pgbackrest(args: string[], timeoutMs = pgbackrestTimeoutMs): Promise<string> {
  const argv = runningAsRoot
    ? [setprivBin, '--reuid=postgres', '--regid=postgres', '--init-groups', '--', pgbackrestBin, ...args]
    : [pgbackrestBin, ...args];
  try {
    const { stdout } = await promisify(execFile)(argv[0], argv.slice(1), {
      timeout: timeoutMs, maxBuffer: outputBytesMax, cwd: '/', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    const detail = (e.stderr || e.stdout || e.message).trim().split('\n').slice(-8).join('\n');
    throw new Error(`pgbackrest ${args.filter((a) => !a.startsWith('--')).join(' ')} failed:\n${detail}`);
  }
}

/** The settings `backup setup` wrote, or null when backups are not set up in this lab. */
export function readSettings(dir: string): BackupSettings | null {
  const file = backupPaths(dir, '').settings;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as BackupSettings : null;
}

export function requireSettings(dir: string): BackupSettings {
  const settings = readSettings(dir);
  if (!settings) throw new Error(`backups are not set up for the lab in ${dir}: run \`steadfast backup setup --dir ${dir}\``);
  return settings;
}

/** pgBackRest options naming the lab's configuration and stanza (repository commands). */
export function repoArgs(dir: string): string[] {
  return [`--config=${backupPaths(dir, '').config}`, `--stanza=${stanza}`];
}

/** Also one region's node as pg1 (commands that talk to PostgreSQL). */
export function nodeArgs(dir: string, region: string): string[] {
  const state = readState(dir);
  const r = state.regions.find((x) => x.name === region)!;
  const p = regionPaths(dir, region);
  return [...repoArgs(dir), `--pg1-path=${p.dataDir}`, `--pg1-socket-path=${p.socketDir}`, `--pg1-port=${r.pgPort}`];
}

function postgresOwner(): { uid: number; gid: number } | null {
  if (!runningAsRoot) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!passwd) throw new Error('there is no postgres user: install postgresql-15 (it creates the user)');
  const [, , uid, gid] = passwd.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Creates a directory (and parents) owned by the postgres user. */
export function postgresDir(path: string, mode = 0o750): void {
  mkdirSync(path, { recursive: true, mode });
  const owner = postgresOwner();
  if (owner) chownSync(path, owner.uid, owner.gid);
}

/**
 * Configures pgBackRest for the lab: the repository in a region other than the current
 * primary's (the last such region), the stanza, and a check that WAL reaches it.
 */
export async function setupBackups(dir: string, log: (line: string) => void = () => {}): Promise<BackupSettings> {
  const lab = loadLab(dir);
  const state = readState(lab.dir);
  if (!state.walArchive?.archiveCommand.includes('pgbackrest')) {
    throw new Error('this lab was started without WAL archiving, which must be on from bootstrap ' +
      '(switched on later, pgBackRest refuses the WAL of old timelines): start a new lab with ' +
      '`steadfast cluster up --backup`');
  }
  const primary = await primaryRegion(lab);
  const settings = readSettings(lab.dir) ??
    { repoRegion: [...lab.regions].reverse().find((r) => r.name !== primary)!.name };
  const paths = backupPaths(lab.dir, settings.repoRegion);
  mkdirSync(paths.root, { recursive: true, mode: 0o755 });
  for (const d of [paths.logDir, paths.lockDir, paths.spoolDir, paths.scratchDir, paths.repoDir]) postgresDir(d);
  writeFileSync(paths.config, pgbackrestConf(paths, regionPaths(lab.dir, primary).dataDir), { mode: 0o644 });
  writeFileSync(paths.settings, JSON.stringify(settings, null, 2) + '\n', { mode: 0o644 });
  await pgbackrest([...nodeArgs(lab.dir, primary), 'stanza-create']);
  log(`stanza "${stanza}" ready; repository ${paths.repoDir} (region ${settings.repoRegion}, primary in ${primary})`);
  await pgbackrest([...nodeArgs(lab.dir, primary), 'check']);
  log('check passed: the primary\'s WAL reaches the repository');
  return settings;
}

/** A superuser connection to the current primary, for one short task. */
export async function withPrimary<T>(lab: Lab, task: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = postgres(lab.superuserUrl(await primaryRegion(lab)), {
    max: 1, connect_timeout: primaryQueryTimeoutS, onnotice: () => {},
    connection: { statement_timeout: primaryQueryTimeoutS * 1000 },
  });
  try {
    return await task(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function submissionCount(sql: Sql): Promise<number> {
  const [row] = await sql`SELECT count(*)::bigint AS n FROM submissions`;
  return Number(row!.n);
}

/** Takes a backup of the primary, annotated with the submission count before and after it. */
export async function runBackup(dir: string, type: BackupType, log: (line: string) => void = () => {}): Promise<BackupSet> {
  const lab = loadLab(dir);
  requireSettings(lab.dir);
  const primary = await primaryRegion(lab);
  const before = await withPrimary(lab, submissionCount);
  const started = Date.now();
  await pgbackrest([...nodeArgs(lab.dir, primary), 'backup', `--type=${type}`,
    `--annotation=submissions-before=${before}`]);
  const label = (await listBackups(lab.dir)).at(-1)!.label;
  const after = await withPrimary(lab, submissionCount);
  await pgbackrest([...repoArgs(lab.dir), 'annotate', `--set=${label}`, `--annotation=submissions-after=${after}`]);
  log(`${type} backup ${label} of ${primary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return (await listBackups(lab.dir)).find((b) => b.label === label)!;
}

interface InfoBackup {
  label: string; type: BackupType; timestamp: { start: number; stop: number };
  info: { size: number; repository: { delta: number } }; annotation?: Record<string, string>;
}

/** The backups in the repository, oldest first. */
export async function listBackups(dir: string): Promise<BackupSet[]> {
  const out = await pgbackrest([...repoArgs(dir), 'info', '--output=json']);
  const info = JSON.parse(out) as { backup?: InfoBackup[] }[];
  const count = (b: InfoBackup, key: string) => (b.annotation?.[key] === undefined ? null : Number(b.annotation[key]));
  return (info[0]?.backup ?? []).map((b) => ({
    label: b.label, type: b.type,
    startedAt: new Date(b.timestamp.start * 1000), stoppedAt: new Date(b.timestamp.stop * 1000),
    sizeBytes: b.info.size, repoSizeBytes: b.info.repository.delta,
    submissionsBefore: count(b, 'submissions-before'), submissionsAfter: count(b, 'submissions-after'),
  }));
}

/**
 * The primary's archive queue: WAL segments marked ready but not yet archived. pgBackRest
 * drops WAL silently past archive-push-queue-max, so this alerts at a fraction of it.
 */
export async function archiveQueue(lab: Lab): Promise<ArchiveQueue> {
  const [row] = await withPrimary(lab, (sql) => sql`
    SELECT (SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready')::bigint
             * (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size') AS waiting_bytes,
           failed_count, last_archived_time, last_failed_time
    FROM pg_stat_archiver`);
  const q = {
    waitingBytes: Number(row!.waiting_bytes), failedCount: Number(row!.failed_count),
    lastArchivedAt: row!.last_archived_time as Date | null, lastFailedAt: row!.last_failed_time as Date | null,
  };
  const failing = q.lastFailedAt !== null && (q.lastArchivedAt === null || q.lastFailedAt > q.lastArchivedAt);
  const full = q.waitingBytes >= archiveQueueAlertFraction * archivePushQueueMaxBytes;
  const alert = full
    ? `ALERT: ${mib(q.waitingBytes)} of WAL waiting to be archived; at ${mib(archivePushQueueMaxBytes)} pgBackRest ` +
      'drops WAL and point-in-time recovery gets a gap: check the repository region and the archive-push log'
    : failing
      ? `ALERT: WAL archiving is failing (last failure ${q.lastFailedAt!.toISOString()}): see ${backupPaths(lab.dir, '').logDir}`
      : null;
  return { ...q, alert };
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
