// The assignment page (GET) and its no-JavaScript submit (POST, then back to the page). With
// JavaScript, question.js intercepts the form and sends through the browser outbox instead.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { questionsForUser } from '../app/assignments.ts';
import { AppError, notFound } from '../app/errors.ts';
import { presentSubmissions } from '../app/history.ts';
import { submissionBody, submissionPartsMax, submit } from '../app/submit.ts';
import { effectiveDueAt, formatTime } from '../grading/index.ts';
import { answerLengthMax } from '../questions/index.ts';
import { findAssignment, type Assignment } from '../store/assignments.ts';
import { findCourse, type Role } from '../store/courses.ts';
import { isRetryableDbError } from '../store/db.ts';
import { findVariant } from '../store/variants.ts';
import { extensionOfStudent, historyOfAssignment } from '../store/web-progress.ts';
import { csrfHeader, requireCourseRole, requireUser, sessionCookie } from '../server/auth.ts';
import type { ServerContext } from '../server/context.ts';
import { idParams, uuid } from '../server/schemas.ts';
import { windowStatus } from './course-pages.ts';
import { sendPage } from './errors.ts';
import { html } from './html.ts';
import { layout, timeHtml } from './layout.ts';
import { questionHtml } from './question-view.ts';

/** Options one checkbox part may send. */
export const choicesPerPartMax = 50;
const answerText = { type: 'string', maxLength: answerLengthMax } as const;

interface SubmitForm { _csrf?: string; variantId: string; submissionId: string; [field: string]: string | string[] | undefined }
interface Problem { variantId: string; message: string }

async function assignmentFor(ctx: ServerContext, req: FastifyRequest, id: string): Promise<{ a: Assignment; role: Role }> {
  const a = await findAssignment(ctx.db.sql, id);
  if (!a) throw notFound('That assignment');
  const role = await requireCourseRole(ctx, req, a.courseId, ['instructor', 'ta', 'student']);
  if (role === 'student' && !a.published) throw notFound('That assignment');
  if (role === 'student' && Date.now() < a.opensAt.getTime()) {
    throw new AppError(409, 'assignment_not_open', `This assignment opens at ${formatTime(a.opensAt)}: come back then`);
  }
  return { a, role };
}

async function renderAssignment(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, id: string, status: number, problem?: Problem) {
  const user = requireUser(req);
  const { a, role } = await assignmentFor(ctx, req, id);
  const [course, extension, questions, histories] = await Promise.all([
    findCourse(ctx.db.sql, a.courseId), extensionOfStudent(ctx.db.sql, a.id, user.id),
    questionsForUser(ctx.db.sql, ctx.bank, a, user.id, role), historyOfAssignment(ctx.db.sql, a.id, user.id),
  ]);
  const tz = course!.settings.timeZone;
  const explain = { logBase: course!.settings.logBase, attemptsMax: a.attemptsMax };
  const explained = new Map(await Promise.all([...histories].map(async ([slotId, list]) =>
    [slotId, await presentSubmissions(ctx.bank, list, explain)] as const)));
  const state = windowStatus(a, extension, new Date(), tz);
  const earned = questions.reduce((t, q) => t + q.score * q.points, 0);
  const possible = questions.reduce((t, q) => t + q.points, 0);
  const main = html`<p class="small"><a href="/courses/${a.courseId}">${course!.title}</a></p>
    <h1>${a.title}</h1>
    <p class="status"><strong>${state.text}</strong> · due ${timeHtml(effectiveDueAt(a, extension), tz)}</p>
    <p id="assignment-score" data-fresh>Score so far: ${Math.round(earned * 100) / 100} of ${possible} points</p>
    ${problem && !questions.some((q) => q.variantId === problem.variantId) ? html`<p class="notice notice-error" role="alert">${problem.message}</p>` : null}
    <div id="outbox-summary" class="notice" role="status" hidden></div>
    ${questions.map((q) => questionHtml(q, {
      assignmentId: a.id, csrfToken: req.csrfToken ?? '', timeZone: tz, history: (explained.get(q.slotId) ?? []).map(submissionBody),
      acceptsAnswers: state.kind === 'open' || state.kind === 'late',
      problem: problem?.variantId === q.variantId ? problem.message : null,
    }))}`;
  return sendPage(reply, status, layout({
    title: a.title, user, csrfToken: req.csrfToken, main, styles: ['katex/katex.min.css'], scripts: ['question.js'],
  }));
}

/** The form's answer.<part> fields as submission answers; empty ones are left out, checkboxes joined. */
export function formAnswers(form: SubmitForm): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [field, value] of Object.entries(form)) {
    if (!field.startsWith('answer.') || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text.trim() !== '') answers[field.slice('answer.'.length)] = text;
  }
  return answers;
}

export function assignmentPages(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/assignments/:id', { schema: { hide: true, params: idParams } },
    async (req, reply) => renderAssignment(ctx, req, reply, req.params.id, 200));

  app.post<{ Params: { id: string }; Body: SubmitForm }>('/assignments/:id/submit', {
    schema: {
      hide: true, params: idParams,
      body: {
        type: 'object', required: ['variantId', 'submissionId'], additionalProperties: false, maxProperties: submissionPartsMax + 3,
        properties: { _csrf: { type: 'string' }, variantId: uuid, submissionId: uuid },
        patternProperties: { '^answer\\.[A-Za-z0-9_.-]{1,64}$': { anyOf: [answerText, { type: 'array', maxItems: choicesPerPartMax, items: answerText }] } },
      },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const v = await findVariant(ctx.db.sql, req.body.variantId);
    if (!v || v.assignmentId !== req.params.id) throw notFound('That question on this assignment');
    const answers = formAnswers(req.body);
    if (Object.keys(answers).length === 0) {
      return renderAssignment(ctx, req, reply, req.params.id, 400, { variantId: v.id, message: 'Fill in at least one part, then submit.' });
    }
    try {
      await submit(ctx.db.sql, ctx.bank, user.id, { id: req.body.submissionId, variantId: v.id, answers, capturedAt: new Date() }, { region: ctx.region, node: ctx.node });
      ctx.outages.noteSuccess();
    } catch (err) {
      if (isRetryableDbError(err)) ctx.outages.noteFailure(err);
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      return renderAssignment(ctx, req, reply, req.params.id, err.statusCode, { variantId: v.id, message: err.message });
    }
    return reply.redirect(`/assignments/${req.params.id}#answer-${v.id}`, 303);
  });

  // A form over POST /api/variants/:id/next (called in-process), so the rule for new variants lives in one place.
  app.post<{ Params: { id: string }; Body: { _csrf?: string; variantId: string } }>('/assignments/:id/new-variant', {
    schema: {
      hide: true, params: idParams,
      body: { type: 'object', required: ['variantId'], additionalProperties: false, properties: { _csrf: { type: 'string' }, variantId: uuid } },
    },
  }, async (req, reply) => {
    requireUser(req);
    const res = await app.inject({
      method: 'POST', url: `/api/variants/${req.body.variantId}/next`, remoteAddress: req.ip,
      cookies: { [sessionCookie]: req.cookies[sessionCookie]! }, headers: { [csrfHeader]: req.csrfToken! },
    });
    if (res.statusCode !== 201) {
      return renderAssignment(ctx, req, reply, req.params.id, res.statusCode, { variantId: req.body.variantId, message: (res.json() as { message: string }).message });
    }
    return reply.redirect(`/assignments/${req.params.id}#answer-${(res.json() as { variantId: string }).variantId}`, 303);
  });
}
