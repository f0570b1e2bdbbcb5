// A real three-region lab for a cluster test file (started before its tests, stopped and
// deleted after them), and the checks every drill under test must pass.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { drillLine, type DrillResult } from '../../src/cluster/drill.ts';
import { labDown, labUp, type Lab } from '../../src/cluster/lab.ts';

export const labRegions = ['us-east', 'us-central', 'ca-central'];

/**
 * Starts a lab on `firstAddress` (.1, .2, .3 of it) before the tests of the enclosing suite and
 * purges it after; `beforeDown` runs first (e.g. to stop servers a test left behind).
 */
export function useTestLab(o: { name: string; firstAddress: string; students: number; beforeDown?: (lab: Lab) => Promise<void> }): () => Lab {
  let lab: Lab | undefined;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), `steadfast-${o.name}-`));
    chmodSync(dir, 0o755); // PostgreSQL runs as postgres and must reach its data directory
    lab = await labUp({ dir, regions: labRegions, netns: false, demoStudents: o.students, firstAddress: o.firstAddress,
      log: (l) => console.log(`lab: ${l}`) });
  });
  after(async () => {
    if (!lab) return;
    await o.beforeDown?.(lab);
    await labDown(lab, { purge: true });
  });
  return () => {
    assert.ok(lab, 'the lab did not start');
    return lab;
  };
}

/** A drill under test lost nothing, stored nothing twice, failed no student, and every region rejoined and caught up. */
export function assertDrillClean(result: DrillResult): string {
  const line = drillLine(result);
  console.log(line);
  const v = result.verification;
  assert.ok(v.acked > 0, `no submission was acknowledged: ${line}`);
  assert.equal(v.lost, 0, line);
  assert.equal(v.duplicated, 0, line);
  assert.equal(result.studentErrors, 0, `${line}\n${result.errorSamples.join('\n')}`);
  assert.equal(result.rejoined, true, line);
  assert.ok(v.nodes.every((n) => n.caughtUp), `a replica did not catch up: ${JSON.stringify(v.nodes)}`);
  return line;
}
