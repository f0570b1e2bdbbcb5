// A real Steadfast server for HTTP-level tests: a fresh embedded PostgreSQL, migrations, the demo
// bank and course, and the Fastify app listening on a free port. Clients keep their cookie and CSRF token.
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/app/passwords.ts';
import { insertUser } from '../../src/store/users.ts';
import { QuestionBank } from '../../src/app/bank.ts';
import { loadDemoIfEmpty, demoPassword } from '../../src/app/demo.ts';
import { createOutageRecorder } from '../../src/cluster/outage-recorder.ts';
import { buildServer } from '../../src/server/app.ts';
import type { ServerContext } from '../../src/server/context.ts';
import { migrate } from '../../src/store/migrate.ts';
import { startTestDatabase, type TestDatabase } from './pg.ts';

export interface TestServer {
  url: string;
  ctx: ServerContext;
  pg: TestDatabase;
  /** A signed-in client (the demo password unless given). */
  login(email: string, password?: string): Promise<Client>;
  /** A signed-in site admin (made on first call: the demo has none; a real install makes its first with `steadfast admin create`). */
  admin(): Promise<Client>;
  anonymous(): Client;
  /** "METHOD /url" of every route the server serves. */
  routes: string[];
  close(): Promise<void>;
}

export interface Reply<T = any> { status: number; body: T; headers: Headers }

export class Client {
  constructor(readonly base: string, private cookie = '', public csrfToken = '') {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON (CSV, HTML) */ }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(path: string) { return this.request<T>('GET', path); }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { return this.request<T>('POST', path, body, headers); }
}

export const testAdminEmail = 'admin@test.example.edu';

export async function startTestServer(opts: { demoStudents?: number; loginPerMinute?: number } = {}): Promise<TestServer> {
  const pg = await startTestDatabase();
  await migrate(pg.db.sql);
  const bank = new QuestionBank(pg.db.sql);
  const report = await bank.publishDir(resolve('questions'));
  if (report.errors.length > 0) throw new Error(`demo bank has errors: ${report.errors.map((e) => e.message).join('; ')}`);
  await loadDemoIfEmpty(pg.db.sql, bank, opts.demoStudents ?? 4, () => {});
  const outages = createOutageRecorder({ sql: pg.db.sql, region: 'test', node: 'test', journalPath: join(tmpdir(), `steadfast-outages-${randomUUID()}.jsonl`) });
  const ctx: ServerContext = {
    db: pg.db, bank, region: 'test', node: 'test-node', outages, regionEndpoints: [], secureCookies: false, cookieDomain: null,
    loginPerAddressPerMinuteMax: opts.loginPerMinute ?? 10_000, draining: false,
  };
  const app = await buildServer(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  ctx.regionEndpoints.push(url);
  let adminPassword = '';
  async function login(email: string, password = demoPassword): Promise<Client> {
    const c = new Client(url);
    const r = await c.post('/api/session', { email, password });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    c.csrfToken = r.body.csrfToken;
    return c;
  }
  return {
    url, ctx, pg, routes: app.routeList, login,
    anonymous: () => new Client(url),
    async admin() {
      if (!adminPassword) {
        adminPassword = randomBytes(18).toString('base64url');
        await insertUser(pg.db.sql, { email: testAdminEmail, name: 'Test Admin', passwordHash: await hashPassword(adminPassword), isAdmin: true });
      }
      return login(testAdminEmail, adminPassword);
    },
    async close() {
      await app.close();
      await outages.close();
      await pg.stop();
    },
  };
}

/** The demo course and its "Practice" assignment, as a student sees them. */
export async function practiceOf(c: Client): Promise<{ courseId: string; assignment: any }> {
  const courses = await c.get('/api/courses');
  const courseId = courses.body[0].id;
  const list = await c.get(`/api/courses/${courseId}/assignments`);
  const practice = list.body.find((a: any) => a.title === 'Practice');
  const assignment = await c.get(`/api/assignments/${practice.id}`);
  return { courseId, assignment: assignment.body };
}
