// Gradebook (JSON and CSV for LMS import) and regrade.
import type { FastifyInstance } from 'fastify';
import { toCsv } from '../../app/csv.ts';
import { regradeCourse } from '../../app/regrade.ts';
import { assignmentsOfCourse } from '../../store/assignments.ts';
import { gradebook } from '../../store/gradebook.ts';
import { requireCourseRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { errorReplies, idParams } from '../schemas.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;

export function gradebookRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/api/courses/:id/gradebook', {
    schema: {
      tags: ['gradebook'], summary: 'Points per student and published assignment (instructor, TA)', params: idParams,
      response: {
        200: {
          type: 'object', required: ['assignments', 'students'],
          properties: {
            assignments: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, dueAt: { type: 'string', format: 'date-time' } } } },
            students: { type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, total: { type: 'number' }, possible: { type: 'number' }, cells: { type: 'array', items: { type: 'object', properties: { assignmentId: { type: 'string' }, earned: { type: 'number' }, possible: { type: 'number' } } } } } } },
          },
        },
        ...errorReplies,
      },
    },
  }, async (req) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor', 'ta']);
    return courseGradebook(ctx, req.params.id);
  });

  app.get<{ Params: { id: string } }>('/api/courses/:id/gradebook.csv', {
    schema: {
      tags: ['gradebook'], summary: 'Gradebook as CSV: one row per student, one column per assignment, for LMS import (instructor, TA)', params: idParams,
      produces: ['text/csv'], response: { 200: { type: 'string' }, ...errorReplies },
    },
  }, async (req, reply) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor', 'ta']);
    const book = await courseGradebook(ctx, req.params.id);
    const header = ['Email', 'Name', ...book.assignments.map((a) => `${a.title} (${a.possible} pts)`), 'Total'];
    const rows = book.students.map((s) => [s.email, s.name, ...s.cells.map((c) => round2(c.earned)), round2(s.total)]);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="gradebook.csv"');
    return toCsv([header, ...rows]);
  });

  app.post<{ Params: { id: string }; Body: { dryRun?: boolean } }>('/api/courses/:id/regrade', {
    schema: {
      tags: ['gradebook'], summary: 'Recompute scores from the attempt log (current question versions and policies); dryRun reports without changing (instructor)',
      params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { dryRun: { type: 'boolean' } } },
      response: { 200: { type: 'object', additionalProperties: true }, ...errorReplies },
    },
  }, async (req) => {
    await requireCourseRole(ctx, req, req.params.id, ['instructor']);
    return regradeCourse(ctx.db.sql, ctx.bank, req.params.id, req.body?.dryRun ?? true);
  });
}

export async function courseGradebook(ctx: ServerContext, courseId: string) {
  const [assignments, rows] = await Promise.all([assignmentsOfCourse(ctx.db.sql, courseId, true), gradebook(ctx.db.sql, courseId)]);
  const possible = new Map<string, number>();
  for (const r of rows) for (const c of r.cells) possible.set(c.assignmentId, c.possible);
  return {
    assignments: assignments.map((a) => ({ id: a.id, title: a.title, dueAt: a.dueAt, possible: possible.get(a.id) ?? 0 })),
    students: rows.map((r) => ({ ...r, total: r.cells.reduce((t, c) => t + c.earned, 0), possible: r.cells.reduce((t, c) => t + c.possible, 0) })),
  };
}
