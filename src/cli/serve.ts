// `steadfast serve`: open the database (embedded by default), migrate, publish the question
// bank, load the demo on first start, and serve HTTP until SIGTERM/SIGINT.
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { QuestionBank } from '../app/bank.ts';
import { demoStudentsDefault, demoStudentsMax, loadDemoIfEmpty } from '../app/demo.ts';
import { createOutageRecorder } from '../cluster/outage-recorder.ts';
import { loginPerAddressPerMinuteMaxDefault } from '../server/auth.ts';
import { buildServer } from '../server/app.ts';
import { dataDirDefault, openDatabase } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';

/** Database connections per app server: enough for a burst of submissions waiting on commits. */
export const servePoolMaxDefault = 24;

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
  DB_POOL_MAX      database connections of this server (default ${servePoolMaxDefault})
SIGTERM or SIGINT stops the server and the embedded database cleanly.`;

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
  const log = (line: string) => console.log(`[steadfast] ${line}`);
  const port = envInt('PORT', 3000, 1, 65535);
  const host = process.env.HOST || '127.0.0.1';
  const dataDir = resolve(process.env.DATA_DIR || dataDirDefault);
  const region = process.env.REGION || 'local';
  const node = `${hostname()}:${port}`;
  const poolMax = envInt('DB_POOL_MAX', servePoolMaxDefault, 1, 500);
  const db = await openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined, log, poolMax });
  log(`database: ${db.describe}`);
  const outages = createOutageRecorder({ sql: db.sql, region, node, journalPath: join(dataDir, 'outages.jsonl') });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await app.close().catch(() => {});
    await outages.close().catch(() => {});
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  for (const m of await migrate(db.sql)) log(`migration applied: ${m}`);
  const bank = new QuestionBank(db.sql);
  const questionsDir = resolve(process.env.QUESTIONS_DIR || 'questions');
  const report = await bank.publishDir(questionsDir);
  log(`question bank ${questionsDir}: ${report.published} questions`);
  for (const e of report.errors) log(`question file refused: ${e.message}`);
  await loadDemoIfEmpty(db.sql, bank, envInt('DEMO_STUDENTS', demoStudentsDefault, 0, demoStudentsMax), log);
  const ownUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const app = await buildServer({
    db, bank, region, node, outages, secureCookies: process.env.SECURE_COOKIES === '1',
    regionEndpoints: (process.env.REGION_ENDPOINTS || ownUrl).split(',').map((s) => s.trim()).filter(Boolean),
    loginPerAddressPerMinuteMax: loginPerAddressPerMinuteMaxDefault,
  });
  await app.listen({ port, host });
  log(`Steadfast is up at ${ownUrl} (region ${region}); API docs at ${ownUrl}/docs`);
  return -1; // keeps running until a signal
}
