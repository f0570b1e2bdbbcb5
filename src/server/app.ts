// The HTTP server: a thin Fastify layer over the app services. Every route has a schema and
// an authorization rule; every error is JSON {code, message} with a stable code.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { AppError } from '../app/errors.ts';
import { isRetryableDbError } from '../store/db.ts';
import { SubmissionContentionError } from '../store/submissions.ts';
import { csrfHeader, registerAuth } from './auth.ts';
import type { ServerContext } from './context.ts';
import { assignmentRoutes } from './routes/assignments.ts';
import { bankRoutes } from './routes/bank.ts';
import { courseRoutes } from './routes/courses.ts';
import { gradebookRoutes } from './routes/gradebook.ts';
import { healthRoutes } from './routes/health.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { registerWeb } from '../web/index.ts';

/** Request bodies larger than this are refused (routes such as roster import set their own). */
export const requestBytesMax = 256 * 1024;
/** Seconds a client should wait before retrying when the database cannot commit. */
export const retryAfterS = 2;
/** A request that takes longer than this is answered 503 and may be retried. */
export const requestTimeoutMs = 30_000;

declare module 'fastify' {
  interface FastifyInstance { routeList: string[] }
}

export async function buildServer(ctx: ServerContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false, bodyLimit: requestBytesMax, requestTimeout: requestTimeoutMs,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(cookie);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Steadfast API', version: '1', description: 'Online homework that stays up when a cloud region does not. Sign in with POST /api/session; send the returned csrfToken in the x-csrf-token header on every write.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sf_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.setErrorHandler(errorHandler);
  app.addHook('onRequest', async (_req, reply) => {
    if (!ctx.draining) return;
    reply.header('retry-after', String(retryAfterS)).header('connection', 'close');
    return reply.code(503).send({ code: 'draining', message: 'This server is restarting: send the request again (another server takes it)' });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'not_found', message: `There is no ${req.method} ${req.url.split('?')[0]}: see /docs for the API` });
  });
  const routeList: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD' && !r.url.startsWith('/docs')) routeList.push(`${m} ${r.url}`);
  });
  app.decorate('routeList', routeList);
  allowOtherRegions(app, ctx);
  registerAuth(app, ctx);
  healthRoutes(app, ctx);
  courseRoutes(app, ctx);
  assignmentRoutes(app, ctx);
  submissionRoutes(app, ctx);
  gradebookRoutes(app, ctx);
  bankRoutes(app, ctx);
  registerWeb(app, ctx);
  return app;
}

/**
 * The browser outbox may send a submission to another region's endpoint (a different origin):
 * those origins, and only they, may POST submissions with the student's cookie (CORS with
 * credentials). The CSRF token is still required; sessions live in the shared database.
 */
function allowOtherRegions(app: FastifyInstance, ctx: ServerContext): void {
  const regionOrigins = () => new Set(ctx.regionEndpoints.map((u) => { try { return new URL(u).origin; } catch { return ''; } }));
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || !req.url.startsWith('/api/submissions') || !regionOrigins().has(origin)) return;
    reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true').header('vary', 'Origin');
  });
  app.options('/api/submissions', { schema: { hide: true } }, async (req, reply) => {
    if (!req.headers.origin || !regionOrigins().has(req.headers.origin)) {
      return reply.code(403).send({ code: 'origin_not_allowed', message: 'Only the app endpoints of this site\'s regions may send submissions here' });
    }
    reply.header('access-control-allow-methods', 'POST').header('access-control-allow-headers', `content-type, ${csrfHeader}`)
      .header('access-control-max-age', String(corsPreflightMaxAgeS));
    return reply.code(204).send();
  });
}

/** How long a browser may reuse a CORS preflight answer. */
export const corsPreflightMaxAgeS = 600;

function errorHandler(this: FastifyInstance, err: FastifyError, req: { log: { error: (o: unknown) => void } }, reply: import('fastify').FastifyReply) {
  if (err instanceof AppError) {
    return reply.code(err.statusCode).send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
  }
  if (err.validation) {
    return reply.code(400).send({ code: 'invalid_request', message: `The request is not valid: ${err.message}. See /docs for the expected shape` });
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ code: 'request_too_large', message: 'The request body is too large: send less (see /docs for the limits)' });
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.code(415).send({ code: 'unsupported_media_type', message: 'Send JSON (application/json), or text/csv where the route takes CSV' });
  }
  if (err.statusCode === 429) {
    return reply.code(429).send({ code: 'too_many_requests', message: err.message || 'Too many requests: wait a minute and try again' });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return reply.code(err.statusCode).send({ code: 'invalid_request', message: `${err.message}: fix the request and send it again` });
  }
  if (err instanceof SubmissionContentionError) {
    reply.header('retry-after', '1');
    return reply.code(503).send({ code: 'busy', message: 'Other answers to this question were being saved at the same moment: send it again' });
  }
  if (isRetryableDbError(err)) {
    reply.header('retry-after', String(retryAfterS));
    return reply.code(503).send({ code: 'database_unavailable', message: 'The database cannot take answers right now (a failover may be under way): keep the answer and retry in a few seconds' });
  }
  req.log.error(err);
  return reply.code(500).send({ code: 'internal_error', message: 'Something went wrong on our side; nothing was lost that was acknowledged. Retry, and tell the site admin if it persists' });
}
