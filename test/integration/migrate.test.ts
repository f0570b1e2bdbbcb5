// The migration runner on a real embedded PostgreSQL: each migration in its own transaction,
// exactly once under concurrent starts, and `-- steadfast: no-transaction` migrations that build
// indexes concurrently — on the partitioned submissions log too — and can be retried after a failure.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listMigrations, migrate, splitStatements, type Migration } from '../../src/store/migrate.ts';
import { ensurePartitions } from '../../src/store/storage.ts';
import { startTestDatabase, type TestDatabase } from '../support/pg.ts';

let pg: TestDatabase;
before(async () => {
  pg = await startTestDatabase();
  await migrate(pg.db.sql);
});
after(async () => { await pg?.stop(); });
const sql = () => pg.db.sql;
const noTx = '-- steadfast: no-transaction\n';
const recorded = async (version: number) =>
  (await sql()`SELECT count(*)::int AS n FROM schema_migrations WHERE version = ${version}`)[0]!.n === 1;
const valid = async (index: string) =>
  (await sql()`SELECT indisvalid AS v FROM pg_index WHERE indexrelid = to_regclass(${index})`)[0]?.v as boolean | undefined;

test('statements are split at semicolons that end a line; comment lines are dropped', () => {
  assert.deepEqual(splitStatements(`${noTx}-- why\nCREATE INDEX CONCURRENTLY IF NOT EXISTS a ON t (x);  -- note\n\nSELECT 1;\nSELECT 'a;b'`),
    ['CREATE INDEX CONCURRENTLY IF NOT EXISTS a ON t (x)', 'SELECT 1', "SELECT 'a;b'"]);
});

test('a failing migration changes nothing and is not recorded; started together, runners apply it once', async () => {
  const bad: Migration = { version: 901, name: 'bad', sql: 'CREATE TABLE t901 (x int); SELECT 1/0;' };
  await assert.rejects(migrate(sql(), () => {}, [bad]), /division by zero/);
  assert.equal((await sql()`SELECT to_regclass('t901') AS t`)[0]!.t, null);
  assert.equal(await recorded(901), false);

  const good: Migration = { version: 901, name: 'good', sql: 'CREATE TABLE t901 (x int);' };
  const runs = await Promise.all([migrate(sql(), () => {}, [good]), migrate(sql(), () => {}, [good]), migrate(sql(), () => {}, [good])]);
  assert.deepEqual(runs.flat(), ['good']);
  assert.equal(await recorded(901), true);
});

test('a no-transaction migration builds an index on every partition of submissions, valid, and on later partitions', async () => {
  const m: Migration = {
    version: 902, name: 'indexes',
    sql: `${noTx}CREATE INDEX CONCURRENTLY IF NOT EXISTS submissions_server_time_idx ON submissions (server_time);\n`
      + 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name);\n',
  };
  assert.deepEqual(await migrate(sql(), () => {}, [m]), ['indexes']);
  assert.equal(await valid('submissions_server_time_idx'), true, 'the parent index is valid once every partition has it');
  assert.equal(await valid('users_name_idx'), true);
  const uncovered = async () => (await sql()`
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'submissions'::regclass AND NOT EXISTS (
      SELECT 1 FROM pg_index x JOIN pg_inherits ii ON ii.inhrelid = x.indexrelid
      WHERE x.indrelid = c.oid AND ii.inhparent = 'submissions_server_time_idx'::regclass)`).map((r) => r.relname);
  assert.deepEqual(await uncovered(), []);
  const [{ n }] = await sql()`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'submissions_server_time_idx'::regclass`;
  assert.ok(n >= 5, `one index per partition (default and 4 months at least), got ${n}`);
  await ensurePartitions(sql(), new Date(Date.UTC(new Date().getUTCFullYear() + 2, 0, 1)));
  assert.deepEqual(await uncovered(), [], 'partitions made later have it too');
  assert.equal(await recorded(902), true);
});

test('a no-transaction migration that fails part-way is retried safely; an index a failure left invalid is rebuilt', async () => {
  await sql()`CREATE TABLE t903 (x int)`;
  await sql()`INSERT INTO t903 VALUES (1), (1), (2)`;
  const m: Migration = {
    version: 903, name: 'unique',
    sql: `${noTx}CREATE INDEX CONCURRENTLY IF NOT EXISTS t903_plain ON t903 (x);\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t903_x ON t903 (x);\n`,
  };
  await assert.rejects(migrate(sql(), () => {}, [m]), /could not create unique index|duplicate/);
  assert.equal(await recorded(903), false);
  assert.equal(await valid('t903_plain'), true, 'the statement before the failure stays done');
  assert.equal(await valid('t903_x'), false, 'PostgreSQL leaves the failed index behind, invalid');

  await sql()`DELETE FROM t903 WHERE ctid = (SELECT min(ctid) FROM t903 WHERE x = 1)`;
  assert.deepEqual(await migrate(sql(), () => {}, [m]), ['unique']);
  assert.equal(await valid('t903_x'), true);
  assert.equal(await recorded(903), true);
});

test('CREATE INDEX CONCURRENTLY without IF NOT EXISTS is refused with what to write', async () => {
  const m: Migration = { version: 904, name: 'unsafe', sql: `${noTx}CREATE INDEX CONCURRENTLY users_email2_idx ON users (email);\n` };
  await assert.rejects(migrate(sql(), () => {}, [m]), /write CREATE INDEX CONCURRENTLY IF NOT EXISTS/);
  assert.equal(await recorded(904), false);
});

test('migration 007 pins `log` to base 10 for courses made before natural log was the default, and leaves chosen ones', async () => {
  const [older] = await sql()`INSERT INTO courses (title, settings) VALUES ('Older', '{"timeZone": "UTC"}') RETURNING id`;
  const [chosen] = await sql()`INSERT INTO courses (title, settings) VALUES ('Chosen', '{"logBase": "e"}') RETURNING id`;
  const pin = listMigrations().find((m) => m.version === 7)!;
  assert.deepEqual(await migrate(sql(), () => {}, [{ ...pin, version: 907 }]), [pin.name]);
  const logBase = async (id: string) => (await sql()`SELECT settings->'logBase' AS b FROM courses WHERE id = ${id}`)[0]!.b;
  assert.equal(await logBase(older!.id), 10);
  assert.equal(await logBase(chosen!.id), 'e');
});
