// What the lab looks like right now: Patroni's view of the members (from the DCS, through any
// node's REST API), each app server's readiness, and the recent outage windows.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { recentOutages } from '../store/outages.ts';
import { patronictlBin } from './engines.ts';
import { patroniScope } from './topology.ts';
import { type Lab, findRegion, regionPaths } from './lab-state.ts';
import { pollIntervalMs, sleep } from './processes.ts';

export interface MemberStatus {
  region: string;
  name: string;
  role: 'leader' | 'sync_standby' | 'replica' | 'unknown';
  state: string;
  timeline: number | null;
  lagBytes: number | null;
}

export interface LabStatus {
  regions: string[];
  members: MemberStatus[];
  leader: string | null;
  syncStandby: string | null;
  apps: { region: string; url: string; ready: boolean }[];
  /** Three members running, one leader, a sync standby in another region, all apps ready. */
  healthy: boolean;
  outages: { region: string; node: string; startedAt: string; endedAt: string | null }[];
}

/** Bound on one HTTP probe of a Patroni REST API or an app server. */
export const probeTimeoutMs = 1_000;
/** Bound on the outage query (connect + query) of a status. */
export const outageQueryTimeoutS = 3;
/** Outage windows a status lists. */
export const statusOutagesMax = 10;
/** Bound on a planned switchover, from the request to the candidate leading. */
export const switchoverTimeoutMs = 60_000;

interface PatroniMember { name: string; role?: string; state?: string; timeline?: number; lag?: number | string }

async function getJson(url: string): Promise<unknown | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(probeTimeoutMs) });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

function toMember(m: PatroniMember): MemberStatus {
  const role = m.role === 'leader' || m.role === 'sync_standby' || m.role === 'replica' ? m.role : 'unknown';
  return { region: m.name, name: m.name, role, state: m.state ?? 'unknown',
    timeline: typeof m.timeline === 'number' ? m.timeline : null,
    lagBytes: role === 'leader' ? 0 : typeof m.lag === 'number' ? m.lag : null };
}

/**
 * The leader key read through etcd's raft quorum (`quorum=true`): a cut-off member cannot
 * answer it. null when no member holds the lock; undefined when no etcd quorum answered.
 */
async function dcsLeader(lab: Lab): Promise<string | null | undefined> {
  for (const r of lab.regions) {
    try {
      const res = await fetch(`http://${r.address}:${r.etcdClientPort}/v2/keys/service/${patroniScope}/leader?quorum=true`,
        { signal: AbortSignal.timeout(probeTimeoutMs) });
      if (res.status === 404) return null;
      const body = await res.json() as { node?: { value?: string } };
      if (res.ok && body.node?.value) return body.node.value;
    } catch {
      // This member is down or cut off: ask the next.
    }
  }
  return undefined;
}

/**
 * The members as the DCS records them. Each Patroni serves its own last view, and a node
 * cut off from the DCS keeps a stale one: only a view that agrees with the quorum's leader counts.
 */
export async function clusterMembers(lab: Lab): Promise<MemberStatus[]> {
  const [leader, views] = await Promise.all([
    dcsLeader(lab),
    Promise.all(lab.regions.map(async (r) =>
      (await getJson(`http://${r.address}:${r.patroniPort}/cluster`) as { members?: PatroniMember[] } | null)?.members)),
  ]);
  if (leader === undefined) return [];
  const agrees = (members: PatroniMember[]) =>
    (members.find((m) => m.role === 'leader')?.name ?? null) === leader;
  const view = views.find((members, i) => members && lab.regions[i].name === leader && agrees(members)) ??
    views.find((members) => members && agrees(members));
  return view ? view.map(toMember) : [];
}

async function appReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(probeTimeoutMs) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Recent outage windows, read on the leader's node; empty when it does not answer (the status must still print). */
async function outages(lab: Lab, leader: string): Promise<LabStatus['outages']> {
  const sql = postgres(lab.superuserUrl(leader), { max: 1, connect_timeout: outageQueryTimeoutS, onnotice: () => {},
    connection: { statement_timeout: outageQueryTimeoutS * 1000 } });
  try {
    const rows = await recentOutages(sql, statusOutagesMax);
    return rows.map((o) => ({ region: o.region, node: o.node, startedAt: o.startedAt.toISOString(),
      endedAt: o.endedAt ? o.endedAt.toISOString() : null }));
  } catch {
    return [];
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function labStatus(lab: Lab): Promise<LabStatus> {
  const [members, apps] = await Promise.all([
    clusterMembers(lab),
    Promise.all(lab.regions.map(async (r) => ({ region: r.name, url: r.appUrl, ready: await appReady(r.appUrl) }))),
  ]);
  const leaders = members.filter((m) => m.role === 'leader');
  const leader = leaders.length === 1 ? leaders[0].region : null;
  const syncStandby = members.find((m) => m.role === 'sync_standby')?.region ?? null;
  const healthy = members.length === lab.regions.length && members.every((m) => m.state === 'running') &&
    leader !== null && syncStandby !== null && syncStandby !== leader && apps.every((a) => a.ready);
  const outageList = leader ? await outages(lab, leader) : [];
  return { regions: lab.regions.map((r) => r.name), members, leader, syncStandby, apps, healthy, outages: outageList };
}

/** Polls until `done(status)`; throws with the last status when the time is up. */
export async function waitStatus(lab: Lab, timeoutMs: number, what: string,
  done: (s: LabStatus) => boolean): Promise<LabStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await labStatus(lab);
    if (done(status)) return status;
    if (Date.now() > deadline) {
      throw new Error(`the lab did not become ${what} within ${timeoutMs / 1000} s; last status:\n` +
        `${JSON.stringify(status, null, 2)}\nLogs: ${lab.dir}/<region>/logs/`);
    }
    await sleep(Math.max(pollIntervalMs, 500));
  }
}

export function waitHealthy(lab: Lab, timeoutMs: number): Promise<LabStatus> {
  return waitStatus(lab, timeoutMs, 'healthy', (s) => s.healthy);
}

/** The region whose node holds the leader lock; throws if there is none right now. */
export async function primaryRegion(lab: Lab): Promise<string> {
  const members = await clusterMembers(lab);
  const leader = members.find((m) => m.role === 'leader');
  if (!leader) throw new Error('the cluster has no leader right now (failover in progress?): retry in a few seconds');
  return leader.region;
}

/** Planned switchover with `patronictl switchover --force`; returns once the candidate leads. */
export async function switchover(lab: Lab, candidate?: string): Promise<void> {
  const before = await labStatus(lab);
  if (!before.leader) throw new Error('no leader to switch over from: wait for `steadfast cluster status` to show one');
  // In synchronous mode Patroni only promotes the synchronous standby.
  const target = candidate ?? before.syncStandby;
  if (!target) throw new Error('no synchronous standby to switch over to: wait until the cluster is healthy');
  findRegion(lab.regions, target);
  const config = regionPaths(lab.dir, before.leader).patroniConfig;
  await promisify(execFile)(patronictlBin,
    ['-c', config, 'switchover', '--leader', before.leader, '--candidate', target, '--force'],
    { timeout: switchoverTimeoutMs });
  await waitStatus(lab, switchoverTimeoutMs, `led by ${target}`, (s) => s.leader === target);
}
