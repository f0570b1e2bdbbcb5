// `steadfast serve` as a user runs it: SIGKILL it while students submit, start it again on the
// same DATA_DIR (the orphaned embedded PostgreSQL is found and handled), and every submission
// that was acknowledged is there. SIGTERM then stops the server and its database cleanly.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, makeTempDataDir, stopServerIn } from '../support/pg.ts';
import { Client, practiceOf } from '../support/server.ts';

/** Bounds of this test's load: submissions and seconds. */
const loadSubmissionsMax = 3_000;
const loadSecondsMax = 20;
const startSecondsMax = 90;

const dataDir = makeTempDataDir();
let child: ChildProcess | null = null;
after(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await stopServerIn(dataDir).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServe(port: number, pgPort: number): Promise<ChildProcess> {
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DEMO_STUDENTS: '3', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  p.stdout!.on('data', (d) => { output += d; });
  p.stderr!.on('data', (d) => { output += d; });
  const deadline = Date.now() + startSecondsMax * 1000;
  while (Date.now() < deadline) {
    if (p.exitCode !== null) throw new Error(`serve exited with ${p.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return p;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new Error(`serve was not ready within ${startSecondsMax} s:\n${output}`);
}

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
  child = await startServe(port, pgPort);
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
  child.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  stop = true;
  await load;
  assert.ok(acked.length > 10, `the load got ${acked.length} acknowledgements before the kill`);

  child = await startServe(port, pgPort);
  const again = await signIn(port);
  const history = await again.get(`/api/variants/${q.variantId}/submissions`);
  assert.equal(history.status, 200);
  const stored = new Set(history.body.map((s: { id: string }) => s.id));
  const lost = acked.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged submissions are missing`);

  child.kill('SIGTERM');
  const code = await new Promise((resolve) => child!.once('exit', resolve));
  assert.equal(code, 0);
  assert.equal(existsSync(join(dataDir, 'pg', 'postmaster.pid')), false, 'the embedded PostgreSQL stopped with the server');
});
