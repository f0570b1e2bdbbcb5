// `steadfast cluster drill <fault>`: runs a simulated class against the lab, injects one
// fault while it submits, waits for the failed region to rejoin by itself, then verifies
// every acknowledged submission on the primary and on every caught-up replica.
// Last line of each run: `DRILL <fault> students=… acked=… lost=… duplicated=…
// student_errors=… write_gap_s=… rejoined=yes|no`. Exit code 1 if any run lost or
// duplicated a submission.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runClass, signInClass, type AppEndpoint } from './class-sim.ts';
import { faultNames, faultSecondsDefault, injectFault, isFault, type Fault } from './drill-faults.ts';
import { labStatus, loadLab, regionPids, startApp, type Lab, type LabStatus } from './lab.ts';
import { verifyAcks, type Verification } from './verify.ts';

export const drillStudentsDefault = 100;
export const drillDurationSDefault = 120;
export const drillRunsMax = 100;
/** Load runs this long before the fault (at most a quarter of the run). */
export const faultWarmupMsMax = 10_000;
/** Pause between one simulated student's submissions. */
export const studentIntervalMs = 2_000;
/** How long the lab may take to be healthy again (three members, leader, sync standby, apps). */
export const rejoinTimeoutMs = 180_000;
export const rejoinPollMs = 1_000;

export interface DrillOptions {
  fault: Fault;
  students: number;
  durationS: number;
  /** Fault length (downtime before restart, or hang length); default per fault. */
  faultSeconds?: number;
  log?: (line: string) => void;
}

export interface DrillResult {
  fault: Fault;
  students: number;
  studentErrors: number;
  /** See ClassResult.failedRequests; printed for the deploy drill. */
  failedRequests: number;
  errorSamples: string[];
  rejoined: boolean;
  verification: Verification;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One sentence on what keeps the lab from being healthy. */
function unhealthyParts(s: LabStatus): string {
  const members = s.members.map((m) => `${m.region} ${m.role}/${m.state}`).join(', ') || 'no member answers';
  const apps = s.apps.filter((a) => !a.ready).map((a) => `${a.region} (${a.url}) not ready`).join(', ');
  return `leader ${s.leader ?? 'none'}, sync standby ${s.syncStandby ?? 'none'}; members: ${members}` +
    (apps ? `; apps: ${apps}` : '');
}

/** Polls the lab until every member and app server is healthy again; false on timeout. */
export async function waitRejoined(lab: Lab, timeoutMs: number, log: (line: string) => void = () => {}): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no status yet';
  while (Date.now() < deadline) {
    try {
      const s = await labStatus(lab);
      if (s.healthy) return true;
      last = unhealthyParts(s);
    } catch (err) { last = (err as Error).message; } // a member may not answer while it restarts
    await sleep(rejoinPollMs);
  }
  log(`not healthy after ${timeoutMs / 1000} s: ${last} (logs: ${lab.dir}/<region>/logs/)`);
  return false;
}

/** Starts app servers that exited since the last run (a supervisor's job in production: systemd restarts them). */
async function restartExitedApps(lab: Lab, log: (line: string) => void): Promise<void> {
  for (const r of lab.regions) {
    if (regionPids(lab, r.name, ['app']).length > 0) continue;
    log(`the app server of ${r.name} is not running (it exited: see ${lab.dir}/${r.name}/logs/app.log); restarting it before the run`);
    await startApp(lab, r.name);
  }
}

/** One drill run on a running lab. */
export async function runDrill(lab: Lab, opts: DrillOptions): Promise<DrillResult> {
  const log = opts.log ?? (() => {});
  await restartExitedApps(lab, log);
  if (!(await waitRejoined(lab, rejoinTimeoutMs, log))) {
    throw new Error(`the lab in ${lab.dir} is not healthy: check \`steadfast cluster status\` before a drill`);
  }
  // Read at each send: a deploy moves a region's app server to another port.
  const endpoints: AppEndpoint[] = lab.regions.map((r) => ({ region: r.name, get url() { return r.appUrl; } }));
  const since = new Date(Date.now() - 1_000); // server_time may run a little behind our clock
  const students = await signInClass(endpoints, opts.students);
  log(`${students.length} students signed in; submitting for ${opts.durationS} s`);
  const durationMs = opts.durationS * 1000;
  const classRun = runClass(students, { endpoints, durationMs, intervalMs: studentIntervalMs });
  await sleep(Math.min(faultWarmupMsMax, durationMs / 4));
  await injectFault(lab, opts.fault, opts.faultSeconds ?? faultSecondsDefault[opts.fault], log);
  const cls = await classRun;
  log(`class done: ${cls.acks.length} acknowledged, ${cls.studentErrors} student errors; waiting for the lab to be healthy`);
  const rejoined = await waitRejoined(lab, rejoinTimeoutMs, log);
  const nodes = lab.regions.map((r) => ({ region: r.name, url: lab.superuserUrl(r.name) }));
  const verification = await verifyAcks(nodes, cls.acks.map((a) => a.id), since);
  for (const n of verification.nodes) {
    log(`verified ${n.region} (${n.role}${n.caughtUp ? '' : ', NOT caught up'}): ${n.missing} acknowledged submissions missing`);
  }
  for (const e of cls.errorSamples) log(`student error: ${e}`);
  return { fault: opts.fault, students: opts.students, studentErrors: cls.studentErrors,
    failedRequests: cls.failedRequests, errorSamples: cls.errorSamples, rejoined, verification };
}

/** The run's last line, exactly as issue 4 specifies. */
export function drillLine(r: DrillResult): string {
  const v = r.verification;
  return `DRILL ${r.fault} students=${r.students} acked=${v.acked} lost=${v.lost} duplicated=${v.duplicated} ` +
    `student_errors=${r.studentErrors} write_gap_s=${v.writeGapS.toFixed(1)} rejoined=${r.rejoined ? 'yes' : 'no'}` +
    (r.fault === 'deploy' ? ` failed_requests=${r.failedRequests}` : '');
}

function positiveInt(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return n;
}

export const drillHelp = `Usage: steadfast cluster drill <fault> [--students N] [--duration S] [--runs R] [--fault-seconds S] [--dir D]

Runs a simulated class (default ${drillStudentsDefault} students, each submitting every ~${studentIntervalMs / 1000} s
for ${drillDurationSDefault} s) against a running lab, injects the fault into the primary's region,
waits for the lab to be healthy again, and checks every acknowledged submission on every node.
Faults: ${faultNames.join(', ')}.
  --fault-seconds S  downtime before the restart, or how long a hang or cut lasts
                     (defaults: ${faultNames.map((f) => `${f} ${faultSecondsDefault[f]}`).join(', ')})
  --dir D            the lab directory (default .lab)
Last line of each run: DRILL <fault> students=… acked=… lost=… duplicated=… student_errors=… write_gap_s=… rejoined=yes|no
(deploy adds failed_requests=…: see docs/operations.md, "Deploys and rolling restarts").
Exit code 1 if any run lost or duplicated a submission.`;

/** `drill <fault> …` (see drillHelp); resolves to the exit code. */
export async function drillCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      students: { type: 'string' }, duration: { type: 'string' }, runs: { type: 'string' },
      'fault-seconds': { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { console.log(drillHelp); return 0; }
  const fault = positionals[0] ?? '';
  if (!isFault(fault)) throw new Error(`unknown drill "${fault}": choose one of ${faultNames.join(', ')}`);
  const opts: DrillOptions = {
    fault,
    students: positiveInt('students', values.students, drillStudentsDefault, 2_000),
    durationS: positiveInt('duration', values.duration, drillDurationSDefault, 3_600),
    faultSeconds: values['fault-seconds'] === undefined ? undefined : positiveInt('fault-seconds', values['fault-seconds'], 0, 3_600),
    log: (line) => console.log(`drill: ${line}`),
  };
  const runs = positiveInt('runs', values.runs, 1, drillRunsMax);
  const lab = loadLab(resolve(values.dir ?? '.lab'));
  let failed = false;
  for (let run = 1; run <= runs; run++) {
    opts.log!(`run ${run} of ${runs}: ${fault}`);
    const result = await runDrill(lab, opts);
    console.log(drillLine(result));
    failed ||= result.verification.lost > 0 || result.verification.duplicated > 0;
  }
  return failed ? 1 : 0;
}
