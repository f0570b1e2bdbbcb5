// `steadfast serve`: a supervisor opens the database (embedded by default), migrates, publishes
// the question bank and loads the demo on first start; HTTP workers serve until SIGTERM/SIGINT.
import cluster from 'node:cluster';
import { availableParallelism, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { QuestionBank } from '../app/bank.ts';
import { demoStudentsDefault, demoStudentsMax, loadDemoIfEmpty } from '../app/demo.ts';
import { createOutageRecorder } from '../cluster/outage-recorder.ts';
import { loginPerAddressPerMinuteMaxDefault } from '../server/auth.ts';
import { buildServer } from '../server/app.ts';
import type { ServerContext } from '../server/context.ts';
import { runSupervisor, serveAsWorker } from '../ops/supervisor.ts';
import { dataDirDefault, openDatabase } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { ensurePartitions, partitionCheckIntervalMs } from '../store/storage.ts';

/** Database connections per worker: enough for a burst of submissions waiting on commits. */
export const servePoolMaxDefault = 16;
/** Workers by default: one per core, at most this many; WORKERS may ask for up to workersMax. */
export const workersDefaultMax = 2;
export const workersMax = 32;
/** The supervisor only migrates and loads the bank and demo. */
const supervisorPoolMax = 2;

export const serveHelp = `Usage: steadfast serve

Runs the Steadfast web server. Settings come from the environment:
  PORT             HTTP port (default 3000)
  HOST             address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  DATA_DIR         where the embedded PostgreSQL and local files live (default ./data)
  DATABASE_URL     use this PostgreSQL instead of the embedded one; may list several hosts:
                   postgres://user:pw@h1:5432,h2:5432/steadfast?target_session_attrs=primary
  QUESTIONS_DIR    the question bank folder published at start (default ./questions)
  DEMO_STUDENTS    students in the demo course loaded into an empty database (default ${demoStudentsDefault})
  REGION           this server's region, recorded with every submission (default "local")
  REGION_ENDPOINTS comma-separated app URLs of every region, for the browser outbox
                   (default: this server's own URL)
  SECURE_COOKIES   "1" behind HTTPS: session cookies get the Secure attribute
  COOKIE_DOMAIN    the parent domain of every region's endpoint (e.g. example.edu), so the
                   session cookie reaches them all (default: this host only)
  WORKERS          HTTP worker processes sharing the port (default: cores, at most ${workersDefaultMax})
  DB_POOL_MAX      database connections of each worker (default ${servePoolMaxDefault})
At start the supervisor applies pending migrations and makes the submissions log's monthly
partitions ahead; it checks the partitions again every hour (steadfast storage --help).
SIGHUP replaces the workers one at a time without dropping a request (a reload after a deploy).
SIGTERM or SIGINT stops the workers (in-flight requests finish) and the embedded database cleanly.`;

export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name}=${raw} is not a whole number from ${min} to ${max}: fix it or unset it`);
  }
  return n;
}

export async function serveCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { console.log(serveHelp); return 0; }
  if (argv.length > 0) { console.error(`steadfast serve takes no arguments (got ${argv.join(' ')}); see steadfast serve --help`); return 2; }
  const slot = process.env.STEADFAST_WORKER_SLOT;
  const log = (line: string) => console.log(`[steadfast${slot ? ` w${slot}` : ''}] ${line}`);
  const dataDir = resolve(process.env.DATA_DIR || dataDirDefault);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (cluster.isPrimary) {
    await supervise(dataDir, databaseUrl, log);
  } else {
    await work(dataDir, databaseUrl, Number(slot), log);
  }
  return -1; // keeps running until a signal
}

/** The supervisor: prepares the database once, then runs the workers. */
async function supervise(dataDir: string, databaseUrl: string | undefined, log: (line: string) => void): Promise<void> {
  const workers = envInt('WORKERS', Math.min(workersDefaultMax, availableParallelism()), 1, workersMax);
  const db = await openDatabase({ dataDir, databaseUrl, log, poolMax: supervisorPoolMax });
  log(`database: ${db.describe}`);
  try {
    for (const m of await migrate(db.sql)) log(`migration applied: ${m}`);
    const bank = new QuestionBank(db.sql);
    const questionsDir = resolve(process.env.QUESTIONS_DIR || 'questions');
    const report = await bank.publishDir(questionsDir);
    log(`question bank ${questionsDir}: ${report.published} questions`);
    for (const e of report.errors) log(`question file refused: ${e.message}`);
    await loadDemoIfEmpty(db.sql, bank, envInt('DEMO_STUDENTS', demoStudentsDefault, 0, demoStudentsMax), log);
  } catch (err) {
    await db.close();
    throw err;
  }
  const partitions = () => ensurePartitions(db.sql).then(
    (made) => { if (made > 0) log(`made ${made} monthly submissions partition${made === 1 ? '' : 's'} ahead`); },
    (err) => log(`could not make the submissions partitions ahead (${err instanceof Error ? err.message : String(err)}); `
      + `trying again in ${partitionCheckIntervalMs / 60_000} min; meanwhile new months' rows go to submissions_default`));
  await partitions();
  const timer = setInterval(partitions, partitionCheckIntervalMs);
  timer.unref();
  runSupervisor({ workers, workerEnv: () => ({}), log, shutdown: () => { clearInterval(timer); return db.close(); } });
}

/** One HTTP worker: shares the port with the others and drains when the supervisor asks. */
async function work(dataDir: string, databaseUrl: string | undefined, slot: number, log: (line: string) => void): Promise<void> {
  const port = envInt('PORT', 3000, 1, 65535);
  const host = process.env.HOST || '127.0.0.1';
  const region = process.env.REGION || 'local';
  const node = `${hostname()}:${port}/w${slot}`;
  const db = await openDatabase({ dataDir, databaseUrl, poolMax: envInt('DB_POOL_MAX', servePoolMaxDefault, 1, 500) });
  const outages = createOutageRecorder({ sql: db.sql, region, node, journalPath: join(dataDir, `outages-w${slot}.jsonl`) });
  const ownUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const ctx: ServerContext = {
    db, bank: new QuestionBank(db.sql), region, node, outages, secureCookies: process.env.SECURE_COOKIES === '1',
    cookieDomain: process.env.COOKIE_DOMAIN || null,
    regionEndpoints: (process.env.REGION_ENDPOINTS || ownUrl).split(',').map((s) => s.trim()).filter(Boolean),
    loginPerAddressPerMinuteMax: loginPerAddressPerMinuteMaxDefault, draining: false,
  };
  const app = await buildServer(ctx);
  await app.listen({ port, host });
  if (slot === 1) log(`Steadfast is up at ${ownUrl} (region ${region}); API docs at ${ownUrl}/docs`);
  serveAsWorker(async () => {
    ctx.draining = true;
    await app.close().catch(() => {});
    await outages.close().catch(() => {});
    await db.close();
  });
}
