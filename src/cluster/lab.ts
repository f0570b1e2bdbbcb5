// The regions lab: three regions' etcd members, Patroni + PostgreSQL nodes and app servers on
// one machine, on loopback addresses or (as root, --netns) in network namespaces.
// Processes run detached; the state file records exactly which PIDs the lab started.
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { requireEngines } from './engines.ts';
import {
  type Lab, type LabState, type Component, type StartedComponent, components, defaultDemoStudents,
  defaultFirstAddress, readState, writeState, readSecrets, stateFile, secretsFile, labFromState, makeRegions, findRegion, regionPaths,
} from './lab-state.ts';
import { type ProcessRef, isAlive, descendants, processRef, signalAll, stopProcesses, stopGraceMs } from './processes.ts';
import { labTiming, type DcsTiming, type WalArchive } from './topology.ts';
import { assertPortsFree, prepareRegionFiles, checkReachableByPostgres, startEtcd, startPatroni, startAppProcess,
  waitEtcdHealthy, waitLeader, waitAppUp } from './lab-region.ts';
import { waitStatus, waitHealthy } from './lab-status.ts';
import { createNetwork, deleteNetwork, netnsPlan, requireRoot, setLinkUp } from './netns.ts';

export type { Lab, LabRegion, Component } from './lab-state.ts';
export { labStatus, waitHealthy, primaryRegion, switchover } from './lab-status.ts';
export type { MemberStatus, LabStatus } from './lab-status.ts';

export interface UpOptions {
  dir: string;
  regions: string[];
  netns: boolean;
  demoStudents?: number;
  log?: (line: string) => void;
  /** First region address in loopback mode (default 127.0.0.11); lets two labs coexist. */
  firstAddress?: string;
  timing?: DcsTiming;
  /** WAL archiving from bootstrap day one (the backups work sets it). */
  walArchive?: WalArchive;
}

/** Region names become directory, Patroni member and etcd member names. */
export const regionNamePattern = /^[a-z][a-z0-9-]{0,30}$/;
/** Bound on a fresh cluster electing a leader with a synchronous standby. */
export const clusterStartTimeoutMs = 180_000;
/** Bound on the app servers becoming ready once the database is. */
export const appsReadyTimeoutMs = 120_000;

export function loadLab(dir: string): Lab {
  const abs = resolve(dir);
  return labFromState(readState(abs), readSecrets(abs));
}

function runningRefs(state: LabState): ProcessRef[] {
  return Object.values(state.processes).flatMap((p) => Object.values(p)).filter(isAlive);
}

function newState(opts: UpOptions, dir: string): LabState {
  if (opts.regions.length !== 3) {
    throw new Error(`a lab has three regions (a quorum survives losing one); got ${opts.regions.length}: ` +
      'pass --regions a,b,c');
  }
  const bad = opts.regions.filter((name, i) => !regionNamePattern.test(name) || opts.regions.indexOf(name) !== i);
  if (bad.length > 0) {
    throw new Error(`region names must be distinct, lowercase letters, digits and dashes (like us-east): fix ${bad.join(', ')}`);
  }
  const plan = opts.netns ? netnsPlan(dir, opts.regions.length) : null;
  const regions = makeRegions(opts.regions, plan ? plan.firstAddress : opts.firstAddress ?? defaultFirstAddress,
    (i) => plan?.regionNamespaces[i] ?? null);
  return { dir, netns: opts.netns, regions, demoStudents: opts.demoStudents ?? defaultDemoStudents,
    timing: opts.timing ?? labTiming, clientCidr: plan ? plan.cidr : '127.0.0.0/8', walArchive: opts.walArchive,
    processes: {} };
}

/** Starts a lab and returns once it is healthy; on failure stops what it started. */
export async function labUp(opts: UpOptions): Promise<Lab> {
  const log = opts.log ?? (() => {});
  const dir = resolve(opts.dir);
  requireEngines(opts.netns);
  if (opts.netns) requireRoot();
  let state: LabState;
  if (existsSync(stateFile(dir))) {
    state = readState(dir);
    if (runningRefs(state).length > 0) {
      throw new Error(`a lab is already running in ${dir}: see \`steadfast cluster status --dir ${dir}\`, ` +
        `or stop it with \`steadfast cluster down --dir ${dir}\``);
    }
    log(`restarting the stopped lab in ${dir} with its data`);
  } else {
    state = newState(opts, dir);
  }
  checkReachableByPostgres(dir);
  if (!state.netns) await assertPortsFree(state.regions);
  prepareRegionFiles(state);
  writeState(state);
  const lab = loadLab(dir);
  try {
    if (state.netns) createNetwork(netnsPlan(dir, state.regions.length), state.regions.map((r) => r.address), log);
    await startCluster(lab, log);
    return lab;
  } catch (err) {
    log('start failed: stopping what this lab started');
    await labDown(lab, { purge: false });
    throw err;
  }
}

async function startCluster(lab: Lab, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  for (const r of lab.regions) startEtcd(lab, r.name);
  await waitEtcdHealthy(lab, clusterStartTimeoutMs);
  log(`etcd quorum up (${lab.regions.length} members, v2 API enabled) at ${at()}`);
  // A new cluster: the first region bootstraps alone, so that it is the first primary, and the
  // others clone it. A restarted one: all at once, since any of them may hold the latest data.
  const fresh = !existsSync(`${regionPaths(lab.dir, lab.regions[0].name).dataDir}/PG_VERSION`);
  if (fresh) {
    startPatroni(lab, lab.regions[0].name);
    await waitLeader(lab, lab.regions[0], clusterStartTimeoutMs);
  }
  for (const r of fresh ? lab.regions.slice(1) : lab.regions) startPatroni(lab, r.name);
  const db = await waitStatus(lab, clusterStartTimeoutMs, 'replicated (leader + synchronous standby)',
    (s) => s.leader !== null && s.syncStandby !== null && s.members.every((m) => m.state === 'running'));
  log(`database cluster up at ${at()}: leader ${db.leader}, synchronous standby ${db.syncStandby}`);

  for (const r of lab.regions) startAppProcess(lab, r.name);
  // Fails fast, quoting its log, if an app server exits while starting.
  await Promise.all(lab.regions.map((r) => waitAppUp(lab, r, appsReadyTimeoutMs)));
  await waitHealthy(lab, appsReadyTimeoutMs);
  log(`lab healthy at ${at()}; apps: ${lab.regions.map((r) => r.appUrl).join(' ')}`);
}

/** PostgreSQL's postmaster PID (from postmaster.pid), if it runs; a stale file's reused PID is not taken. */
function postmasterPid(lab: Lab, region: string): number | null {
  const dataDir = regionPaths(lab.dir, region).dataDir;
  let pid: number;
  try {
    pid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!argv[0].endsWith('/postgres') || argv[argv.indexOf('-D') + 1] !== dataDir) return null;
  } catch {
    return null;
  }
  return pid;
}

/** Live PIDs of a region's components, each process tree whole (PostgreSQL's children too). */
export function regionPids(lab: Lab, region: string, which: Component[] = components): number[] {
  findRegion(lab.regions, region);
  const started = readState(lab.dir).processes[region] ?? {};
  const postmaster = postmasterPid(lab, region);
  const pgTree = postmaster === null ? [] : [postmaster, ...descendants([postmaster])];
  const tree = (c: StartedComponent): number[] => {
    const ref = started[c];
    return isAlive(ref) ? [ref.pid, ...descendants([ref.pid]).filter((p) => !pgTree.includes(p))] : [];
  };
  const pids = which.flatMap((c) => (c === 'postgres' ? pgTree : tree(c)));
  return [...new Set(pids)];
}

/** (Re)starts whatever of the region is not running; PostgreSQL comes back through Patroni. */
export async function startRegion(lab: Lab, region: string, which: Component[] = components): Promise<void> {
  findRegion(lab.regions, region);
  const started = readState(lab.dir).processes[region] ?? {};
  if (which.includes('etcd') && !isAlive(started.etcd)) startEtcd(lab, region);
  const wantsPatroni = which.includes('patroni') || which.includes('postgres');
  if (wantsPatroni && !isAlive(started.patroni)) startPatroni(lab, region);
  if (which.includes('app')) await startApp(lab, region);
}

/** Starts the region's app server if it is not running, and waits until it answers /healthz. */
export async function startApp(lab: Lab, region: string): Promise<void> {
  const r = findRegion(lab.regions, region);
  if (isAlive(readState(lab.dir).processes[region]?.app)) return;
  startAppProcess(lab, region);
  await waitAppUp(lab, r, appsReadyTimeoutMs);
}

/** Stops exactly the processes this lab started (apps, then Patroni, then etcd). */
export async function labDown(lab: Lab, opts: { purge: boolean }): Promise<void> {
  const state = readState(lab.dir);
  // Thaw anything a drill left frozen, or it could not act on SIGTERM.
  for (const r of state.regions) signalAll(regionPids(lab, r.name), 'SIGCONT');
  const layer = (c: StartedComponent) => state.regions.map((r) => state.processes[r.name]?.[c])
    .filter((p): p is ProcessRef => p !== undefined);
  await stopProcesses(layer('app'));
  const postmasters = state.regions.map((r) => postmasterPid(lab, r.name))
    .map((pid) => (pid === null ? null : processRef(pid))).filter((p): p is ProcessRef => p !== null);
  await stopProcesses(layer('patroni'));
  // Patroni stops its PostgreSQL; one left behind (Patroni was SIGKILLed) gets a fast shutdown.
  await stopProcesses(postmasters, stopGraceMs, 'SIGINT');
  // One member at a time: a stopping raft leader hands over to a live member at once, but
  // waits ~7 s (its request timeout) for one that is stopping too.
  for (const member of layer('etcd')) await stopProcesses([member]);
  if (state.netns) deleteNetwork(netnsPlan(lab.dir, state.regions.length));
  if (opts.purge) purgeFiles(state);
}

/** Deletes the lab's own files, and its directory if nothing else (another lab?) is left in it. */
function purgeFiles(state: LabState): void {
  for (const r of state.regions) rmSync(regionPaths(state.dir, r.name).root, { recursive: true, force: true });
  for (const file of [stateFile(state.dir), secretsFile(state.dir)]) rmSync(file, { force: true });
  if (readdirSync(state.dir).length === 0) rmdirSync(state.dir);
}

/** Cuts a region off (link down) or reconnects it; network-namespace labs only. */
export async function setRegionLink(lab: Lab, region: string, up: boolean): Promise<void> {
  const r = findRegion(lab.regions, region);
  if (!lab.netns || !r.netns) {
    throw new Error('cutting a region off needs network namespaces: start the lab with `steadfast cluster up --netns` (as root)');
  }
  setLinkUp(netnsPlan(lab.dir, lab.regions.length), lab.regions.indexOf(r), up);
}
