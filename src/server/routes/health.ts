// Liveness, readiness and the client configuration (region endpoints for the outbox).
import type { FastifyInstance } from 'fastify';
import { acceptsWrites } from '../../store/db.ts';
import type { ServerContext } from '../context.ts';
import { errorReply } from '../schemas.ts';

/** /readyz answers 503 when the database does not confirm a write within this time. */
export const readinessTimeoutMs = 2_000;

export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'The process is up', response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } },
  }, async () => ({ ok: true }));

  app.get('/readyz', {
    schema: {
      tags: ['health'], summary: 'The database accepts writes (200) or not (503)',
      response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, region: { type: 'string' } } }, 503: errorReply },
    },
  }, async (_req, reply) => {
    const writable = await Promise.race([
      acceptsWrites(ctx.db.sql).catch(() => false),
      new Promise<boolean>((resolve) => setTimeout(resolve, readinessTimeoutMs, false).unref()),
    ]);
    if (!writable) return reply.code(503).send({ code: 'database_unavailable', message: 'The database is not writable from here yet: route requests elsewhere and retry' });
    return { ok: true, region: ctx.region };
  });

  app.get('/api/config', {
    schema: {
      tags: ['health'], summary: 'Client configuration: the app endpoints of every region, for the browser outbox', security: [],
      response: { 200: { type: 'object', properties: { region: { type: 'string' }, regions: { type: 'array', items: { type: 'string' } } } } },
    },
  }, async () => ({ region: ctx.region, regions: ctx.regionEndpoints }));
}
