// Zero-downtime maintenance on a real three-region lab: a deploy replaces every app server
// while a small class submits, then a rolling restart restarts every PostgreSQL node (with a
// switchover) under the same load. Nothing acknowledged may be lost or stored twice, no
// student may see an error, and the deploy may drop no request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labStatus, labUp, loadLab, type Lab } from '../../src/cluster/lab.ts';
import { drillLine, runDrill, type DrillResult } from '../../src/cluster/drill.ts';
import { stopLeftoverAppServers } from '../../src/ops/deploy.ts';

/** Regions on 127.0.0.81-83: other cluster tests use .11-.13, .21-.23, .61-.64 and .141-.143. */
const firstAddress = '127.0.0.81';
const students = 8;
const drillTimeoutMs = 240_000;

function assertClean(result: DrillResult): string {
  const line = drillLine(result);
  console.log(line);
  const v = result.verification;
  assert.ok(v.acked > 0, `no submission was acknowledged: ${line}`);
  assert.equal(v.lost, 0, line);
  assert.equal(v.duplicated, 0, line);
  assert.equal(result.studentErrors, 0, `${line}\n${result.errorSamples.join('\n')}`);
  assert.equal(result.rejoined, true, line);
  return line;
}

describe('zero-downtime maintenance on the regions lab', { timeout: 600_000 }, () => {
  let lab: Lab;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-maintenance-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as postgres and must reach its data directory
    lab = await labUp({ dir, regions: ['us-east', 'us-central', 'ca-central'], netns: false,
      demoStudents: students, firstAddress, log: (l) => console.log(`lab: ${l}`) });
  });
  after(async () => {
    if (!lab) return;
    await stopLeftoverAppServers(lab);
    await labDown(lab, { purge: true });
  });

  it('deploy: every app server replaced under load, no request dropped', { timeout: drillTimeoutMs }, async () => {
    const urlsBefore = lab.regions.map((r) => r.appUrl);
    const result = await runDrill(lab, { fault: 'deploy', students, durationS: 30, log: (l) => console.log(`drill: ${l}`) });
    const line = assertClean(result);
    assert.equal(result.failedRequests, 0, line);
    const reloaded = loadLab(lab.dir);
    for (const [i, r] of reloaded.regions.entries()) {
      assert.notEqual(r.appUrl, urlsBefore[i], `${r.name} still routes to its old app server`);
    }
    const status = await labStatus(reloaded);
    assert.ok(status.apps.every((a) => a.ready), JSON.stringify(status.apps));
    const oldAnswers = await Promise.all(urlsBefore.map((u) => fetch(`${u}/healthz`).then(() => true, () => false)));
    assert.deepEqual(oldAnswers, [false, false, false], 'an old app server still listens after the deploy');
  });

  it('rolling-restart: every node restarted, primary switched over, under load', { timeout: drillTimeoutMs }, async () => {
    const leaderBefore = (await labStatus(lab)).leader;
    const result = await runDrill(lab, { fault: 'rolling-restart', students, durationS: 30, log: (l) => console.log(`drill: ${l}`) });
    assertClean(result);
    const status = await labStatus(lab);
    assert.equal(status.members.length, 3, JSON.stringify(status.members));
    assert.ok(status.members.every((m) => m.state === 'running'), JSON.stringify(status.members));
    assert.ok(status.healthy, JSON.stringify(status));
    assert.notEqual(status.leader, leaderBefore, 'the primary did not move off the node restarted last');
  });
});
