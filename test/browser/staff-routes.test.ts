// The instructor and TA pages over HTTP: who may see and change what (signed out, student, TA,
// an instructor of another course), malformed links and forms, and what each form reports.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { demoPassword } from '../../src/app/demo.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { correctAnswers } from '../../src/questions/index.ts';
import { insertCourse, upsertEnrollment } from '../../src/store/courses.ts';
import { insertUser } from '../../src/store/users.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ids: { course: string; assignment: string; student: string; slot: string };

/** A browser-like client: session cookie, urlencoded forms with the CSRF token, redirects not followed. */
class PageClient {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async signIn(email: string): Promise<this> {
    const r = await this.form('/login', { email, password: demoPassword });
    assert.equal(r.status, 303, `sign in ${email}`);
    this.cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    this.csrf = (await (await this.get('/')).text()).match(/name="csrf-token" content="([^"]+)"/)![1]!;
    return this;
  }
  get(path: string) { return fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookie } }); }
  form(path: string, fields: Record<string, string>, withCsrf = true) {
    const body = new URLSearchParams({ ...fields, ...(withCsrf && this.csrf ? { _csrf: this.csrf } : {}) });
    return fetch(this.base + path, { method: 'POST', redirect: 'manual', headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  }
}

const clients = new Map<string, PageClient>();
const as = async (email: string) => clients.get(email) ?? clients.set(email, await new PageClient(server.url).signIn(email)).get(email)!;
const fill = (path: string) => path.replace('C', ids.course).replace('A', ids.assignment).replace('U', ids.student);

before(async () => {
  server = await startTestServer();
  const sql = server.ctx.db.sql;
  const [row] = await sql`
    SELECT a.course_id, a.id AS assignment, s.id AS slot, (SELECT id FROM users WHERE email = 'student1@example.edu') AS student
    FROM assignments a JOIN slots s ON s.assignment_id = a.id WHERE a.title LIKE 'Homework 1%' ORDER BY s.position LIMIT 1`;
  ids = { course: row!.course_id, assignment: row!.assignment, student: row!.student, slot: row!.slot };
  // An instructor of another course: they must not reach this one.
  const other = await insertCourse(sql, 'Chemistry 100');
  const stranger = await insertUser(sql, { email: 'other-instructor@example.edu', name: 'Olga Other', passwordHash: await hashPassword(demoPassword) });
  await upsertEnrollment(sql, other.id, stranger.id, 'instructor');
});
after(async () => { await server?.close(); });

const viewerPages = ['/courses/C/manage', '/courses/C/roster', '/courses/C/gradebook', '/assignments/A/extensions', '/assignments/A/statistics', '/assignments/A/students/U'];
const editorPages = ['/courses/C/assignments/new', '/assignments/A/edit', '/courses/C/regrade'];
const editorForms: [string, Record<string, string>][] = [
  ['/courses/C/roster', { csv: 'email,name\nnew-person@example.edu,New Person' }],
  ['/courses/C/assignments/new', { title: 'Sneaky', opensAt: '2030-01-01T09:00', dueAt: '2030-01-08T09:00' }],
  ['/assignments/A/edit', { title: 'Renamed', opensAt: '2030-01-01T09:00', dueAt: '2030-01-08T09:00' }],
  ['/assignments/A/slots', { questionId: 'circuits-power', points: '5' }],
  ['/assignments/A/points', { [`points.S`]: '99' }],
  ['/courses/C/regrade', { mode: 'apply' }],
];
const formOf = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace('S', ids.slot), v]));

describe('staff pages: who may see and change what', () => {
  test('a signed-out visitor is sent to sign in, for every page and form', async () => {
    const anon = new PageClient(server.url);
    for (const path of [...viewerPages, ...editorPages].map(fill)) {
      const r = await anon.get(path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), `/login?next=${encodeURIComponent(path)}`);
    }
    for (const [path, fields] of editorForms) assert.equal((await anon.form(fill(path), formOf(fields))).status, 303, path);
  });

  test('instructors see every page; TAs see the viewing pages but not the editing ones', async () => {
    const instructor = await as('instructor@example.edu');
    const ta = await as('ta@example.edu');
    for (const path of [...viewerPages, ...editorPages].map(fill)) assert.equal((await instructor.get(path)).status, 200, `instructor ${path}`);
    for (const path of viewerPages.map(fill)) assert.equal((await ta.get(path)).status, 200, `TA ${path}`);
    for (const path of editorPages.map(fill)) {
      const r = await ta.get(path);
      assert.equal(r.status, 403, `TA ${path}`);
      assert.match(await r.text(), /This needs the instructor role in this course; you are a TA/);
    }
  });

  test('a student gets 403 on every staff page and form, and an instructor of another course 404; nothing changes', async () => {
    const sql = server.ctx.db.sql;
    const before = await sql`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM assignments) AS assignments, (SELECT count(*) FROM slots) AS slots, (SELECT sum(points) FROM slots) AS points`;
    const student = await as('student2@example.edu');
    const stranger = await as('other-instructor@example.edu');
    for (const path of [...viewerPages, ...editorPages].map(fill)) {
      assert.equal((await student.get(path)).status, 403, `student ${path}`);
      const r = await stranger.get(path);
      assert.equal(r.status, 404, `other instructor ${path}`);
      assert.match(await r.text(), /not found/i);
    }
    for (const [path, fields] of editorForms) {
      assert.equal((await student.form(fill(path), formOf(fields))).status, 403, `student ${path}`);
      assert.equal((await stranger.form(fill(path), formOf(fields))).status, 404, `other instructor ${path}`);
      assert.equal((await (await as('ta@example.edu')).form(fill(path), formOf(fields))).status, 403, `TA ${path}`);
    }
    assert.equal((await student.form(fill('/assignments/A/extensions'), { emails: 'student2@example.edu', dueAt: '2030-01-01T00:00' })).status, 403);
    const afterwards = await sql`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM assignments) AS assignments, (SELECT count(*) FROM slots) AS slots, (SELECT sum(points) FROM slots) AS points`;
    assert.deepEqual(afterwards, before);
  });

  test('malformed links and forms get a 400 page, a form without the CSRF token 403, and nothing is stored', async () => {
    const instructor = await as('instructor@example.edu');
    for (const path of ['/courses/not-a-uuid/manage', '/assignments/123/edit', fill('/assignments/A/students/nope'), fill('/courses/C/gradebook?sort=drop'),
      fill('/courses/C/gradebook?dir=sideways'), fill('/assignments/A/edit?seed=-1&preview=x')]) {
      const r = await instructor.get(path);
      assert.equal(r.status, 400, path);
      assert.match(await r.text(), /go back, reload the page and try again/);
    }
    const slotsBefore = (await server.ctx.db.sql`SELECT count(*)::int AS n FROM slots`)[0]!.n;
    assert.equal((await instructor.form(fill('/assignments/A/slots'), { questionId: 'circuits-power', points: 'many' })).status, 400);
    assert.equal((await instructor.form(fill('/assignments/A/slots'), { questionId: 'circuits-power', points: '-1' })).status, 400);
    assert.equal((await instructor.form(fill('/assignments/A/slots'), { questionId: 'no-such-question', points: '1' })).status, 400);
    assert.equal((await instructor.form(fill('/assignments/A/points'), { 'points.drop-table': '1' })).status, 400);
    assert.equal((await instructor.form(fill('/courses/C/regrade'), { mode: 'everything' })).status, 400);
    for (const path of ['/courses/C/roster', '/courses/C/assignments/new', '/assignments/A/edit', '/assignments/A/slots', '/assignments/A/extensions', '/courses/C/regrade']) {
      assert.equal((await instructor.form(fill(path), { unexpected: 'field' })).status, 400, `${path} with a field it does not take`);
    }
    assert.equal((await instructor.form(fill('/assignments/A/slots'), { questionId: 'circuits-power', points: '1' }, false)).status, 403);
    assert.equal((await server.ctx.db.sql`SELECT count(*)::int AS n FROM slots`)[0]!.n, slotsBefore);
  });
  test('the matrix above covers every staff page route the server serves', () => {
    const asRoute = (path: string) => path.replace(/^\/courses\/C/, '/courses/:id').replace(/^\/assignments\/A/, '/assignments/:id').replace(/\/U$/, '/:userId');
    const covered = new Set([
      ...[...viewerPages, ...editorPages].map((p) => `GET ${asRoute(p)}`),
      ...editorForms.map(([p]) => `POST ${asRoute(p)}`), 'POST /assignments/:id/extensions',
    ]);
    const staffRoute = /^(GET|POST) \/(courses\/:id\/(manage|roster|gradebook|regrade|assignments\/new)|assignments\/:id\/(edit|slots|points|extensions|statistics|students))/;
    const served = server.routes.filter((r) => staffRoute.test(r));
    assert.ok(served.length >= 15, `the server lists its staff routes (${served.length})`);
    assert.deepEqual(served.filter((r) => !covered.has(r)), []);
  });
});

describe('staff forms', () => {
  test('roster import reports enrolled, rejected rows with line and reason, and new accounts; hostile names stay text', async () => {
    const instructor = await as('instructor@example.edu');
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const csv = `email,name,role\nstudent1@example.edu,Student 01,student\nnot-an-email,Someone\nfresh@example.edu,"${hostile.replace(/"/g, '""')}"\nta2@example.edu,Tina,boss\n`;
    const r = await instructor.form(fill('/courses/C/roster'), { csv });
    const page = await r.text();
    assert.equal(r.status, 200);
    assert.match(page, /1 enrolled or changed role, 1 unchanged, 2 rejected, 1 new accounts/);
    assert.match(page, /<td>3<\/td><td>&quot;not-an-email&quot; is not an email address<\/td>/);
    assert.match(page, /<td>5<\/td><td>role &quot;boss&quot; is not one of instructor, ta, student<\/td>/);
    assert.match(page, /<td>fresh@example.edu<\/td><td><code>[A-Za-z0-9_-]{12}<\/code><\/td>/);
    const roster = await (await instructor.get(fill('/courses/C/roster'))).text();
    assert.ok(roster.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(!roster.includes('<script>alert') && !roster.includes('<img src=x'), 'no hostile markup on the roster');
    const bad = await instructor.form(fill('/courses/C/roster'), { csv: 'mail,who\nx,y' });
    assert.equal(bad.status, 400);
    const badPage = await bad.text();
    assert.match(badPage, /id="roster-csv-error">The roster CSV needs a header row/);
    assert.match(badPage, /mail,who\nx,y<\/textarea>/, 'the CSV is kept in the form');
  });

  test('the editor shows each problem next to its field and keeps what was typed; a good form creates, adds slots and saves points', async () => {
    const instructor = await as('instructor@example.edu');
    const typed = { title: 'Quiz <b>4</b>', opensAt: '2030-01-08T09:00', dueAt: '2030-01-01T09:00', late1Hours: '24', late1Credit: '1.5', attemptsMax: '0', penaltyPerWrong: '0.1', newVariantAfterWrong: '' };
    const r = await instructor.form(fill('/courses/C/assignments/new'), typed);
    const page = await r.text();
    assert.equal(r.status, 400);
    assert.match(page, /id="f-dueAt-error">The due date \(2030-01-01 14:00 UTC\) must be after the open date/, 'dates are read in the course time zone (Toronto)');
    assert.match(page, /id="f-attemptsMax-error">Attempts per part must be a whole number/);
    assert.match(page, /id="f-late-error">Late window 1: credit must be between 0 and 1/);
    assert.match(page, /name="title" type="text" value="Quiz &lt;b&gt;4&lt;\/b&gt;"/);
    assert.match(page, /name="late1Credit" type="number" value="1.5"/);
    assert.match(page, /name="dueAt" type="datetime-local" value="2030-01-01T09:00" aria-describedby="f-dueAt-hint f-dueAt-error"\s+aria-invalid="true"/);
    const created = await instructor.form(fill('/courses/C/assignments/new'), { ...typed, dueAt: '2030-01-15T09:00', late1Credit: '0.5', attemptsMax: '2', published: 'on' });
    assert.equal(created.status, 303);
    const editUrl = created.headers.get('location')!;
    const id = editUrl.match(/\/assignments\/([0-9a-f-]{36})\/edit/)![1]!;
    const [a] = await server.ctx.db.sql`SELECT * FROM assignments WHERE id = ${id}`;
    assert.equal(a!.title, 'Quiz <b>4</b>');
    assert.equal(a!.due_at.toISOString(), '2030-01-15T14:00:00.000Z');
    assert.deepEqual(a!.late_windows, [{ afterDueHours: 24, credit: 0.5 }]);
    assert.equal(a!.published, true);
    const search = await (await instructor.get(`/assignments/${id}/edit?q=ohm`)).text();
    assert.match(search, /circuits-ohms-law/);
    assert.equal((await instructor.form(`/assignments/${id}/slots`, { questionId: 'circuits-ohms-law', points: '7' })).status, 303);
    const [slot] = await server.ctx.db.sql`SELECT id, points FROM slots WHERE assignment_id = ${id}`;
    assert.equal(slot!.points, 7);
    assert.equal((await instructor.form(`/assignments/${id}/points`, { [`points.${slot!.id}`]: '12.5' })).status, 303);
    assert.equal((await server.ctx.db.sql`SELECT points FROM slots WHERE id = ${slot!.id}`)[0]!.points, 12.5);
    const preview = await (await instructor.get(`/assignments/${id}/edit?preview=circuits-ohms-law&seed=42`)).text();
    assert.match(preview, /Preview: .* \(seed 42\)/);
    assert.match(preview, /Parts and their correct answers at this seed/);
    assert.match(await (await instructor.get(`/assignments/${id}/edit?preview=nothing-here`)).text(), /There is no question “nothing-here” in the bank/);
  });

  test('extensions: a list of emails gives granted and rejected; a date before the due date is refused at its field', async () => {
    const ta = await as('ta@example.edu');
    const ok = await (await ta.form(fill('/assignments/A/extensions'), { emails: 'student2@example.edu\nSTUDENT3@example.edu, ghost@example.edu', dueAt: '2031-01-01T12:00' })).text();
    assert.match(ok, /2 granted, 1 rejected/);
    assert.match(ok, /<td>ghost@example.edu<\/td><td>not a student of this course: check the address<\/td>/);
    const early = await ta.form(fill('/assignments/A/extensions'), { emails: 'student2@example.edu', dueAt: '2001-01-01T12:00' });
    assert.equal(early.status, 400);
    assert.match(await early.text(), /id="f-dueAt-error">The extension \(2001-01-01 17:00 UTC\) must be later than the due date/);
  });

  test('the gradebook filters and sorts on the server; a hostile answer is text in the history', async () => {
    const instructor = await as('instructor@example.edu');
    const only2 = await (await instructor.get(fill('/courses/C/gradebook?filter=student2'))).text();
    assert.match(only2, /\(1 of \d+ students\)/);
    const sorted = await (await instructor.get(fill('/courses/C/gradebook?sort=email&dir=desc'))).text();
    const emails = [...sorted.matchAll(/<td data-value="([^"]+@example.edu)">/g)].map((m) => m[1]);
    assert.deepEqual(emails, [...emails].sort().reverse());
    const c = await server.login('student1@example.edu');
    const practice = (await c.get(`/api/courses/${ids.course}/assignments`)).body.find((x: any) => x.title === 'Practice');
    const view = (await c.get(`/api/assignments/${practice.id}`)).body;
    const q = view.questions[0];
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    assert.equal((await c.post('/api/submissions', { id: randomUUID(), variantId: q.variantId, answers: { [q.parts[0].id]: hostile } })).status, 200);
    const history = await (await instructor.get(`/assignments/${practice.id}/students/${ids.student}`)).text();
    assert.ok(history.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(!history.includes('<script>alert') && !history.includes('<img src=x'), 'no hostile markup in the history');
  });

  test('regrade: the dry run shows a wrong score and changes nothing; apply restores it', async () => {
    const sql = server.ctx.db.sql;
    // A right answer to an open assignment, whose stored score is then damaged.
    const c = await server.login('student2@example.edu');
    const practice = (await c.get(`/api/courses/${ids.course}/assignments`)).body.find((x: any) => x.title === 'Practice');
    const q = (await c.get(`/api/assignments/${practice.id}`)).body.questions[0];
    const [v] = await sql`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
    const answers = correctAnswers(await server.ctx.bank.get(v!.version), v!.seed);
    assert.equal((await c.post('/api/submissions', { id: randomUUID(), variantId: q.variantId, answers })).status, 200);
    const [score] = await sql`SELECT user_id, slot_id FROM scores WHERE slot_id = ${q.slotId} AND user_id = (SELECT id FROM users WHERE email = 'student2@example.edu')`;
    await sql`UPDATE scores SET fraction = 0 WHERE user_id = ${score!.user_id} AND slot_id = ${score!.slot_id}`;
    const instructor = await as('instructor@example.edu');
    const dry = await (await instructor.form(fill('/courses/C/regrade'), { mode: 'dry' })).text();
    assert.match(dry, /Regrade: dry run/);
    assert.match(dry, /question scores? would change/);
    assert.match(dry, /<td>student2@example.edu<\/td><td>Practice<\/td><td>0%<\/td>\s*<td class="change-up">100%<\/td>/);
    assert.equal((await sql`SELECT fraction FROM scores WHERE user_id = ${score!.user_id} AND slot_id = ${score!.slot_id}`)[0]!.fraction, 0);
    assert.match(await (await instructor.form(fill('/courses/C/regrade'), { mode: 'apply' })).text(), /Regrade: applied/);
    assert.equal((await sql`SELECT fraction FROM scores WHERE user_id = ${score!.user_id} AND slot_id = ${score!.slot_id}`)[0]!.fraction, 1);
    assert.doesNotMatch(await (await instructor.form(fill('/courses/C/regrade'), { mode: 'dry' })).text(), /<td>student2@example.edu<\/td><td>Practice<\/td>/);
  });
});
