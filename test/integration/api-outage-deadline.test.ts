// Deadlines that forgive our outages, as a student meets them over HTTP: an answer captured on
// the device before the deadline, during a recorded outage, counts as on time when it arrives
// within the course's grace after the outage ended; nothing else gains from a capture time.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { upsertOutage } from '../../src/store/outages.ts';
import { practiceOf, startTestServer, type Client, type TestServer } from '../support/server.ts';

const minuteMs = 60_000;
let server: TestServer;
let student: Client;
let courseId: string;

before(async () => {
  server = await startTestServer();
  student = await server.login('student1@example.edu');
  courseId = (await practiceOf(student)).courseId;
  const instructor = await server.login('instructor@example.edu');
  assert.equal((await instructor.request('PATCH', `/api/courses/${courseId}/settings`, { outageGraceMinutes: 60 })).status, 200);
});
after(async () => { await server?.close(); });

/** A closed assignment (due `dueAgoMin` minutes ago, no late windows) with one number question. */
async function closedAssignment(dueAgoMin: number) {
  const instructor = await server.login('instructor@example.edu');
  const now = Date.now();
  const created = await instructor.post(`/api/courses/${courseId}/assignments`, {
    title: `Quiz ${randomUUID().slice(0, 8)}`, opensAt: new Date(now - 600 * minuteMs).toISOString(),
    dueAt: new Date(now - dueAgoMin * minuteMs).toISOString(), published: true,
    slots: [{ questionId: 'units-prefixes', points: 5 }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const view = await student.get(`/api/assignments/${created.body.id}`);
  const q = view.body.questions[0];
  return (capturedAgoMin: number) => student.post('/api/submissions', {
    id: randomUUID(), variantId: q.variantId, answers: { [q.parts[0].id]: '1' },
    capturedAt: new Date(Date.now() - capturedAgoMin * minuteMs).toISOString(),
  });
}

async function outage(startAgoMin: number, endAgoMin: number | null) {
  await upsertOutage(server.ctx.db.sql, {
    id: randomUUID(), region: 'us-east', node: 'app-1', detail: 'test outage',
    startedAt: new Date(Date.now() - startAgoMin * minuteMs),
    endedAt: endAgoMin === null ? null : new Date(Date.now() - endAgoMin * minuteMs),
  });
}

test('captured during an outage before the deadline, arriving within the grace: on time, with the reason stored', async () => {
  await server.ctx.db.sql`DELETE FROM outages`;
  await outage(40, 10);                       // 40 to 10 minutes ago
  const submit = await closedAssignment(30);  // due 30 minutes ago, inside the outage
  const r = await submit(35);                 // captured 35 minutes ago: during the outage, before the deadline
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.timing.kind, 'outage_grace');
  assert.equal(r.body.timing.credit, 1);
  assert.match(r.body.timing.reason, /outage|unreachable|down/i);
  const [row] = await server.ctx.db.sql`SELECT outcome FROM submissions WHERE id = ${r.body.id}`;
  assert.deepEqual(row.outcome['@'], ['outage_grace', 1, r.body.timing.reason], 'the decision and its reason are stored in the row');
  const history = await student.get(`/api/variants/${r.body.variantId}/submissions`);
  assert.deepEqual(history.body.at(-1).timing, r.body.timing, 'and shown again from the log');
});

test('captured before the deadline but outside any outage: closed', async () => {
  await server.ctx.db.sql`DELETE FROM outages`;
  await outage(40, 10);
  const submit = await closedAssignment(30);
  const r = await submit(50);                 // before the outage began: the site was up, nothing excuses it
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'assignment_closed');
});

test('a forged capture time with no outage recorded gains nothing', async () => {
  await server.ctx.db.sql`DELETE FROM outages`;
  const submit = await closedAssignment(30);
  const r = await submit(35);
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'assignment_closed');
});

test('captured during the outage but after the deadline: closed', async () => {
  await server.ctx.db.sql`DELETE FROM outages`;
  await outage(40, 10);
  const submit = await closedAssignment(30);
  const r = await submit(20);                 // during the outage, but after the deadline
  assert.equal(r.status, 409);
});

test('arriving after the grace has run out: closed', async () => {
  await server.ctx.db.sql`DELETE FROM outages`;
  await outage(200, 100);                     // ended 100 minutes ago; grace is 60
  const submit = await closedAssignment(150);
  const r = await submit(160);
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'assignment_closed');
});
