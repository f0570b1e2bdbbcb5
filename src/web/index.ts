// The browser side: server-rendered pages, static assets and the service worker.
// Page routes live in their own Fastify scope so that their errors render as pages, not JSON.
// Helpers for new pages: html`` and trusted() (./html.ts), layout() and timeHtml() (./layout.ts),
// sendPage()/problemPage() (./errors.ts), assetUrl() (./static.ts); authorize with requireUser /
// requireCourseRole; a thrown AppError becomes a page, and a signed-out visitor goes to /login?next=.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server/context.ts';
import { assignmentPages } from './assignment-pages.ts';
import { authPages } from './auth-pages.ts';
import { coursePages } from './course-pages.ts';
import { pageErrorHandler } from './errors.ts';
import { assets, sendAsset, staticPrefix, staticRoutes } from './static.ts';
import { staffPages } from './staff-pages.ts';

export function registerWeb(app: FastifyInstance, ctx: ServerContext): void {
  staticRoutes(app);
  // The service worker must be served from the root to control every page; never cached for long.
  app.get('/sw.js', { schema: { hide: true } }, async (req, reply) => sendAsset(req, reply, assets.get(`${staticPrefix}sw.js`)!, undefined));
  app.register(async (pages) => {
    pages.setErrorHandler(pageErrorHandler);
    authPages(pages);
    coursePages(pages, ctx);
    assignmentPages(pages, ctx);
    staffPages(pages, ctx);
  });
}
