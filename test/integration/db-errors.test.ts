// isRetryableDbError on real errors from a real server, and the response bound that turns
// a frozen server into an error a caller can retry instead of a hang.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryableDbError, openDatabase } from '../../src/store/db.ts';
import { freePort, startTestDatabase, type TestDatabase } from '../support/pg.ts';

let t: TestDatabase;
before(async () => { t = await startTestDatabase(); });
after(async () => { await t?.stop(); });

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => assert.fail('expected an error'), (e: unknown) => e);
}

/** A real PostgresError with the given SQLSTATE, raised by the server. */
function raised(sqlstate: string): Promise<unknown> {
  return errorOf(t.db.sql.unsafe(`DO $$ BEGIN RAISE EXCEPTION 'test' USING ERRCODE = '${sqlstate}'; END $$`));
}

test('transient server conditions are retryable', async () => {
  for (const code of ['40001', '40P01', '57P01', '57P02', '57P03', '08006', '08001', '53300']) {
    const err = await raised(code);
    assert.equal((err as { code: string }).code, code);
    assert.ok(isRetryableDbError(err), code);
  }
});

test('a write in a read-only transaction (as on a standby) fails retryably', async () => {
  const err = await errorOf(t.db.sql.begin('read only', (tx) => tx`CREATE TABLE never (x int)`));
  // 25006 itself, or CONNECTION_CLOSED: the pool closes such a connection after the rollback.
  assert.ok(isRetryableDbError(err), String((err as { code?: string }).code));
  assert.equal((await t.db.sql`SELECT 1 AS one`)[0]!.one, 1);
});

test('a terminated session is retryable and the pool reconnects', async () => {
  const err = await errorOf(t.db.sql`SELECT pg_terminate_backend(pg_backend_pid())`);
  assert.ok(isRetryableDbError(err), String((err as { code?: string }).code));
  assert.equal((await t.db.sql`SELECT 1 AS one`)[0]!.one, 1);
});

test('a refused connection is retryable', async () => {
  const db = await openDatabase({ databaseUrl: `postgres://u:p@127.0.0.1:${await freePort()}/steadfast` });
  try {
    assert.ok(isRetryableDbError(await errorOf(db.sql`SELECT 1`)));
  } finally {
    await db.close();
  }
});

test('mistakes in the request are not retryable', async () => {
  for (const text of ['SELECT 1/0', 'SELEC 1', 'SELECT * FROM no_such_table']) {
    assert.equal(isRetryableDbError(await errorOf(t.db.sql.unsafe(text))), false, text);
  }
  assert.equal(isRetryableDbError(await raised('23505')), false, 'unique violation');
  for (const value of [new Error('plain'), null, undefined, 'text', { code: 42 }]) {
    assert.equal(isRetryableDbError(value), false);
  }
});

test('a frozen server session fails the query after the response bound, retryably', { timeout: 60_000 }, async () => {
  const db = await openDatabase({ databaseUrl: t.url, poolMax: 1, responseTimeoutMs: 1_500 });
  const [{ pid }] = await db.sql`SELECT pg_backend_pid() AS pid`;
  process.kill(pid, 'SIGSTOP');
  try {
    const err = await errorOf(db.sql`SELECT 1`);
    assert.equal((err as { code: string }).code, 'RESPONSE_TIMEOUT');
    assert.match((err as Error).message, /did not answer within 1500 ms.*retry/);
    assert.ok(isRetryableDbError(err));
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  assert.equal((await db.sql`SELECT 2 AS two`)[0]!.two, 2, 'the pool opened a new connection');
  await db.close();
});

test('a connection that hit 25006 is replaced, so a primary that took writes again is used', async () => {
  const db = await openDatabase({ databaseUrl: t.url, poolMax: 1 });
  try {
    const [before] = await db.sql`SELECT pg_backend_pid() AS pid`;
    await db.sql`SET default_transaction_read_only = on`; // this session now refuses writes, as on a demoted primary
    const err = await errorOf(db.sql`CREATE TABLE after_read_only (x int)`);
    assert.equal((err as { code: string }).code, '25006');
    assert.ok(isRetryableDbError(err));
    await db.sql`CREATE TABLE after_read_only (x int)`;
    const [now] = await db.sql`SELECT pg_backend_pid() AS pid`;
    assert.notEqual(now!.pid, before!.pid, 'a new connection');
  } finally {
    await db.close();
  }
});
