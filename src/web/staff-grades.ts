// The gradebook (server-side sort and filter by query parameters, enhanced by staff-gradebook.js),
// its CSV download, and a student's attempt history on an assignment: every submission with the
// answers exactly as typed (escaped), score, feedback and the timing decision.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../app/errors.ts';
import { presentSubmissions } from '../app/history.ts';
import { renderFeedbackHtml } from '../questions/index.ts';
import { submissionsOfSlot, type StoredPartResult, type StoredSubmission } from '../store/submissions.ts';
import { memberOfCourse, slotsWithTitles } from '../store/web-staff.ts';
import { courseGradebook } from '../server/routes/gradebook.ts';
import type { ServerContext } from '../server/context.ts';
import { uuid } from '../server/schemas.ts';
import { html, trusted, type Html } from './html.ts';
import { timeHtml } from './layout.ts';
import { points, sendStaffPage, staffAssignment, staffCourse, viewerRoles } from './staff-common.ts';

/** Longest gradebook filter text. */
export const gradebookFilterLengthMax = 100;

type Book = Awaited<ReturnType<typeof courseGradebook>>;
type Student = Book['students'][number];
interface BookQuery { sort?: string; dir?: 'asc' | 'desc'; filter?: string }

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The value a column sorts by: name, email, total, or an assignment id. */
function sortValue(s: Student, column: string, book: Book): string | number {
  if (column === 'name' || column === 'email') return s[column].toLowerCase();
  if (column === 'total') return s.total;
  const i = book.assignments.findIndex((a) => a.id === column);
  return i >= 0 ? s.cells[i]?.earned ?? 0 : s.name.toLowerCase();
}

/** The students shown: those whose name or email contains the filter, in the asked order. */
function sortAndFilter(book: Book, q: BookQuery): Student[] {
  const needle = (q.filter ?? '').trim().toLowerCase();
  const column = q.sort ?? 'name';
  const sign = q.dir === 'desc' ? -1 : 1;
  return book.students
    .filter((s) => needle === '' || s.name.toLowerCase().includes(needle) || s.email.toLowerCase().includes(needle))
    .map((s) => ({ s, key: sortValue(s, column, book) }))
    .sort((x, y) => sign * (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) || x.s.email.localeCompare(y.s.email))
    .map((x) => x.s);
}

function headerCell(courseId: string, q: BookQuery, column: string, label: Html | string, numeric: boolean): Html {
  const active = (q.sort ?? 'name') === column;
  const next = active && q.dir !== 'desc' ? 'desc' : 'asc';
  const params = new URLSearchParams({ sort: column, dir: next, ...(q.filter ? { filter: q.filter } : {}) });
  return html`<th scope="col" class="${numeric ? 'num' : ''}" data-sort="${column}" ${active ? html`aria-sort="${q.dir === 'desc' ? 'descending' : 'ascending'}"` : null}>
    <a href="/courses/${courseId}/gradebook?${params.toString()}">${label}<span class="sort-mark" aria-hidden="true">${active ? (q.dir === 'desc' ? ' ▼' : ' ▲') : ''}</span></a></th>`;
}

function gradebookTable(courseId: string, book: Book, shown: Student[], q: BookQuery): Html {
  return html`<div class="table-scroll"><table class="data-table gradebook" id="gradebook">
    <caption>Points per student and published assignment (${shown.length} of ${book.students.length} students)</caption>
    <thead><tr>${headerCell(courseId, q, 'name', 'Name', false)}${headerCell(courseId, q, 'email', 'Email', false)}
      ${book.assignments.map((a) => headerCell(courseId, q, a.id, html`${a.title} <span class="small">(${points(a.possible)} pts)</span>`, true))}
      ${headerCell(courseId, q, 'total', 'Total', true)}</tr></thead>
    <tbody>${shown.map((s) => html`<tr data-search="${`${s.name} ${s.email}`.toLowerCase()}">
      <th scope="row" data-value="${s.name.toLowerCase()}">${s.name}</th><td data-value="${s.email}">${s.email}</td>
      ${s.cells.map((c, i) => html`<td class="num" data-value="${c.earned}"><a href="/assignments/${c.assignmentId}/students/${s.userId}"
        aria-label="${points(c.earned)}: attempts of ${s.name} on ${book.assignments[i]?.title ?? ''}">${points(c.earned)}</a></td>`)}
      <td class="num" data-value="${s.total}">${points(s.total)}</td></tr>`)}</tbody>
  </table></div>`;
}

function partCells(s: StoredSubmission): Html {
  return html`${Object.entries(s.results).map(([partId, r]: [string, StoredPartResult]) => html`<div class="history-part">
    <strong>Part ${partId}:</strong> <code>${s.answers[partId] ?? ''}</code>
    ${r.read && r.read !== s.answers[partId] ? html` <span class="small">read as <code>${r.read}</code></span>` : null}
    — ${r.status === 'invalid' ? 'could not be read (no attempt used)' : html`score ${percent(r.score)}, credited ${percent(r.credited)}${r.correct ? ' (correct)' : ''}`}
    ${r.feedback ? html`<div class="small">${trusted(renderFeedbackHtml(r.feedback))}</div>` : null}
  </div>`)}`;
}

function historyTable(position: number, title: string, list: StoredSubmission[], tz: string): Html {
  return html`<section aria-labelledby="slot-${position}-h"><h2 id="slot-${position}-h">Question ${position}: ${title}</h2>
    ${list.length === 0 ? html`<p>No submissions.</p>` : html`<table class="data-table">
      <caption class="visually-hidden">Submissions to question ${position}, oldest first</caption>
      <thead><tr><th scope="col">Received</th><th scope="col">Answers, scores and feedback</th><th scope="col">Timing</th></tr></thead>
      <tbody>${list.map((s) => html`<tr><td>${timeHtml(s.serverTime, tz)}${s.capturedAt ? html`<br><span class="small">captured on the device ${timeHtml(s.capturedAt, tz)}</span>` : null}</td>
        <td>${partCells(s)}</td>
        <td>${s.timing.kind} (${percent(s.timing.credit)} credit)<br><span class="small">${s.timing.reason}</span></td></tr>`)}</tbody></table>`}
  </section>`;
}

export function staffGradePages(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string }; Querystring: BookQuery }>('/courses/:id/gradebook', {
    schema: {
      hide: true, params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } },
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { sort: { type: 'string', pattern: '^(name|email|total|[0-9a-f-]{36})$' }, dir: { type: 'string', enum: ['asc', 'desc'] }, filter: { type: 'string', maxLength: gradebookFilterLengthMax } },
      },
    },
  }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, viewerRoles);
    const book = await courseGradebook(ctx, s.course.id);
    const shown = sortAndFilter(book, req.query);
    return sendStaffPage(req, reply, s, {
      title: `Gradebook · ${s.course.title}`, section: 'gradebook', scripts: ['staff-gradebook.js'],
      main: html`<h1>Gradebook</h1>
        <p><a href="/api/courses/${s.course.id}/gradebook.csv" download="gradebook.csv">Download the gradebook as CSV</a> <span class="small">(every student, for your LMS)</span></p>
        <form method="get" class="inline-fields" role="search" aria-label="Gradebook">
          ${req.query.sort ? html`<input type="hidden" name="sort" value="${req.query.sort}">` : null}
          ${req.query.dir ? html`<input type="hidden" name="dir" value="${req.query.dir}">` : null}
          <div class="field"><label for="gradebook-filter">Show students whose name or email contains</label>
            <input type="search" id="gradebook-filter" name="filter" value="${req.query.filter ?? ''}" maxlength="${gradebookFilterLengthMax}"></div>
          <button type="submit">Filter</button>
        </form>
        <p class="small">Select a column heading to sort by it (again to reverse); select a score to see that student's attempts.</p>
        ${book.assignments.length === 0 ? html`<p>No published assignments yet.</p>` : gradebookTable(s.course.id, book, shown, req.query)}`,
    });
  });

  app.get<{ Params: { id: string; userId: string } }>('/assignments/:id/students/:userId', {
    schema: { hide: true, params: { type: 'object', required: ['id', 'userId'], additionalProperties: false, properties: { id: uuid, userId: uuid } } },
  }, async (req, reply) => {
    const s = await staffAssignment(ctx, req, req.params.id, viewerRoles);
    const student = await memberOfCourse(ctx.db.sql, s.course.id, req.params.userId);
    if (!student) throw notFound('That student in this course');
    const slots = await slotsWithTitles(ctx.db.sql, s.a.id);
    const explain = { logBase: s.course.settings.logBase, attemptsMax: s.a.attemptsMax };
    const histories = await Promise.all(slots.map(async (x) =>
      presentSubmissions(ctx.bank, await submissionsOfSlot(ctx.db.sql, x.id, student.userId), explain)));
    const tz = s.course.settings.timeZone;
    return sendStaffPage(req, reply, s, {
      title: `${student.name} · ${s.a.title}`, section: 'gradebook',
      main: html`<h1>Attempts of ${student.name} on ${s.a.title}</h1>
        <p class="small">${student.email} · every submission, oldest first, with the answers exactly as typed.</p>
        ${slots.map((x, i) => historyTable(x.position, x.title, histories[i]!, tz))}`,
    });
  });
}
