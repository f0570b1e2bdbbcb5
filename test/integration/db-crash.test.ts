// A Steadfast process SIGKILLed while its embedded PostgreSQL runs leaves that server
// holding postmaster.pid; the next start must find it, stop it and start cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { openDatabase } from '../../src/store/db.ts';
import { embeddedPaths, isAlive, isPostmasterOf, readPostmasterPid } from '../../src/store/embeddedFiles.ts';
import { freePort, makeTempDataDir } from '../support/pg.ts';

const dbModule = new URL('../../src/store/db.ts', import.meta.url).pathname;

/** A child Node process that opens the database, writes a row, says "ready" and waits. */
async function childHoldingDatabase(dataDir: string, port: number) {
  const code = `
    const { openDatabase } = await import(${JSON.stringify(dbModule)});
    const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)}, embeddedPort: ${port} });
    await db.sql\`CREATE TABLE IF NOT EXISTS kept (v text)\`;
    await db.sql\`INSERT INTO kept VALUES ('written before SIGKILL')\`;
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout!, 'data');
  assert.equal(String(line).trim(), 'ready');
  return child;
}

test('after node is SIGKILLed, the next open stops the leftover server and keeps the data',
  { timeout: 120_000 }, async () => {
    const dataDir = makeTempDataDir();
    const port = await freePort();
    const pgDir = embeddedPaths(dataDir).pgDir;
    const child = await childHoldingDatabase(dataDir, port);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const leftover = readPostmasterPid(pgDir)!;
    assert.ok(isPostmasterOf(leftover, pgDir), 'the server outlives the killed process (the trap under test)');

    const lines: string[] = [];
    const db = await openDatabase({ dataDir, embeddedPort: port, log: (l) => lines.push(l) });
    try {
      assert.ok(lines.some((l) => l.includes(`PID ${leftover}`) && l.includes('stopping it')), lines.join('\n'));
      assert.ok(!isAlive(leftover), 'the leftover server was stopped');
      assert.notEqual(readPostmasterPid(pgDir), leftover);
      assert.deepEqual((await db.sql`SELECT v FROM kept`).map((r) => r.v), ['written before SIGKILL']);
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

test('a stale postmaster.pid whose PID belongs to another process is left to PostgreSQL, not killed',
  { timeout: 60_000 }, async () => {
    const dataDir = makeTempDataDir();
    const port = await freePort();
    const first = await openDatabase({ dataDir, embeddedPort: port });
    await first.close();
    const bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(bystander, 'spawn');
    // Same shape as a real postmaster.pid; the PID is a live process that is not PostgreSQL.
    writeFileSync(`${embeddedPaths(dataDir).pgDir}/postmaster.pid`, `${bystander.pid}\n${embeddedPaths(dataDir).pgDir}\n0\n${port}\n\n127.0.0.1\n0 0\nready\n`);
    const lines: string[] = [];
    try {
      const db = await openDatabase({ dataDir, embeddedPort: port, log: (l) => lines.push(l) });
      await db.close();
      assert.ok(isAlive(bystander.pid!), 'the unrelated process was not signalled');
      assert.ok(lines.some((l) => l.includes('stale postmaster.pid')), lines.join('\n'));
    } finally {
      bystander.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
