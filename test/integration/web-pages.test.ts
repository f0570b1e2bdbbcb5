// The server-rendered pages over HTTP: sign-in redirects, who may see what, malformed input,
// the no-JavaScript submit (exactly once), escaping of a hostile answer, and static asset caching.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { demoPassword } from '../../src/app/demo.ts';
import { correctAnswers } from '../../src/questions/index.ts';
import { insertAssignment } from '../../src/store/assignments.ts';
import { insertCourse } from '../../src/store/courses.ts';
import { assetUrl } from '../../src/web/static.ts';
import { practiceOf, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let courseId: string;
let practice: any;

/** A browser-like client: a session cookie, forms posted urlencoded, redirects not followed. */
class PageClient {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async signIn(email: string) {
    const r = await this.form('/login', { email, password: demoPassword });
    assert.equal(r.status, 303);
    this.cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    this.csrf = (await (await this.get('/')).text()).match(/name="csrf-token" content="([^"]+)"/)![1]!;
    return this;
  }
  get(path: string, headers: Record<string, string> = {}) {
    return fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookie, ...headers } });
  }
  form(path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return fetch(this.base + path, { method: 'POST', redirect: 'manual', headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  }
}

before(async () => {
  server = await startTestServer();
  ({ courseId, assignment: practice } = await practiceOf(await server.login('student1@example.edu')));
});
after(async () => { await server?.close(); });

const count = async () => (await server.ctx.db.sql`SELECT count(*)::int AS n FROM submissions`)[0]!.n as number;

describe('pages', () => {
  test('a signed-out visitor is sent to sign in and brought back; a foreign `next` goes home', async () => {
    const anon = new PageClient(server.url);
    for (const path of ['/', `/courses/${courseId}`, `/assignments/${practice.id}`]) {
      const r = await anon.get(path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), `/login?next=${encodeURIComponent(path)}`);
    }
    const back = await anon.form('/login', { email: 'student1@example.edu', password: demoPassword, next: `/courses/${courseId}` });
    assert.equal(back.headers.get('location'), `/courses/${courseId}`);
    const evil = await anon.form('/login', { email: 'student1@example.edu', password: demoPassword, next: '//evil.example/x' });
    assert.equal(evil.headers.get('location'), '/');
  });

  test('a wrong password shows the reason on the sign-in page and sets no cookie', async () => {
    const r = await new PageClient(server.url).form('/login', { email: 'student1@example.edu', password: 'nope' });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('set-cookie'), null);
    assert.match(await r.text(), /role="alert"[^>]*>That email and password do not match/);
  });

  test('the dashboard and assignment page render for the student, with times and labelled inputs', async () => {
    const c = await new PageClient(server.url).signIn('student1@example.edu');
    const dash = await (await c.get(`/courses/${courseId}`)).text();
    assert.match(dash, /<h2 id="h-open-now">Open now<\/h2>/);
    assert.match(dash, /<time datetime="[^"]+Z" data-local>/);
    assert.match(dash, /Closed: no more answers accepted/); // Homework 1 is past its late windows
    const page = await (await c.get(`/assignments/${practice.id}`)).text();
    for (const q of practice.questions) {
      for (const p of q.parts.filter((x: any) => x.type !== 'choice')) assert.match(page, new RegExp(`<label for="q${q.position}-p\\d+">${p.label.replace(/[()]/g, '\\$&')}`));
    }
  });

  test('someone else\'s course, an unpublished assignment and another student\'s variant are refused as pages', async () => {
    const other = await insertCourse(server.ctx.db.sql, 'Chemistry 201');
    const draft = await insertAssignment(server.ctx.db.sql, courseId, {
      title: 'Draft', opensAt: new Date(Date.now() - 1000), dueAt: new Date(Date.now() + 86_400_000), lateWindows: [], attemptsMax: null,
      penaltyPerWrong: 0, newVariantAfterWrong: null, published: false, answersReleased: false,
    }, []);
    const c = await new PageClient(server.url).signIn('student2@example.edu');
    for (const path of [`/courses/${other.id}`, `/assignments/${draft.id}`, `/assignments/${randomUUID()}`]) {
      const r = await c.get(path);
      assert.equal(r.status, 404, path);
      assert.match(r.headers.get('content-type')!, /text\/html/);
      assert.match(await r.text(), /role="alert"/);
    }
    const before = await count();
    const q = practice.questions[0];
    const r = await c.form(`/assignments/${practice.id}/submit`, { _csrf: c.csrf, variantId: q.variantId, submissionId: randomUUID(), [`answer.${q.parts[0].id}`]: '1' });
    assert.equal(r.status, 403);
    assert.match(await r.text(), /belongs to another student/);
    assert.equal(await count(), before);
  });

  test('malformed links and forms get a 400 page; a form without the CSRF token gets 403; nothing is stored', async () => {
    const c = await new PageClient(server.url).signIn('student1@example.edu');
    const before = await count();
    assert.equal((await c.get('/courses/not-a-uuid')).status, 400);
    assert.equal((await c.get('/login?next=x&extra=1')).status, 400);
    const q = practice.questions[0];
    const good = { _csrf: c.csrf, variantId: q.variantId, submissionId: randomUUID(), [`answer.${q.parts[0].id}`]: '1' };
    const cases: [Record<string, string | string[]>, number][] = [
      [{ ...good, submissionId: 'nope' }, 400],
      [{ ...good, 'answer.<script>': '1' }, 400],
      [{ ...good, [`answer.${q.parts[0].id}`]: 'x'.repeat(5000) }, 400],
      [{ ...good, _csrf: 'forged' }, 403],
      [{ ...good, [`answer.${q.parts[0].id}`]: '   ' }, 400],
      [{ ...good, variantId: randomUUID() }, 404],
    ];
    for (const [fields, status] of cases) {
      const r = await c.form(`/assignments/${practice.id}/submit`, fields);
      assert.equal(r.status, status, JSON.stringify(fields).slice(0, 100));
      assert.match(await r.text(), /role="alert"/);
    }
    assert.equal(await count(), before);
  });

  test('without JavaScript, a form submit is graded, shown, and stored once even if posted twice', async () => {
    const c = await new PageClient(server.url).signIn('student1@example.edu');
    const q = practice.questions[0];
    const [v] = await server.ctx.db.sql`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
    const right = correctAnswers(await server.ctx.bank.get(v!.version), v!.seed);
    const fields = { _csrf: c.csrf, variantId: q.variantId, submissionId: randomUUID(), ...Object.fromEntries(Object.entries(right).map(([k, x]) => [`answer.${k}`, x])) };
    const before = await count();
    const r1 = await c.form(`/assignments/${practice.id}/submit`, fields);
    assert.equal(r1.status, 303);
    assert.equal(r1.headers.get('location'), `/assignments/${practice.id}#answer-${q.variantId}`);
    const r2 = await c.form(`/assignments/${practice.id}/submit`, fields);
    assert.equal(r2.status, 303);
    assert.equal(await count(), before + 1);
    const page = await (await c.get(`/assignments/${practice.id}`)).text();
    assert.match(page, /✓<\/span> Correct/);
  });

  test('a hostile answer is shown as text on the page and in the history, never as markup', async () => {
    const c = await new PageClient(server.url).signIn('student4@example.edu');
    const { assignment } = await practiceOf(await server.login('student4@example.edu'));
    const q = assignment.questions[0];
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = await c.form(`/assignments/${practice.id}/submit`, { _csrf: c.csrf, variantId: q.variantId, submissionId: randomUUID(), [`answer.${q.parts[0].id}`]: hostile });
    assert.equal(r.status, 303);
    const page = await (await c.get(`/assignments/${practice.id}`)).text();
    assert.ok(!page.includes('<script>alert') && !page.includes('<img src=x'), 'no hostile markup on the page');
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the answer is shown escaped');
  });

  test('after enough wrong tries the page offers a new version of the question; before that the form is refused with the rule', async () => {
    const c = await new PageClient(server.url).signIn('student2@example.edu');
    const api = await server.login('student2@example.edu');
    const hw2 = (await api.get(`/api/courses/${courseId}/assignments`)).body.find((a: any) => a.title.startsWith('Homework 2'));
    const q = (await api.get(`/api/assignments/${hw2.id}`)).body.questions.find((x: any) => x.parts.length === 1 && x.parts[0].type !== 'choice');
    const early = await c.form(`/assignments/${hw2.id}/new-variant`, { _csrf: c.csrf, variantId: q.variantId });
    assert.equal(early.status, 409);
    assert.match(await early.text(), /A new variant comes after 3 wrong tries/);
    for (let i = 0; i < 3; i++) {
      const r = await c.form(`/assignments/${hw2.id}/submit`, { _csrf: c.csrf, variantId: q.variantId, submissionId: randomUUID(), [`answer.${q.parts[0].id}`]: String(900001 + i) });
      assert.equal(r.status, 303);
    }
    assert.match(await (await c.get(`/assignments/${hw2.id}`)).text(), new RegExp(`New version of question ${q.position}`));
    const next = await c.form(`/assignments/${hw2.id}/new-variant`, { _csrf: c.csrf, variantId: q.variantId });
    assert.equal(next.status, 303);
    const fresh = (await api.get(`/api/assignments/${hw2.id}`)).body.questions.find((x: any) => x.position === q.position);
    assert.notEqual(fresh.variantId, q.variantId);
    assert.equal(next.headers.get('location'), `/assignments/${hw2.id}#answer-${fresh.variantId}`);
  });

  test('sign-out ends the session', async () => {
    const c = await new PageClient(server.url).signIn('student1@example.edu');
    const r = await c.form('/logout', { _csrf: c.csrf });
    assert.equal(r.status, 303);
    assert.equal((await c.get('/')).status, 303);
  });

  test('assets: hashed URLs cached for a year, gzip, 304 on a matching ETag, the service worker never long-cached', async () => {
    const url = assetUrl('app.css');
    const r = await fetch(server.url + url, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('cache-control')!, /max-age=31536000, immutable/);
    assert.equal(r.headers.get('content-encoding'), 'gzip');
    const again = await fetch(server.url + url, { headers: { 'if-none-match': r.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${server.url}/static/app.css`)).headers.get('cache-control'), 'no-cache');
    assert.equal((await fetch(`${server.url}/sw.js`)).headers.get('cache-control'), 'no-cache');
    assert.equal((await fetch(`${server.url}/static/katex/katex.min.css`)).status, 200);
    assert.equal((await fetch(`${server.url}/static/../package.json`)).status, 404);
  });
});
