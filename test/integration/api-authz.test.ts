// Authorization matrix: every route × anonymous, student, TA, instructor, an instructor of
// another course, and a site admin. Also CSRF on cookie-authenticated writes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { practiceOf, startTestServer, type Client, type TestServer } from '../support/server.ts';

type Actor = 'anonymous' | 'student' | 'ta' | 'instructor' | 'outsider' | 'admin';
const actors: Actor[] = ['anonymous', 'student', 'ta', 'instructor', 'outsider', 'admin'];

let server: TestServer;
const clients = {} as Record<Actor, Client>;
let courseId: string;
let assignment: any;
let variantId: string;
let questionId: string;

before(async () => {
  server = await startTestServer();
  clients.anonymous = server.anonymous();
  for (const a of ['student', 'ta', 'instructor'] as const) {
    clients[a] = await server.login(a === 'student' ? 'student1@example.edu' : `${a}@example.edu`);
  }
  clients.admin = await server.admin();
  const p = await practiceOf(clients.student);
  courseId = p.courseId;
  variantId = p.assignment.questions[0].variantId;
  questionId = p.assignment.questions[0].questionId;
  const hw2 = (await clients.instructor.get(`/api/courses/${courseId}/assignments`)).body.find((a: any) => a.title.startsWith('Homework 2'));
  assignment = hw2;
  // An instructor of another course.
  const other = await clients.admin.post('/api/courses', { title: 'Chemistry 200' });
  const roster = await clients.admin.post(`/api/courses/${other.body.id}/roster`, 'email,name,role\noutsider@example.edu,Olga Outsider,instructor\n', { 'content-type': 'text/csv' });
  clients.outsider = await server.login('outsider@example.edu', roster.body.newAccounts[0].temporaryPassword);
});
after(async () => { await server?.close(); });

interface Route { method: string; path: () => string; body?: () => unknown; type?: string; expect: Record<Actor, number> }
const row = (anonymous: number, student: number, ta: number, instructor: number, outsider: number, admin: number) =>
  ({ anonymous, student, ta, instructor, outsider, admin });

const assignmentBody = () => ({
  title: assignment.title, opensAt: assignment.opensAt, dueAt: assignment.dueAt, lateWindows: assignment.lateWindows,
  attemptsMax: assignment.attemptsMax, penaltyPerWrong: assignment.penaltyPerWrong,
  newVariantAfterWrong: assignment.newVariantAfterWrong, published: true,
});

const routes: Route[] = [
  { method: 'GET', path: () => '/api/session', expect: row(401, 200, 200, 200, 200, 200) },
  { method: 'GET', path: () => '/api/courses', expect: row(401, 200, 200, 200, 200, 200) },
  { method: 'POST', path: () => '/api/courses', body: () => ({ title: 'New course' }), expect: row(401, 403, 403, 403, 403, 201) },
  { method: 'GET', path: () => `/api/courses/${courseId}`, expect: row(401, 200, 200, 200, 404, 200) },
  { method: 'PATCH', path: () => `/api/courses/${courseId}/settings`, body: () => ({ outageGraceMinutes: 60 }), expect: row(401, 403, 403, 200, 404, 200) },
  { method: 'GET', path: () => `/api/courses/${courseId}/roster`, expect: row(401, 403, 200, 200, 404, 200) },
  { method: 'POST', path: () => `/api/courses/${courseId}/roster`, type: 'text/csv', body: () => 'email,name\nstudent1@example.edu,Student 01\n', expect: row(401, 403, 403, 200, 404, 200) },
  { method: 'GET', path: () => `/api/courses/${courseId}/assignments`, expect: row(401, 200, 200, 200, 404, 200) },
  { method: 'POST', path: () => `/api/courses/${courseId}/assignments`, body: () => ({ ...assignmentBody(), title: 'Quiz', published: false, slots: [{ questionId, points: 1 }] }), expect: row(401, 403, 403, 201, 404, 201) },
  { method: 'PUT', path: () => `/api/assignments/${assignment.id}`, body: assignmentBody, expect: row(401, 403, 403, 200, 404, 200) },
  { method: 'GET', path: () => `/api/assignments/${assignment.id}`, expect: row(401, 200, 200, 200, 404, 200) },
  { method: 'POST', path: () => `/api/assignments/${assignment.id}/extensions`, body: () => ({ emails: ['student2@example.edu'], dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }), expect: row(401, 403, 200, 200, 404, 200) },
  { method: 'GET', path: () => `/api/assignments/${assignment.id}/statistics`, expect: row(401, 403, 200, 200, 404, 200) },
  { method: 'POST', path: () => '/api/submissions', body: () => ({ id: randomUUID(), variantId, answers: { zz: '1' } }), expect: row(401, 400, 403, 403, 403, 403) },
  { method: 'GET', path: () => `/api/variants/${variantId}/submissions`, expect: row(401, 200, 200, 200, 404, 200) },
  { method: 'POST', path: () => `/api/variants/${variantId}/preview`, body: () => ({ partId: 'a', answer: '1' }), expect: row(401, 200, 403, 403, 404, 403) },
  { method: 'POST', path: () => `/api/variants/${variantId}/next`, expect: row(401, 409, 403, 403, 404, 403) },
  { method: 'GET', path: () => `/api/courses/${courseId}/gradebook`, expect: row(401, 403, 200, 200, 404, 200) },
  { method: 'GET', path: () => `/api/courses/${courseId}/gradebook.csv`, expect: row(401, 403, 200, 200, 404, 200) },
  { method: 'POST', path: () => `/api/courses/${courseId}/regrade`, body: () => ({ dryRun: true }), expect: row(401, 403, 403, 200, 404, 200) },
  { method: 'GET', path: () => '/api/bank?q=', expect: row(401, 403, 200, 200, 200, 200) },
  { method: 'GET', path: () => `/api/bank/${questionId}/preview?seed=3`, expect: row(401, 403, 200, 200, 200, 200) },
  { method: 'GET', path: () => '/api/config', expect: row(200, 200, 200, 200, 200, 200) },
  { method: 'GET', path: () => '/healthz', expect: row(200, 200, 200, 200, 200, 200) },
  { method: 'GET', path: () => '/readyz', expect: row(200, 200, 200, 200, 200, 200) },
];

for (const route of routes) {
  test(`${route.method} ${route.path.toString().replace(/^\(\) => /, '')}`, async () => {
    for (const actor of actors) {
      const headers: Record<string, string> = route.type ? { 'content-type': route.type } : {};
      const r = await clients[actor].request(route.method, route.path(), route.body?.(), headers);
      assert.equal(r.status, route.expect[actor], `${actor}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      if (r.status >= 400) {
        assert.equal(typeof r.body.code, 'string', `${actor}: error has a code`);
        assert.ok(r.body.message.length > 10, `${actor}: error says what to do`);
      }
    }
  });
}

test('every route of the server is in the matrix', () => {
  const covered = new Set(routes.map((r) => `${r.method} ${r.path().split('?')[0]}`
    .replace(courseId, ':id').replace(assignment.id, ':id').replace(variantId, ':id').replace(`/bank/${questionId}/`, '/bank/:questionId/')));
  // The JSON API and health routes; the HTML pages have their own matrix in test/browser/.
  const served = server.routes.filter((r) => /^(GET|POST|PUT|PATCH|DELETE) \/(api\/|healthz|readyz)/.test(r))
    .filter((r) => r !== 'POST /api/session' && r !== 'DELETE /api/session');
  assert.ok(served.length >= 20, `the server lists its routes (${served.length})`);
  const missing = served.filter((r) => !covered.has(r));
  assert.deepEqual(missing, []);
});

test('a cookie-authenticated write without the CSRF token is refused', async () => {
  const c = await server.login('instructor@example.edu');
  c.csrfToken = '';
  const r = await c.request('PATCH', `/api/courses/${courseId}/settings`, { outageGraceMinutes: 30 });
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 'csrf_token_invalid');
});

test('wrong passwords and unknown emails get the same refusal; sign-out ends the session', async () => {
  const anon = server.anonymous();
  const a = await anon.post('/api/session', { email: 'student1@example.edu', password: 'nope-nope' });
  const b = await anon.post('/api/session', { email: 'nobody@example.edu', password: 'nope-nope' });
  assert.equal(a.status, 401);
  assert.deepEqual(a.body, b.body);
  const c = await server.login('student3@example.edu');
  assert.equal((await c.request('DELETE', '/api/session')).status, 204);
  assert.equal((await c.get('/api/courses')).status, 401);
});

test('sign-in is rate limited per email after repeated failures', async () => {
  const anon = server.anonymous();
  let last;
  for (let i = 0; i < 11; i++) last = await anon.post('/api/session', { email: 'student4@example.edu', password: `wrong-${i}` });
  assert.equal(last!.status, 429);
  assert.equal(last!.body.code, 'too_many_logins');
});
