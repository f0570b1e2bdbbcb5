// The outbox rotates across regions: with the page's own region down, an answer goes to the
// other region's endpoint (another origin, CORS with the session cookie) and is saved once there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { correctAnswers } from '../../src/questions/index.ts';
import { buildServer } from '../../src/server/app.ts';
import type { ServerContext } from '../../src/server/context.ts';
import { practiceOf, startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, signIn, type Browser } from './harness.ts';

const deliveryMs = 45_000;
let db: TestServer;
let browser: Browser;
const apps: FastifyInstance[] = [];
const endpoints: string[] = [];

/** One app server of a region, on its own port, over the shared database. */
async function region(name: string): Promise<FastifyInstance> {
  const ctx: ServerContext = { ...db.ctx, region: name, node: `${name}-app`, regionEndpoints: endpoints };
  const app = await buildServer(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  endpoints.push(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  apps.push(app);
  return app;
}

before(async () => {
  db = await startTestServer({ demoStudents: 2 });
  await region('us-east');
  await region('ca-central');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const app of apps) await app.close();
  await db?.close();
});

test("with the page's region down, the answer is saved by the other region, once", { timeout: 120_000 }, async () => {
  const client = await db.login('student2@example.edu');
  const { assignment } = await practiceOf(client);
  const q = assignment.questions[0];
  const [v] = await db.ctx.db.sql`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
  const right = correctAnswers(await db.ctx.bank.get(v!.version), v!.seed);
  const { page } = browser;
  await signIn(page, endpoints[0]!, 'student2@example.edu', `/assignments/${assignment.id}`);
  await page.waitForFunction(() => localStorage.getItem('steadfast.endpoints')?.includes(','), undefined, { timeout: 15_000 });
  await apps[0]!.close(); // us-east is gone; the page stays open

  const regionBox = page.getByRole('region', { name: new RegExp(`^Question ${q.position}:`) });
  await regionBox.getByLabel(q.parts[0].label).fill(right[q.parts[0].id]!);
  await regionBox.getByRole('button', { name: `Submit question ${q.position}` }).click();
  await regionBox.getByRole('status').filter({ hasText: 'saved ✓' }).first().waitFor({ timeout: deliveryMs });

  const rows = await db.ctx.db.sql`SELECT region FROM submission_history WHERE variant_id = ${q.variantId}`;
  assert.deepEqual(rows.map((r) => r.region), ['ca-central']);
});
