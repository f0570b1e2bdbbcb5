// The submission path over HTTP on a real embedded PostgreSQL: grading, exactly-once,
// attempts, and every kind of bad input leaving what is stored unchanged.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { correctAnswers } from '../../src/questions/index.ts';
import { practiceOf, startTestServer, type Client, type TestServer } from '../support/server.ts';

let server: TestServer;
let student: Client;
let practice: any;

before(async () => {
  server = await startTestServer();
  student = await server.login('student1@example.edu');
  practice = (await practiceOf(student)).assignment;
});
after(async () => { await server?.close(); });

async function rightAnswers(variantId: string): Promise<Record<string, string>> {
  const [v] = await server.ctx.db.sql`SELECT version, seed FROM variants WHERE id = ${variantId}`;
  return correctAnswers(await server.ctx.bank.get(v.version), v.seed);
}
const count = async () => (await server.ctx.db.sql`SELECT count(*)::int AS n FROM submissions`)[0].n as number;
const submission = (variantId: string, answers: Record<string, string>) =>
  ({ id: randomUUID(), variantId, answers, capturedAt: new Date().toISOString() });

describe('POST /api/submissions', () => {
  test('the assignment lists variants and parts with attempts left, and no correct answers for students', () => {
    assert.ok(practice.questions.length >= 1);
    for (const q of practice.questions) {
      assert.match(q.variantId, /^[0-9a-f-]{36}$/);
      assert.ok(q.parts.length >= 1);
      assert.equal(q.correctAnswers, undefined);
      for (const p of q.parts) assert.equal(p.attemptsLeft, null); // Practice: unlimited
    }
  });

  test('correct answers score 1 and are stored once with the region and server time', async () => {
    const q = practice.questions[0];
    const body = submission(q.variantId, await rightAnswers(q.variantId));
    const r = await student.post('/api/submissions', body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.id, body.id);
    for (const part of Object.keys(body.answers)) {
      assert.equal(r.body.results[part].correct, true, JSON.stringify(r.body.results[part]));
      assert.equal(r.body.results[part].score, 1);
    }
    const [row] = await server.ctx.db.sql`SELECT region, server_time, captured_at FROM submission_history WHERE id = ${body.id}`;
    assert.equal(row.region, 'test');
    assert.ok(row.server_time instanceof Date && row.captured_at instanceof Date);
  });

  test('a repeat of the same id returns the stored body, whatever it carries, and stores nothing', async () => {
    const q = practice.questions[0];
    const first = submission(q.variantId, await rightAnswers(q.variantId));
    const r1 = await student.post('/api/submissions', first);
    const before = await count();
    const wrong = Object.fromEntries(Object.keys(first.answers).map((p) => [p, '12345']));
    const r2 = await student.post('/api/submissions', { ...first, answers: wrong });
    assert.equal(r2.status, 200);
    assert.deepEqual(r2.body, r1.body);
    assert.equal(await count(), before);
  });

  test('a malformed answer is read as invalid, costs no attempt, and says what to fix', async () => {
    const q = practice.questions.find((x: any) => x.parts.some((p: any) => p.type === 'formula' || p.type === 'number'));
    assert.ok(q, 'the practice assignment has a number or formula part');
    const part = q.parts.find((p: any) => p.type === 'formula' || p.type === 'number');
    const r = await student.post('/api/submissions', submission(q.variantId, { [part.id]: '3 +* (' }));
    assert.equal(r.status, 200);
    assert.equal(r.body.results[part.id].status, 'invalid');
    assert.equal(r.body.results[part.id].score, 0);
    assert.ok(r.body.results[part.id].feedback.length > 10);
  });

  test('bad input gets a clear error and changes nothing stored', async () => {
    const q = practice.questions[0];
    const part = q.parts[0].id;
    const before = await count();
    const cases: [unknown, number, string][] = [
      [submission(q.variantId, { nosuchpart: '1' }), 400, 'unknown_part'],
      [submission(q.variantId, { [part]: 'x'.repeat(5000) }), 400, 'invalid_request'],
      [submission(q.variantId, { [part]: '1\u0000\u0001' }), 400, 'binary_answer'],
      [submission(q.variantId, {}), 400, 'invalid_request'],
      [{ ...submission(q.variantId, { [part]: '1' }), id: 'not-a-uuid' }, 400, 'invalid_request'],
      [{ ...submission(q.variantId, { [part]: '1' }), extra: true }, 400, 'invalid_request'],
      [submission(randomUUID(), { [part]: '1' }), 404, 'not_found'],
      [{ ...submission(q.variantId, { [part]: '1' }), capturedAt: new Date(Date.now() + 86_400_000).toISOString() }, 400, 'captured_at_in_future'],
    ];
    for (const [body, status, code] of cases) {
      const r = await student.post('/api/submissions', body);
      assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 120)} → ${JSON.stringify(r.body)}`);
      assert.equal(r.body.code, code);
      assert.ok(r.body.message.length > 10);
    }
    const junk = await student.post('/api/submissions', '{"id": ', { 'content-type': 'application/json' });
    assert.equal(junk.status, 400);
    const huge = await student.post('/api/submissions', JSON.stringify({ pad: 'x'.repeat(100_000) }), { 'content-type': 'application/json' });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, 'request_too_large');
    assert.equal(await count(), before);
  });

  test("another student's variant is refused and the id stays free", async () => {
    const other = await server.login('student2@example.edu');
    const q = practice.questions[0];
    const body = submission(q.variantId, await rightAnswers(q.variantId));
    const r = await other.post('/api/submissions', body);
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'forbidden');
    assert.equal((await server.ctx.db.sql`SELECT count(*)::int AS n FROM submissions WHERE id = ${body.id}`)[0].n, 0);
  });

  test('a closed assignment refuses answers and says why', async () => {
    const [a] = await server.ctx.db.sql`SELECT id FROM assignments WHERE title LIKE 'Homework 1%'`;
    const view = await student.get(`/api/assignments/${a.id}`);
    assert.equal(view.status, 200);
    const q = view.body.questions[0];
    const before = await count();
    const r = await student.post('/api/submissions', submission(q.variantId, { [q.parts[0].id]: '1' }));
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'assignment_closed');
    assert.equal(await count(), before);
    assert.ok(view.body.questions[0].correctAnswers, 'answers of the past assignment are released');
  });

  test('attempts run out per part and the last one is refused with a clear message', async () => {
    const [a] = await server.ctx.db.sql`SELECT id FROM assignments WHERE title LIKE 'Homework 3%'`;
    const view = await student.get(`/api/assignments/${a.id}`);
    const q = view.body.questions.find((x: any) => x.parts.some((p: any) => p.type === 'number'));
    assert.ok(q, 'Homework 3 has a number part');
    const part = q.parts.find((p: any) => p.type === 'number');
    assert.equal(part.attemptsLeft, 3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await student.post('/api/submissions', submission(q.variantId, { [part.id]: '987654321' })));
    assert.deepEqual(results.slice(0, 3).map((r) => [r.status, r.body.results[part.id].status, r.body.results[part.id].attemptsLeft]),
      [[200, 'graded', 2], [200, 'graded', 1], [200, 'graded', 0]]);
    assert.equal(results[3].status, 409);
    assert.equal(results[3].body.code, 'no_attempts_left');
  });
});

describe('exactly once under concurrency', () => {
  test('50 concurrent POSTs of one id store one row and return 50 identical bodies', async () => {
    const q = practice.questions[1] ?? practice.questions[0];
    const body = submission(q.variantId, await rightAnswers(q.variantId));
    const replies = await Promise.all(Array.from({ length: 50 }, () => student.post('/api/submissions', body)));
    for (const r of replies) assert.equal(r.status, 200, JSON.stringify(r.body));
    for (const r of replies) assert.deepEqual(r.body, replies[0].body);
    const [{ n }] = await server.ctx.db.sql`SELECT count(*)::int AS n FROM submissions WHERE id = ${body.id}`;
    assert.equal(n, 1);
  });
});

describe('submissions from another region\'s page (CORS)', () => {
  const otherRegion = 'http://ca-central.example.edu:8080';
  before(() => { server.ctx.regionEndpoints.push(otherRegion); });
  after(() => { server.ctx.regionEndpoints.pop(); });

  test('a region origin may post submissions with the cookie; others get no CORS grant', async () => {
    const pre = await student.request('OPTIONS', '/api/submissions', undefined, { origin: otherRegion, 'access-control-request-method': 'POST' });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), otherRegion);
    assert.equal(pre.headers.get('access-control-allow-credentials'), 'true');
    assert.match(pre.headers.get('access-control-allow-headers')!, /x-csrf-token/);
    const foreign = await student.request('OPTIONS', '/api/submissions', undefined, { origin: 'http://evil.example' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);

    const q = practice.questions[0];
    const ok = await student.post('/api/submissions', submission(q.variantId, await rightAnswers(q.variantId)), { origin: otherRegion });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), otherRegion);
    const other = await student.post('/api/submissions', submission(q.variantId, await rightAnswers(q.variantId)), { origin: 'http://evil.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null, 'a page elsewhere cannot read the answer');
    const courses = await student.request('GET', '/api/courses', undefined, { origin: otherRegion });
    assert.equal(courses.headers.get('access-control-allow-origin'), null, 'only submissions are open to other regions');
  });
});
