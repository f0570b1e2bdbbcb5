// One region's files and processes: writes its etcd, Patroni and app configuration, and
// starts each process (as the postgres user when run as root, inside its namespace if any).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { etcdBin, ipBin, patroniBin, setprivBin } from './engines.ts';
import {
  type Lab, type LabRegion, type LabState, type Secrets, type StartedComponent, findRegion, nodeSpec,
  readSecrets, readState, regionPaths, secretsFile, writeState,
} from './lab-state.ts';
import { type ProcessRef, isAlive, pollIntervalMs, sleep, spawnDetached } from './processes.ts';
import { etcdArgs, patroniConfig, postBootstrapScript } from './topology.ts';

/** The repository root: app servers run `src/cli/main.ts serve` from it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Lines of a process log quoted in an error. */
export const logTailLines = 20;
const runningAsRoot = process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Bound on the probe that a port is free before the lab binds it. */
export const portProbeTimeoutMs = 300;

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: portProbeTimeoutMs });
    const done = (inUse: boolean) => { socket.destroy(); resolve(inUse); };
    socket.once('connect', () => done(true)).once('timeout', () => done(false)).once('error', () => done(false));
  });
}

/** Refuses to start over something already listening (another lab on the same addresses). */
export async function assertPortsFree(regions: LabRegion[]): Promise<void> {
  const taken: string[] = [];
  await Promise.all(regions.flatMap((r) => [r.pgPort, r.patroniPort, r.etcdClientPort, r.etcdPeerPort, r.appPort]
    .map(async (port) => { if (await answers(r.address, port)) taken.push(`${r.address}:${port}`); })));
  if (taken.length > 0) {
    throw new Error(`something already listens on ${taken.sort().join(', ')} (another lab?): ` +
      'stop it, or start this lab on other addresses with --first-address (e.g. 127.0.0.111)');
  }
}

/** As root, PostgreSQL and Patroni run as `postgres`, which must be able to enter the lab dir. */
export function checkReachableByPostgres(dir: string): void {
  if (!runningAsRoot) return;
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      throw new Error(`the postgres user cannot enter ${d}, so it cannot reach the lab in ${dir}: ` +
        `choose another --dir, or run \`chmod o+x ${d}\``);
    }
    if (d === dirname(d)) return;
  }
}

function makeDir(path: string, owner: { uid: number; gid: number } | null, mode = 0o755): void {
  mkdirSync(path, { recursive: true, mode });
  if (owner) chownSync(path, owner.uid, owner.gid);
}

function writeOwned(path: string, text: string, owner: { uid: number; gid: number } | null, mode: number): void {
  writeFileSync(path, text, { mode });
  if (owner) chownSync(path, owner.uid, owner.gid);
}

function ensureSecrets(dir: string): Secrets {
  if (existsSync(secretsFile(dir))) return readSecrets(dir);
  const password = () => randomBytes(18).toString('base64url');
  const secrets: Secrets = { superuserPassword: password(), replicationPassword: password(),
    rewindPassword: password(), steadfastPassword: password() };
  writeFileSync(secretsFile(dir), JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}

/** Creates (or refreshes) every region's directories and configuration files. */
export function prepareRegionFiles(state: LabState): void {
  makeDir(state.dir, null);
  const secrets = ensureSecrets(state.dir);
  const owner = runningAsRoot ? postgresIds() : null;
  const peers = state.regions.map(nodeSpec);
  for (const r of state.regions) {
    const p = regionPaths(state.dir, r.name);
    for (const d of [p.root, p.logDir, p.appDir]) makeDir(d, null);
    for (const d of [p.pg, p.socketDir, p.etcdDir]) makeDir(d, owner, 0o700);
    writeOwned(p.passwordFile, secrets.steadfastPassword + '\n', owner, 0o600);
    writeOwned(p.postBootstrapScript, postBootstrapScript(p.passwordFile), owner, 0o700);
    const config = patroniConfig(nodeSpec(r), peers, p, secrets,
      { timing: state.timing, clientCidrs: [state.clientCidr], walArchive: state.walArchive });
    writeOwned(p.patroniConfig, stringify(config), owner, 0o600);
  }
}

/** The command line for a region process: inside its namespace, as postgres when root. */
function wrap(r: LabRegion, asPostgres: boolean, command: string, args: string[]): [string, string[]] {
  let argv = [command, ...args];
  if (asPostgres && runningAsRoot) argv = [setprivBin, '--reuid=postgres', '--regid=postgres', '--init-groups', '--', ...argv];
  if (r.netns) argv = [ipBin, 'netns', 'exec', r.netns, ...argv];
  return [argv[0], argv.slice(1)];
}

/** A clean environment: Patroni and etcd also read PATRONI_* and ETCD_* variables. */
function engineEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: home };
}

function launch(lab: Lab, region: string, component: StartedComponent, argv: [string, string[]],
  env: NodeJS.ProcessEnv, cwd: string): ProcessRef {
  const ref = spawnDetached({ command: argv[0], args: argv[1], env, cwd,
    logFile: `${regionPaths(lab.dir, region).logDir}/${component}.log` });
  const state = readState(lab.dir);
  state.processes[region] = { ...state.processes[region], [component]: ref };
  writeState(state);
  return ref;
}

export function startEtcd(lab: Lab, region: string): ProcessRef {
  const r = findRegion(lab.regions, region);
  const state = readState(lab.dir);
  const p = regionPaths(lab.dir, region);
  const args = etcdArgs(nodeSpec(r), lab.regions.map(nodeSpec), p.etcdDir, state.timing);
  return launch(lab, region, 'etcd', wrap(r, true, etcdBin, args), engineEnv(p.etcdDir), p.etcdDir);
}

export function startPatroni(lab: Lab, region: string): ProcessRef {
  const r = findRegion(lab.regions, region);
  const p = regionPaths(lab.dir, region);
  return launch(lab, region, 'patroni', wrap(r, true, patroniBin, [p.patroniConfig]), engineEnv(p.pg), p.pg);
}

export function startAppProcess(lab: Lab, region: string): ProcessRef {
  const r = findRegion(lab.regions, region);
  const state = readState(lab.dir);
  const { NODE_TEST_CONTEXT: _testContext, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: lab.databaseUrl, HOST: r.address, PORT: String(r.appPort),
    REGION: r.name, DATA_DIR: regionPaths(lab.dir, region).appDir, DEMO_STUDENTS: String(state.demoStudents),
    REGION_ENDPOINTS: lab.regions.map((x) => x.appUrl).join(','),
    // One HTTP worker per region: the lab models one app server per region on a 2-core machine.
    WORKERS: '1' };
  const argv = wrap(r, false, process.execPath, ['--import', 'tsx', `${repoRoot}/src/cli/main.ts`, 'serve']);
  return launch(lab, region, 'app', argv, env, repoRoot);
}

function logTail(lab: Lab, region: string, component: StartedComponent): string {
  const file = `${regionPaths(lab.dir, region).logDir}/${component}.log`;
  try {
    return `last lines of ${file}:\n` + readFileSync(file, 'utf8').trimEnd().split('\n').slice(-logTailLines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).status === 200;
  } catch {
    return false;
  }
}

/** Polls `url` until it answers 200; fails early, quoting the log, if the process died. */
async function waitHttp(lab: Lab, region: string, component: StartedComponent, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await httpOk(url))) {
    if (!isAlive(readState(lab.dir).processes[region]?.[component])) {
      throw new Error(`${component} of ${region} exited while starting; ${logTail(lab, region, component)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${component} of ${region} did not answer ${url} within ${timeoutMs / 1000} s; ` +
        logTail(lab, region, component));
    }
    await sleep(pollIntervalMs * 5);
  }
}

export async function waitEtcdHealthy(lab: Lab, timeoutMs: number): Promise<void> {
  await Promise.all(lab.regions.map((r) =>
    waitHttp(lab, r.name, 'etcd', `http://${r.address}:${r.etcdClientPort}/health`, timeoutMs)));
}

/** Waits until the region's node is the primary holding the leader lock. */
export function waitLeader(lab: Lab, r: LabRegion, timeoutMs: number): Promise<void> {
  return waitHttp(lab, r.name, 'patroni', `http://${r.address}:${r.patroniPort}/primary`, timeoutMs);
}

export function waitAppUp(lab: Lab, r: LabRegion, timeoutMs: number): Promise<void> {
  return waitHttp(lab, r.name, 'app', `${r.appUrl}/healthz`, timeoutMs);
}
