// The staff side of a course: its assignments with their state and links to every staff tool,
// and the roster with a CSV import that reports enrolled, unchanged and rejected rows.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { importRoster, rosterBytesMax, type RosterReport } from '../app/roster.ts';
import { assignmentsOfCourse, type Assignment } from '../store/assignments.ts';
import { members } from '../store/courses.ts';
import { assignmentSizes, type AssignmentSize } from '../store/web-staff.ts';
import type { ServerContext } from '../server/context.ts';
import { idParams } from '../server/schemas.ts';
import { windowStatus } from './course-pages.ts';
import { html, type Html } from './html.ts';
import { timeHtml } from './layout.ts';
import { csrfField, editorRoles, points, sendStaffPage, staffCourse, viewerRoles, type StaffCourse } from './staff-common.ts';

/** A urlencoded roster form may be up to three times its CSV (percent-encoding), plus the other fields. */
export const rosterFormBytesMax = 3 * rosterBytesMax + 1024;

function assignmentRow(a: Assignment, size: AssignmentSize | undefined, s: StaffCourse): Html {
  const tz = s.course.settings.timeZone;
  const state = a.published ? windowStatus(a, null, new Date(), tz).text : html`Draft (students cannot see it)`;
  return html`<tr>
    <th scope="row"><a href="/assignments/${a.id}">${a.title}</a></th>
    <td>${state}${a.answersReleased ? html`<br><span class="small">Answers released</span>` : null}</td>
    <td>${timeHtml(a.dueAt, tz)}</td>
    <td>${size?.slots ?? 0} (${points(size?.points ?? 0)} pts)</td>
    <td class="actions-cell">
      ${s.role === 'instructor' ? html`<a href="/assignments/${a.id}/edit">Edit<span class="visually-hidden"> ${a.title}</span></a>` : null}
      <a href="/assignments/${a.id}/extensions">Extensions<span class="visually-hidden"> for ${a.title}</span></a>
      <a href="/assignments/${a.id}/statistics">Statistics<span class="visually-hidden"> of ${a.title}</span></a>
    </td>
  </tr>`;
}

function rosterTable(list: Awaited<ReturnType<typeof members>>): Html {
  return html`<table class="data-table">
    <caption>Everyone enrolled (${list.length})</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th></tr></thead>
    <tbody>${list.map((m) => html`<tr><td>${m.name}</td><td>${m.email}</td><td>${m.role === 'ta' ? 'TA' : m.role}</td></tr>`)}</tbody>
  </table>`;
}

function reportHtml(r: RosterReport): Html {
  return html`<section class="report" aria-labelledby="report-h" tabindex="-1" id="report">
    <h2 id="report-h">Import report</h2>
    <p role="status">${r.enrolled} enrolled or changed role, ${r.unchanged} unchanged, ${r.rejected.length} rejected, ${r.newAccounts.length} new accounts.</p>
    ${r.rejected.length > 0 ? html`<table class="data-table"><caption>Rejected rows (fix them and import again)</caption>
      <thead><tr><th scope="col">Line</th><th scope="col">Reason</th></tr></thead>
      <tbody>${r.rejected.map((x) => html`<tr><td>${x.line}</td><td>${x.reason}</td></tr>`)}</tbody></table>` : null}
    ${r.newAccounts.length > 0 ? html`<table class="data-table"><caption>New accounts: give each person their temporary password now; it is not shown again</caption>
      <thead><tr><th scope="col">Email</th><th scope="col">Temporary password</th></tr></thead>
      <tbody>${r.newAccounts.map((x) => html`<tr><td>${x.email}</td><td><code>${x.temporaryPassword}</code></td></tr>`)}</tbody></table>` : null}
  </section>`;
}

function importForm(req: FastifyRequest, csv: string, problem: string | undefined): Html {
  return html`<form method="post" class="stack" id="roster-form">
    ${csrfField(req)}
    <h2>Import a roster</h2>
    <p class="small">A CSV with a header row: <code>email,name</code> and optionally <code>role</code> (student, ta or instructor; student when empty). Good rows are kept even when others are rejected.</p>
    <div class="field js-only" hidden>
      <label for="roster-file">CSV file (fills the box below)</label>
      <input type="file" id="roster-file" accept=".csv,text/csv,text/plain">
    </div>
    <div class="field">
      <label for="roster-csv">Roster CSV</label>
      <textarea id="roster-csv" name="csv" rows="8" required maxlength="${rosterBytesMax}" ${problem ? html`aria-invalid="true" aria-describedby="roster-csv-error"` : null}>${csv}</textarea>
      ${problem ? html`<p class="field-error" id="roster-csv-error">${problem}</p>` : null}
    </div>
    <button type="submit">Import roster</button>
  </form>`;
}

async function rosterPage(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, s: StaffCourse, o: { status?: number; csv?: string; problem?: string; report?: RosterReport }) {
  const list = await members(ctx.db.sql, s.course.id);
  return sendStaffPage(req, reply, s, {
    title: `Roster · ${s.course.title}`, section: 'roster', status: o.status, scripts: s.role === 'instructor' ? ['staff-roster.js'] : [],
    main: html`<h1>Roster</h1>
      ${o.report ? reportHtml(o.report) : null}
      ${s.role === 'instructor' ? importForm(req, o.csv ?? '', o.problem) : null}
      ${rosterTable(list)}`,
  });
}

export function staffCoursePages(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/courses/:id/manage', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, viewerRoles);
    const [list, sizes] = await Promise.all([assignmentsOfCourse(ctx.db.sql, s.course.id, false), assignmentSizes(ctx.db.sql, s.course.id)]);
    return sendStaffPage(req, reply, s, {
      title: `Manage ${s.course.title}`, section: 'overview',
      main: html`<h1>${s.course.title}: assignments</h1>
        <p class="small">You are ${s.role === 'ta' ? 'a TA' : 'an instructor'} here. Dates are shown in your time zone (the course's is ${s.course.settings.timeZone}).</p>
        ${s.role === 'instructor' ? html`<p><a class="button-link" href="/courses/${s.course.id}/assignments/new">New assignment</a></p>` : null}
        ${list.length === 0 ? html`<p>No assignments yet.</p>` : html`<div class="table-scroll"><table class="data-table">
          <caption>Assignments, by due date</caption>
          <thead><tr><th scope="col">Title</th><th scope="col">State</th><th scope="col">Due</th><th scope="col">Questions</th><th scope="col">Tools</th></tr></thead>
          <tbody>${list.map((a) => assignmentRow(a, sizes.get(a.id), s))}</tbody></table></div>`}`,
    });
  });

  app.get<{ Params: { id: string } }>('/courses/:id/roster', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    return rosterPage(ctx, req, reply, await staffCourse(ctx, req, req.params.id, viewerRoles), {});
  });

  app.post<{ Params: { id: string }; Body: { csv: string } }>('/courses/:id/roster', {
    bodyLimit: rosterFormBytesMax,
    schema: {
      hide: true, params: idParams,
      body: { type: 'object', required: ['csv'], additionalProperties: false, properties: { _csrf: { type: 'string' }, csv: { type: 'string', maxLength: rosterBytesMax } } },
    },
  }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, editorRoles);
    try {
      return rosterPage(ctx, req, reply, s, { report: await importRoster(ctx.db.sql, s.course.id, req.body.csv) });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      return rosterPage(ctx, req, reply, s, { status: err.statusCode, csv: req.body.csv, problem: err.message });
    }
  });
}
