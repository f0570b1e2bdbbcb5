// Errors on page routes become pages (JSON stays for /api): a signed-out visitor is sent to
// sign in and brought back; every other problem is a page that says what to do.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { isRetryableDbError } from '../store/db.ts';
import { html, type HtmlValue } from './html.ts';
import { layout } from './layout.ts';

/** Longest `next` (where to go after signing in) we keep. */
export const nextPathLengthMax = 500;

/** A same-site path to return to after signing in; anything else (other sites, odd text) goes home. */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > nextPathLengthMax || !/^\/(?![/\\])[^\s\\]*$/.test(next)) return '/';
  return next;
}

export function loginUrl(next: string): string {
  return `/login?next=${encodeURIComponent(safeNext(next))}`;
}

export function sendPage(reply: FastifyReply, status: number, page: HtmlValue): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').send(String(page));
}

export function problemPage(req: FastifyRequest, reply: FastifyReply, status: number, heading: string, message: string): FastifyReply {
  return sendPage(reply, status, layout({
    title: heading, user: req.user, csrfToken: req.csrfToken,
    main: html`<h1>${heading}</h1><p class="notice notice-error" role="alert">${message}</p><p><a href="/">Go to your courses</a></p>`,
  }));
}

export function pageErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) {
    if (err.code === 'sign_in_required') return reply.redirect(loginUrl(req.url), 303);
    const heading = err.statusCode === 404 ? 'Not found' : err.statusCode === 403 ? 'Not allowed' : 'That did not work';
    return problemPage(req, reply, err.statusCode, heading, err.message);
  }
  if (err.validation) {
    return problemPage(req, reply, 400, 'That link or form is not valid', `The request is not valid (${err.message}): go back, reload the page and try again`);
  }
  if (err.statusCode === 413) return problemPage(req, reply, 413, 'Too much text', 'The form sent more than we accept: shorten the answers and submit again');
  if (isRetryableDbError(err)) {
    reply.header('retry-after', '2');
    return problemPage(req, reply, 503, 'The site is busy', 'The database cannot answer right now (a failover may be under way): wait a few seconds and reload');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return problemPage(req, reply, err.statusCode, 'That did not work', `${err.message}: go back, reload the page and try again`);
  }
  req.log.error(err);
  return problemPage(req, reply, 500, 'Something went wrong', 'Something went wrong on our side; nothing acknowledged was lost. Reload, and tell the site admin if it persists');
}
