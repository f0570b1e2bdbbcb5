// `steadfast cluster restart --rolling`: PostgreSQL maintenance that needs a restart (a minor
// upgrade, a parameter such as shared_buffers) without an outage. Replicas restart first (the
// asynchronous one, then the synchronous standby, each waited for until it streams again and
// the cluster has a synchronous standby); then a planned switchover hands the primary to the
// up-to-date synchronous standby in another region; then the old primary restarts as a replica.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { patronictlBin } from '../cluster/engines.ts';
import { type Lab, labStatus, switchover } from '../cluster/lab.ts';
import { regionPaths } from '../cluster/lab-state.ts';
import { waitStatus, type LabStatus } from '../cluster/lab-status.ts';
import { sleep } from '../cluster/processes.ts';
import { patroniScope } from '../cluster/topology.ts';

/** Bound on `patronictl restart` of one member (Patroni restarts PostgreSQL and waits for it). */
export const memberRestartTimeoutMs = 120_000;
/** Bound on a restarted member streaming again, and on the cluster having a synchronous standby again. */
export const streamingTimeoutMs = 120_000;
export const streamingPollMs = 500;
/** Bound on connecting to and querying the primary for its replication connections. */
export const replicationQueryTimeoutS = 3;

export interface MemberRestart { region: string; roleBefore: string; seconds: number }

export interface RollingRestartReport {
  restarts: MemberRestart[];
  oldLeader: string;
  newLeader: string;
  switchoverS: number;
  totalS: number;
}

/** Members the primary streams WAL to right now (pg_stat_replication.application_name = Patroni member name). */
async function streamingMembers(lab: Lab, leader: string): Promise<string[]> {
  const sql = postgres(lab.superuserUrl(leader), { max: 1, connect_timeout: replicationQueryTimeoutS, onnotice: () => {},
    connection: { statement_timeout: replicationQueryTimeoutS * 1000 } });
  try {
    const rows = await sql<{ name: string }[]>`select application_name as name from pg_stat_replication where state = 'streaming'`;
    return rows.map((r) => r.name);
  } catch {
    return []; // the primary is restarting or busy: ask again
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Waits until `member` streams from the leader and the cluster has three running members and a sync standby. */
async function waitStreaming(lab: Lab, member: string): Promise<LabStatus> {
  const deadline = Date.now() + streamingTimeoutMs;
  for (;;) {
    const s = await waitStatus(lab, streamingTimeoutMs, 'led, with a synchronous standby and every member running',
      (st) => st.leader !== null && st.syncStandby !== null && st.members.length === lab.regions.length &&
        st.members.every((m) => m.state === 'running'));
    if ((await streamingMembers(lab, s.leader!)).includes(member)) return s;
    if (Date.now() > deadline) {
      throw new Error(`${member} did not stream from the primary ${s.leader} within ${streamingTimeoutMs / 1000} s of its restart: ` +
        `see ${lab.dir}/${member}/logs/patroni.log; the rolling restart stopped here`);
    }
    await sleep(streamingPollMs);
  }
}

async function restartMember(lab: Lab, member: string, roleBefore: string, log: (line: string) => void): Promise<MemberRestart> {
  const started = Date.now();
  log(`restarting PostgreSQL of ${member} (${roleBefore})`);
  await promisify(execFile)(patronictlBin,
    ['-c', regionPaths(lab.dir, member).patroniConfig, 'restart', patroniScope, member, '--force'],
    { timeout: memberRestartTimeoutMs });
  const s = await waitStreaming(lab, member);
  const seconds = (Date.now() - started) / 1000;
  log(`${member} streams again after ${seconds.toFixed(1)} s; synchronous standby: ${s.syncStandby}`);
  return { region: member, roleBefore, seconds };
}

/** The whole procedure on a healthy cluster; throws (stopping where it is) with a sentence on what to check. */
export async function rollingRestart(lab: Lab, log: (line: string) => void = () => {}): Promise<RollingRestartReport> {
  const started = Date.now();
  const before = await labStatus(lab);
  if (!before.leader || !before.syncStandby || before.members.length !== lab.regions.length ||
    before.members.some((m) => m.state !== 'running')) {
    throw new Error('a rolling restart needs every member running, a leader and a synchronous standby: ' +
      'see `steadfast cluster status` and wait for it (or fix the failed member) first');
  }
  // The asynchronous replica first: its restart never holds up a commit.
  const replicas = before.members.filter((m) => m.role !== 'leader')
    .sort((a, b) => Number(a.role === 'sync_standby') - Number(b.role === 'sync_standby'));
  const restarts: MemberRestart[] = [];
  for (const m of replicas) restarts.push(await restartMember(lab, m.region, m.role, log));
  const switchStart = Date.now();
  const target = (await waitStatus(lab, streamingTimeoutMs, `led by ${before.leader} with a synchronous standby`,
    (st) => st.leader === before.leader && st.syncStandby !== null)).syncStandby!;
  log(`switching over from ${before.leader} to ${target}, the synchronous standby (it has every committed write)`);
  await switchover(lab, target);
  const switchoverS = (Date.now() - switchStart) / 1000;
  log(`${target} leads after ${switchoverS.toFixed(1)} s`);
  restarts.push(await restartMember(lab, before.leader, 'leader', log));
  return { restarts, oldLeader: before.leader, newLeader: target, switchoverS, totalS: (Date.now() - started) / 1000 };
}
