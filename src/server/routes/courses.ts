// Courses, rosters and course settings.
import type { FastifyInstance } from 'fastify';
import { importRoster, rosterBytesMax } from '../../app/roster.ts';
import { badRequest, forbidden } from '../../app/errors.ts';
import { validateOutageGraceMinutes } from '../../grading/index.ts';
import { allCourses, coursesForUser, findCourse, insertCourse, members, updateCourseSettings, type CourseSettings } from '../../store/courses.ts';
import { requireCourseRole, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { errorReplies, idParams, title } from '../schemas.ts';

const roleEnum = { type: 'string', enum: ['instructor', 'ta', 'student'] } as const;
const settingsSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    logBase: { enum: [10, 'e'] },
    outageGraceMinutes: { type: 'integer', minimum: 0, maximum: 10080 },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;
const courseReply = {
  type: 'object', required: ['id', 'title', 'role', 'settings'],
  properties: { id: { type: 'string' }, title: { type: 'string' }, role: roleEnum, settings: settingsSchema },
} as const;

export function courseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/courses', {
    schema: {
      tags: ['courses'], summary: 'The courses of the signed-in user, with their role in each',
      response: { 200: { type: 'array', items: { type: 'object', required: ['id', 'title', 'role'], properties: { id: { type: 'string' }, title: { type: 'string' }, role: roleEnum } } }, ...errorReplies },
    },
  }, async (req) => {
    const user = requireUser(req);
    const mine = await coursesForUser(ctx.db.sql, user.id);
    if (!user.isAdmin) return mine;
    const enrolled = new Set(mine.map((c) => c.id));
    return [...mine, ...(await allCourses(ctx.db.sql)).filter((c) => !enrolled.has(c.id)).map((c) => ({ ...c, role: 'instructor' as const }))];
  });

  app.post<{ Body: { title: string; settings?: Partial<CourseSettings> } }>('/api/courses', {
    schema: {
      tags: ['courses'], summary: 'Create a course (site admin)',
      body: { type: 'object', required: ['title'], additionalProperties: false, properties: { title, settings: settingsSchema } },
      response: { 201: courseReply, ...errorReplies },
    },
  }, async (req, reply) => {
    if (!requireUser(req).isAdmin) throw forbidden('Only a site admin can create courses: ask yours');
    const course = await insertCourse(ctx.db.sql, req.body.title, req.body.settings);
    return reply.code(201).send({ ...course, role: 'instructor' });
  });

  app.get<{ Params: { id: string } }>('/api/courses/:id', {
    schema: { tags: ['courses'], summary: 'One course and the caller\'s role in it', params: idParams, response: { 200: courseReply, ...errorReplies } },
  }, async (req) => {
    const role = await requireCourseRole(ctx, req, req.params.id, ['instructor', 'ta', 'student']);
    return { ...(await findCourse(ctx.db.sql, req.params.id))!, role };
  });

  app.patch<{ Params: { id: string }; Body: Partial<CourseSettings> }>('/api/courses/:id/settings', {
    schema: { tags: ['courses'], summary: 'Change course settings (instructor)', params: idParams, body: settingsSchema, response: { 200: courseReply, ...errorReplies } },
  }, async (req) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor']);
    if (req.body.outageGraceMinutes !== undefined) {
      const problems = validateOutageGraceMinutes(req.body.outageGraceMinutes);
      if (problems.length > 0) throw badRequest('invalid_settings', problems.join('; '));
    }
    return { ...(await updateCourseSettings(ctx.db.sql, req.params.id, req.body))!, role: 'instructor' };
  });

  app.get<{ Params: { id: string } }>('/api/courses/:id/roster', {
    schema: {
      tags: ['courses'], summary: 'Everyone enrolled in the course (instructor, TA)', params: idParams,
      response: { 200: { type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: roleEnum } } }, ...errorReplies },
    },
  }, async (req) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor', 'ta']);
    return members(ctx.db.sql, req.params.id);
  });

  app.post<{ Params: { id: string }; Body: string }>('/api/courses/:id/roster', {
    bodyLimit: rosterBytesMax,
    schema: {
      tags: ['courses'], summary: 'Import a roster CSV (email,name[,role]); good rows are kept, bad rows reported (instructor)',
      consumes: ['text/csv'], params: idParams, body: { type: 'string', maxLength: rosterBytesMax },
      response: {
        200: {
          type: 'object', required: ['enrolled', 'unchanged', 'rejected', 'newAccounts'],
          properties: {
            enrolled: { type: 'integer' }, unchanged: { type: 'integer' },
            rejected: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, reason: { type: 'string' } } } },
            newAccounts: { type: 'array', items: { type: 'object', properties: { email: { type: 'string' }, temporaryPassword: { type: 'string' } } } },
          },
        },
        ...errorReplies,
      },
    },
  }, async (req) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor']);
    return importRoster(ctx.db.sql, req.params.id, req.body);
  });
}
