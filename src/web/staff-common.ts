// What every instructor and TA page shares: authorization (the course and the caller's role),
// the staff navigation, dates typed in the course time zone, and field-level error messages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../app/errors.ts';
import { findAssignment, type Assignment } from '../store/assignments.ts';
import { findCourse, type Course, type Role } from '../store/courses.ts';
import type { User } from '../store/users.ts';
import { requireCourseRole, requireUser } from '../server/auth.ts';
import type { ServerContext } from '../server/context.ts';
import { sendPage } from './errors.ts';
import { html, type Html, type HtmlValue } from './html.ts';
import { formatterFor, layout } from './layout.ts';

/** Who may look at staff pages, and who may change things. */
export const viewerRoles: readonly Role[] = ['instructor', 'ta'];
export const editorRoles: readonly Role[] = ['instructor'];

export interface StaffCourse { user: User; course: Course; role: Role }
export interface StaffAssignment extends StaffCourse { a: Assignment }

export async function staffCourse(ctx: ServerContext, req: FastifyRequest, courseId: string, allowed: readonly Role[]): Promise<StaffCourse> {
  const user = requireUser(req);
  const role = await requireCourseRole(ctx, req, courseId, allowed);
  const course = await findCourse(ctx.db.sql, courseId);
  if (!course) throw notFound('That course');
  return { user, course, role };
}

export async function staffAssignment(ctx: ServerContext, req: FastifyRequest, id: string, allowed: readonly Role[]): Promise<StaffAssignment> {
  requireUser(req);
  const a = await findAssignment(ctx.db.sql, id);
  if (!a) throw notFound('That assignment');
  return { ...(await staffCourse(ctx, req, a.courseId, allowed)), a };
}

type Section = 'overview' | 'gradebook' | 'roster' | 'regrade';

function staffNav(course: Course, role: Role, current: Section | null): Html {
  const links: [Section, string, string][] = [
    ['overview', `/courses/${course.id}/manage`, 'Assignments'],
    ['gradebook', `/courses/${course.id}/gradebook`, 'Gradebook'],
    ['roster', `/courses/${course.id}/roster`, 'Roster'],
    ...(role === 'instructor' ? [['regrade', `/courses/${course.id}/regrade`, 'Regrade'] as [Section, string, string]] : []),
  ];
  return html`<nav class="staff-nav" aria-label="Course staff">
    <a href="/courses/${course.id}">${course.title}</a> ·
    ${links.map(([key, href, text], i) => html`${i > 0 ? ' · ' : ''}<a href="${href}" ${key === current ? html`aria-current="page"` : null}>${text}</a>`)}
  </nav>`;
}

export interface StaffPageOptions {
  title: string; main: HtmlValue; section?: Section; status?: number; scripts?: string[]; styles?: string[];
}

export function sendStaffPage(req: FastifyRequest, reply: FastifyReply, s: StaffCourse, o: StaffPageOptions): FastifyReply {
  return sendPage(reply, o.status ?? 200, layout({
    title: o.title, user: s.user, csrfToken: req.csrfToken, scripts: o.scripts,
    styles: [...(o.styles ?? []), 'staff.css'],
    main: html`${staffNav(s.course, s.role, o.section ?? null)}${o.main}`,
  }));
}

/** The hidden CSRF field every staff form carries. */
export const csrfField = (req: FastifyRequest): Html => html`<input type="hidden" name="_csrf" value="${req.csrfToken ?? ''}">`;

/** A message shown under a field and tied to it with aria-describedby (id `${fieldId}-error`). */
export function fieldError(fieldId: string, message: string | undefined): Html | null {
  return message ? html`<p class="field-error" id="${fieldId}-error">${message}</p>` : null;
}

export interface InputField {
  name: string; label: string; type: string; value: string; hint?: string; problem?: string; attrs?: Html;
}

/** A labelled input with its hint and its error message, both announced with the field. */
export function inputField(f: InputField): Html {
  const id = `f-${f.name}`;
  const describedBy = [f.hint ? `${id}-hint` : '', f.problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="${id}">${f.label}</label>
    <input id="${id}" name="${f.name}" type="${f.type}" value="${f.value}" ${describedBy ? html`aria-describedby="${describedBy}"` : null}
      ${f.problem ? html`aria-invalid="true"` : null} ${f.attrs ?? null}>
    ${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : null}
    ${fieldError(id, f.problem)}</div>`;
}

export const points = (x: number): string => String(Math.round(x * 100) / 100);

const zoneFormat: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
};
const zoneFormatter = (timeZone: string) => formatterFor(timeZone, zoneFormat);

/** How far the wall clock of `timeZone` is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const p = Object.fromEntries(zoneFormatter(timeZone).formatToParts(new Date(utcMs)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** A date as a datetime-local value (YYYY-MM-DDTHH:mm) on the wall clock of `timeZone`. */
export function toLocalInput(d: Date, timeZone: string): string {
  return new Date(d.getTime() + zoneOffsetMs(d.getTime(), timeZone)).toISOString().slice(0, 16);
}

/** A datetime-local value read on the wall clock of `timeZone`; null when it is not one. */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // Date.UTC rolls over (month 13, 31 April): refuse such text instead of guessing.
  if (!Number.isFinite(wall) || !new Date(wall).toISOString().startsWith(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`)) return null;
  // Two passes settle the offset for instants near a daylight-saving change.
  const first = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(first, timeZone));
}
