// Assignments: list, create, edit, the student's view, extensions and statistics.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { questionsForUser, readAssignmentInput, slotsPerAssignmentMax, type AssignmentInput } from '../../app/assignments.ts';
import { AppError, badRequest, notFound } from '../../app/errors.ts';
import { formatTime, validateExtension } from '../../grading/index.ts';
import { prepareIfPublished } from '../../app/prepare.ts';
import {
  assignmentsOfCourse, extensionsOf, findAssignment, insertAssignment, insertSlots, updateAssignment, upsertExtension,
  type Assignment,
} from '../../store/assignments.ts';
import { members } from '../../store/courses.ts';
import { partStatistics } from '../../store/gradebook.ts';
import { requireCourseRole, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { errorReplies, idParams, isoTime, title } from '../schemas.ts';

/** Students one extension request may name. */
export const extensionStudentsMax = 1_000;

const lateWindows = {
  type: 'array', maxItems: 10,
  items: {
    type: 'object', required: ['afterDueHours', 'credit'], additionalProperties: false,
    properties: { afterDueHours: { type: 'number', exclusiveMinimum: 0, maximum: 8784 }, credit: { type: 'number', minimum: 0, maximum: 1 } },
  },
} as const;
const slotInput = {
  type: 'object', required: ['questionId', 'points'], additionalProperties: false,
  properties: { questionId: { type: 'string', minLength: 1, maxLength: 200 }, points: { type: 'number', minimum: 0, maximum: 10_000 } },
} as const;
const assignmentBody = {
  type: 'object', required: ['title', 'opensAt', 'dueAt'], additionalProperties: false,
  properties: {
    title, opensAt: isoTime, dueAt: isoTime, lateWindows,
    attemptsMax: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
    penaltyPerWrong: { type: 'number', minimum: 0, maximum: 1 },
    newVariantAfterWrong: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
    published: { type: 'boolean' }, answersReleased: { type: 'boolean' },
    slots: { type: 'array', maxItems: slotsPerAssignmentMax, items: slotInput },
  },
} as const;
const assignmentSummary = {
  type: 'object', required: ['id', 'title', 'opensAt', 'dueAt'],
  properties: {
    id: { type: 'string' }, courseId: { type: 'string' }, title: { type: 'string' }, opensAt: isoTime, dueAt: isoTime,
    lateWindows: { type: 'array', items: { type: 'object', properties: { afterDueHours: { type: 'number' }, credit: { type: 'number' } } } },
    attemptsMax: { type: ['integer', 'null'] }, penaltyPerWrong: { type: 'number' }, newVariantAfterWrong: { type: ['integer', 'null'] },
    published: { type: 'boolean' }, answersReleased: { type: 'boolean' },
  },
} as const;
const partResult = {
  type: 'object', additionalProperties: true,
  properties: { status: { type: 'string' }, score: { type: 'number' }, credited: { type: 'number' }, correct: { type: 'boolean' }, feedback: { type: 'string' }, read: { type: 'string' }, hints: { type: 'array', items: { type: 'string' } }, attemptsLeft: { type: ['integer', 'null'] } },
} as const;
const questionView = {
  type: 'object', required: ['variantId', 'title', 'text', 'parts'],
  properties: {
    slotId: { type: 'string' }, position: { type: 'integer' }, points: { type: 'number' }, variantId: { type: 'string' },
    questionId: { type: 'string' }, title: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' },
    score: { type: 'number' }, newVariantAvailable: { type: 'boolean' },
    parts: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'type', 'attemptsLeft'],
        properties: {
          id: { type: 'string' }, type: { type: 'string' }, label: { type: 'string' }, weight: { type: 'number' },
          attemptsLeft: { type: ['integer', 'null'] }, multiple: { type: 'boolean' }, expectsUnits: { type: 'boolean' },
          options: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, html: { type: 'string' } } } },
          lastAnswer: { type: ['string', 'null'] }, lastResult: { anyOf: [partResult, { type: 'null' }] },
        },
      },
    },
    correctAnswers: { type: 'object', additionalProperties: { type: 'string' } },
    correctAnswersHtml: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

export function assignmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/api/courses/:id/assignments', {
    schema: { tags: ['assignments'], summary: 'Assignments of a course (students see published ones)', params: idParams, response: { 200: { type: 'array', items: assignmentSummary }, ...errorReplies } },
  }, async (req) => {
    const role = await requireCourseRole(ctx, req, req.params.id, ['instructor', 'ta', 'student']);
    return assignmentsOfCourse(ctx.db.sql, req.params.id, role === 'student');
  });

  app.post<{ Params: { id: string }; Body: AssignmentInput }>('/api/courses/:id/assignments', {
    schema: { tags: ['assignments'], summary: 'Create an assignment with its question slots (instructor)', params: idParams, body: assignmentBody, response: { 201: assignmentSummary, ...errorReplies } },
  }, async (req, reply) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor']);
    const fields = await readAssignmentInput(ctx.db.sql, req.body);
    const created = await insertAssignment(ctx.db.sql, req.params.id, fields, req.body.slots ?? []);
    prepareIfPublished(ctx.db.sql, ctx.bank, created);
    return reply.code(201).send(created);
  });

  app.put<{ Params: { id: string }; Body: AssignmentInput }>('/api/assignments/:id', {
    schema: { tags: ['assignments'], summary: 'Change an assignment\'s dates, policy and publication; `slots` are appended (instructor)', params: idParams, body: assignmentBody, response: { 200: assignmentSummary, ...errorReplies } },
  }, async (req) => {
    const a = await assignmentFor(ctx, req, ['instructor']);
    const fields = await readAssignmentInput(ctx.db.sql, req.body);
    const updated = await updateAssignment(ctx.db.sql, a.id, fields);
    await insertSlots(ctx.db.sql, a.id, req.body.slots ?? []);
    prepareIfPublished(ctx.db.sql, ctx.bank, updated!);
    return updated;
  });

  app.get<{ Params: { id: string } }>('/api/assignments/:id', {
    schema: {
      tags: ['assignments'], summary: 'An assignment with the caller\'s variants, attempts left and scores', params: idParams,
      response: { 200: { type: 'object', required: ['id', 'title', 'questions'], properties: { ...assignmentSummary.properties, extensionDueAt: { type: ['string', 'null'], format: 'date-time' }, questions: { type: 'array', items: questionView } } }, ...errorReplies },
    },
  }, async (req) => {
    const user = requireUser(req);
    const a = await assignmentFor(ctx, req, ['instructor', 'ta', 'student']);
    const role = await requireCourseRole(ctx, req, a.courseId, ['instructor', 'ta', 'student']);
    if (role === 'student' && Date.now() < a.opensAt.getTime()) {
      throw new AppError(409, 'assignment_not_open', `This assignment opens at ${formatTime(a.opensAt)}: come back then`);
    }
    const [ext] = await extensionsOf(ctx.db.sql, a.id).then((xs) => xs.filter((x) => x.userId === user.id));
    return { ...a, extensionDueAt: ext?.dueAt ?? null, questions: await questionsForUser(ctx.db.sql, ctx.bank, a, user.id, role) };
  });

  app.post<{ Params: { id: string }; Body: { emails: string[]; dueAt: string } }>('/api/assignments/:id/extensions', {
    schema: {
      tags: ['assignments'], summary: 'Grant one or many students a later due date (instructor, TA)', params: idParams,
      body: { type: 'object', required: ['emails', 'dueAt'], additionalProperties: false, properties: { emails: { type: 'array', minItems: 1, maxItems: extensionStudentsMax, items: { type: 'string', maxLength: 254 } }, dueAt: isoTime } },
      response: { 200: { type: 'object', properties: { granted: { type: 'array', items: { type: 'string' } }, rejected: { type: 'array', items: { type: 'object', properties: { email: { type: 'string' }, reason: { type: 'string' } } } } } }, ...errorReplies },
    },
  }, async (req) => {
    const user = requireUser(req);
    const a = await assignmentFor(ctx, req, ['instructor', 'ta']);
    const dueAt = new Date(req.body.dueAt);
    const problems = validateExtension(a, dueAt);
    if (problems.length > 0) throw badRequest('invalid_extension', problems.join('; '));
    const students = new Map((await members(ctx.db.sql, a.courseId, 'student')).map((m) => [m.email, m]));
    const granted: string[] = [];
    const rejected: { email: string; reason: string }[] = [];
    for (const raw of req.body.emails) {
      const email = raw.trim().toLowerCase();
      const student = students.get(email);
      if (!student) { rejected.push({ email: raw, reason: 'not a student of this course: check the address' }); continue; }
      await upsertExtension(ctx.db.sql, a.id, student.userId, dueAt, user.id);
      granted.push(email);
    }
    return { granted, rejected };
  });

  app.get<{ Params: { id: string } }>('/api/assignments/:id/statistics', {
    schema: {
      tags: ['assignments'], summary: 'Per-part statistics: attempts, first-try correct %, most common wrong answers (instructor, TA)', params: idParams,
      response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...errorReplies },
    },
  }, async (req) => {
    const a = await assignmentFor(ctx, req, ['instructor', 'ta']);
    return partStatistics(ctx.db.sql, a.id);
  });
}

/** The assignment, if the caller has one of the roles in its course (students: published only). */
async function assignmentFor(ctx: ServerContext, req: FastifyRequest<{ Params: { id: string } }>, allowed: ('instructor' | 'ta' | 'student')[]): Promise<Assignment> {
  requireUser(req);
  const a = await findAssignment(ctx.db.sql, req.params.id);
  if (!a) throw notFound('That assignment');
  const role = await requireCourseRole(ctx, req, a.courseId, allowed);
  if (role === 'student' && !a.published) throw notFound('That assignment');
  return a;
}
