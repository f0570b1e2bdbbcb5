// The faults a drill injects into the lab (DESIGN §5 table, issue 4). Each one acts on the
// region that is primary when it starts and returns once its recovery action is done
// (restart, SIGCONT, link up); rejoining and verification are the drill's job.
import { descendants } from './processes.ts';
import {
  type Component, type Lab, primaryRegion, regionPids, setRegionLink, startApp, startRegion, switchover,
} from './lab.ts';

export const faultNames = ['region-loss', 'region-hang', 'db-hang', 'partition', 'etcd-leader-loss', 'switchover', 'app-kill',
  'deploy', 'rolling-restart'] as const;
export type Fault = (typeof faultNames)[number];

/** Default fault length in seconds: downtime before restart, or how long a hang lasts. */
export const faultSecondsDefault: Record<Fault, number> = {
  'region-loss': 20, 'region-hang': 60, 'db-hang': 60, partition: 60,
  'etcd-leader-loss': 10, switchover: 0, 'app-kill': 5, deploy: 0, 'rolling-restart': 0,
};
/** Rounds of "signal the tree, look for new children" when freezing a region. */
export const freezePassesMax = 5;
/** An etcd member's HTTP API must answer within this long while looking for the leader. */
export const etcdStatsTimeoutMs = 2_000;
/** Asking for the primary is retried this often: a busy host can miss one status probe. */
export const primaryLookupAttemptsMax = 10;
export const primaryLookupPauseMs = 1_000;
/** A planned switchover is retried this often when the status momentarily shows no leader (busy host). */
export const switchoverAttemptsMax = 3;
export const switchoverRetryPauseMs = 2_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function isFault(name: string): name is Fault {
  return (faultNames as readonly string[]).includes(name);
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try { process.kill(pid, sig); } catch { /* already gone: nothing left to signal */ }
  }
}

/**
 * SIGSTOPs the region's processes and every descendant. Parents are frozen first so that
 * no child can be re-parented away (a killed postmaster's children escape a PPID search).
 */
export function freeze(lab: Lab, region: string, components?: Component[]): number[] {
  const frozen = new Set<number>();
  let wave = regionPids(lab, region, components);
  for (let pass = 0; pass < freezePassesMax && wave.length > 0; pass++) {
    signal(wave, 'SIGSTOP');
    for (const pid of wave) frozen.add(pid);
    wave = descendants([...frozen]).filter((pid) => !frozen.has(pid));
  }
  return [...frozen];
}

/** The region whose etcd member is the raft leader (etcd v2 stats API). */
export async function etcdLeaderRegion(lab: Lab): Promise<string> {
  for (const r of lab.regions) {
    try {
      const res = await fetch(`http://${r.address}:${r.etcdClientPort}/v2/stats/self`,
        { signal: AbortSignal.timeout(etcdStatsTimeoutMs) });
      const stats = await res.json() as { state?: string };
      if (stats.state === 'StateLeader') return r.name;
    } catch { /* member down or unreachable: ask the next one */ }
  }
  throw new Error('no etcd member reports itself raft leader: check `steadfast cluster status` and the etcd logs in the lab directory');
}

/** Runs `act` until it succeeds, at most `attemptsMax` times, pausing between tries. */
async function withRetries<T>(attemptsMax: number, pauseMs: number, act: () => Promise<T>,
  onRetry: (err: Error, attempt: number) => void = () => {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try { return await act(); } catch (err) {
      if (attempt >= attemptsMax) throw err;
      onRetry(err as Error, attempt);
      await sleep(pauseMs);
    }
  }
}

/** The primary's region, asked again (bounded) while the status shows no leader. */
const currentPrimary = (lab: Lab) => withRetries(primaryLookupAttemptsMax, primaryLookupPauseMs, () => primaryRegion(lab));

const plannedSwitchover = (lab: Lab, log: (l: string) => void) =>
  withRetries(switchoverAttemptsMax, switchoverRetryPauseMs, () => switchover(lab), (err, attempt) =>
    log(`switchover: attempt ${attempt} refused (${err.message}); retrying in ${switchoverRetryPauseMs / 1000} s`));

/** Injects the fault, waits `seconds`, undoes it; logs each step as a sentence. */
export async function injectFault(lab: Lab, fault: Fault, seconds: number, log: (l: string) => void): Promise<void> {
  const primary = await currentPrimary(lab);
  switch (fault) {
    case 'region-loss': {
      const pids = freeze(lab, primary);
      signal(pids, 'SIGKILL');
      log(`region-loss: froze and killed ${pids.length} processes of ${primary} (the primary's region); restarting it in ${seconds} s`);
      await sleep(seconds * 1000);
      await startRegion(lab, primary);
      log(`region-loss: restarted ${primary}`);
      return;
    }
    case 'region-hang':
    case 'db-hang': {
      const pids = freeze(lab, primary, fault === 'db-hang' ? ['postgres'] : undefined);
      log(`${fault}: froze ${pids.length} processes of ${primary} for ${seconds} s`);
      await sleep(seconds * 1000);
      signal(pids, 'SIGCONT');
      log(`${fault}: resumed ${primary}`);
      return;
    }
    case 'partition': {
      if (!lab.netns) throw new Error('the partition drill needs a lab in network namespaces: run `steadfast cluster up --netns` as root');
      await setRegionLink(lab, primary, false);
      log(`partition: cut ${primary} off for ${seconds} s`);
      await sleep(seconds * 1000);
      await setRegionLink(lab, primary, true);
      log(`partition: reconnected ${primary}`);
      return;
    }
    case 'etcd-leader-loss': {
      const leader = await etcdLeaderRegion(lab);
      signal(regionPids(lab, leader, ['etcd']), 'SIGKILL');
      log(`etcd-leader-loss: killed the etcd raft leader in ${leader}; restarting it in ${seconds} s`);
      await sleep(seconds * 1000);
      await startRegion(lab, leader, ['etcd']);
      log(`etcd-leader-loss: restarted etcd in ${leader}`);
      return;
    }
    case 'switchover': {
      log(`switchover: planned switchover away from ${primary}`);
      await plannedSwitchover(lab, log);
      log(`switchover: the primary is now ${await currentPrimary(lab)}`);
      return;
    }
    case 'app-kill': {
      const pids = freeze(lab, primary, ['app']);
      signal(pids, 'SIGKILL');
      log(`app-kill: killed the app server of ${primary}; restarting it in ${seconds} s`);
      await sleep(seconds * 1000);
      await startApp(lab, primary);
      log(`app-kill: restarted the app server of ${primary}`);
      return;
    }
    case 'deploy': {
      const done = await (await import('../ops/deploy.ts')).deployApps(lab, (l) => log(`deploy: ${l}`));
      log(`deploy: ${done.map((d) => `${d.region} ready in ${d.readyS.toFixed(1)} s, drained in ${d.drainS.toFixed(1)} s`).join('; ')}`);
      return;
    }
    case 'rolling-restart': {
      const r = await (await import('../ops/rolling-restart.ts')).rollingRestart(lab, (l) => log(`rolling-restart: ${l}`));
      log(`rolling-restart: done in ${r.totalS.toFixed(1)} s; the primary moved from ${r.oldLeader} to ${r.newLeader}`);
      return;
    }
  }
}
