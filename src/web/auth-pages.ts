// Sign-in and sign-out pages: plain HTML forms over the JSON session routes (POST/DELETE
// /api/session, called in-process), so the same rate limits and password brakes apply.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passwordLengthMax } from '../app/passwords.ts';
import { csrfHeader, emailLengthMax, sessionCookie } from '../server/auth.ts';
import { safeNext, nextPathLengthMax, sendPage } from './errors.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

interface LoginForm { email: string; password: string; next?: string; _csrf?: string }

const nextField = { type: 'string', maxLength: nextPathLengthMax } as const;

function loginPage(req: FastifyRequest, reply: FastifyReply, status: number, next: string, email = '', problem = ''): FastifyReply {
  return sendPage(reply, status, layout({
    title: 'Sign in', user: null,
    main: html`<h1>Sign in</h1>
    ${problem ? html`<p class="notice notice-error" role="alert" id="login-problem">${problem}</p>` : null}
    <form method="post" action="/login" class="stack login-form">
      ${req.csrfToken ? html`<input type="hidden" name="_csrf" value="${req.csrfToken}">` : null}
      <input type="hidden" name="next" value="${next}">
      <div class="field">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxlength="${emailLengthMax}" value="${email}"
          ${problem ? html`aria-describedby="login-problem" aria-invalid="true"` : null}>
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="${passwordLengthMax}">
      </div>
      <button type="submit">Sign in</button>
    </form>`,
  }));
}

export function authPages(app: FastifyInstance): void {
  app.get<{ Querystring: { next?: string } }>('/login', {
    schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { next: nextField } } },
  }, async (req, reply) => {
    const next = safeNext(req.query.next);
    if (req.user) return reply.redirect(next, 303);
    return loginPage(req, reply, 200, next);
  });

  app.post<{ Body: LoginForm }>('/login', {
    schema: {
      hide: true,
      body: {
        type: 'object', required: ['email', 'password'], additionalProperties: false,
        properties: { email: { type: 'string', maxLength: emailLengthMax }, password: { type: 'string', maxLength: passwordLengthMax }, next: nextField, _csrf: { type: 'string' } },
      },
    },
  }, async (req, reply) => {
    const next = safeNext(req.body.next);
    if (!req.body.email.trim() || !req.body.password) {
      return loginPage(req, reply, 400, next, req.body.email, 'Enter both your email and your password.');
    }
    const res = await app.inject({
      method: 'POST', url: '/api/session', remoteAddress: req.ip,
      payload: { email: req.body.email.trim(), password: req.body.password },
    });
    if (res.statusCode !== 200) {
      return loginPage(req, reply, res.statusCode, next, req.body.email, (res.json() as { message: string }).message);
    }
    reply.header('set-cookie', res.headers['set-cookie']);
    return reply.redirect(next, 303);
  });

  app.post<{ Body: { _csrf?: string } }>('/logout', {
    schema: { hide: true, body: { type: 'object', additionalProperties: false, properties: { _csrf: { type: 'string' } } } },
  }, async (req, reply) => {
    if (req.user) {
      const res = await app.inject({
        method: 'DELETE', url: '/api/session', remoteAddress: req.ip,
        cookies: { [sessionCookie]: req.cookies[sessionCookie]! }, headers: { [csrfHeader]: req.csrfToken! },
      });
      reply.header('set-cookie', res.headers['set-cookie']);
    }
    return reply.redirect('/login', 303);
  });
}
