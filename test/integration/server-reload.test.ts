// `steadfast serve` reloads without dropping a request: under a class submitting answers,
// SIGHUP replaces both workers one at a time; every answer is acknowledged (an outbox-style
// client retries a 503 "draining" on the same id), stored once, and nothing is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { runClass, signInClass } from '../../src/cluster/class-sim.ts';
import { embeddedDatabase, embeddedPassword, embeddedUrl } from '../../src/store/embedded.ts';
import { freePort } from '../support/pg.ts';
import { serveFixture } from '../support/serve.ts';

/** After /readyz answers, the second worker may still be starting. */
const workersSecondsMax = 90;
const classSeconds = 14;
const reloadSecondsMax = 90;

const fixture = serveFixture();

test('SIGHUP under load replaces every worker and loses or refuses nothing', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const pgPort = await freePort();
  const serve = await fixture.start(port, pgPort, { DEMO_STUDENTS: '8', WORKERS: '2' });
  const { child, url } = serve;
  for (let i = 0; i < workersSecondsMax * 4 && !serve.output().includes('2 workers serving'); i++) await sleep(250);
  assert.match(serve.output(), /2 workers serving/);

  const endpoints = [{ region: 'local', url }];
  const students = await signInClass(endpoints, 8);
  const load = runClass(students, { endpoints, durationMs: classSeconds * 1000, intervalMs: 100 });
  await sleep(3_000);
  child.kill('SIGHUP');
  await sleep(5_000);
  child.kill('SIGHUP'); // a second reload, possibly while the first is still going: must be safe
  const result = await load;

  assert.equal(result.studentErrors, 0, result.errorSamples.join('\n'));
  assert.ok(result.acks.length > 50, `${result.acks.length} answers acknowledged`);
  // A worker takes a few seconds to start on a busy machine: wait (bounded) for the reload to end.
  for (let i = 0; i < reloadSecondsMax * 4 && !serve.output().includes('worker 2 replaced'); i++) await sleep(250);
  assert.match(serve.output(), /worker 1 replaced/);
  assert.match(serve.output(), /worker 2 replaced/);
  const sql = postgres(embeddedUrl(embeddedPassword(fixture.dataDir), pgPort, embeddedDatabase), { max: 1, onnotice: () => {} });
  try {
    const ids = result.acks.map((a) => a.id);
    const [{ n }] = await sql`SELECT count(*)::int AS n FROM submissions WHERE id = ANY(${ids})`;
    assert.equal(n, ids.length, 'every acknowledged answer is stored');
  } finally {
    await sql.end();
  }
  assert.equal(await serve.stop(), 0);
});
