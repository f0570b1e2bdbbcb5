// Drills on a real three-region lab (etcd + Patroni + PostgreSQL + app servers): a small
// class submits while a region is lost, hangs, or the primary is switched over; every
// acknowledged submission must be on every node, none stored twice, and the failed
// region must rejoin by itself. One lab serves the three drills to keep CI short.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labUp, type Lab } from '../../src/cluster/lab.ts';
import { drillLine, runDrill, type DrillOptions } from '../../src/cluster/drill.ts';

/** Regions on 127.0.0.21-23, so a developer's own lab on .11-.13 can keep running. */
const firstAddress = '127.0.0.21';
const students = 10;
const drillTimeoutMs = 300_000;

describe('drills on the regions lab', { timeout: 900_000 }, () => {
  let lab: Lab;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadfast-drill-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as postgres and must reach its data directory
    lab = await labUp({ dir, regions: ['us-east', 'us-central', 'ca-central'], netns: false,
      demoStudents: students, firstAddress, log: (l) => console.log(`lab: ${l}`) });
  });
  after(async () => {
    if (lab) await labDown(lab, { purge: true });
  });

  const drill = async (opts: Omit<DrillOptions, 'students' | 'log'>) => {
    const result = await runDrill(lab, { ...opts, students, log: (l) => console.log(`drill: ${l}`) });
    const line = drillLine(result);
    console.log(line);
    const v = result.verification;
    assert.ok(v.acked > 0, `no submission was acknowledged: ${line}`);
    assert.equal(v.lost, 0, line);
    assert.equal(v.duplicated, 0, line);
    assert.equal(result.rejoined, true, line);
    assert.equal(result.studentErrors, 0, `${line}\n${result.errorSamples.join('\n')}`);
    assert.ok(v.nodes.every((n) => n.caughtUp), `a replica did not catch up: ${JSON.stringify(v.nodes)}`);
  };

  it('region-loss: the primary region is killed and restarted 10 s later', { timeout: drillTimeoutMs },
    () => drill({ fault: 'region-loss', durationS: 40, faultSeconds: 10 }));
  it('region-hang: the primary region is frozen for 30 s', { timeout: drillTimeoutMs },
    () => drill({ fault: 'region-hang', durationS: 60, faultSeconds: 30 }));
  it('switchover: planned, under load', { timeout: drillTimeoutMs },
    () => drill({ fault: 'switchover', durationS: 20 }));
});
