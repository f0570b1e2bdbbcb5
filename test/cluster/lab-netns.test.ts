// A lab in network namespaces (root only): cutting the primary's region off makes another
// region take over; reconnected, the old primary rejoins; then the partition drill runs on the
// same lab under a class (nothing lost or stored twice); down removes the namespaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runDrill } from '../../src/cluster/drill.ts';
import { labDown, labUp, setRegionLink, waitHealthy, type Lab } from '../../src/cluster/lab.ts';
import { waitStatus } from '../../src/cluster/lab-status.ts';
import { netnsPlan } from '../../src/cluster/netns.ts';
import { assertDrillClean } from '../support/lab.ts';

// Under /tmp: the postgres user must be able to enter every parent (a CI clone may sit under /root).
const dir = join(tmpdir(), `steadfast-lab-test-netns-${process.pid}`);
const failoverTimeoutMs = 90_000;
const rejoinTimeoutMs = 180_000;
const students = 8;

function namespaces(): string {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
}

test('netns lab: a cut-off primary region is replaced, then rejoins; the partition drill under a class', {
  timeout: 900_000, skip: process.getuid?.() !== 0 ? 'network namespaces need root' : false,
}, async (t) => {
  let lab: Lab | null = null;
  t.after(async () => {
    if (lab) await labDown(lab, { purge: true }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  lab = await labUp({ dir, regions: ['us-east', 'us-central', 'ca-central'], netns: true, demoStudents: students,
    log: (l) => console.log(`lab: ${l}`) });
  const plan = netnsPlan(dir, 3);
  assert.ok(lab.regions.every((r, i) => r.netns === plan.regionNamespaces[i] && r.address.startsWith('10.77.')));
  assert.match(namespaces(), new RegExp(plan.bridgeNamespace));

  await setRegionLink(lab, 'us-east', false);
  const cut = await waitStatus(lab, failoverTimeoutMs, 'led from another region',
    (s) => s.leader !== null && s.leader !== 'us-east');
  console.log(`after the cut: leader ${cut.leader}`);
  await setRegionLink(lab, 'us-east', true);
  const back = await waitHealthy(lab, rejoinTimeoutMs);
  assert.ok(back.members.some((m) => m.region === 'us-east' && m.role !== 'leader' && m.state === 'running'),
    JSON.stringify(back.members));

  // The drill: the class keeps submitting through the other regions while the primary's region
  // is cut off for 30 s; every acknowledged answer must be on every node once it rejoins.
  assertDrillClean(await runDrill(lab, {
    fault: 'partition', students, durationS: 60, faultSeconds: 30, log: (l) => console.log(`drill: ${l}`),
  }));

  await labDown(lab, { purge: true });
  lab = null;
  assert.doesNotMatch(namespaces(), new RegExp(plan.bridgeNamespace));
});
