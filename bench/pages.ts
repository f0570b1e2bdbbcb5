// `npm run bench -- pages [--students N] [--rounds R] [--warm W]`: the start-of-class spike. N
// simulated students (default 200) sign in through the sign-in form, then all at once load the
// course dashboard and then the Homework 3 page (server-rendered HTML, KaTeX included), R times
// (the first round is each student's first visit). Page latencies are measured per HTML load.
// By default the server has just started (cold: its workers' code not yet optimized, its caches
// and prepared statements empty). --warm W first has W other students load the same pages, not
// measured: a class arriving at a server that has been serving others.
// Last line: BENCH pages students=… pages_per_s=… p50_ms=… p99_ms=…
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { demoPassword, demoStudentEmail } from '../src/app/demo.ts';
import { startServe } from '../src/ops/serve-process.ts';
import { bounded, percentile } from './submit-cluster.ts';

export const pagesStudentsDefault = 200;
export const pagesStudentsMax = 2_000;
export const pagesRoundsDefault = 2;
export const pagesRoundsMax = 20;
export const pagesWarmMax = 2_000;
/** One page load that takes longer than this fails the run (a hang, not a slow page). */
export const pageTimeoutMs = 60_000;
const httpPort = 39_191;
const pgPort = 39_192;
const base = `http://127.0.0.1:${httpPort}`;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: demoPassword }).toString(),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} failed with HTTP ${res.status}`);
  return cookie.split(';')[0]!;
}

/** CPU seconds used by a process and all its descendants (Linux /proc, 100 Hz ticks); NaN where unavailable. */
function treeCpuSeconds(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  try {
    for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
        stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch { /* the process ended meanwhile */ }
    }
  } catch {
    return Number.NaN;
  }
  const inTree = (pid: number): boolean => pid === rootPid || (pid > 1 && stats.has(pid) && inTree(stats.get(pid)!.ppid));
  let ticks = 0;
  for (const [pid, st] of stats) if (inTree(pid)) ticks += st.ticks;
  return ticks / 100;
}

/** Loads one page as a browser would (HTML only); returns its latency in ms. */
async function load(cookie: string, path: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { cookie, 'accept-encoding': 'gzip' }, redirect: 'manual', signal: AbortSignal.timeout(pageTimeoutMs) });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('</html>')) throw new Error(`GET ${path} answered HTTP ${res.status}`);
  return performance.now() - started;
}

/** The demo course and its Homework 3, found through the pages themselves. */
async function targets(cookie: string): Promise<[string, string]> {
  const home = await (await fetch(`${base}/`, { headers: { cookie } })).text();
  const course = home.match(/href="(\/courses\/[0-9a-f-]{36})"/)![1]!;
  const dash = await (await fetch(base + course, { headers: { cookie } })).text();
  const hw = dash.match(/href="(\/assignments\/[0-9a-f-]{36})">Homework 3/)![1]!;
  return [course, hw];
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { students: { type: 'string' }, rounds: { type: 'string' }, warm: { type: 'string' } } });
  const students = bounded('students', values.students, pagesStudentsDefault, pagesStudentsMax);
  const rounds = bounded('rounds', values.rounds, pagesRoundsDefault, pagesRoundsMax);
  const warm = values.warm === undefined ? 0 : bounded('warm', values.warm, 0, pagesWarmMax);
  const serve = await startServe({ port: httpPort, pgPort, env: { DEMO_STUDENTS: String(students + warm) } });
  const server = serve.child;
  try {
    const signInStart = performance.now();
    const cookies = await Promise.all(Array.from({ length: students }, (_, i) => signIn(demoStudentEmail(i + 1))));
    console.log(`sign-in: ${students} students at once in ${((performance.now() - signInStart) / 1000).toFixed(2)} s (scrypt per password)`);
    const [course, hw] = await targets(cookies[0]!);
    if (warm > 0) {
      const others = await Promise.all(Array.from({ length: warm }, (_, i) => signIn(demoStudentEmail(students + i + 1))));
      const warmStart = performance.now();
      await Promise.all(others.map(async (c) => [await load(c, course), await load(c, hw)]));
      console.log(`warm-up (not measured): ${warm} other students loaded the same pages in ${((performance.now() - warmStart) / 1000).toFixed(2)} s`);
    }
    const latencies: number[] = [];
    const cpuStart = treeCpuSeconds(server.pid!);
    const spikeStart = performance.now();
    for (let round = 1; round <= rounds; round++) {
      const roundStart = performance.now();
      const mine = (await Promise.all(cookies.map(async (c) => [await load(c, course), await load(c, hw)]))).flat();
      latencies.push(...mine);
      mine.sort((a, b) => a - b);
      console.log(`round ${round}${round === 1 ? ` (first visit${warm > 0 ? '' : ', cold server'})` : ''}: ${mine.length} pages in ${((performance.now() - roundStart) / 1000).toFixed(2)} s, p50 ${percentile(mine, 0.5).toFixed(0)} ms, p99 ${percentile(mine, 0.99).toFixed(0)} ms`);
    }
    const seconds = (performance.now() - spikeStart) / 1000;
    // Wall-clock latency depends on everything else running on the machine; CPU per page much less so.
    console.log(`server CPU: ${((treeCpuSeconds(server.pid!) - cpuStart) * 1000 / latencies.length).toFixed(1)} ms per page (app processes and embedded PostgreSQL); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    latencies.sort((a, b) => a - b);
    console.log(`BENCH pages students=${students} pages_per_s=${(latencies.length / seconds).toFixed(1)} p50_ms=${percentile(latencies, 0.5).toFixed(1)} p99_ms=${percentile(latencies, 0.99).toFixed(1)}`);
  } finally {
    await serve.dispose();
  }
}
