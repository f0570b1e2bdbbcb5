// `steadfast deploy` in the regions lab: replaces the app servers one region at a time without
// leaving a region unserved. The new server starts on the region's other port (8080 ↔ 8081)
// while the old one keeps serving; once the new one answers /readyz the lab state routes the
// region to it, and only then is the old one drained (SIGTERM: in-flight requests finish, new
// ones get 503 draining with Retry-After) and waited for. Real hosts: docs/operations.md.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startAppProcess } from '../cluster/lab-region.ts';
import { type Lab, type LabRegion, appPort, findRegion, readState, regionPaths, writeState } from '../cluster/lab-state.ts';
import { type ProcessRef, isAlive, sleep, stopProcesses, waitGone } from '../cluster/processes.ts';

/** A region's app server alternates between the lab's app port and this one. */
export const appPortAlternate = appPort + 1;
/** A new app server must answer /readyz within this long, or the deploy stops and the old one keeps serving. */
export const deployReadyTimeoutMs = 120_000;
/** Bound on an old app server draining; its supervisor gives each worker 30 s, so this is longer. */
export const deployDrainTimeoutMs = 45_000;
/** How often the new server's /readyz is polled, and how long one probe may take. */
export const readyPollMs = 250;
export const readyProbeTimeoutMs = 1_000;
/** Old app servers still draining; a deploy that was interrupted leaves them here for the next to stop. */
const retiringFileName = 'deploy-retiring.json';

export interface RegionDeploy {
  region: string;
  fromUrl: string;
  toUrl: string;
  /** From starting the new server to its first 200 on /readyz. */
  readyS: number;
  /** From SIGTERM to the old server's exit. */
  drainS: number;
  /** False if the old server had to be killed after deployDrainTimeoutMs. */
  drainedCleanly: boolean;
}

function retiringFile(lab: Lab): string {
  return join(lab.dir, retiringFileName);
}

function readRetiring(lab: Lab): ProcessRef[] {
  const file = retiringFile(lab);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProcessRef[]) : [];
}

function writeRetiring(lab: Lab, refs: ProcessRef[]): void {
  if (refs.length === 0) rmSync(retiringFile(lab), { force: true });
  else writeFileSync(retiringFile(lab), JSON.stringify(refs) + '\n');
}

/** Stops old app servers an interrupted deploy left running (labDown does not know them). */
export async function stopLeftoverAppServers(lab: Lab, log: (line: string) => void = () => {}): Promise<void> {
  const leftovers = readRetiring(lab).filter(isAlive);
  if (leftovers.length > 0) {
    log(`an earlier deploy was interrupted: draining its ${leftovers.length} old app server(s) (PIDs ${leftovers.map((r) => r.pid).join(', ')})`);
    await stopProcesses(leftovers, deployDrainTimeoutMs);
  }
  writeRetiring(lab, []);
}

/** True if nothing listens on address:port (binding it is the only sure test). */
function portFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function readyz(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(readyProbeTimeoutMs) })).status === 200;
  } catch {
    return false;
  }
}

/** Waits for the new server's /readyz; throws (it is stopped by the caller) if it exits or the time is up. */
async function waitReady(lab: Lab, region: string, url: string, ref: ProcessRef): Promise<void> {
  const deadline = Date.now() + deployReadyTimeoutMs;
  const logFile = `${regionPaths(lab.dir, region).logDir}/app.log`;
  while (!(await readyz(url))) {
    if (!isAlive(ref)) throw new Error(`the new app server of ${region} exited while starting: see ${logFile}; the old one keeps serving`);
    if (Date.now() > deadline) {
      throw new Error(`the new app server of ${region} did not answer ${url}/readyz within ${deployReadyTimeoutMs / 1000} s ` +
        `(see ${logFile}); it was stopped and the old one keeps serving`);
    }
    await sleep(readyPollMs);
  }
}

/** Records the region's app server (PID and URL) in the lab state, and in `lab` for this process's clients. */
function route(lab: Lab, region: string, to: LabRegion, app: ProcessRef): void {
  const state = readState(lab.dir);
  Object.assign(findRegion(state.regions, region), { appPort: to.appPort, appUrl: to.appUrl });
  state.processes[region] = { ...state.processes[region], app };
  writeState(state);
  Object.assign(findRegion(lab.regions, region), { appPort: to.appPort, appUrl: to.appUrl });
}

/** Replaces one region's app server: new one ready, route to it, drain the old one. */
export async function deployRegion(lab: Lab, region: string, log: (line: string) => void): Promise<RegionDeploy> {
  const current = { ...findRegion(lab.regions, region) }; // a copy: route() updates the lab's own
  const old = readState(lab.dir).processes[region]?.app;
  if (!isAlive(old)) throw new Error(`the app server of ${region} is not running: start the lab (\`steadfast cluster up\`) before a deploy`);
  const port = current.appPort === appPortAlternate ? appPort : appPortAlternate;
  if (!(await portFree(current.address, port))) {
    throw new Error(`${current.address}:${port} is taken, so the new app server of ${region} cannot start there: stop what listens on it`);
  }
  const next: LabRegion = { ...current, appPort: port, appUrl: `http://${current.address}:${port}` };
  writeRetiring(lab, [...readRetiring(lab), old]);
  const started = Date.now();
  const fresh = startAppProcess({ ...lab, regions: lab.regions.map((r) => (r.name === region ? next : r)) }, region);
  try {
    await waitReady(lab, region, next.appUrl, fresh);
  } catch (err) {
    await stopProcesses([fresh]);
    route(lab, region, current, old); // startAppProcess recorded the new PID: put the old one back
    writeRetiring(lab, readRetiring(lab).filter((r) => r.pid !== old.pid));
    throw err;
  }
  const readyS = (Date.now() - started) / 1000;
  route(lab, region, next, fresh);
  log(`${region}: new app server ready at ${next.appUrl} after ${readyS.toFixed(1)} s; clients routed to it; draining ${current.appUrl}`);
  const drainStart = Date.now();
  try { process.kill(old.pid, 'SIGTERM'); } catch { /* it exited by itself: nothing to drain */ }
  const drainedCleanly = await waitGone([old], deployDrainTimeoutMs);
  if (!drainedCleanly) {
    log(`${region}: the old app server (PID ${old.pid}) did not exit within ${deployDrainTimeoutMs / 1000} s of SIGTERM: killing it`);
    await stopProcesses([old]);
  }
  writeRetiring(lab, readRetiring(lab).filter((r) => r.pid !== old.pid));
  return { region, fromUrl: current.appUrl, toUrl: next.appUrl, readyS, drainS: (Date.now() - drainStart) / 1000, drainedCleanly };
}

/** Deploys every region in turn (the code on disk now is what the new servers run). */
export async function deployApps(lab: Lab, log: (line: string) => void = () => {}): Promise<RegionDeploy[]> {
  await stopLeftoverAppServers(lab, log);
  const done: RegionDeploy[] = [];
  for (const r of lab.regions) {
    const d = await deployRegion(lab, r.name, log);
    log(`${r.name}: old app server drained in ${d.drainS.toFixed(1)} s${d.drainedCleanly ? '' : ' (killed)'}`);
    done.push(d);
  }
  return done;
}
