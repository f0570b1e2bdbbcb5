// `steadfast serve` as a user runs it: SIGKILL it while students submit, start it again on the
// same DATA_DIR (the orphaned embedded PostgreSQL is found and handled), and every submission
// that was acknowledged is there. SIGTERM then stops the server and its database cleanly.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/pg.ts';
import { serveFixture } from '../support/serve.ts';
import { Client, practiceOf } from '../support/server.ts';

/** Bounds of this test's load: submissions and seconds. */
const loadSubmissionsMax = 3_000;
const loadSecondsMax = 20;

const fixture = serveFixture();
const startServeHere = (port: number, pgPort: number) => fixture.start(port, pgPort, { DEMO_STUDENTS: '3' });

async function signIn(port: number): Promise<Client> {
  const c = new Client(`http://127.0.0.1:${port}`);
  const r = await c.post('/api/session', { email: 'student1@example.edu', password: 'steadfast-demo' });
  assert.equal(r.status, 200);
  c.csrfToken = r.body.csrfToken;
  return c;
}

test('SIGKILL under load loses no acknowledged submission; SIGTERM stops cleanly', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const pgPort = await freePort();
  let serve = await startServeHere(port, pgPort);
  const student = await signIn(port);
  const { assignment } = await practiceOf(student);
  const q = assignment.questions[0];
  const acked: string[] = [];
  let stop = false;
  const load = (async () => {
    const until = Date.now() + loadSecondsMax * 1000;
    for (let i = 0; i < loadSubmissionsMax && !stop && Date.now() < until; i++) {
      try {
        const r = await student.post('/api/submissions', { id: randomUUID(), variantId: q.variantId, answers: { [q.parts[0].id]: String(i) } });
        if (r.status === 200) acked.push(r.body.id);
      } catch { /* the server died mid-request: not acknowledged */ }
    }
  })();
  await sleep(3_000);
  const killed = serve.child;
  killed.kill('SIGKILL');
  await new Promise((resolve) => killed.once('exit', resolve));
  stop = true;
  await load;
  assert.ok(acked.length > 10, `the load got ${acked.length} acknowledgements before the kill`);

  serve = await startServeHere(port, pgPort);
  const again = await signIn(port);
  const history = await again.get(`/api/variants/${q.variantId}/submissions`);
  assert.equal(history.status, 200);
  const stored = new Set(history.body.map((s: { id: string }) => s.id));
  const lost = acked.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged submissions are missing`);

  assert.equal(await serve.stop(), 0);
  assert.equal(existsSync(join(fixture.dataDir, 'pg', 'postmaster.pid')), false, 'the embedded PostgreSQL stopped with the server');
});
