// `npm run bench -- seed-region [--gb N]`: how long a new region takes to seed from the backup
// repository, against a raw copy of the same data directory on the same disk. Starts its own
// lab with backups, generates a term of submissions (modelled on the demo's real ones: same
// answer/result shapes, fresh numbers, times spread over a term), takes a full backup, then
// times `cp -a` of the primary's data directory and `add-region` (restore + catch-up), and
// removes the region and the lab. Last line:
// BENCH seed-region gb=<n> seconds=<n> raw_copy_seconds=<n> ratio=<raw_copy_seconds/seconds>
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { labDown, labUp, primaryRegion, type Lab } from '../src/cluster/lab.ts';
import { repoRoot } from '../src/cluster/lab-region.ts';
import { regionPaths } from '../src/cluster/lab-state.ts';
import { labWalArchive } from '../src/ops/backup-config.ts';
import { runBackup, setupBackups } from '../src/ops/backup.ts';
import { addRegion, removeRegion } from '../src/ops/region-seed.ts';
import { submissionsBytes } from '../src/store/storage.ts';

export const gbDefault = 2;
export const gbMax = 8;
export const gbMin = 0.01;
/** Submissions one INSERT … SELECT generates (one transaction, ~70 MB). */
export const batchRowsMax = 100_000;
/** Bound on the number of generating batches, whatever the size asked for. */
export const batchesMax = 2_000;
/** Bound on generating the data. */
export const generateTimeoutMs = 40 * 60_000;
/** Submissions are spread over a term of this many days. */
export const termDays = 120;
const firstAddress = '127.0.0.71';

async function generateTerm(lab: Lab, bytesWanted: number, log: (line: string) => void): Promise<number> {
  const sql = postgres(lab.superuserUrl(await primaryRegion(lab)), { max: 1, onnotice: () => {},
    connection: { statement_timeout: generateTimeoutMs } });
  const deadline = Date.now() + generateTimeoutMs;
  try {
    const [row] = await sql`SELECT count(*)::int AS n FROM submissions`;
    const templates = row!.n as number;
    if (templates === 0) throw new Error('the demo course has no submissions to model a term on: check the lab\'s app log');
    const copies = Math.max(1, Math.floor(batchRowsMax / templates));
    let bytes = 0;
    for (let batch = 0; batch < batchesMax && bytes < bytesWanted && Date.now() < deadline; batch += 1) {
      // Each copy gets fresh numeric answers, so the data compresses like a real term's.
      await sql`
        INSERT INTO submissions (server_time, captured_at, id, variant_id, month, origin, answers, outcome)
        SELECT at, at - random() * interval '10 seconds', gen_random_uuid(), t.variant_id, t.month, t.origin,
          (SELECT coalesce(jsonb_object_agg(key, to_jsonb(round((random() * 1000)::numeric, 3)::text)), '{}')
             FROM jsonb_each(t.answers)),
          t.outcome
        FROM submissions t, generate_series(1, ${copies}) g,
          LATERAL (SELECT now() - random() * ${termDays} * interval '1 day' + g * interval '0 s' AS at) x
        WHERE t.id IN (SELECT id FROM submissions LIMIT ${templates})`;
      bytes = await submissionsBytes(sql);
      log(`generated ${(bytes / 1e9).toFixed(2)} GB of submissions`);
    }
    await sql`CHECKPOINT`;
    return bytes;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function seconds(since: number): number {
  return (Date.now() - since) / 1000;
}

function duBytes(path: string): number {
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { gb: { type: 'string' }, dir: { type: 'string' } } });
  const gb = values.gb === undefined ? gbDefault : Number(values.gb);
  if (!Number.isFinite(gb) || gb < gbMin || gb > gbMax) throw new Error(`--gb must be a number from ${gbMin} to ${gbMax}`);
  const dir = resolve(values.dir ?? resolve(repoRoot, '.lab', 'bench-seed-region'));
  const log = (line: string) => console.log(`seed-region: ${line}`);
  rmSync(dir, { recursive: true, force: true });
  const lab = await labUp({ dir, regions: ['us-east', 'us-central', 'ca-central'], netns: false, firstAddress,
    walArchive: labWalArchive(dir), log });
  try {
    await setupBackups(dir, log);
    const submissionsGb = (await generateTerm(lab, gb * 1e9, log)) / 1e9;
    await runBackup(dir, 'full', log);
    const dataDir = regionPaths(dir, await primaryRegion(lab)).dataDir;
    const dataGb = duBytes(dataDir) / 1e9;
    const copyDir = `${dir}/raw-copy`;
    const started = Date.now();
    execFileSync('cp', ['-a', dataDir, copyDir]);
    const rawCopySeconds = seconds(started);
    rmSync(copyDir, { recursive: true, force: true });
    log(`raw copy of the primary's data directory (${dataGb.toFixed(2)} GB): ${rawCopySeconds.toFixed(1)} s`);
    const added = await addRegion(dir, 'bench-new', log);
    log(`add-region: seeded in ${added.seedSeconds.toFixed(1)} s, app ready in ${added.totalSeconds.toFixed(1)} s`);
    await removeRegion(dir, 'bench-new', log);
    console.log(`BENCH seed-region gb=${submissionsGb.toFixed(2)} seconds=${added.seedSeconds.toFixed(1)} ` +
      `raw_copy_seconds=${rawCopySeconds.toFixed(1)} ratio=${(rawCopySeconds / added.seedSeconds).toFixed(2)}`);
  } finally {
    await labDown(lab, { purge: true });
  }
}
