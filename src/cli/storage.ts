// `steadfast storage [status|ensure] [--json]`: the submissions log's monthly partitions.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDirDefault, openDatabase } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { ensurePartitions, partitionMonthsAhead, partitionReport } from '../store/storage.ts';

const help = `Usage: steadfast storage [status|ensure] [--json]

The submissions log is partitioned by the month its variants were issued (docs/operations.md,
"Storage: the submissions log").

  status   every partition with its rows and size (tables + indexes); exit status 1 when rows
           wait in submissions_default (run \`ensure\`, or let the next hourly check move them)
  ensure   make the partitions of this month and ${partitionMonthsAhead} ahead, and one for each month with rows
           in submissions_default (moving them there); \`steadfast serve\` does this every hour

Uses DATABASE_URL, or the embedded database under DATA_DIR (default ./data) — stop \`npm start\`
first when using the embedded one.`;

export async function storageCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${help}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(help); return 0; }
  const command = positionals[0] ?? 'status';
  if (positionals.length > 1 || !['status', 'ensure'].includes(command)) {
    console.error(`steadfast storage takes status or ensure, not "${positionals.join(' ')}"\n\n${help}`);
    return 2;
  }
  const db = await openDatabase({ dataDir: resolve(process.env.DATA_DIR || dataDirDefault), databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    await migrate(db.sql);
    if (command === 'ensure') {
      const made = await ensurePartitions(db.sql);
      console.log(values.json ? JSON.stringify({ made }) : `made ${made} partition${made === 1 ? '' : 's'}`);
      return 0;
    }
    const parts = await partitionReport(db.sql);
    const waiting = parts.find((p) => p.month === null)?.rows ?? 0;
    if (values.json) {
      console.log(JSON.stringify({ partitions: parts, defaultRows: waiting }, null, 2));
    } else {
      for (const p of parts) {
        console.log(`${p.name.padEnd(24)} ${(p.month ?? 'default').padEnd(8)} ${String(p.rows).padStart(12)} rows ${(p.bytes / 1048576).toFixed(1).padStart(10)} MiB`);
      }
      const total = parts.reduce((t, p) => t + p.bytes, 0);
      console.log(`total ${(total / 1048576).toFixed(1)} MiB (row counts are estimates from the last analyze; partitions never analyzed and the default one are counted)`);
      if (waiting > 0) console.log(`${waiting} rows wait in submissions_default: run \`steadfast storage ensure\` to give their months partitions`);
    }
    return waiting > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}
