// The signed-in home (your courses) and a course's dashboard for students: every published
// assignment with its due date (in the reader's time zone), late windows, state and score so far.
import type { FastifyInstance } from 'fastify';
import { effectiveDueAt, hourMs, judgeTiming } from '../grading/index.ts';
import { assignmentsOfCourse, type Assignment } from '../store/assignments.ts';
import { allCourses, coursesForUser, findCourse } from '../store/courses.ts';
import { progressOfStudent, type AssignmentProgress } from '../store/web-progress.ts';
import { requireCourseRole, requireUser } from '../server/auth.ts';
import type { ServerContext } from '../server/context.ts';
import { idParams } from '../server/schemas.ts';
import { sendPage } from './errors.ts';
import { html, type Html } from './html.ts';
import { layout, timeHtml } from './layout.ts';

const points = (x: number) => String(Math.round(x * 100) / 100);
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Where an assignment stands for this student now: not yet open, open, in a late window, or closed. */
export function windowStatus(a: Assignment, extensionDueAt: Date | null, now: Date, timeZone: string): { kind: string; text: Html } {
  const policy = a;
  const due = effectiveDueAt(policy, extensionDueAt);
  const t = judgeTiming({ policy, extensionDueAt, serverTime: now, capturedAt: null, outages: [], outageGraceMinutes: 0 });
  if (t.kind === 'not_open') return { kind: 'upcoming', text: html`Opens ${timeHtml(a.opensAt, timeZone)}` };
  if (t.kind === 'closed') return { kind: 'closed', text: html`Closed: no more answers accepted` };
  if (t.kind === 'late') {
    const w = policy.lateWindows.find((x) => now.getTime() <= due.getTime() + x.afterDueHours * hourMs)!;
    return { kind: 'late', text: html`Late: answers now earn ${percent(t.credit)} credit until ${timeHtml(new Date(due.getTime() + w.afterDueHours * hourMs), timeZone)}` };
  }
  return { kind: 'open', text: html`Open` };
}

function lateWindowsText(a: Assignment): Html | null {
  if (a.lateWindows.length === 0) return html`No late answers.`;
  return html`Late answers: ${a.lateWindows.map((w, i) => html`${i > 0 ? '; ' : ''}${percent(w.credit)} credit up to ${points(w.afterDueHours)} h after the due date`)}.`;
}

interface DashboardEntry { a: Assignment; p: AssignmentProgress | undefined; status: { kind: string; text: Html } }

function assignmentItem({ a, p, status }: DashboardEntry, timeZone: string): Html {
  const due = effectiveDueAt(a, p?.extensionDueAt ?? null);
  return html`<li class="assignment assignment-${status.kind}">
    <h3><a href="/assignments/${a.id}">${a.title}</a></h3>
    <p class="status"><strong>${status.text}</strong></p>
    <dl class="facts">
      <div><dt>Due</dt><dd>${timeHtml(due, timeZone)}${due !== a.dueAt ? html` (your extension)` : null}</dd></div>
      <div><dt>Score so far</dt><dd>${points(p?.earned ?? 0)} of ${points(p?.possible ?? 0)} points</dd></div>
      <div><dt>Answered</dt><dd>${p?.answered ?? 0} of ${p?.questions ?? 0} questions</dd></div>
    </dl>
    <p class="small">${lateWindowsText(a)}</p>
  </li>`;
}

const dashboardGroups = [
  { id: 'open-now', heading: 'Open now', kinds: ['open', 'late'] },
  { id: 'coming-up', heading: 'Coming up', kinds: ['upcoming'] },
  { id: 'closed', heading: 'Closed', kinds: ['closed'] },
];

function dashboardMain(courseId: string, title: string, timeZone: string, entries: DashboardEntry[], staff: boolean): Html {
  return html`<h1>${title}</h1>
  ${staff ? html`<p><a href="/courses/${courseId}/manage">Manage this course</a>: assignments, gradebook, roster, regrade.</p>` : null}
  <p class="small">Times are shown in your own time zone (the course's is ${timeZone}).</p>
  ${dashboardGroups.map((g) => {
    const items = entries.filter((e) => g.kinds.includes(e.status.kind));
    return html`<section aria-labelledby="h-${g.id}">
      <h2 id="h-${g.id}">${g.heading}</h2>
      ${items.length === 0 ? html`<p>None.</p>` : html`<ul class="card-list">${items.map((e) => assignmentItem(e, timeZone))}</ul>`}
    </section>`;
  })}`;
}

export function coursePages(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const mine = await coursesForUser(ctx.db.sql, user.id);
    const courses = user.isAdmin ? [...mine, ...(await allCourses(ctx.db.sql)).filter((c) => !mine.some((m) => m.id === c.id))] : mine;
    return sendPage(reply, 200, layout({
      title: 'Your courses', user, csrfToken: req.csrfToken,
      main: html`<h1>Your courses</h1>
      ${courses.length === 0 ? html`<p>You are not enrolled in any course yet: ask your instructor to add you to the roster.</p>` : null}
      <ul class="card-list">${courses.map((c) => html`<li><a href="/courses/${c.id}">${c.title}</a></li>`)}</ul>`,
    }));
  });

  app.get<{ Params: { id: string } }>('/courses/:id', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const user = requireUser(req);
    const role = await requireCourseRole(ctx, req, req.params.id, ['instructor', 'ta', 'student']);
    const [course, list, progress] = await Promise.all([
      findCourse(ctx.db.sql, req.params.id), assignmentsOfCourse(ctx.db.sql, req.params.id, role === 'student'),
      progressOfStudent(ctx.db.sql, req.params.id, user.id),
    ]);
    const now = new Date();
    const tz = course!.settings.timeZone;
    const entries = list.map((a) => {
      const p = progress.get(a.id);
      return { a, p, status: windowStatus(a, p?.extensionDueAt ?? null, now, tz) };
    });
    return sendPage(reply, 200, layout({ title: course!.title, user, csrfToken: req.csrfToken, main: dashboardMain(course!.id, course!.title, tz, entries, role !== 'student') }));
  });
}
