// Browser tests: a real Steadfast (embedded PostgreSQL, demo course) whose HTTP server can be
// stopped and started again on the same port, and Debian's Chromium driven by Playwright.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { demoPassword } from '../../src/app/demo.ts';
import { buildServer } from '../../src/server/app.ts';
import type { ServerContext } from '../../src/server/context.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WebServer {
  url: string;
  db: TestServer;
  /** Really stops the HTTP server (closes its socket); the database keeps running. */
  stopHttp(): Promise<void>;
  /** Starts a new HTTP server on the same port and database. */
  startHttp(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebServer(): Promise<WebServer> {
  const db = await startTestServer();
  const ctx: ServerContext = { ...db.ctx, regionEndpoints: [] };
  let app: FastifyInstance | null = await buildServer(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  ctx.regionEndpoints.push(url);
  return {
    url, db,
    async stopHttp() { await app?.close(); app = null; },
    async startHttp() {
      app = await buildServer(ctx);
      await app.listen({ port, host: '127.0.0.1' });
    },
    async close() { await app?.close(); await db.close(); },
  };
}

export interface Browser { context: BrowserContext; page: Page; close(): Promise<void> }

/** Chromium with a fresh profile (so IndexedDB and the service worker start empty). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'steadfast-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport: { width: 900, height: 900 },
    timezoneId: 'Europe/Paris', locale: 'en-GB',
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page, async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

export async function signIn(page: Page, url: string, email: string, next = '/'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  return violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
}
