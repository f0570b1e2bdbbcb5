// Drills on a real three-region lab (etcd + Patroni + PostgreSQL + app servers): a small
// class submits while a region is lost, hangs, or the primary is switched over; every
// acknowledged submission must be on every node, none stored twice, and the failed
// region must rejoin by itself. One lab serves the three drills to keep CI short.
import { describe, it } from 'node:test';
import { runDrill, type DrillOptions } from '../../src/cluster/drill.ts';
import { assertDrillClean, useTestLab } from '../support/lab.ts';

/** Regions on 127.0.0.21-23, so a developer's own lab on .11-.13 can keep running. */
const firstAddress = '127.0.0.21';
const students = 10;
const drillTimeoutMs = 300_000;

describe('drills on the regions lab', { timeout: 900_000 }, () => {
  const lab = useTestLab({ name: 'drill', firstAddress, students });
  const drill = async (opts: Omit<DrillOptions, 'students' | 'log'>) => {
    assertDrillClean(await runDrill(lab(), { ...opts, students, log: (l) => console.log(`drill: ${l}`) }));
  };

  it('region-loss: the primary region is killed and restarted 10 s later', { timeout: drillTimeoutMs },
    () => drill({ fault: 'region-loss', durationS: 40, faultSeconds: 10 }));
  it('region-hang: the primary region is frozen for 30 s', { timeout: drillTimeoutMs },
    () => drill({ fault: 'region-hang', durationS: 60, faultSeconds: 30 }));
  it('switchover: planned, under load', { timeout: drillTimeoutMs },
    () => drill({ fault: 'switchover', durationS: 20 }));
});
