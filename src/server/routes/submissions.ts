// Submissions (exactly once by client UUID), attempt history, answer preview, new variants.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, conflict, forbidden, notFound } from '../../app/errors.ts';
import { submit, submissionBody } from '../../app/submit.ts';
import { newVariantAllowed } from '../../grading/index.ts';
import { answerLengthMax, previewAnswer } from '../../questions/index.ts';
import { findAssignment } from '../../store/assignments.ts';
import { findCourse } from '../../store/courses.ts';
import { isRetryableDbError } from '../../store/db.ts';
import { presentContextOfVariant, submissionsOfSlot } from '../../store/submissions.ts';
import { presentSubmissions } from '../../app/history.ts';
import { findVariant, issueNextVariant, type VariantAccess } from '../../store/variants.ts';
import { requireCourseRole, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { errorReplies, idParams, isoTime, uuid } from '../schemas.ts';

/** Request body limit of a submission: its answers plus JSON overhead. */
export const submissionBytesMax = 64 * 1024;
/** A capture time further than this ahead of the server's clock is refused as a broken device clock. */
export const capturedAtFutureSkewMsMax = 5 * 60_000;

const partResult = {
  type: 'object', required: ['status', 'score', 'correct', 'feedback'],
  properties: {
    status: { type: 'string', enum: ['graded', 'invalid'] }, score: { type: 'number' }, credited: { type: 'number' },
    correct: { type: 'boolean' }, feedback: { type: 'string' }, read: { type: 'string' },
    hints: { type: 'array', items: { type: 'string' } }, attemptsLeft: { type: ['integer', 'null'] },
  },
} as const;
const submissionReply = {
  type: 'object', required: ['id', 'answers', 'results'],
  properties: {
    id: { type: 'string' }, variantId: { type: 'string' },
    answers: { type: 'object', additionalProperties: { type: 'string' } },
    results: { type: 'object', additionalProperties: partResult },
    timing: { type: 'object', properties: { kind: { type: 'string' }, credit: { type: 'number' }, reason: { type: 'string' } } },
    serverTime: isoTime, capturedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

interface SubmissionRequest { id: string; variantId: string; answers: Record<string, string>; capturedAt?: string }

export function submissionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: SubmissionRequest }>('/api/submissions', {
    bodyLimit: submissionBytesMax,
    schema: {
      tags: ['submissions'],
      summary: 'Submit answers. The client makes the UUID; a repeat of the same id returns the stored result and stores nothing new',
      body: {
        type: 'object', required: ['id', 'variantId', 'answers'], additionalProperties: false,
        properties: {
          id: uuid, variantId: uuid, capturedAt: isoTime,
          answers: { type: 'object', minProperties: 1, maxProperties: 50, propertyNames: { maxLength: 64 }, additionalProperties: { type: 'string', maxLength: answerLengthMax } },
        },
      },
      response: { 200: submissionReply, ...errorReplies },
    },
  }, async (req) => {
    const user = requireUser(req);
    const capturedAt = req.body.capturedAt ? new Date(req.body.capturedAt) : null;
    if (capturedAt && capturedAt.getTime() > Date.now() + capturedAtFutureSkewMsMax) {
      throw new AppError(400, 'captured_at_in_future', 'capturedAt is in the future: check the device clock');
    }
    try {
      const { body } = await submit(ctx.db.sql, ctx.bank, user.id,
        { id: req.body.id, variantId: req.body.variantId, answers: req.body.answers, capturedAt },
        { region: ctx.region, node: ctx.node });
      ctx.outages.noteSuccess();
      return body;
    } catch (err) {
      if (isRetryableDbError(err)) ctx.outages.noteFailure(err);
      throw err;
    }
  });

  app.get<{ Params: { id: string } }>('/api/variants/:id/submissions', {
    schema: {
      tags: ['submissions'], summary: 'Attempt history of the variant\'s question slot, every variant (owner, instructor, TA)', params: idParams,
      response: { 200: { type: 'array', items: submissionReply }, ...errorReplies },
    },
  }, async (req) => {
    const v = await variantFor(ctx, req, true);
    const [logged, explain] = await Promise.all([submissionsOfSlot(ctx.db.sql, v.slotId, v.userId), presentContextOfVariant(ctx.db.sql, v.id)]);
    return (await presentSubmissions(ctx.bank, logged, explain)).map(submissionBody);
  });

  app.post<{ Params: { id: string }; Body: { partId: string; answer: string } }>('/api/variants/:id/preview', {
    schema: {
      tags: ['submissions'], summary: 'How an answer would be read (live preview); grades nothing, stores nothing (owner)', params: idParams,
      body: { type: 'object', required: ['partId', 'answer'], additionalProperties: false, properties: { partId: { type: 'string', maxLength: 64 }, answer: { type: 'string', maxLength: answerLengthMax } } },
      response: { 200: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' }, read: { type: 'string' }, message: { type: 'string' } } }, ...errorReplies },
    },
  }, async (req) => {
    const v = await variantFor(ctx, req, false);
    const course = (await findCourse(ctx.db.sql, v.courseId))!;
    const q = await ctx.bank.get(v.version);
    return previewAnswer(q, v.seed, req.body.partId, req.body.answer, { logBase: course.settings.logBase });
  });

  app.post<{ Params: { id: string } }>('/api/variants/:id/next', {
    schema: {
      tags: ['submissions'], summary: 'A new variant of the question, when the assignment allows one after wrong tries (owner)', params: idParams,
      response: { 201: { type: 'object', required: ['variantId'], properties: { variantId: { type: 'string' } } }, ...errorReplies },
    },
  }, async (req, reply) => {
    const v = await variantFor(ctx, req, false);
    if (!v.newest) throw conflict('variant_replaced', 'This question already has a newer variant: reload the page');
    const a = (await findAssignment(ctx.db.sql, v.assignmentId))!;
    const history = await submissionsOfSlot(ctx.db.sql, v.slotId, v.userId);
    const wrong = history.filter((s) => s.variantId === v.id)
      .flatMap((s) => Object.values(s.parts)).filter((r) => r.status === 'graded' && !r.correct).length;
    if (!newVariantAllowed(wrong, a)) {
      throw conflict('new_variant_not_allowed', a.newVariantAfterWrong === null
        ? 'This assignment gives no new variants'
        : `A new variant comes after ${a.newVariantAfterWrong} wrong tries on this one`);
    }
    const next = await issueNextVariant(ctx.db.sql, v.id);
    if (!next) throw conflict('variant_replaced', 'A new variant was just made: reload the page');
    return reply.code(201).send({ variantId: next.id });
  });
}

/** The variant if the caller owns it (or, with `staffMayRead`, teaches its course). */
async function variantFor(ctx: ServerContext, req: FastifyRequest<{ Params: { id: string } }>, staffMayRead: boolean): Promise<VariantAccess> {
  const user = requireUser(req);
  const v = await findVariant(ctx.db.sql, req.params.id);
  if (!v) throw notFound('That question variant');
  if (v.userId === user.id) return v;
  const role = await requireCourseRole(ctx, req, v.courseId, ['instructor', 'ta', 'student']);
  if (staffMayRead && role !== 'student') return v;
  throw forbidden('This question variant belongs to another student: open the assignment from your own course page');
}
