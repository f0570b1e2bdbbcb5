// Per-question statistics, extensions (one student or a list at once) and regrade (a dry run
// that shows what would change, then apply).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { regradeCourse, type RegradeReport } from '../app/regrade.ts';
import { extensionsOf } from '../store/assignments.ts';
import { members } from '../store/courses.ts';
import { partStatistics } from '../store/gradebook.ts';
import { slotsWithTitles } from '../store/web-staff.ts';
import { csrfHeader, sessionCookie } from '../server/auth.ts';
import type { ServerContext } from '../server/context.ts';
import { extensionStudentsMax } from '../server/routes/assignments.ts';
import { idParams } from '../server/schemas.ts';
import { html, type Html } from './html.ts';
import { timeHtml } from './layout.ts';
import {
  csrfField, editorRoles, fieldError, fromLocalInput, inputField, sendStaffPage, staffAssignment, staffCourse, toLocalInput,
  viewerRoles, type StaffAssignment,
} from './staff-common.ts';

/** Longest list of emails the extension form takes (a long address per student at most). */
export const extensionEmailsLengthMax = extensionStudentsMax * 256;

interface ExtensionForm { emails: string; dueAt: string }
interface ExtensionReport { granted: string[]; rejected: { email: string; reason: string }[] }
type ExtensionProblems = Partial<Record<'emails' | 'dueAt', string>>;

async function statisticsMain(ctx: ServerContext, s: StaffAssignment): Promise<Html> {
  const [stats, slots] = await Promise.all([partStatistics(ctx.db.sql, s.a.id), slotsWithTitles(ctx.db.sql, s.a.id)]);
  const titles = new Map(slots.map((x) => [x.id, x.title]));
  return html`<h1>Statistics: ${s.a.title}</h1>
    ${stats.length === 0 ? html`<p>No graded answers yet.</p>` : html`<div class="table-scroll"><table class="data-table">
      <caption>Per question part: graded attempts, students, first tries that were correct, and the most common wrong answers</caption>
      <thead><tr><th scope="col">Question</th><th scope="col">Part</th><th scope="col" class="num">Attempts</th><th scope="col" class="num">Students</th>
        <th scope="col" class="num">Correct on first try</th><th scope="col">Most common wrong answers</th></tr></thead>
      <tbody>${stats.map((p) => html`<tr><td>${p.position}. ${titles.get(p.slotId) ?? p.questionId}</td><td>${p.partId}</td>
        <td class="num">${p.attempts}</td><td class="num">${p.students}</td><td class="num">${p.firstTryCorrectPercent}%</td>
        <td>${p.commonWrongAnswers.length === 0 ? html`<span class="small">none</span>` : html`<ul>${p.commonWrongAnswers.map((w) => html`<li><code>${w.answer}</code> × ${w.count}</li>`)}</ul>`}</td></tr>`)}</tbody>
    </table></div>`}`;
}

function extensionReportHtml(r: ExtensionReport): Html {
  return html`<section class="report" aria-labelledby="report-h"><h2 id="report-h">Extension report</h2>
    <p role="status">${r.granted.length} granted, ${r.rejected.length} rejected.</p>
    ${r.granted.length > 0 ? html`<p>Granted: ${r.granted.join(', ')}</p>` : null}
    ${r.rejected.length > 0 ? html`<table class="data-table"><caption>Rejected</caption><thead><tr><th scope="col">Email</th><th scope="col">Reason</th></tr></thead>
      <tbody>${r.rejected.map((x) => html`<tr><td>${x.email}</td><td>${x.reason}</td></tr>`)}</tbody></table>` : null}
  </section>`;
}

async function extensionsPage(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, s: StaffAssignment, o: { status?: number; form?: ExtensionForm; problems?: ExtensionProblems; report?: ExtensionReport }) {
  const tz = s.course.settings.timeZone;
  const [granted, students] = await Promise.all([extensionsOf(ctx.db.sql, s.a.id), members(ctx.db.sql, s.course.id, 'student')]);
  const byId = new Map(students.map((m) => [m.userId, m]));
  const form = o.form ?? { emails: '', dueAt: toLocalInput(new Date(s.a.dueAt.getTime() + 86_400_000), tz) };
  return sendStaffPage(req, reply, s, {
    title: `Extensions · ${s.a.title}`, section: 'overview', status: o.status,
    main: html`<h1>Extensions: ${s.a.title}</h1>
      <p>Due for everyone: ${timeHtml(s.a.dueAt, tz)}. An extension moves one student's due date later; late windows then count from it.</p>
      ${o.report ? extensionReportHtml(o.report) : null}
      <form method="post" class="stack">${csrfField(req)}
        <h2>Grant an extension</h2>
        <div class="field"><label for="f-emails">Students' emails</label>
          <textarea id="f-emails" name="emails" rows="4" required maxlength="${extensionEmailsLengthMax}" aria-describedby="f-emails-hint${o.problems?.emails ? ' f-emails-error' : ''}"
            ${o.problems?.emails ? html`aria-invalid="true"` : null}>${form.emails}</textarea>
          <p class="hint" id="f-emails-hint">One student, or many: separate emails with new lines, commas or spaces (up to ${extensionStudentsMax}).</p>
          ${fieldError('f-emails', o.problems?.emails)}</div>
        ${inputField({ name: 'dueAt', label: 'New due date', type: 'datetime-local', value: form.dueAt, hint: `in the course time zone, ${tz}`, problem: o.problems?.dueAt, attrs: html`required` })}
        <button type="submit">Grant extension</button>
      </form>
      <h2>Extensions granted</h2>
      ${granted.length === 0 ? html`<p>None yet.</p>` : html`<table class="data-table"><caption class="visually-hidden">Extensions granted</caption>
        <thead><tr><th scope="col">Student</th><th scope="col">Due</th></tr></thead>
        <tbody>${granted.map((x) => html`<tr><td>${byId.get(x.userId)?.name ?? ''} <span class="small">${byId.get(x.userId)?.email ?? ''}</span></td><td>${timeHtml(x.dueAt, tz)}</td></tr>`)}</tbody></table>`}`,
  });
}

/** Grants through POST /api/assignments/:id/extensions in-process, so the API's rules are the only ones. */
async function grantExtensions(app: FastifyInstance, req: FastifyRequest, assignmentId: string, emails: string[], dueAt: Date) {
  const res = await app.inject({
    method: 'POST', url: `/api/assignments/${assignmentId}/extensions`, remoteAddress: req.ip,
    cookies: { [sessionCookie]: req.cookies[sessionCookie]! }, headers: { [csrfHeader]: req.csrfToken! },
    payload: { emails, dueAt: dueAt.toISOString() },
  });
  return { status: res.statusCode, body: res.json() as ExtensionReport & { message?: string } };
}

function regradeMain(req: FastifyRequest, courseId: string, report: RegradeReport | null): Html {
  const form = (mode: 'dry' | 'apply', text: string) => html`<form method="post" action="/courses/${courseId}/regrade">${csrfField(req)}
    <input type="hidden" name="mode" value="${mode}"><button type="submit">${text}</button></form>`;
  if (!report) {
    return html`<h1>Regrade</h1>
      <p>Regrading recomputes every score of the course from the attempt log, with each question's current version, the current late policies, extensions and recorded outages. The log itself never changes.</p>
      <p>First a dry run shows what would change; nothing is changed until you apply it.</p>${form('dry', 'Start a dry run')}`;
  }
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return html`<h1>Regrade: ${report.dryRun ? 'dry run' : 'applied'}</h1>
    <p role="status">${report.submissions} submissions replayed; ${report.changes.length} question score${report.changes.length === 1 ? '' : 's'} ${report.dryRun ? 'would change' : 'changed'}.</p>
    ${report.changes.length > 0 ? html`<div class="table-scroll"><table class="data-table"><caption>${report.dryRun ? 'What would change' : 'What changed'} (score of the question, before → after)</caption>
      <thead><tr><th scope="col">Student</th><th scope="col">Assignment</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
      <tbody>${report.changes.map((c) => html`<tr><td>${c.email}</td><td>${c.assignment}</td><td>${pct(c.before)}</td>
        <td class="${c.after > c.before ? 'change-up' : 'change-down'}">${pct(c.after)}</td></tr>`)}</tbody></table></div>` : null}
    ${report.dryRun && report.changes.length > 0 ? html`<p>Applying recomputes again at that moment, so answers received since this dry run count too.</p>${form('apply', 'Apply the regrade')}` : null}`;
}

export function staffToolPages(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/assignments/:id/statistics', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const s = await staffAssignment(ctx, req, req.params.id, viewerRoles);
    return sendStaffPage(req, reply, s, { title: `Statistics · ${s.a.title}`, section: 'overview', main: await statisticsMain(ctx, s) });
  });

  app.get<{ Params: { id: string } }>('/assignments/:id/extensions', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    return extensionsPage(ctx, req, reply, await staffAssignment(ctx, req, req.params.id, viewerRoles), {});
  });

  app.post<{ Params: { id: string }; Body: ExtensionForm }>('/assignments/:id/extensions', {
    schema: {
      hide: true, params: idParams,
      body: { type: 'object', required: ['emails', 'dueAt'], additionalProperties: false, properties: { _csrf: { type: 'string' }, emails: { type: 'string', maxLength: extensionEmailsLengthMax }, dueAt: { type: 'string', maxLength: 40 } } },
    },
  }, async (req, reply) => {
    const s = await staffAssignment(ctx, req, req.params.id, viewerRoles);
    const emails = req.body.emails.split(/[\s,;]+/).filter((e) => e !== '');
    const dueAt = fromLocalInput(req.body.dueAt, s.course.settings.timeZone);
    const problems: ExtensionProblems = {
      ...(emails.length === 0 ? { emails: 'Enter at least one student email.' } : {}),
      ...(emails.length > extensionStudentsMax ? { emails: `Name at most ${extensionStudentsMax} students at once: split the list.` } : {}),
      ...(!dueAt ? { dueAt: 'Enter the new due date and time (for example 2025-03-10 23:59).' } : {}),
    };
    if (Object.keys(problems).length > 0) return extensionsPage(ctx, req, reply, s, { status: 400, form: req.body, problems });
    const res = await grantExtensions(app, req, s.a.id, emails, dueAt!);
    if (res.status !== 200) {
      // The API refuses a date with invalid_extension; anything else is about the list.
      const field = (res.body as { code?: string }).code === 'invalid_extension' ? 'dueAt' : 'emails';
      return extensionsPage(ctx, req, reply, s, { status: res.status, form: req.body, problems: { [field]: res.body.message } });
    }
    return extensionsPage(ctx, req, reply, s, { report: res.body });
  });

  app.get<{ Params: { id: string } }>('/courses/:id/regrade', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, editorRoles);
    return sendStaffPage(req, reply, s, { title: 'Regrade', section: 'regrade', main: regradeMain(req, s.course.id, null) });
  });

  app.post<{ Params: { id: string }; Body: { mode: 'dry' | 'apply' } }>('/courses/:id/regrade', {
    schema: { hide: true, params: idParams, body: { type: 'object', required: ['mode'], additionalProperties: false, properties: { _csrf: { type: 'string' }, mode: { type: 'string', enum: ['dry', 'apply'] } } } },
  }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, editorRoles);
    const report = await regradeCourse(ctx.db.sql, ctx.bank, s.course.id, req.body.mode === 'dry');
    return sendStaffPage(req, reply, s, { title: 'Regrade', section: 'regrade', main: regradeMain(req, s.course.id, report) });
  });
}
