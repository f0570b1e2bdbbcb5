// DATABASE_URL with several hosts: a dead host is skipped, a standby is never used when
// target_session_attrs=primary, and with no primary a query fails (retryably) instead of
// waiting forever, then succeeds on the same pool once a standby is promoted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { connectTimeoutS, isRetryableDbError, openDatabase, parseTarget, type Database } from '../../src/store/db.ts';
import { embeddedPassword } from '../../src/store/embedded.ts';
import { embeddedPaths } from '../../src/store/embeddedFiles.ts';
import { freePort, makeTempDataDir } from '../support/pg.ts';

const execFileAsync = promisify(execFile);
let primary: Database, standby: Database;
let primaryPort: number, standbyPort: number, deadPort: number;
let password: string;
const dataDirs: string[] = [];

/** A streaming standby made from a copy of the stopped primary's cluster. */
async function makeStandbyDataDir(primaryDataDir: string): Promise<string> {
  const dir = makeTempDataDir();
  dataDirs.push(dir);
  await execFileAsync('cp', ['-a', `${primaryDataDir}/.`, dir]);
  const pgDir = embeddedPaths(dir).pgDir;
  writeFileSync(`${pgDir}/standby.signal`, '');
  appendFileSync(`${pgDir}/postgresql.auto.conf`,
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=steadfast password=${password}'\n`);
  return dir;
}

before(async () => {
  [primaryPort, standbyPort, deadPort] = [await freePort(), await freePort(), await freePort()];
  const primaryDir = makeTempDataDir();
  dataDirs.push(primaryDir);
  await (await openDatabase({ dataDir: primaryDir, embeddedPort: primaryPort })).close();
  password = embeddedPassword(primaryDir);
  const standbyDir = await makeStandbyDataDir(primaryDir);
  primary = await openDatabase({ dataDir: primaryDir, embeddedPort: primaryPort });
  standby = await openDatabase({ dataDir: standbyDir, embeddedPort: standbyPort });
});

after(async () => {
  await Promise.all([primary?.close(), standby?.close()]);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function url(ports: number[], query = '?target_session_attrs=primary', pw = password): string {
  return `postgres://steadfast:${pw}@${ports.map((p) => `127.0.0.1:${p}`).join(',')}/steadfast${query}`;
}

async function servedBy(db: Database): Promise<{ port: number; standby: boolean }> {
  const [row] = await db.sql`SELECT inet_server_port() AS port, pg_is_in_recovery() AS standby`;
  return { port: row!.port, standby: row!.standby };
}

test('the standby really is one (the premise of the tests below)', async () => {
  assert.deepEqual(await servedBy(standby), { port: standbyPort, standby: true });
});

test('a multi-host URL whose first host is down connects to a live host', { timeout: 60_000 }, async () => {
  const db = await openDatabase({ databaseUrl: url([deadPort, primaryPort], '') });
  try {
    assert.equal(db.kind, 'external');
    assert.deepEqual(await servedBy(db), { port: primaryPort, standby: false });
  } finally {
    await db.close();
  }
});

test('target_session_attrs=primary skips a dead host and a standby', { timeout: 60_000 }, async () => {
  const db = await openDatabase({ databaseUrl: url([deadPort, standbyPort, primaryPort]), poolMax: 4 });
  try {
    const served = await Promise.all([1, 2, 3, 4, 5, 6].map(() => servedBy(db)));
    assert.ok(served.every((s) => s.port === primaryPort && !s.standby), JSON.stringify(served));
    assert.ok(!db.describe.includes(password), 'describe never shows the password');
    assert.match(db.describe, /127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+.*target_session_attrs=primary/);
  } finally {
    await db.close();
  }
});

test('a wrong password fails at once and is not retryable', { timeout: 60_000 }, async () => {
  const db = await openDatabase({ databaseUrl: url([deadPort, primaryPort], '?target_session_attrs=primary', 'wrong') });
  try {
    const err = await db.sql`SELECT 1`.catch((e: unknown) => e);
    assert.equal((err as { code?: string }).code, '28P01');
    assert.equal(isRetryableDbError(err), false);
  } finally {
    await db.close();
  }
});

// Promotes the standby: keep it after every test that needs one.
test('with no primary a query fails retryably; after promotion the same pool works', { timeout: 90_000 }, async () => {
  const db = await openDatabase({ databaseUrl: url([deadPort, standbyPort]), poolMax: 2 });
  try {
    // More failures than pool slots: a failed connect must give its slot back.
    for (let i = 0; i < 5; i++) {
      const err = await db.sql`SELECT 1`.catch((e: unknown) => e);
      assert.equal((err as { code?: string }).code, 'NO_PRIMARY', String(err));
      assert.match((err as Error).message, /retry in a few seconds/);
      assert.ok(isRetryableDbError(err));
    }
    await standby.sql`SELECT pg_promote(wait => true)`;
    assert.deepEqual(await servedBy(db), { port: standbyPort, standby: false });
  } finally {
    await db.close();
  }
});

test('DATABASE_URL host lists are read like libpq; a malformed URL is refused without echoing it', async () => {
  assert.deepEqual(parseTarget('postgres://u:p%40ss@h1:5433,h2,h3:5434/db?target_session_attrs=primary'), {
    hosts: [{ host: 'h1', port: 5433 }, { host: 'h2', port: 5432 }, { host: 'h3', port: 5434 }],
    database: 'db', user: 'u', sessionAttrs: 'primary', connectTimeoutS,
  });
  for (const bad of ['mysql://u:secret@h/db', 'postgres://u:secret@h1:port/db', 'postgres://u:secret@h:99999/db', 'postgres://u:%zz@h/db']) {
    assert.throws(() => parseTarget(bad), (err: Error) => /DATABASE_URL must look like/.test(err.message) && !err.message.includes('secret'));
    await assert.rejects(openDatabase({ databaseUrl: bad }), /DATABASE_URL must look like/);
  }
});

test('connect_timeout in DATABASE_URL bounds each host, and a bad value is refused without echoing the URL', () => {
  assert.equal(parseTarget('postgres://u:p@h1:5432,h2:5433/db?target_session_attrs=primary&connect_timeout=2').connectTimeoutS, 2);
  assert.equal(parseTarget('postgres://u:p@h1/db').connectTimeoutS, connectTimeoutS);
  for (const bad of ['0', '61', 'soon']) {
    assert.throws(() => parseTarget(`postgres://u:secret@h1/db?connect_timeout=${bad}`), (err: Error) =>
      /connect_timeout/.test(err.message) && !err.message.includes('secret'));
  }
});
