// A real lab on loopback addresses: up → healthy (leader + synchronous standby in another
// region) → app server killed and restarted → switchover → down, stopping only its own PIDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  labDown, labStatus, labUp, loadLab, primaryRegion, regionPids, setRegionLink, startApp, switchover, waitHealthy, type Lab,
} from '../../src/cluster/lab.ts';

// Under /tmp: the postgres user must be able to enter every parent (a CI clone may sit under /root).
const dir = join(tmpdir(), `steadfast-lab-test-lifecycle-${process.pid}`);
/** Away from the default lab (127.0.0.11) and the drill engineer's labs (127.0.0.21-63). */
const firstAddress = '127.0.0.141';
const healthyTimeoutMs = 120_000;

test('lab lifecycle: up, status, app restart, switchover, down', { timeout: 600_000 }, async (t) => {
  // A process that is not the lab's: down must leave it running.
  const bystander = spawn('sleep', ['600'], { stdio: 'ignore' });
  let lab: Lab | null = null;
  t.after(async () => {
    if (lab) await labDown(lab, { purge: true }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-other`, { recursive: true, force: true });
    bystander.kill('SIGKILL');
  });
  lab = await labUp({ dir, regions: ['us-east', 'us-central', 'ca-central'], netns: false, demoStudents: 3,
    firstAddress, log: (l) => console.log(`lab: ${l}`) });
  await assert.rejects(labUp({ dir, regions: ['a', 'b', 'c'], netns: false }), /already running/);
  await assert.rejects(labUp({ dir: `${dir}-other`, regions: ['a', 'b', 'c'], netns: false, firstAddress }),
    /already listens on 127\.0\.0\.141:2379/);

  const status = await labStatus(lab);
  assert.equal(status.healthy, true);
  assert.equal(status.members.length, 3);
  assert.equal(status.leader, 'us-east');
  assert.ok(status.syncStandby && status.syncStandby !== status.leader, 'sync standby in another region');
  assert.equal(await primaryRegion(lab), 'us-east');
  assert.deepEqual(loadLab(dir).regions.map((r) => r.address), ['127.0.0.141', '127.0.0.142', '127.0.0.143']);

  // PostgreSQL's processes are found through the postmaster, separately from Patroni's.
  const pg = regionPids(lab, 'us-east', ['postgres']);
  assert.ok(pg.length >= 5, `postmaster and its children, got ${pg.length}`);
  for (const pid of regionPids(lab, 'us-east', ['patroni', 'etcd', 'app'])) assert.ok(!pg.includes(pid));

  // A killed app server stays down until startApp.
  for (const pid of regionPids(lab, 'ca-central', ['app'])) process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(regionPids(lab, 'ca-central', ['app']), []);
  await startApp(lab, 'ca-central');
  await waitHealthy(lab, healthyTimeoutMs);

  await assert.rejects(setRegionLink(lab, 'us-east', false), /--netns/);
  const target = status.syncStandby!;
  await switchover(lab);
  assert.equal(await primaryRegion(lab), target);
  await waitHealthy(lab, healthyTimeoutMs);

  const ours = lab.regions.flatMap((r) => regionPids(lab!, r.name));
  const downStarted = Date.now();
  await labDown(lab, { purge: false });
  console.log(`lab: down in ${((Date.now() - downStarted) / 1000).toFixed(1)} s`);
  assert.deepEqual(ours.filter((pid) => existsSync(`/proc/${pid}/stat`) && !isZombie(pid)), []);
  assert.equal(bystander.exitCode, null, 'a process the lab did not start kept running');
  assert.ok(existsSync(`${dir}/lab.json`), 'down without --purge keeps the data');
  await labDown(lab, { purge: true });
  lab = null;
  assert.ok(!existsSync(dir));
});

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
