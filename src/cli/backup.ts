// `steadfast backup …` and `steadfast restore …`: pgBackRest backups of the regions lab,
// restore tests, and point-in-time recovery into a new data directory.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../cluster/lab-region.ts';
import { loadLab } from '../cluster/lab.ts';
import {
  archiveQueue, backupTypes, listBackups, mib, requireSettings, runBackup, setupBackups, type BackupType,
} from '../ops/backup.ts';
import { latestVerifications, verifyLatestBackup } from '../ops/backup-verify.ts';
import { restoreToTime } from '../ops/restore.ts';

const defaultDir = resolve(repoRoot, '.lab');

const backupHelp = `Usage: steadfast backup <command> [--dir LAB]

Backups of the regions lab with pgBackRest (the lab must be started with \`cluster up --backup\`).

Commands:
  setup                          repository in another region than the primary, stanza, WAL check
  run [--type full|diff|incr]    take a backup now (default incr; the first is always full)
  list [--json]                  backups, archive queue (alerts before WAL would be dropped), verifications
  verify                         restore the latest backup into a scratch directory, start it, check it

Real hosts: schedule \`backup run\` with a systemd timer or cron (docs/operations.md#backups).
Common option: --dir D (default ${defaultDir}).`;

const restoreHelp = `Usage: steadfast restore --to TIMESTAMP --target DIR [--port P] [--dir LAB]

Point-in-time recovery from the lab's backup repository into a NEW data directory (never over
the running cluster), started as a separate PostgreSQL on 127.0.0.1 (a free port unless --port).
TIMESTAMP is ISO 8601 with a zone, e.g. '2026-11-25T18:30:00Z'. Prints the DATABASE_URL to use.`;

const options = {
  dir: { type: 'string' }, type: { type: 'string' }, json: { type: 'boolean' }, to: { type: 'string' },
  target: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

function backupType(text: string | undefined): BackupType {
  const type = (text ?? 'incr') as BackupType;
  if (!backupTypes.includes(type)) throw new Error(`--type must be one of ${backupTypes.join(', ')}, not "${text}"`);
  return type;
}

async function list(dir: string, json: boolean): Promise<number> {
  const lab = loadLab(dir);
  requireSettings(dir);
  const [backups, queue, verifications] = await Promise.all([listBackups(dir), archiveQueue(lab), latestVerifications(lab)]);
  if (json) {
    console.log(JSON.stringify({ backups, archiveQueue: queue, verifications }, null, 2));
    return queue.alert ? 1 : 0;
  }
  console.log(backups.length === 0 ? 'no backups yet: run `steadfast backup run --type full`' : 'backups (oldest first):');
  for (const b of backups) {
    console.log(`  ${b.label.padEnd(36)} ${b.type.padEnd(4)} ${b.stoppedAt.toISOString()}  ` +
      `${mib(b.sizeBytes)} (${mib(b.repoSizeBytes)} stored)  submissions ${b.submissionsBefore ?? '?'}`);
  }
  console.log(`archive queue: ${mib(queue.waitingBytes)} waiting, ${queue.failedCount} failures, ` +
    `last archived ${queue.lastArchivedAt?.toISOString() ?? 'never'}`);
  if (queue.alert) console.log(queue.alert);
  for (const v of verifications) {
    console.log(`verified ${v.backupLabel} at ${v.verifiedAt.toISOString()}: ${v.ok ? 'ok' : 'FAILED'} — ${v.detail}`);
  }
  return queue.alert ? 1 : 0;
}

export async function backupCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(backupHelp);
    return 0;
  }
  const { values } = parseArgs({ args: rest, options, allowPositionals: false });
  if (values.help) {
    console.log(backupHelp);
    return 0;
  }
  const dir = resolve(values.dir ?? defaultDir);
  const log = (line: string) => console.log(`backup: ${line}`);
  switch (command) {
    case 'setup': await setupBackups(dir, log); return 0;
    case 'run': await runBackup(dir, backupType(values.type), log); return 0;
    case 'list': return list(dir, values.json ?? false);
    case 'verify': return (await verifyLatestBackup(dir, log)).ok ? 0 : 1;
    default:
      console.error(`unknown backup command "${command}"\n\n${backupHelp}`);
      return 2;
  }
}

export async function restoreCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options, allowPositionals: false });
  if (values.help) {
    console.log(restoreHelp);
    return 0;
  }
  if (!values.to || !values.target) throw new Error(`restore needs --to TIMESTAMP and --target DIR\n\n${restoreHelp}`);
  const to = new Date(values.to);
  if (Number.isNaN(to.getTime()) || !/(Z|[+-]\d\d:?\d\d)$/.test(values.to)) {
    throw new Error(`--to must be an ISO 8601 time with a zone, like 2026-11-25T18:30:00Z, not "${values.to}"`);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1024 || port > 65535)) {
    throw new Error(`--port must be a TCP port from 1024 to 65535, not "${values.port}"`);
  }
  const restored = await restoreToTime({ dir: resolve(values.dir ?? defaultDir), to, target: resolve(values.target), port,
    log: (line) => console.log(`restore: ${line}`) });
  console.log(`restored to ${to.toISOString()} in ${restored.dataDir}; PostgreSQL PID ${restored.pid} at ${restored.address}:${restored.port}
Point a Steadfast at it:
  DATABASE_URL='${restored.databaseUrl}' npm start
Stop it with: kill -INT ${restored.pid}`);
  return 0;
}
