// The question bank for course staff: search and preview any question at any seed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../../app/errors.ts';
import { correctAnswers } from '../../questions/index.ts';
import { currentVersionOf, searchBank } from '../../store/bank.ts';
import { coursesForUser } from '../../store/courses.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { errorReplies } from '../schemas.ts';

export const bankSearchResultsMax = 200;
export const bankQueryLengthMax = 200;

export function bankRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { q?: string } }>('/api/bank', {
    schema: {
      tags: ['bank'], summary: 'Search the question bank by title, topic and text (instructors and TAs)',
      querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: bankQueryLengthMax } } },
      response: { 200: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'string' }, title: { type: 'string' }, topics: { type: 'array', items: { type: 'string' } } } } }, ...errorReplies },
    },
  }, async (req) => {
    await requireStaffSomewhere(ctx, req);
    return searchBank(ctx.db.sql, (req.query.q ?? '').trim(), bankSearchResultsMax);
  });

  app.get<{ Params: { questionId: string }; Querystring: { seed?: number } }>('/api/bank/:questionId/preview', {
    schema: {
      tags: ['bank'], summary: 'A question rendered at a seed, with its correct answers (instructors and TAs)',
      params: { type: 'object', required: ['questionId'], properties: { questionId: { type: 'string', maxLength: 200 } } },
      querystring: { type: 'object', additionalProperties: false, properties: { seed: { type: 'integer', minimum: 0, maximum: 2147483647 } } },
      response: { 200: { type: 'object', additionalProperties: true }, ...errorReplies },
    },
  }, async (req) => {
    await requireStaffSomewhere(ctx, req);
    const version = await currentVersionOf(ctx.db.sql, req.params.questionId);
    if (!version) throw notFound(`Question "${req.params.questionId}"`);
    const q = await ctx.bank.get(version);
    const seed = req.query.seed ?? 1;
    return { ...ctx.bank.variant(q, seed), correctAnswers: correctAnswers(q, seed) };
  });
}

async function requireStaffSomewhere(ctx: ServerContext, req: FastifyRequest): Promise<void> {
  const user = requireUser(req);
  if (user.isAdmin) return;
  const courses = await coursesForUser(ctx.db.sql, user.id);
  if (!courses.some((c) => c.role !== 'student')) throw forbidden('The question bank is for instructors and TAs');
}
