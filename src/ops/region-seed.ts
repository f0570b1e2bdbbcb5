// `steadfast cluster add-region NAME` / `remove-region NAME`: a new region's PostgreSQL seeded
// from the backup repository (parallel delta restore as a standby, then archived WAL and
// streaming), joined to Patroni and started with its app server; and the safe reverse.
// A new region joins the existing three-member etcd quorum as a Patroni member only: a fourth
// etcd member would need three of four for quorum, tolerating no more failures than three.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { labStatus, loadLab, switchover, waitHealthy, startApp, type Lab } from '../cluster/lab.ts';
import { prepareRegionFiles, startPatroni } from '../cluster/lab-region.ts';
import { type LabRegion, makeRegions, readState, regionPaths, writeState, findRegion } from '../cluster/lab-state.ts';
import { waitStatus } from '../cluster/lab-status.ts';
import { type ProcessRef, processRef, stopProcesses, isAlive } from '../cluster/processes.ts';
import { failoverLagBytesMax, patroniScope } from '../cluster/topology.ts';
import { patronictlBin } from '../cluster/engines.ts';
import { processMax } from './backup-config.ts';
import { listBackups, pgbackrest, postgresDir, repoArgs, requireSettings } from './backup.ts';

/** Bound on a seeded member catching up (archived WAL, then streaming) once Patroni starts it. */
export const seedCatchUpTimeoutMs = 10 * 60_000;
/** Bound on the sync standby role moving away, or a stopped member leaving the DCS. */
export const memberChangeTimeoutMs = 60_000;
/** The most regions a lab may have (each one more PostgreSQL on a 2-core machine). */
export const labRegionsMax = 5;
const regionNamePattern = /^[a-z][a-z0-9-]{0,30}$/;

export interface SeedResult {
  region: LabRegion;
  /** From the start of the restore to the member streaming with little lag. */
  seedSeconds: number;
  /** Including the app server becoming ready. */
  totalSeconds: number;
}

function nextRegion(regions: LabRegion[], name: string): LabRegion {
  if (!regionNamePattern.test(name)) {
    throw new Error(`region name "${name}" must be lowercase letters, digits and '-', starting with a letter (e.g. eu-west)`);
  }
  if (regions.some((r) => r.name === name)) throw new Error(`region "${name}" is already part of this lab`);
  if (regions.length >= labRegionsMax) throw new Error(`a lab has at most ${labRegionsMax} regions: remove one first`);
  const lastOctet = Math.max(...regions.map((r) => Number(r.address.split('.')[3])));
  const base = regions[0]!.address.split('.').slice(0, 3).join('.');
  return makeRegions([name], `${base}.${lastOctet + 1}`, () => null)[0]!;
}

/** Restores the latest backup as a standby into the region's data directory (delta, in parallel). */
async function seedDataDir(lab: Lab, region: string): Promise<void> {
  const dataDir = regionPaths(lab.dir, region).dataDir;
  postgresDir(dataDir, 0o700);
  await pgbackrest([...repoArgs(lab.dir), `--pg1-path=${dataDir}`, 'restore', '--delta', '--type=standby',
    `--process-max=${processMax}`]);
}

export async function addRegion(dir: string, name: string, log: (line: string) => void = () => {}): Promise<SeedResult> {
  requireSettings(dir);
  const state = readState(dir);
  if (state.netns) throw new Error('add-region works on loopback labs only (a namespace lab has a fixed network)');
  if ((await listBackups(dir)).length === 0) {
    throw new Error('a new region is seeded from a backup: run `steadfast backup run --type full` first');
  }
  const region = nextRegion(state.regions, name);
  state.regions.push(region);
  writeState(state);
  prepareRegionFiles(state);
  const lab = loadLab(dir);
  const started = Date.now();
  await seedDataDir(lab, name);
  log(`restored from the repository in ${((Date.now() - started) / 1000).toFixed(1)} s; starting Patroni`);
  startPatroni(lab, name);
  await waitStatus(lab, seedCatchUpTimeoutMs, `${name} streaming`, (s) => s.members.some((m) =>
    m.name === name && m.state === 'running' && m.lagBytes !== null && m.lagBytes <= failoverLagBytesMax));
  const seedSeconds = (Date.now() - started) / 1000;
  log(`${name} (${region.address}) is a streaming replica after ${seedSeconds.toFixed(1)} s; starting its app server`);
  await startApp(lab, name);
  return { region, seedSeconds, totalSeconds: (Date.now() - started) / 1000 };
}

/** Tags the member nosync and reloads Patroni, so the synchronous role moves before it stops. */
async function moveSyncAway(lab: Lab, region: string): Promise<void> {
  const file = regionPaths(lab.dir, region).patroniConfig;
  const config = parse(readFileSync(file, 'utf8')) as { tags: Record<string, boolean> };
  config.tags.nosync = true;
  writeFileSync(file, stringify(config));
  await promisify(execFile)(patronictlBin, ['-c', file, 'reload', patroniScope, region, '--force'],
    { timeout: memberChangeTimeoutMs });
  await waitStatus(lab, memberChangeTimeoutMs, `synchronous standby other than ${region}`,
    (s) => s.syncStandby !== null && s.syncStandby !== region);
}

/**
 * Takes a region out: never the leader (switchover first) nor the synchronous standby (the
 * role moves first), never one of the three etcd members; stops its processes by PID and
 * waits until Patroni no longer lists it.
 */
export async function removeRegion(dir: string, name: string, log: (line: string) => void = () => {}): Promise<void> {
  const lab = loadLab(dir);
  findRegion(lab.regions, name);
  const state = readState(dir);
  if (state.processes[name]?.etcd || existsSync(`${regionPaths(dir, name).etcdDir}/member`)) {
    throw new Error(`${name} holds one of the lab's three etcd members (the DCS quorum): only regions added with ` +
      '`cluster add-region` can be removed');
  }
  let status = await labStatus(lab);
  if (status.leader === name) {
    log(`${name} leads: switching over first`);
    await switchover(lab);
    status = await labStatus(lab);
  }
  if (status.syncStandby === name) {
    log(`${name} is the synchronous standby: moving the role to another region first`);
    await moveSyncAway(lab, name);
  }
  await stopRegionProcesses(lab, name);
  await waitStatus(lab, memberChangeTimeoutMs, `without ${name}`, (s) => !s.members.some((m) => m.name === name));
  const after = readState(dir);
  after.regions = after.regions.filter((r) => r.name !== name);
  delete after.processes[name];
  writeState(after);
  prepareRegionFiles(after);
  rmSync(regionPaths(dir, name).root, { recursive: true, force: true });
  log(`${name} removed; its files are deleted`);
  await waitHealthy(loadLab(dir), memberChangeTimeoutMs);
}

async function stopRegionProcesses(lab: Lab, name: string): Promise<void> {
  const started = readState(lab.dir).processes[name] ?? {};
  const refs = (x: ProcessRef | undefined) => (isAlive(x) ? [x] : []);
  await stopProcesses(refs(started.app));
  const pidFile = `${regionPaths(lab.dir, name).dataDir}/postmaster.pid`;
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
  // A stale pid file may name a reused PID: only a postgres process counts.
  const postmaster = pid !== null && existsSync(`/proc/${pid}`) &&
    readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres') ? processRef(pid) : null;
  await stopProcesses(refs(started.patroni));
  // Patroni stops its PostgreSQL; one left behind gets a fast shutdown.
  if (postmaster) await stopProcesses([postmaster], undefined, 'SIGINT');
}
