// Zero-downtime maintenance on a real three-region lab: a deploy replaces every app server
// while a small class submits, then a rolling restart restarts every PostgreSQL node (with a
// switchover) under the same load. Nothing acknowledged may be lost or stored twice, no
// student may see an error, and the deploy may drop no request.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { labStatus, loadLab, type Lab } from '../../src/cluster/lab.ts';
import { runDrill } from '../../src/cluster/drill.ts';
import { appPortAlternate, deployApps, stopLeftoverAppServers } from '../../src/ops/deploy.ts';
import { assertDrillClean, useTestLab } from '../support/lab.ts';

/** Regions on 127.0.0.81-83: other cluster tests use .11-.13, .21-.23, .61-.64 and .141-.143. */
const firstAddress = '127.0.0.81';
const students = 8;
const drillTimeoutMs = 240_000;
/** Bounds on the probe that each region has a listening server throughout a deploy. */
const probeRoundsMax = 5_000;
const probePauseMs = 50;

/**
 * Asks each region's current app server (the URL the lab routes to right now) for /healthz
 * until stopped; counts the answers that were not 200, by region.
 */
function probeRegions(lab: Lab): { stop: () => Promise<Record<string, number>> } {
  const misses: Record<string, number> = Object.fromEntries(lab.regions.map((r) => [r.name, 0]));
  let stopped = false;
  const loop = (async () => {
    for (let round = 0; round < probeRoundsMax && !stopped; round++) {
      await Promise.all(lab.regions.map(async (r) => {
        const ok = await fetch(`${r.appUrl}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((res) => res.ok, () => false);
        if (!ok) misses[r.name]! += 1;
      }));
      await new Promise((resolve) => setTimeout(resolve, probePauseMs));
    }
  })();
  return { stop: async () => { stopped = true; await loop; return misses; } };
}

describe('zero-downtime maintenance on the regions lab', { timeout: 600_000 }, () => {
  const useLab = useTestLab({ name: 'maintenance', firstAddress, students, beforeDown: (lab) => stopLeftoverAppServers(lab) });

  it('deploy refuses, and leaves the old server serving, when the port for the new one is taken', async () => {
    const lab = useLab();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(appPortAlternate, firstAddress, resolve));
    try {
      const urlBefore = lab.regions[0]!.appUrl;
      await assert.rejects(deployApps(lab), /is taken/);
      assert.equal(loadLab(lab.dir).regions[0]!.appUrl, urlBefore);
      assert.equal((await fetch(`${urlBefore}/readyz`)).status, 200);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('deploy: every app server replaced under load, no request dropped', { timeout: drillTimeoutMs }, async () => {
    const lab = useLab();
    const urlsBefore = lab.regions.map((r) => r.appUrl);
    const probe = probeRegions(lab);
    const result = await runDrill(lab, { fault: 'deploy', students, durationS: 30, log: (l) => console.log(`drill: ${l}`) });
    const misses = await probe.stop();
    const line = assertDrillClean(result);
    assert.equal(result.failedRequests, 0, line);
    assert.deepEqual(misses, { 'us-east': 0, 'us-central': 0, 'ca-central': 0 }, 'a region had no listening app server during the deploy');
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
    const lab = useLab();
    const leaderBefore = (await labStatus(lab)).leader;
    const result = await runDrill(lab, { fault: 'rolling-restart', students, durationS: 30, log: (l) => console.log(`drill: ${l}`) });
    assertDrillClean(result);
    const status = await labStatus(lab);
    assert.equal(status.members.length, 3, JSON.stringify(status.members));
    assert.ok(status.members.every((m) => m.state === 'running'), JSON.stringify(status.members));
    assert.ok(status.healthy, JSON.stringify(status));
    assert.notEqual(status.leader, leaderBefore, 'the primary did not move off the node restarted last');
  });
});
