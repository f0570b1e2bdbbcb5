// `steadfast serve` as a child process on a fresh DATA_DIR, for benchmarks and tests that meet
// the server the way a user does: start it, wait until it takes writes, stop it by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long the server may take to initialize its database and load the demo. */
export const serveStartSecondsMax = 180;
const readyPollMs = 250;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, wait for the exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** stop(), then delete DATA_DIR if this helper made it. */
  dispose(): Promise<void>;
}

export interface ServeOptions {
  port: number;
  pgPort: number;
  /** A fresh temporary folder when absent (deleted by dispose()). */
  dataDir?: string;
  env?: Record<string, string>;
}

/** A temporary DATA_DIR that the postgres user can pass through. */
export function makeDataDir(prefix = 'steadfast-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  return dir;
}

export async function startServe(o: ServeOptions): Promise<ServeProcess> {
  const ownDir = o.dataDir === undefined;
  const dataDir = o.dataDir ?? makeDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(o.port), EMBEDDED_PG_PORT: String(o.pgPort), ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => { text += d; });
  child.stderr!.on('data', (d) => { text += d; });
  const url = `http://127.0.0.1:${o.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  };
  const proc: ServeProcess = {
    child, url, dataDir, output: () => text, stop,
    async dispose() { await stop(); if (ownDir) rmSync(dataDir, { recursive: true, force: true }); },
  };
  const deadline = Date.now() + serveStartSecondsMax * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`steadfast serve exited with code ${child.exitCode}:\n${text}`);
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return proc;
    await sleep(readyPollMs);
  }
  await proc.dispose();
  throw new Error(`steadfast serve was not ready within ${serveStartSecondsMax} s:\n${text}`);
}
