// Students in a real browser (Debian's Chromium): answering every part of an assignment, the live
// preview of a malformed formula, the outbox while the server is really stopped, and axe-core on every page.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { correctAnswers } from '../../src/questions/index.ts';
import { launchBrowser, seriousViolations, signIn, startWebServer, type Browser, type WebServer } from './harness.ts';

/** How long the outbox may take to deliver once the server is back (its backoff is capped at 15 s). */
const outboxDeliveryMs = 45_000;
/** Playwright's wait for one expected text to appear. */
const appearMs = 15_000;

let web: WebServer;
let browser: Browser;

before(async () => {
  web = await startWebServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await web?.close();
});

interface PartInfo { id: string; type: string; label: string; multiple?: boolean; options?: { id: string }[] }
interface QuestionInfo { position: number; variantId: string; parts: PartInfo[] }

/** The assignment as the student sees it through the JSON API, and each variant's correct answers. */
async function assignmentOf(email: string, titlePrefix: string) {
  const c = await web.db.login(email);
  const [course] = (await c.get('/api/courses')).body;
  const summary = (await c.get(`/api/courses/${course.id}/assignments`)).body.find((a: any) => a.title.startsWith(titlePrefix));
  const view = (await c.get(`/api/assignments/${summary.id}`)).body;
  const right = new Map<string, Record<string, string>>();
  for (const q of view.questions as QuestionInfo[]) {
    const [v] = await web.db.ctx.db.sql`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
    right.set(q.variantId, correctAnswers(await web.db.ctx.bank.get(v!.version), v!.seed));
  }
  return { id: summary.id as string, questions: view.questions as QuestionInfo[], right };
}

const questionRegion = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Question ${n}:`) });
const submissionsOf = async (variantIds: string[]) =>
  (await web.db.ctx.db.sql`SELECT count(*)::int AS n FROM submissions WHERE variant_id = ANY(${variantIds})`)[0]!.n as number;

async function answerPart(region: Locator, part: PartInfo, answer: string, correct: boolean): Promise<void> {
  if (part.type !== 'choice') {
    await region.getByLabel(part.label, { exact: false }).first().fill(correct ? answer : '12345');
    return;
  }
  const group = region.getByRole('group', { name: new RegExp(part.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  const rightIds = answer.split(/[\s,]+/);
  const ids = correct ? rightIds : [part.options!.map((o) => o.id).find((id) => !rightIds.includes(id))!];
  for (const id of ids) await group.locator(`input[value="${id}"]`).check();
}

describe('a student in the browser', () => {
  test('signs in, answers every part of Homework 3 (right and wrong), and sees feedback, score and attempts left', async () => {
    const { page } = browser;
    const hw = await assignmentOf('student1@example.edu', 'Homework 3');
    await signIn(page, web.url, 'student1@example.edu');
    await page.getByRole('link', { name: 'Physics 101' }).click();
    await page.screenshot({ path: 'docs/screenshots/student-dashboard.png' });
    await page.getByRole('link', { name: /^Homework 3/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Homework 3/ }).waitFor();
    let k = 0;
    for (const q of hw.questions) {
      const region = questionRegion(page, q.position);
      const verdicts: boolean[] = [];
      for (const p of q.parts) {
        const correct = k++ % 2 === 0;
        verdicts.push(correct);
        await answerPart(region, p, hw.right.get(q.variantId)![p.id]!, correct);
      }
      await region.getByRole('button', { name: `Submit question ${q.position}` }).click();
      for (const [i, correct] of verdicts.entries()) {
        const part = region.locator('.part').nth(i);
        await part.getByRole('status').filter({ hasText: 'saved ✓' }).waitFor({ timeout: appearMs });
        await part.getByText(correct ? 'Correct' : /Not right|Partly right/).first().waitFor({ timeout: appearMs });
        await part.getByText('Attempts left: 2').waitFor({ timeout: appearMs });
      }
    }
    await page.reload();
    const score = await page.locator('#assignment-score').textContent();
    assert.match(score!, /Score so far: [1-9][\d.]* of 80 points/);
    assert.equal(await submissionsOf(hw.questions.map((q) => q.variantId)), hw.questions.length);
    await questionRegion(page, 1).screenshot({ path: 'docs/screenshots/student-question.png' });
  });

  test('a malformed formula is explained while typing and on submit, and costs no attempt', async () => {
    const { page } = browser;
    const hw = await assignmentOf('student1@example.edu', 'Homework 3');
    const q = hw.questions.find((x) => x.parts.length === 1 && x.parts[0]!.type === 'formula' && x.position > 1)!;
    const region = questionRegion(page, q.position);
    const input = region.getByLabel(q.parts[0]!.label);
    const before = await region.locator('.attempts').textContent();
    await input.fill('3 +* (');
    await region.getByText('(nothing was submitted yet)').waitFor({ timeout: appearMs });
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await region.getByRole('button', { name: `Submit question ${q.position}` }).click();
    await region.locator('.result').getByText('Could not read this answer (no attempt used)').waitFor({ timeout: appearMs });
    await region.getByRole('status').filter({ hasText: 'saved ✓' }).waitFor({ timeout: appearMs });
    await page.waitForFunction((text) => document.querySelector(`#q${text}-p0-attempts`)?.textContent !== '', String(q.position));
    assert.equal(await region.locator('.attempts').textContent(), before);
    await region.screenshot({ path: 'docs/screenshots/student-malformed.png' });
  });

  test('offline: three answers are kept on the device while the server is down, survive a reload, and are saved exactly once', async () => {
    const { page } = browser;
    const practice = await assignmentOf('student3@example.edu', 'Practice');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, web.url, 'student3@example.edu', `/assignments/${practice.id}`);
    await page.waitForFunction(async (path) => Boolean(await caches.match(path, { ignoreSearch: true })), `/assignments/${practice.id}`, { timeout: appearMs });
    const before = await submissionsOf(practice.questions.map((q) => q.variantId));
    await web.stopHttp();
    for (const q of practice.questions) {
      const region = questionRegion(page, q.position);
      const p = q.parts[0]!;
      await region.getByLabel(p.label).fill(practice.right.get(q.variantId)![p.id]!);
      await region.getByRole('button', { name: `Submit question ${q.position}` }).click();
      await region.getByRole('status').filter({ hasText: 'kept on this device' }).first().waitFor({ timeout: appearMs });
    }
    await page.screenshot({ path: 'docs/screenshots/student-offline.png' });
    await page.reload();
    for (const q of practice.questions) {
      const region = questionRegion(page, q.position);
      await region.getByRole('status').filter({ hasText: 'kept on this device' }).first().waitFor({ timeout: appearMs });
      assert.equal(await region.getByLabel(q.parts[0]!.label).inputValue(), practice.right.get(q.variantId)![q.parts[0]!.id], 'the draft is restored');
    }
    await page.getByText('3 answers are kept on this device').waitFor();
    await web.startHttp();
    for (const q of practice.questions) {
      await questionRegion(page, q.position).getByRole('status').filter({ hasText: 'saved ✓' }).first().waitFor({ timeout: outboxDeliveryMs });
    }
    assert.equal(await submissionsOf(practice.questions.map((q) => q.variantId)), before + 3);
    await page.reload();
    assert.equal(await submissionsOf(practice.questions.map((q) => q.variantId)), before + 3, 'nothing is sent twice');
  });

  test('an answer left in the outbox (closed tab, restarted browser) is sent from the next page opened, once', async () => {
    const { page } = browser;
    const practice = await assignmentOf('student3@example.edu', 'Practice');
    const q = practice.questions[0]!;
    const id = randomUUID();
    await page.goto(`${web.url}/`);
    await page.evaluate(async ({ id, variantId, answers }) => {
      const userId = document.querySelector<HTMLMetaElement>('meta[name="user-id"]')!.content;
      const idb = await import('/static/idb.js' as string);
      await idb.put(idb.outboxStore, { id, userId, variantId, answers, capturedAt: new Date().toISOString() });
    }, { id, variantId: q.variantId, answers: practice.right.get(q.variantId)! });
    await page.getByRole('link', { name: 'Physics 101' }).click();
    const stored = async () => (await web.db.ctx.db.sql`SELECT count(*)::int AS n FROM submissions WHERE id = ${id}`)[0]!.n as number;
    const deadline = Date.now() + appearMs;
    while ((await stored()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await stored(), 1);
    await page.reload();
    assert.equal(await page.evaluate(async () => (await (await import('/static/idb.js' as string)).getAll('outbox')).length), 0);
  });

  test('axe-core finds no serious or critical violation on any page; the skip link is the first stop for the keyboard', async () => {
    const { page } = browser;
    const practice = await assignmentOf('student3@example.edu', 'Practice');
    const pages = ['/', `/courses/${(await web.db.ctx.db.sql`SELECT id FROM courses LIMIT 1`)[0]!.id}`, `/assignments/${practice.id}`, '/assignments/00000000-0000-4000-8000-000000000000'];
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(web.url + path);
      problems.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
    }
    await page.goto(`${web.url}/assignments/${practice.id}`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    problems.push(...(await seriousViolations(page)).map((v) => `/login: ${v}`));
    await page.getByLabel('Email').fill('student1@example.edu');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    problems.push(...(await seriousViolations(page)).map((v) => `/login (error): ${v}`));
    assert.deepEqual(problems, []);
  });
});
