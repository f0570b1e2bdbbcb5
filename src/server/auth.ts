// Sessions: a random token in an httpOnly SameSite cookie, found by its hash in the database.
// Cookie-authenticated writes must echo the session's CSRF token (header or form field).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../app/errors.ts';
import { passwordLengthMax, unmatchableHash, verifyPassword } from '../app/passwords.ts';
import { roleInCourse, type Role } from '../store/courses.ts';
import { deleteSession, findSession, findUserByEmail, insertSession, type SessionRow, type User } from '../store/users.ts';
import type { ServerContext } from './context.ts';
import { errorReplies } from './schemas.ts';

export const sessionCookie = 'sf_session';
export const sessionLifetimeHours = 24 * 14;
export const csrfHeader = 'x-csrf-token';
/** Sign-in attempts per client address per minute (ServerOptions can lower it), and failed ones per email per 15 minutes. */
export const loginPerAddressPerMinuteMaxDefault = 600; // a whole class behind one school address must fit
export const loginFailuresPerEmailPer15MinutesMax = 10;
export const emailLengthMax = 254;

declare module 'fastify' {
  interface FastifyRequest { user: User | null; csrfToken: string | null }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/**
 * Sessions read from the database are reused for this long by the process that read them, which
 * saves a query on every request; a sign-out on another server takes effect within this time.
 */
export const sessionCacheTtlMs = 5_000;
export const sessionCacheSizeMax = 50_000;
const sessionCache = new Map<string, { session: SessionRow | null; readAt: number }>();

async function cachedSession(ctx: ServerContext, tokenHash: Buffer): Promise<SessionRow | null> {
  const key = tokenHash.toString('base64');
  const now = Date.now();
  const hit = sessionCache.get(key);
  if (hit && now - hit.readAt < sessionCacheTtlMs && (!hit.session || hit.session.expiresAt.getTime() > now)) return hit.session;
  const session = await findSession(ctx.db.sql, tokenHash);
  sessionCache.delete(key);
  if (sessionCache.size >= sessionCacheSizeMax) sessionCache.delete(sessionCache.keys().next().value as string);
  sessionCache.set(key, { session, readAt: now });
  return session;
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new AppError(401, 'sign_in_required', 'Sign in first: POST /api/session with your email and password');
  return req.user;
}

/** The caller's role in the course (a site admin acts as instructor); refuses other roles. */
export async function requireCourseRole(
  ctx: ServerContext, req: FastifyRequest, courseId: string, allowed: readonly Role[],
): Promise<Role> {
  const user = requireUser(req);
  const role = user.isAdmin ? 'instructor' : await roleInCourse(ctx.db.sql, courseId, user.id);
  if (role === null) throw new AppError(404, 'not_found', 'That course was not found among your courses: check the link');
  if (!allowed.includes(role)) throw forbidden(`This needs the ${allowed.join(' or ')} role in this course; you are ${role === 'ta' ? 'a TA' : `a${role === 'instructor' ? 'n' : ''} ${role}`}`);
  return role;
}

export function registerAuth(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[sessionCookie];
    if (!token || token.length > 200) return;
    const session = await cachedSession(ctx, hashToken(token));
    if (!session) return;
    req.user = session.user;
    req.csrfToken = session.csrfToken;
  });
  // CSRF: runs after body parsing so that HTML forms can carry the token as a field.
  app.addHook('preHandler', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.user) return;
    const sent = req.headers[csrfHeader] ?? (req.body as Record<string, unknown> | undefined)?._csrf;
    if (sent !== req.csrfToken) {
      throw new AppError(403, 'csrf_token_invalid', `Send the session's CSRF token in the ${csrfHeader} header (it comes with POST /api/session); reload the page if this is a form`);
    }
  });
  registerSessionRoutes(app, ctx);
}

export async function startSession(ctx: ServerContext, reply: FastifyReply, user: User): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeHours * 3_600_000);
  await insertSession(ctx.db.sql, { tokenHash: hashToken(token), userId: user.id, csrfToken, expiresAt });
  reply.setCookie(sessionCookie, token, {
    httpOnly: true, sameSite: 'lax', secure: ctx.secureCookies, path: '/', expires: expiresAt,
    ...(ctx.cookieDomain ? { domain: ctx.cookieDomain } : {}),
  });
  return csrfToken;
}

export async function authenticate(ctx: ServerContext, email: string, password: string): Promise<User> {
  const found = await findUserByEmail(ctx.db.sql, email);
  // Unknown emails cost the same scrypt work, so timing does not reveal who has an account.
  const ok = await verifyPassword(password, found?.passwordHash ?? unmatchableHash);
  if (!found || !ok) throw new AppError(401, 'wrong_credentials', 'That email and password do not match: check both, or ask your instructor to reset your password');
  const { passwordHash: _, ...user } = found;
  return user;
}

const userSchema = {
  type: 'object', required: ['id', 'email', 'name', 'isAdmin'],
  properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, isAdmin: { type: 'boolean' } },
} as const;

function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: { email: string; password: string } }>('/api/session', {
    schema: {
      tags: ['session'], summary: 'Sign in: sets the session cookie and returns the CSRF token for writes',
      body: {
        type: 'object', required: ['email', 'password'], additionalProperties: false,
        properties: {
          email: { type: 'string', minLength: 3, maxLength: emailLengthMax },
          password: { type: 'string', minLength: 1, maxLength: passwordLengthMax },
        },
      },
      response: { 200: { type: 'object', required: ['user', 'csrfToken'], properties: { user: userSchema, csrfToken: { type: 'string' } } }, ...errorReplies },
    },
    config: {
      rateLimit: {
        max: ctx.loginPerAddressPerMinuteMax, timeWindow: 60_000,
        errorResponseBuilder: () => new AppError(429, 'too_many_logins', 'Too many sign-in attempts from here: wait a minute and try again'),
      },
    },
  }, async (req, reply) => {
    checkEmailLimit(req.body.email);
    let user: User;
    try {
      user = await authenticate(ctx, req.body.email, req.body.password);
    } catch (err) {
      noteFailedLogin(req.body.email);
      throw err;
    }
    emailFailures.delete(req.body.email.toLowerCase());
    const csrfToken = await startSession(ctx, reply, user);
    return { user, csrfToken };
  });

  app.get('/api/session', {
    schema: {
      tags: ['session'], summary: 'Who is signed in, and the CSRF token for writes',
      response: { 200: { type: 'object', required: ['user', 'csrfToken'], properties: { user: userSchema, csrfToken: { type: 'string' } } }, ...errorReplies },
    },
  }, async (req) => ({ user: requireUser(req), csrfToken: req.csrfToken }));

  app.delete('/api/session', {
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: { type: 'null' }, ...errorReplies } },
  }, async (req, reply) => {
    requireUser(req);
    const tokenHash = hashToken(req.cookies[sessionCookie]!);
    sessionCache.delete(tokenHash.toString('base64'));
    await deleteSession(ctx.db.sql, tokenHash);
    reply.clearCookie(sessionCookie, { path: '/', ...(ctx.cookieDomain ? { domain: ctx.cookieDomain } : {}) });
    return reply.code(204).send();
  });
}

// Per-email brake on password guessing: failed sign-ins counted in a bounded in-memory window
// per app server; a successful sign-in clears it.
const emailWindowMs = 15 * 60_000;
/** Emails tracked at once; beyond this the oldest windows are dropped. */
export const loginEmailsTrackedMax = 10_000;
const emailFailures = new Map<string, { since: number; count: number }>();

function checkEmailLimit(email: string): void {
  const entry = emailFailures.get(email.toLowerCase());
  if (entry && Date.now() - entry.since <= emailWindowMs && entry.count >= loginFailuresPerEmailPer15MinutesMax) {
    throw new AppError(429, 'too_many_logins', 'Too many failed sign-ins for this account: wait 15 minutes, or ask your instructor to reset your password');
  }
}

function noteFailedLogin(email: string): void {
  const key = email.toLowerCase();
  const now = Date.now();
  let entry = emailFailures.get(key);
  if (!entry || now - entry.since > emailWindowMs) {
    if (emailFailures.size >= loginEmailsTrackedMax) emailFailures.delete(emailFailures.keys().next().value as string);
    entry = { since: now, count: 0 };
    emailFailures.set(key, entry);
  }
  entry.count++;
}
