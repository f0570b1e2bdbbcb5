// The files of the embedded PostgreSQL under DATA_DIR, the operating-system user it runs
// as, and the checks that make a root start or a leftover server safe. Private to
// src/store/embedded.ts.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readlinkSync, realpathSync,
  renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Bytes of randomness in a new database password (base64url-encoded into the password file). */
export const embeddedPasswordBytes = 24;
/** A server log larger than this at start is moved to `postgresql.log.1` (one old log is kept). */
export const embeddedLogBytesMax = 10 * 1024 * 1024;
/** Lines of the server log quoted in an error about a failed start. */
export const logTailLineCount = 8;
/** The system user PostgreSQL runs as when Steadfast itself runs as root. */
export const embeddedSystemUser = 'postgres';

export interface EmbeddedPaths {
  dataDir: string;
  /** The PostgreSQL cluster (PGDATA). */
  pgDir: string;
  /** Where a new cluster is initialized before it is moved to pgDir in one rename. */
  initDir: string;
  /** The random password of the database user, mode 0600. */
  passwordFile: string;
  /** The server's own log (stdout and stderr of the postmaster). */
  logFile: string;
  /** Which Steadfast process started the running server: "PID START-TIME". */
  ownerFile: string;
}

export function embeddedPaths(dataDir: string): EmbeddedPaths {
  const dir = resolve(dataDir);
  return {
    dataDir: dir,
    pgDir: join(dir, 'pg'),
    initDir: join(dir, 'pg.init'),
    passwordFile: join(dir, 'pg-password'),
    logFile: join(dir, 'postgresql.log'),
    ownerFile: join(dir, 'pg-owner'),
  };
}

/** Whom PostgreSQL runs as: empty when Steadfast is not root (it runs as us). */
export type RunAs = { uid: number; gid: number } | Record<string, never>;

/** When root, finds (or creates) the `postgres` system user; PostgreSQL refuses to run as root. */
export async function resolveRunAs(log: (line: string) => void): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  let ids = await lookupUser(embeddedSystemUser);
  if (!ids) {
    log(`creating the system user "${embeddedSystemUser}" to run PostgreSQL (it refuses to run as root)`);
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home',
      '--shell', '/usr/sbin/nologin', embeddedSystemUser]);
    ids = await lookupUser(embeddedSystemUser);
  }
  if (!ids) {
    throw new Error(`Could not find or create the system user "${embeddedSystemUser}" that PostgreSQL ` +
      `must run as when Steadfast runs as root: create it (useradd --system ${embeddedSystemUser}) or run Steadfast as another user.`);
  }
  return ids;
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [u, g] = await Promise.all([execFileAsync('id', ['-u', name]), execFileAsync('id', ['-g', name])]);
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Creates DATA_DIR so that the PostgreSQL user can pass through it (not list it). */
export function ensureDataDir(paths: EmbeddedPaths, runAs: RunAs): void {
  mkdirSync(paths.dataDir, { recursive: true, mode: 'uid' in runAs ? 0o711 : 0o700 });
}

/** The first directory on the way to `dir` that the PostgreSQL user cannot enter, if any. */
export function blockingDir(dir: string, runAs: RunAs): { dir: string; mode: number } | undefined {
  if (!('uid' in runAs)) return undefined;
  for (let d = resolve(dir); ; d = dirname(d)) {
    const st = statSync(d);
    const ok = (st.mode & 0o001) !== 0 || (st.uid === runAs.uid && (st.mode & 0o100) !== 0) ||
      (st.gid === runAs.gid && (st.mode & 0o010) !== 0);
    if (!ok) return { dir: d, mode: st.mode & 0o777 };
    if (d === dirname(d)) return undefined;
  }
}

/**
 * Throws a clear error unless the PostgreSQL user can enter `dir` and every parent of it.
 * Steadfast (root) could reach a directory that `postgres` cannot, and PostgreSQL would then
 * fail with a bare "permission denied" deep in its log.
 */
export function assertReachable(dir: string, runAs: RunAs, what: string): void {
  const blocked = blockingDir(dir, runAs);
  if (blocked) {
    throw new Error(`PostgreSQL runs as the "${embeddedSystemUser}" user, which cannot enter ${blocked.dir} ` +
      `(mode ${blocked.mode.toString(8)}) on the way to ${what} ${dir}: choose a location outside it ` +
      `(DATA_DIR), or allow passing through with: chmod o+x ${blocked.dir}`);
  }
}

/** Reads the database password, making a new random one when there is no cluster yet. */
export function readOrCreatePassword(paths: EmbeddedPaths, clusterExists: boolean): string {
  if (existsSync(paths.passwordFile)) {
    if ((statSync(paths.passwordFile).mode & 0o077) !== 0) chmodSync(paths.passwordFile, 0o600);
    return readFileSync(paths.passwordFile, 'utf8').trim();
  }
  if (clusterExists) {
    throw new Error(`The database in ${paths.pgDir} exists but its password file ${paths.passwordFile} is missing: ` +
      `restore that file, or move ${paths.pgDir} away to start with an empty database.`);
  }
  const password = randomBytes(embeddedPasswordBytes).toString('base64url');
  const tmp = `${paths.passwordFile}.tmp`;
  writeFileSync(tmp, password + '\n', { mode: 0o600 });
  renameSync(tmp, paths.passwordFile);
  return password;
}

/** Writes a file only the PostgreSQL user can read (initdb's --pwfile). */
export function writePrivateFile(path: string, text: string, runAs: RunAs): void {
  writeFileSync(path, text, { mode: 0o600 });
  if ('uid' in runAs) chownSync(path, runAs.uid, runAs.gid);
}

/** A directory owned by the PostgreSQL user, which cannot create one inside DATA_DIR itself. */
export function makePrivateDir(path: string, runAs: RunAs): void {
  mkdirSync(path, { mode: 0o700 });
  if ('uid' in runAs) chownSync(path, runAs.uid, runAs.gid);
}

/** Keeps one old server log so the log stays bounded across restarts. */
export function rotateLog(paths: EmbeddedPaths): void {
  if (existsSync(paths.logFile) && statSync(paths.logFile).size > embeddedLogBytesMax) {
    renameSync(paths.logFile, `${paths.logFile}.1`);
  }
}

/** The last lines of the server log, for error messages. */
export function logTail(paths: EmbeddedPaths): string {
  try {
    return readFileSync(paths.logFile, 'utf8').trimEnd().split('\n').slice(-logTailLineCount).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** The postmaster PID recorded in PGDATA/postmaster.pid, if the file exists. */
export function readPostmasterPid(pgDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True only if `pid` is a live `postgres` process whose working directory is `pgDir`:
 * the postmaster changes into its data directory, so this tells our leftover server
 * apart from an unrelated process that reused the PID.
 */
export function isPostmasterOf(pid: number, pgDir: string): boolean {
  try {
    const exe = readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    return exe.endsWith('/postgres') && cwd === realpathSync(pgDir) && isAlive(pid);
  } catch {
    return false;
  }
}

/** The TCP port recorded in PGDATA/postmaster.pid (its fourth line). */
export function readPostmasterPort(pgDir: string): number {
  return Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
}

/** Records this process as the one that started the server and will stop it. */
export function writeOwner(paths: EmbeddedPaths): void {
  writeFileSync(paths.ownerFile, `${process.pid} ${startTime(process.pid)}\n`, { mode: 0o600 });
}

export function clearOwner(paths: EmbeddedPaths): void {
  rmSync(paths.ownerFile, { force: true });
}

/** The live Steadfast process that started the server, if there is one (PID reuse is ruled out). */
export function liveOwner(paths: EmbeddedPaths): number | undefined {
  try {
    const [pid, started] = readFileSync(paths.ownerFile, 'utf8').trim().split(' ').map(Number);
    return pid && isAlive(pid) && startTime(pid) === started ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks after boot at which the process started (/proc/PID/stat field 22). */
function startTime(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

/** A process that has exited but not yet been reaped (a zombie) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
