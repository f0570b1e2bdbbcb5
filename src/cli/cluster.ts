// `steadfast cluster …`: the three-region lab (up, status, down, switchover), configuration
// for a real three-host deployment (config), and the drills (delegated to src/cluster/drill.ts).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../cluster/lab-region.ts';
import { defaultRegions, defaultDemoStudents, defaultFirstAddress } from '../cluster/lab-state.ts';
import { labDown, labStatus, labUp, loadLab, switchover, type LabStatus } from '../cluster/lab.ts';
import { deploymentConfig, parsePeers } from '../cluster/deploy-config.ts';
import { labWalArchive } from '../ops/backup-config.ts';

/** The most demo students a lab creates (the app enforces its own bound too). */
export const labStudentsMax = 10_000;
const defaultDir = resolve(repoRoot, '.lab');

const help = `Usage: steadfast cluster <command> [options]

The regions lab: three regions on one machine, each with an etcd member, a PostgreSQL 15
node under Patroni (synchronous replication to another region) and a Steadfast app server.

Commands:
  up [--regions a,b,c] [--netns] [--students N] [--first-address IP] [--backup]
                                                  start a lab and wait until it is healthy; --backup:
                                                  WAL archiving from bootstrap, then \`backup setup\`
  status [--json]                                 members, leader, sync standby, lag, apps, outages
  down [--purge]                                  stop what the lab started; --purge deletes its files
  switchover [--candidate REGION]                 planned switchover (default: to the sync standby)
  restart --rolling                               restart PostgreSQL everywhere without an outage: replicas,
                                                  then a switchover, then the old primary
  add-region NAME                                 seed a new region from the backup repository, join it
  remove-region NAME                              take an added region out (switchover first if it leads)
  config --region NAME [--peers a=IP,b=IP,c=IP] [--app-cidr CIDR]
                                                  configuration and systemd units for a real host
  drill <fault> …                                 fault drills under a simulated class (cluster drill --help)

Common option: --dir D (default ${defaultDir}). Regions default to ${defaultRegions.join(',')};
loopback addresses start at ${defaultFirstAddress} (--first-address); with --netns (root)
each region is a network namespace so that it can be cut off.
Docs: docs/regions.md`;

const options = {
  dir: { type: 'string' }, regions: { type: 'string' }, netns: { type: 'boolean' }, students: { type: 'string' },
  json: { type: 'boolean' }, purge: { type: 'boolean' }, candidate: { type: 'string' }, region: { type: 'string' },
  peers: { type: 'string' }, 'first-address': { type: 'string' }, 'app-cidr': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  backup: { type: 'boolean' }, rolling: { type: 'boolean' },
} as const;

function studentsOption(text: string | undefined): number {
  if (text === undefined) return defaultDemoStudents;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > labStudentsMax) {
    throw new Error(`--students must be a whole number from 0 to ${labStudentsMax}, not "${text}"`);
  }
  return n;
}

function formatStatus(s: LabStatus): string {
  const lines = [`cluster: ${s.healthy ? 'healthy' : 'NOT healthy'}; leader ${s.leader ?? 'none'}, ` +
    `synchronous standby ${s.syncStandby ?? 'none'}`];
  for (const m of s.members) {
    lines.push(`  ${m.region.padEnd(12)} ${m.role.padEnd(12)} ${m.state.padEnd(10)} timeline ${m.timeline ?? '?'}` +
      `  lag ${m.lagBytes === null ? 'unknown' : `${m.lagBytes} B`}`);
  }
  const missing = s.regions.filter((r) => !s.members.some((m) => m.region === r));
  if (missing.length > 0) lines.push(`  not a member right now: ${missing.join(', ')}`);
  lines.push('app servers:');
  for (const a of s.apps) lines.push(`  ${a.region.padEnd(12)} ${a.url.padEnd(26)} ${a.ready ? 'ready' : 'NOT ready'}`);
  lines.push(s.outages.length === 0 ? 'recent outages: none recorded' : 'recent outages:');
  for (const o of s.outages) lines.push(`  ${o.region.padEnd(12)} ${o.node}  ${o.startedAt} → ${o.endedAt ?? 'ongoing'}`);
  return lines.join('\n');
}

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: true }>>['values'];

async function run(command: string, values: Values): Promise<number> {
  const dir = resolve(values.dir ?? defaultDir);
  const log = (line: string) => console.log(`cluster: ${line}`);
  switch (command) {
    case 'up': {
      const regions = values.regions ? values.regions.split(',').map((s) => s.trim()) : defaultRegions;
      const lab = await labUp({ dir, regions, netns: values.netns ?? false, demoStudents: studentsOption(values.students),
        firstAddress: values['first-address'], log, walArchive: values.backup ? labWalArchive(dir) : undefined });
      if (values.backup) await (await import('../ops/backup.ts')).setupBackups(dir, log);
      console.log(formatStatus(await labStatus(lab)));
      return 0;
    }
    case 'status': {
      const lab = loadLab(dir);
      const status = await labStatus(lab);
      const backups = await (await import('../ops/backup-status.ts')).backupStatusLine(lab);
      console.log(values.json ? JSON.stringify({ ...status, backups }, null, 2)
        : formatStatus(status) + (backups ? `\n${backups}` : ''));
      return status.healthy ? 0 : 1;
    }
    case 'down':
      await labDown(loadLab(dir), { purge: values.purge ?? false });
      log(values.purge ? `stopped and deleted ${dir}` : `stopped; data kept in ${dir} (\`cluster up\` restarts it)`);
      return 0;
    case 'switchover': {
      const lab = loadLab(dir);
      await switchover(lab, values.candidate);
      log(`switchover done: leader is now ${(await labStatus(lab)).leader}`);
      return 0;
    }
    case 'restart': {
      if (!values.rolling) throw new Error('run `steadfast cluster restart --rolling`: restarting every node at once would stop the cluster');
      const r = await (await import('../ops/rolling-restart.ts')).rollingRestart(loadLab(dir), log);
      log(`rolling restart done in ${r.totalS.toFixed(1)} s; the primary moved from ${r.oldLeader} to ${r.newLeader}`);
      return 0;
    }
    case 'config':
      if (!values.region) throw new Error('config needs --region NAME (one of the regions in --peers)');
      console.log(deploymentConfig(values.region, parsePeers(values.peers), values['app-cidr']));
      return 0;
    default:
      console.error(`unknown cluster command "${command}"\n\n${help}`);
      return 2;
  }
}

async function regionCommand(command: 'add-region' | 'remove-region', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  if (positionals.length !== 1) throw new Error(`usage: steadfast cluster ${command} NAME [--dir D]`);
  const dir = resolve(values.dir ?? defaultDir);
  const log = (line: string) => console.log(`cluster: ${line}`);
  const seed = await import('../ops/region-seed.ts');
  if (command === 'remove-region') {
    await seed.removeRegion(dir, positionals[0]!, log);
    return 0;
  }
  const added = await seed.addRegion(dir, positionals[0]!, log);
  log(`${added.region.name} joined: seeded in ${added.seedSeconds.toFixed(1)} s, app ready after ` +
    `${added.totalSeconds.toFixed(1)} s at ${added.region.appUrl}`);
  return 0;
}

export async function clusterCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'drill') {
    // Imported on demand: the drills pull in the class simulator and the verifier.
    const { drillCommand } = await import('../cluster/drill.ts');
    return drillCommand(rest);
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(help);
    return 0;
  }
  if (command === 'add-region' || command === 'remove-region') return regionCommand(command, rest);
  const { values } = parseArgs({ args: rest, options, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  return run(command, values);
}
