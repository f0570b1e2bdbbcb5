// Instructors in a real browser (Debian's Chromium): build and publish an assignment, a student
// completes it, the gradebook shows the score and its CSV download matches the table; hostile
// names and answers stay text; axe-core on every staff page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseCsv } from '../../src/app/csv.ts';
import { correctAnswers } from '../../src/questions/index.ts';
import { toLocalInput } from '../../src/web/staff-common.ts';
import { launchBrowser, seriousViolations, signIn, startWebServer, type Browser, type WebServer } from './harness.ts';

/** Playwright's wait for one expected text to appear. */
const appearMs = 15_000;
const dayMs = 86_400_000;
const quizTitle = 'Quiz 5: Circuits';
const hostileName = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
const hostileAnswer = '"><img src=x onerror=alert(3)><script>alert(4)</script>';

let web: WebServer;
let browser: Browser;
let courseId: string;
let dialogs = 0;

before(async () => {
  web = await startWebServer();
  browser = await launchBrowser();
  browser.page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
  courseId = (await web.db.ctx.db.sql`SELECT id FROM courses WHERE title = 'Physics 101'`)[0]!.id;
});
after(async () => {
  await browser?.close();
  await web?.close();
});

async function switchUser(page: Page, email: string, next: string): Promise<void> {
  if (await page.getByRole('button', { name: 'Sign out' }).count() > 0) await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
  await signIn(page, web.url, email, next);
}

async function addFromBank(page: Page, query: string, title: string, points: string): Promise<void> {
  await page.getByLabel('Search by title, topic or text').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByLabel(`Points for ${title}`).fill(points);
  await page.getByRole('button', { name: `Add ${title}` }).click();
  await page.getByRole('status').filter({ hasText: 'Question added.' }).waitFor();
}

/** The gradebook table as text: one array of cell texts per student row. */
const tableRows = (page: Page) => page.locator('#gradebook tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => (c as HTMLElement).innerText.trim())));


/** Most Tab presses one page may need before every control was reached. */
const tabPressesMax = 400;

/** What has focus now: a short description, and whether a focus indicator is drawn. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
  return {
    key: el.id || `${el.tagName}:${el.getAttribute('href') ?? ''}:${el.textContent?.trim().slice(0, 40)}`,
    text: `${el.getAttribute('aria-label') ?? ''} ${label} ${el.textContent ?? ''}`.replace(/\s+/g, ' ').trim(),
    outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
});

/** Presses Tab until the focused control's text matches `name`; fails after tabPressesMax presses. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < tabPressesMax; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && name.test(f.text)) return;
  }
  assert.fail(`no control named ${name} reached with Tab`);
}

/** Tabs through the whole page: every visible link, button and field is reached, each with a visible outline. */
async function everyControlReachable(page: Page): Promise<string[]> {
  const controls = await page.locator('a[href], button, input:not([type=hidden]), textarea, select').evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null && !(e as HTMLInputElement).disabled).length);
  const seen = new Set<string>();
  const unoutlined: string[] = [];
  // A datetime-local field takes one Tab per segment (day, month, year, hour, minute, AM/PM).
  for (let i = 0; i < Math.min(tabPressesMax, 2 * controls + 20); i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    seen.add(f.key);
    if (!f.outlined) unoutlined.push(f.key);
  }
  assert.ok(seen.size >= controls, `Tab reached ${seen.size} of ${controls} controls`);
  return unoutlined;
}

describe('an instructor in the browser', () => {
  test('builds and publishes an assignment, a student completes it, the gradebook shows the score and the CSV matches', async () => {
    const { page } = browser;
    await signIn(page, web.url, 'instructor@example.edu', `/courses/${courseId}`);
    await page.getByRole('link', { name: 'Manage this course' }).click();
    await page.getByRole('link', { name: 'New assignment' }).click();
    await page.getByLabel('Title').fill(quizTitle);
    await page.getByLabel('Opens').fill(toLocalInput(new Date(Date.now() - dayMs), 'America/Toronto'));
    await page.getByLabel('Due', { exact: true }).fill(toLocalInput(new Date(Date.now() + 7 * dayMs), 'America/Toronto'));
    await page.getByLabel('Attempts per part').fill('3');
    await page.getByLabel('Published').check();
    await page.getByRole('button', { name: 'Create assignment' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit: ${quizTitle}` }).waitFor();
    await addFromBank(page, 'ohm', "Ohm's law", '6');
    await addFromBank(page, 'heater', 'Power in a heater', '4');
    assert.equal(await page.locator('#slots tbody tr').count(), 2);

    await switchUser(page, 'student1@example.edu', '/');
    await page.getByRole('link', { name: 'Physics 101' }).click();
    await page.getByRole('link', { name: quizTitle }).click();
    await page.getByRole('heading', { level: 1, name: quizTitle }).waitFor();
    const c = await web.db.login('student1@example.edu');
    const quizId = (await web.db.ctx.db.sql`SELECT id FROM assignments WHERE title = ${quizTitle}`)[0]!.id;
    const view = (await c.get(`/api/assignments/${quizId}`)).body;
    for (const q of view.questions) {
      const [v] = await web.db.ctx.db.sql`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
      const right = correctAnswers(await web.db.ctx.bank.get(v!.version), v!.seed);
      const region = page.getByRole('region', { name: new RegExp(`^Question ${q.position}:`) });
      const input = region.getByLabel(q.parts[0].label, { exact: false });
      if (q.position === 2) {
        await input.fill(hostileAnswer);
        await region.getByRole('button', { name: `Submit question ${q.position}` }).click();
        await region.getByText('Could not read this answer (no attempt used)').first().waitFor({ timeout: appearMs });
      }
      await input.fill(right[q.parts[0].id]!);
      await region.getByRole('button', { name: `Submit question ${q.position}` }).click();
      await region.locator('.result .verdict-right').waitFor({ timeout: appearMs });
    }

    await switchUser(page, 'instructor@example.edu', `/courses/${courseId}/manage`);
    await page.getByRole('navigation', { name: 'Course staff' }).getByRole('link', { name: 'Gradebook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gradebook' }).waitFor();
    const header = await page.locator('#gradebook thead th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).innerText.replace(/[▲▼]/g, '').trim()));
    const quizColumn = header.findIndex((h) => h.startsWith(quizTitle));
    assert.equal(header[quizColumn], `${quizTitle} (10 pts)`);
    const rows = await tableRows(page);
    assert.equal(rows.find((r) => r[1] === 'student1@example.edu')![quizColumn], '10');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: 'docs/screenshots/instructor-gradebook.png', fullPage: true });
    await page.setViewportSize({ width: 900, height: 900 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the gradebook as CSV' }).click()]);
    const [csvHeader, ...csvRows] = parseCsv(readFileSync((await download.path())!, 'utf8'), 10_000);
    assert.deepEqual(csvHeader!.slice(2), header.slice(2), 'the same assignment columns and total');
    assert.deepEqual(csvRows.map((r) => [r[1], r[0], ...r.slice(2)]).sort(), rows.sort(), 'every student row matches the table');
  });

  test('sorting and filtering the gradebook work in the page and without JavaScript', async () => {
    const { page } = browser;
    await page.goto(`${web.url}/courses/${courseId}/gradebook`);
    await page.getByRole('link', { name: /^Total/ }).click();
    await page.getByRole('link', { name: /^Total/ }).click();
    assert.equal(await page.getByRole('columnheader', { name: /^Total/ }).getAttribute('aria-sort'), 'descending');
    const totals = (await tableRows(page)).map((r) => Number(r.at(-1)));
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
    assert.match(page.url(), /sort=total&dir=desc/);
    await page.getByLabel('Show students whose name or email contains').fill('student1@');
    assert.deepEqual((await page.locator('#gradebook tbody tr:visible').allInnerTexts()).length, 1);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/filter=student1%40/);
    assert.equal(await page.locator('#gradebook tbody tr').count(), 1, 'filtered on the server too');
  });

  test('a hostile student name and answer show as text on the roster, gradebook and history pages', async () => {
    const { page } = browser;
    await page.goto(`${web.url}/courses/${courseId}/roster`);
    await page.getByLabel('Roster CSV').fill(`email,name\nmallory@example.edu,"${hostileName.replace(/"/g, '""')}"\n`);
    await page.getByRole('button', { name: 'Import roster' }).click();
    await page.getByRole('status').filter({ hasText: '1 new accounts' }).waitFor();
    await page.getByRole('cell', { name: hostileName, exact: true }).waitFor();
    await page.goto(`${web.url}/courses/${courseId}/gradebook`);
    await page.getByRole('rowheader', { name: hostileName, exact: true }).waitFor();
    await page.getByRole('link', { name: new RegExp(`attempts of Student 01 on ${quizTitle}`) }).click();
    await page.getByRole('heading', { level: 1, name: `Attempts of Student 01 on ${quizTitle}` }).waitFor();
    await page.locator('code').filter({ hasText: hostileAnswer }).first().waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(dialogs, 0, 'no script ran');
  });


  test('keyboard only: every control is reached with Tab and shows its focus; sort, search and add work from the keyboard', async () => {
    const { page } = browser;
    const quizId = (await web.db.ctx.db.sql`SELECT id FROM assignments WHERE title = ${quizTitle}`)[0]!.id;
    const unoutlined: string[] = [];
    for (const path of [`/courses/${courseId}/manage`, `/courses/${courseId}/gradebook`, `/assignments/${quizId}/edit?q=circuit`, `/assignments/${quizId}/extensions`]) {
      await page.goto(web.url + path);
      unoutlined.push(...(await everyControlReachable(page)).map((k) => `${path}: ${k}`));
    }
    assert.deepEqual(unoutlined, [], 'every focused control has a visible outline');
    await page.goto(`${web.url}/courses/${courseId}/gradebook`);
    await tabTo(page, /^Total/);
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('columnheader', { name: /^Total/ }).getAttribute('aria-sort'), 'ascending');
    await page.goto(`${web.url}/assignments/${quizId}/edit`);
    await tabTo(page, /Search by title, topic or text/);
    await page.keyboard.type('metric');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=metric/);
    await tabTo(page, /^Add /);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Question added.' }).waitFor();
    assert.equal(await page.locator('#slots tbody tr').count(), 3);
  });

  test('axe-core finds no serious or critical violation on any staff page', async () => {
    const { page } = browser;
    const quizId = (await web.db.ctx.db.sql`SELECT id FROM assignments WHERE title = ${quizTitle}`)[0]!.id;
    const studentId = (await web.db.ctx.db.sql`SELECT id FROM users WHERE email = 'student1@example.edu'`)[0]!.id;
    const pages = [
      `/courses/${courseId}/manage`, `/courses/${courseId}/roster`, `/courses/${courseId}/gradebook`, `/courses/${courseId}/assignments/new`,
      `/assignments/${quizId}/edit?q=circuit&preview=circuits-ohms-law&seed=7`, `/assignments/${quizId}/extensions`,
      `/assignments/${quizId}/statistics`, `/assignments/${quizId}/students/${studentId}`, `/courses/${courseId}/regrade`,
    ];
    const problems: string[] = [];
    const check = async (name: string) => problems.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
    for (const path of pages) {
      await page.goto(web.url + path);
      await check(path);
    }
    await page.getByRole('button', { name: 'Start a dry run' }).click();
    await check('regrade dry run');
    await page.goto(`${web.url}/assignments/${quizId}/edit`);
    await page.getByLabel('Due', { exact: true }).fill('2001-01-01T00:00');
    await page.getByLabel('Late window 1: hours after the due date').fill('24');
    await page.getByLabel('Late window 1: credit (0 to 1)').fill('2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#f-dueAt-error').waitFor();
    await page.locator('#f-late-error').waitFor();
    assert.equal(await page.getByLabel('Late window 1: credit (0 to 1)').inputValue(), '2', 'what was typed is kept');
    await check('editor with errors');
    await page.goto(`${web.url}/assignments/${quizId}/extensions`);
    await page.getByLabel("Students' emails").fill('student2@example.edu nobody@example.edu');
    await page.getByRole('button', { name: 'Grant extension' }).click();
    await page.getByRole('status').filter({ hasText: '1 granted, 1 rejected' }).waitFor();
    await check('extensions report');
    assert.deepEqual(problems, []);
  });
});
