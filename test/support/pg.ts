// Real, throwaway embedded PostgreSQL instances for integration tests: each in its own
// temporary DATA_DIR on a free port, so tests can run beside a developer's instance.
// initdb runs once per test process; every instance starts from a copy of that cluster.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { embeddedDatabase, embeddedPassword, embeddedUrl, startEmbedded, stopPostmaster } from '../../src/store/embedded.ts';
import { embeddedPaths, readPostmasterPid } from '../../src/store/embeddedFiles.ts';

const execFileAsync = promisify(execFile);

export interface TestDatabase {
  /** postgres:// URL with password, for tools that connect by themselves (e.g. a server child process). */
  url: string;
  dataDir: string;
  db: Database;
  /** Closes the pool, stops the server and deletes the data directory. */
  stop(): Promise<void>;
}

/** A temporary directory the PostgreSQL user (when we are root) can pass through. */
export function makeTempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-test-pg-'));
  chmodSync(dir, 0o711);
  return dir;
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let template: Promise<string> | undefined;
let templateDir: string | undefined;

/** One initialized, stopped cluster per process, copied for every test database. */
function templateDataDir(): Promise<string> {
  template ??= (async () => {
    const dir = templateDir = makeTempDataDir();
    const server = await startEmbedded({ dataDir: dir, port: await freePort(), log: () => {}, throwaway: true });
    await server.stop();
    return dir;
  })();
  return template;
}

const running = new Set<string>();

// A test process that ends without stop() must not leave servers behind.
process.on('exit', () => {
  for (const dataDir of running) {
    const pid = readPostmasterPid(embeddedPaths(dataDir).pgDir);
    if (pid) try { process.kill(pid, 'SIGQUIT'); } catch { /* already gone */ }
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (templateDir) rmSync(templateDir, { recursive: true, force: true });
});

export async function startTestDatabase(): Promise<TestDatabase> {
  const source = await templateDataDir();
  const dataDir = makeTempDataDir();
  await execFileAsync('cp', ['-a', `${source}/.`, dataDir]);
  running.add(dataDir);
  const port = await freePort();
  const db = await openDatabase({ dataDir, embeddedPort: port });
  const url = embeddedUrl(embeddedPassword(dataDir), port, embeddedDatabase);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    await db.close();
    running.delete(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  })());
  return { url, dataDir, db, stop };
}

/** Stops a server found in a data directory (e.g. one a killed child process left running). */
export async function stopServerIn(dataDir: string): Promise<void> {
  const pid = readPostmasterPid(embeddedPaths(dataDir).pgDir);
  if (pid) await stopPostmaster(pid);
}
