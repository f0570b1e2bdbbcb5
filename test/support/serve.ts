// `steadfast serve` child processes on one temporary DATA_DIR for a test file: whatever the test
// leaves behind (a live server, an orphaned embedded PostgreSQL, the folder) is cleaned up after it.
import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { startServe, type ServeProcess } from '../../src/ops/serve-process.ts';
import { makeTempDataDir, stopServerIn } from './pg.ts';

export interface ServeFixture {
  dataDir: string;
  /** Starts `steadfast serve` on the fixture's DATA_DIR and waits until it takes writes. */
  start(port: number, pgPort: number, env: Record<string, string>): Promise<ServeProcess>;
}

export function serveFixture(): ServeFixture {
  const dataDir = makeTempDataDir();
  let current: ServeProcess | null = null;
  after(async () => {
    if (current && current.child.exitCode === null) current.child.kill('SIGKILL');
    await stopServerIn(dataDir).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    async start(port, pgPort, env) {
      current = await startServe({ port, pgPort, dataDir, env });
      return current;
    },
  };
}
