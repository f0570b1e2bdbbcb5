// Rosters, extensions, gradebook and statistics over HTTP, with bad input that changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseCsv } from '../../src/app/csv.ts';
import { startTestServer, type Client, type TestServer } from '../support/server.ts';

let server: TestServer;
let instructor: Client;
let courseId: string;
const csv = { 'content-type': 'text/csv' };

before(async () => {
  server = await startTestServer();
  instructor = await server.login('instructor@example.edu');
  courseId = (await instructor.get('/api/courses')).body[0].id;
});
after(async () => { await server?.close(); });

const rosterSize = async () => (await instructor.get(`/api/courses/${courseId}/roster`)).body.length;

test('a roster CSV keeps good rows and reports each bad row with its line', async () => {
  const before = await rosterSize();
  const r = await instructor.post(`/api/courses/${courseId}/roster`, [
    'Email,Name,Role',
    'new.one@example.edu,"Nguyen, An",student',
    'not-an-email,Somebody,student',
    'new.two@example.edu,,student',
    'new.three@example.edu,Three,professor',
    'NEW.ONE@example.edu,Duplicate,student',
    'ta2@example.edu,Tia Two,ta',
    'student1@example.edu,Student 01,student',
  ].join('\r\n'), csv);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.enrolled, 2);
  assert.equal(r.body.unchanged, 1);
  assert.deepEqual(r.body.rejected.map((x: any) => x.line), [3, 4, 5, 6]);
  for (const x of r.body.rejected) assert.ok(x.reason.length > 5);
  assert.deepEqual(r.body.newAccounts.map((a: any) => a.email), ['new.one@example.edu', 'ta2@example.edu']);
  assert.equal(await rosterSize(), before + 2);
  const fresh = await server.login('new.one@example.edu', r.body.newAccounts[0].temporaryPassword);
  assert.deepEqual((await fresh.get('/api/courses')).body.map((c: any) => c.role), ['student']);
});

test('a malformed roster changes nothing and says what to fix', async () => {
  const before = await rosterSize();
  for (const [body, code] of [
    ['name\nx', 'roster_malformed'],
    ['email,name\n"unclosed@example.edu,Name\n', 'roster_malformed'],
  ] as const) {
    const r = await instructor.post(`/api/courses/${courseId}/roster`, body, csv);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, code);
    assert.match(r.body.message, /header|quoted|line/);
  }
  const big = await instructor.post(`/api/courses/${courseId}/roster`, 'email,name\n' + 'x'.repeat(1_100_000), csv);
  assert.equal(big.status, 413);
  assert.equal(await rosterSize(), before);
});

test('extensions for a list of students: granted and rejected reported', async () => {
  const a = (await instructor.get(`/api/courses/${courseId}/assignments`)).body.find((x: any) => x.title.startsWith('Homework 2'));
  const dueAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
  const r = await instructor.post(`/api/assignments/${a.id}/extensions`, { emails: ['student1@example.edu', 'STUDENT2@example.edu', 'ta@example.edu', 'nobody@example.edu'], dueAt });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.granted, ['student1@example.edu', 'student2@example.edu']);
  assert.deepEqual(r.body.rejected.map((x: any) => x.email), ['ta@example.edu', 'nobody@example.edu']);
  const student = await server.login('student1@example.edu');
  assert.equal(new Date((await student.get(`/api/assignments/${a.id}`)).body.extensionDueAt).toISOString(), dueAt);
  const earlier = await instructor.post(`/api/assignments/${a.id}/extensions`, { emails: ['student1@example.edu'], dueAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  assert.equal(earlier.status, 400);
  assert.equal(earlier.body.code, 'invalid_extension');
});

test('the gradebook CSV has one row per student, a column per published assignment, and matches the JSON', async () => {
  const book = (await instructor.get(`/api/courses/${courseId}/gradebook`)).body;
  const r = await instructor.get(`/api/courses/${courseId}/gradebook.csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /text\/csv/);
  const rows = parseCsv(r.body, 10_000);
  assert.deepEqual(rows[0]!.slice(0, 2), ['Email', 'Name']);
  assert.equal(rows[0]!.at(-1), 'Total');
  assert.equal(rows[0]!.length, 3 + book.assignments.length);
  assert.equal(rows.length - 1, book.students.length);
  for (const s of book.students) {
    const row = rows.find((x) => x[0] === s.email)!;
    assert.equal(Number(row.at(-1)), Math.round(s.total * 100) / 100);
  }
  assert.ok(book.students.some((s: any) => s.total > 0), 'the demo has past submissions');
});

test('per-question statistics count attempts, first-try correctness and common wrong answers', async () => {
  const a = (await instructor.get(`/api/courses/${courseId}/assignments`)).body.find((x: any) => x.title.startsWith('Homework 1'));
  const stats = (await instructor.get(`/api/assignments/${a.id}/statistics`)).body;
  assert.ok(stats.length > 0);
  for (const s of stats) {
    assert.ok(s.attempts >= s.students && s.students > 0);
    assert.ok(s.firstTryCorrectPercent >= 0 && s.firstTryCorrectPercent <= 100);
  }
  assert.ok(stats.some((s: any) => s.commonWrongAnswers.some((w: any) => w.answer === '0' && w.count >= 1)), 'the demo\'s wrong answer "0" is listed');
});

test('course settings: a grace outside its bound is refused and nothing changes', async () => {
  const r = await instructor.request('PATCH', `/api/courses/${courseId}/settings`, { outageGraceMinutes: 999_999 });
  assert.equal(r.status, 400);
  const ok = await instructor.request('PATCH', `/api/courses/${courseId}/settings`, { logBase: 10 });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.settings.logBase, 10, 'a course may read log as base 10 (the default is natural)');
});
