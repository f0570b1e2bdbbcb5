// The lab's description and its state file: regions, addresses, ports, the PIDs it started,
// and where each region keeps its files. Everything else in the lab reads it from here.
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl, type NodeSpec, type DcsTiming, type WalArchive } from './topology.ts';
import type { ProcessRef } from './processes.ts';

export interface LabRegion {
  name: string;
  address: string;
  netns: string | null;
  pgPort: number;
  patroniPort: number;
  etcdClientPort: number;
  etcdPeerPort: number;
  appPort: number;
  appUrl: string;
}

export interface Lab {
  dir: string;
  regions: LabRegion[];
  netns: boolean;
  /** Multi-host, target_session_attrs=primary: what the app servers use. */
  databaseUrl: string;
  /** Superuser URL straight to one region's node (not necessarily the primary). */
  superuserUrl(region: string): string;
}

export type Component = 'etcd' | 'patroni' | 'postgres' | 'app';
/** Components the lab starts itself (PostgreSQL is started by Patroni). */
export type StartedComponent = 'etcd' | 'patroni' | 'app';
export const components: Component[] = ['etcd', 'patroni', 'postgres', 'app'];

/** Default regions, named after the real deployment's cloud regions. */
export const defaultRegions = ['us-east', 'us-central', 'ca-central'];
/** Default first loopback address; region i gets the next i-th one. */
export const defaultFirstAddress = '127.0.0.11';
export const pgPort = 5432;
export const patroniPort = 8008;
export const etcdClientPort = 2379;
export const etcdPeerPort = 2380;
export const appPort = 8080;
export const defaultDemoStudents = 20;
const stateFileName = 'lab.json';

export interface Secrets {
  superuserPassword: string;
  replicationPassword: string;
  rewindPassword: string;
  steadfastPassword: string;
}

/** The JSON state file: written by labUp, updated whenever the lab starts a process. */
export interface LabState {
  dir: string;
  netns: boolean;
  regions: LabRegion[];
  demoStudents: number;
  timing: DcsTiming;
  /** Subnet (CIDR) the nodes accept password connections from. */
  clientCidr: string;
  walArchive?: WalArchive;
  processes: Record<string, Partial<Record<StartedComponent, ProcessRef>>>;
}

/** Per-region file layout. `postgres/` and `etcd/` belong to the postgres user. */
export function regionPaths(dir: string, region: string) {
  const root = join(dir, region);
  const pg = join(root, 'postgres');
  return {
    root,
    pg,
    dataDir: join(pg, 'data'),
    socketDir: join(pg, 'socket'),
    pgpassFile: join(pg, 'pgpass'),
    patroniConfig: join(pg, 'patroni.yml'),
    postBootstrapScript: join(pg, 'post-bootstrap.sh'),
    passwordFile: join(pg, 'steadfast-password'),
    etcdDir: join(root, 'etcd'),
    appDir: join(root, 'app'),
    logDir: join(root, 'logs'),
  };
}

export function secretsFile(dir: string): string {
  return join(dir, 'secrets.json');
}

export function stateFile(dir: string): string {
  return join(dir, stateFileName);
}

export function readState(dir: string): LabState {
  const file = stateFile(dir);
  if (!existsSync(file)) {
    throw new Error(`no lab in ${dir} (${file} is missing): start one with \`steadfast cluster up --dir ${dir}\``);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as LabState;
}

/** Atomic replace, so a reader never sees half a file. */
export function writeState(state: LabState): void {
  const file = stateFile(state.dir);
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n', { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}

export function readSecrets(dir: string): Secrets {
  return JSON.parse(readFileSync(secretsFile(dir), 'utf8')) as Secrets;
}

export function nodeSpec(r: LabRegion): NodeSpec {
  return { name: r.name, address: r.address, pgPort: r.pgPort, patroniPort: r.patroniPort,
    etcdClientPort: r.etcdClientPort, etcdPeerPort: r.etcdPeerPort };
}

export function findRegion(regions: LabRegion[], name: string): LabRegion {
  const region = regions.find((r) => r.name === name);
  if (!region) {
    throw new Error(`no region "${name}" in this lab: choose one of ${regions.map((r) => r.name).join(', ')}`);
  }
  return region;
}

/** The Lab handle for a state and its secrets. */
export function labFromState(state: LabState, secrets: Secrets): Lab {
  return {
    dir: state.dir,
    regions: state.regions,
    netns: state.netns,
    databaseUrl: databaseUrl(state.regions.map(nodeSpec), secrets.steadfastPassword),
    superuserUrl(region: string): string {
      const r = findRegion(state.regions, region);
      return `postgres://postgres:${encodeURIComponent(secrets.superuserPassword)}@${r.address}:${r.pgPort}/steadfast`;
    },
  };
}

/** Region i's address, counting on from the first one (e.g. 127.0.0.11, .12, .13). */
export function nthAddress(first: string, i: number): string {
  const octets = first.split('.').map(Number);
  const last = octets[3] + i;
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o)) || last > 254) {
    throw new Error(`cannot derive region address ${i + 1} from "${first}": give an IPv4 address like 127.0.0.11`);
  }
  return [...octets.slice(0, 3), last].join('.');
}

export function makeRegions(names: string[], firstAddress: string, netnsOf: (i: number) => string | null): LabRegion[] {
  return names.map((name, i) => {
    const address = nthAddress(firstAddress, i);
    return { name, address, netns: netnsOf(i), pgPort, patroniPort, etcdClientPort, etcdPeerPort,
      appPort, appUrl: `http://${address}:${appPort}` };
  });
}
