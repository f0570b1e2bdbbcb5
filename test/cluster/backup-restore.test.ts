// A real lab with WAL archiving from bootstrap and a real pgBackRest repository: setup → full
// backup → verify (restored, started, counted) → point-in-time restore into a new directory
// (rows after the target absent, rows before present) → a new region seeded from the
// repository joins and leaves → a repository cut off raises the archive alert, which clears
// once it is back. Everything started here is stopped by PID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { labDown, labStatus, labUp, loadLab, type Lab } from '../../src/cluster/lab.ts';
import { repoRoot } from '../../src/cluster/lab-region.ts';
import { backupPaths, labWalArchive } from '../../src/ops/backup-config.ts';
import { listBackups, runBackup, setupBackups, submissionCount, withPrimary, archiveQueue } from '../../src/ops/backup.ts';
import { latestVerifications, verifyLatestBackup } from '../../src/ops/backup-verify.ts';
import { restoreToTime } from '../../src/ops/restore.ts';
import { stopInstance, type RestoredInstance } from '../../src/ops/restore-instance.ts';
import { addRegion, removeRegion } from '../../src/ops/region-seed.ts';

const dir = resolve(repoRoot, '.lab', `test-backup-${process.pid}`);
/** Away from the default lab (.11), the drill (.21) and lifecycle (.41) tests. */
const firstAddress = '127.0.0.61';
const log = (line: string) => console.log(`backup test: ${line}`);
/** Bound on archiving failing (or recovering) after the repository is cut off (or restored). */
const alertWaitMs = 90_000;

async function probeRows(url: string): Promise<number[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql`SELECT n FROM pitr_probe ORDER BY n`).map((r) => r.n as number);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

test('backups: setup, full backup, verify, point-in-time restore, add and remove a region, archive alert', { timeout: 540_000 }, async (t) => {
  let lab: Lab | null = null;
  let restored: RestoredInstance | null = null;
  t.after(async () => {
    if (restored) await stopInstance(restored).catch(() => {});
    if (lab) await labDown(lab, { purge: true }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  lab = await labUp({ dir, regions: ['us-east', 'us-central', 'ca-central'], netns: false, demoStudents: 3,
    firstAddress, walArchive: labWalArchive(dir), log });
  const settings = await setupBackups(dir, log);
  assert.notEqual(settings.repoRegion, (await labStatus(lab)).leader, 'repository in another region than the primary');

  const live = await withPrimary(lab, submissionCount);
  const backup = await runBackup(dir, 'full', log);
  assert.equal(backup.type, 'full');
  assert.equal(backup.submissionsBefore, live);
  assert.equal(backup.submissionsAfter, live);
  const verification = await verifyLatestBackup(dir, log);
  assert.equal(verification.ok, true, verification.detail);
  assert.equal(verification.restoredCount, live);
  const [recorded] = await latestVerifications(lab);
  assert.equal(recorded?.backupLabel, backup.label);
  assert.equal((await archiveQueue(lab)).alert, null);

  // Rows 1-3 before the target time, 4-6 after it.
  const target = await withPrimary(lab, async (sql) => {
    await sql`CREATE TABLE pitr_probe (n int PRIMARY KEY)`;
    await sql`INSERT INTO pitr_probe SELECT generate_series(1, 3)`;
    const [row] = await sql`SELECT clock_timestamp() AS at`;
    await sql`SELECT pg_sleep(0.5)`;
    await sql`INSERT INTO pitr_probe SELECT generate_series(4, 6)`;
    return row!.at as Date;
  });
  const targetDir = `${dir}/restored`;
  restored = await restoreToTime({ dir, to: target, target: targetDir, log });
  assert.deepEqual(await probeRows(restored.superuserUrl), [1, 2, 3]);
  await assert.rejects(restoreToTime({ dir, to: target, target: targetDir }), /already exists/);
  const tooEarly = new Date((await listBackups(dir))[0]!.stoppedAt.getTime() - 60_000);
  await assert.rejects(restoreToTime({ dir, to: tooEarly, target: `${dir}/early` }), /earliest recoverable/);
  await stopInstance(restored, true);
  restored = null;
  assert.deepEqual(await probeRows(lab.superuserUrl((await labStatus(lab)).leader!)), [1, 2, 3, 4, 5, 6]);

  const added = await addRegion(dir, 'eu-west', log);
  const withNew = await labStatus(loadLab(dir));
  assert.equal(withNew.healthy, true);
  assert.ok(withNew.members.some((m) => m.name === 'eu-west' && m.state === 'running'));
  assert.deepEqual(await probeRows(loadLab(dir).superuserUrl('eu-west')), [1, 2, 3, 4, 5, 6], 'seeded, then caught up');
  assert.equal(added.region.address, '127.0.0.64');
  await assert.rejects(removeRegion(dir, 'us-east'), /etcd members/);
  await removeRegion(dir, 'eu-west', log);
  lab = loadLab(dir);
  assert.deepEqual((await labStatus(lab)).members.map((m) => m.name).sort(), ['ca-central', 'us-central', 'us-east']);

  // An unreachable repository: archiving fails and the status says so; once it is back, the alert clears.
  const repo = backupPaths(dir, settings.repoRegion).repoDir;
  chmodSync(repo, 0o000);
  try {
    assert.match(await waitArchiveAlert(lab, (alert) => alert !== null) ?? '', /archiving is failing/);
  } finally {
    chmodSync(repo, 0o750);
  }
  assert.equal(await waitArchiveAlert(lab, (alert) => alert === null), null);
});

/** Writes and switches WAL until the archive queue's alert satisfies `done`; bounded. */
async function waitArchiveAlert(lab: Lab, done: (alert: string | null) => boolean): Promise<string | null> {
  const deadline = Date.now() + alertWaitMs;
  for (;;) {
    await withPrimary(lab, (sql) => sql`INSERT INTO pitr_probe SELECT max(n) + 1 FROM pitr_probe`.then(() => sql`SELECT pg_switch_wal()`));
    const { alert } = await archiveQueue(lab);
    if (done(alert)) return alert;
    assert.ok(Date.now() < deadline, `the archive alert did not change within ${alertWaitMs / 1000} s; last: ${alert}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
