// A PostgreSQL restored from the backup repository into a NEW data directory and run on its own
// (never a cluster node): what `backup verify` checks and what `restore --to` hands over.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { postgresBinDir, setprivBin } from '../cluster/engines.ts';
import { readSecrets } from '../cluster/lab-state.ts';
import { type ProcessRef, isAlive, sleep, spawnDetached, stopProcesses } from '../cluster/processes.ts';
import { pgbackrest, postgresDir, repoArgs } from './backup.ts';

/** Bound on a restored copy replaying its WAL and accepting writes. */
export const instanceReadyTimeoutMs = 5 * 60_000;
/** Bound on a fast shutdown of a restored copy. */
export const instanceStopTimeoutMs = 30_000;
/** Address restored copies listen on: apart from every lab region's. */
export const instanceAddress = '127.0.0.1';
const readyPollMs = 250;
const runningAsRoot = process.getuid?.() === 0;

export interface RestoredInstance {
  dataDir: string;
  address: string;
  port: number;
  pid: number;
  ref: ProcessRef;
  logFile: string;
  /** The lab's superuser and application role come with the data. */
  superuserUrl: string;
  databaseUrl: string;
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, address, () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Refuses a data directory that exists and is not empty: a restore never overwrites anything. */
export function requireNewDataDir(dataDir: string): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} already exists and is not empty: restore never writes over a data directory; ` +
      'choose a new --target');
  }
}

/**
 * pgbackrest restore into `dataDir` with the given recovery target options. archive-mode=off:
 * the copy must never push its own timeline's WAL into the cluster's repository.
 */
export async function restoreInto(labDir: string, dataDir: string, targetArgs: string[]): Promise<void> {
  requireNewDataDir(dataDir);
  postgresDir(dataDir, 0o700);
  await pgbackrest([...repoArgs(labDir), `--pg1-path=${dataDir}`,
    'restore', '--archive-mode=off', '--target-action=promote', ...targetArgs]);
}

function postgresArgv(dataDir: string, address: string, port: number): string[] {
  // Patroni's files name the node's address, socket and sync standby: override them for the copy.
  const argv = [`${postgresBinDir}/postgres`, '-D', dataDir, '-c', `listen_addresses=${address}`, '-c', `port=${port}`,
    '-c', `unix_socket_directories=${dataDir}`, '-c', `hba_file=${dataDir}/pg_hba.conf`,
    '-c', `ident_file=${dataDir}/pg_ident.conf`, '-c', 'synchronous_standby_names=', '-c', 'archive_mode=off',
    '-c', 'cluster_name=steadfast-restored'];
  return runningAsRoot ? [setprivBin, '--reuid=postgres', '--regid=postgres', '--init-groups', '--', ...argv] : argv;
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-12).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts a restored data directory and waits until recovery is over and it accepts writes. */
export async function startInstance(labDir: string, dataDir: string, port?: number): Promise<RestoredInstance> {
  const address = instanceAddress;
  const chosenPort = port ?? await freePort(address);
  const logFile = `${dataDir}.log`;
  const argv = postgresArgv(dataDir, address, chosenPort);
  const ref = spawnDetached({ command: argv[0]!, args: argv.slice(1), cwd: '/', logFile,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  const secrets = readSecrets(labDir);
  const url = (user: string, pw: string) =>
    `postgres://${user}:${encodeURIComponent(pw)}@${address}:${chosenPort}/steadfast`;
  const instance: RestoredInstance = { dataDir, address, port: chosenPort, pid: ref.pid, ref, logFile,
    superuserUrl: url('postgres', secrets.superuserPassword), databaseUrl: url('steadfast', secrets.steadfastPassword) };
  await waitWritable(instance);
  return instance;
}

async function waitWritable(instance: RestoredInstance): Promise<void> {
  const deadline = Date.now() + instanceReadyTimeoutMs;
  for (;;) {
    if (!isAlive(instance.ref)) {
      throw new Error(`the restored PostgreSQL exited; last lines of ${instance.logFile}:\n${logTail(instance.logFile)}`);
    }
    const sql = postgres(instance.superuserUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const [row] = await sql`SELECT pg_is_in_recovery() AS recovering`;
      if (!row!.recovering) return;
    } catch {
      // Starting up or still replaying WAL: poll again.
    } finally {
      await sql.end({ timeout: 1 });
    }
    if (Date.now() > deadline) {
      await stopInstance(instance);
      throw new Error(`the restored PostgreSQL did not finish recovery within ${instanceReadyTimeoutMs / 1000} s; ` +
        `last lines of ${instance.logFile}:\n${logTail(instance.logFile)}`);
    }
    await sleep(readyPollMs);
  }
}

/** Fast shutdown (SIGINT) of the copy; with `remove`, deletes its data directory and log too. */
export async function stopInstance(instance: RestoredInstance, remove = false): Promise<void> {
  await stopProcesses([instance.ref], instanceStopTimeoutMs, 'SIGINT');
  if (remove) {
    rmSync(instance.dataDir, { recursive: true, force: true });
    rmSync(instance.logFile, { force: true });
  }
}
