// Configuration of one region's engines (etcd member, Patroni + PostgreSQL node, app server),
// as pure functions shared by the lab and by `steadfast cluster config` for real hosts.
import { postgresBinDir } from './engines.ts';

/** One region's node: where each of its services listens. */
export interface NodeSpec {
  name: string;
  address: string;
  pgPort: number;
  patroniPort: number;
  etcdClientPort: number;
  etcdPeerPort: number;
}

/**
 * Patroni's failure-detection timing. Safety rule (Patroni docs, REGIONS-PROBE.md):
 * loopWaitS + 2 × retryTimeoutS ≤ ttlS, so a leader that cannot reach the DCS demotes
 * itself before its lease expires and another node may take over.
 */
export interface DcsTiming {
  ttlS: number;
  loopWaitS: number;
  retryTimeoutS: number;
  /** etcd raft heartbeat and election timeout. */
  etcdHeartbeatMs: number;
  etcdElectionMs: number;
}

/** Lab timing: ttl 10 lost no row in 18 probe runs and failed over in 13-15 s. */
export const labTiming: DcsTiming = {
  ttlS: 10, loopWaitS: 2, retryTimeoutS: 4, etcdHeartbeatMs: 100, etcdElectionMs: 1000,
};

/** Real three-region timing: Patroni's maintainers advise ttl ≥ 20 s over a WAN; etcd's tuning guide
 * advises heartbeat ≈ round trip and election ≈ 10 × heartbeat. */
export const productionTiming: DcsTiming = {
  ttlS: 20, loopWaitS: 4, retryTimeoutS: 8, etcdHeartbeatMs: 250, etcdElectionMs: 2500,
};

/** Throws unless the timing respects the lease rule above. */
export function assertTimingSafe(t: DcsTiming): void {
  if (t.loopWaitS + 2 * t.retryTimeoutS > t.ttlS) {
    throw new Error(`unsafe Patroni timing: loop_wait ${t.loopWaitS} + 2 × retry_timeout ${t.retryTimeoutS} ` +
      `exceeds ttl ${t.ttlS}; raise ttl or lower the others`);
  }
}

/**
 * WAL archiving hook for the backups work: set from bootstrap day one, because archiving
 * switched on after failovers refuses the old-timeline WAL that pg_rewind leaves behind.
 */
export interface WalArchive {
  /** PostgreSQL archive_command (must contain `pgbackrest` for pgBackRest). */
  archiveCommand: string;
  /** restore_command used by replicas and point-in-time recovery. */
  restoreCommand?: string;
}

export interface Credentials {
  superuserPassword: string;
  replicationPassword: string;
  rewindPassword: string;
}

/** Where one node keeps its files. */
export interface NodePaths {
  dataDir: string;
  /** Each node its own socket directory: several nodes on one host collide on the default. */
  socketDir: string;
  pgpassFile: string;
  postBootstrapScript: string;
}

export interface PatroniOptions {
  timing: DcsTiming;
  /** Address ranges (CIDR) allowed to connect to PostgreSQL with a password. */
  clientCidrs: string[];
  walArchive?: WalArchive;
}

/** Patroni cluster name (scope) shared by the three nodes. */
export const patroniScope = 'steadfast';
/** Largest replication lag (bytes) with which a replica may still be promoted. */
export const failoverLagBytesMax = 1024 * 1024;
/** Client connections per PostgreSQL node: three app servers' pools plus tools and drills. */
export const pgConnectionsMax = 200;

function etcdHosts(peers: NodeSpec[]): string[] {
  return peers.map((p) => `${p.address}:${p.etcdClientPort}`);
}

/** PostgreSQL parameters set cluster-wide in the DCS at bootstrap. */
function clusterParameters(opts: PatroniOptions): Record<string, string | number> {
  const params: Record<string, string | number> = {
    wal_level: 'replica', hot_standby: 'on', wal_log_hints: 'on',
    max_wal_senders: 10, max_replication_slots: 10, wal_keep_size: '256MB',
    max_connections: pgConnectionsMax,
    // The 5 s default added ~5 s to every failover (replica retried a missing slot).
    wal_retrieve_retry_interval: '500ms',
  };
  if (opts.walArchive) {
    params.archive_mode = 'on';
    params.archive_command = opts.walArchive.archiveCommand;
  }
  return params;
}

/** The Patroni YAML document (as an object) for one node. */
export function patroniConfig(node: NodeSpec, peers: NodeSpec[], paths: NodePaths,
  creds: Credentials, opts: PatroniOptions): Record<string, unknown> {
  assertTimingSafe(opts.timing);
  const t = opts.timing;
  const hba = [
    // Patroni and its post_bootstrap script connect as the OS user postgres over the socket.
    `local all postgres peer`,
    `local all all scram-sha-256`,
    ...opts.clientCidrs.map((cidr) => `host replication replicator ${cidr} scram-sha-256`),
    ...opts.clientCidrs.map((cidr) => `host all all ${cidr} scram-sha-256`),
  ];
  return {
    scope: patroniScope,
    name: node.name,
    restapi: { listen: `${node.address}:${node.patroniPort}`, connect_address: `${node.address}:${node.patroniPort}` },
    // The etcd v2 API: compare-and-set on TTL keys. The v3 code of Patroni 3.0.2 lost
    // acknowledged writes when a frozen leader woke (REGIONS-PROBE.md).
    etcd: { hosts: etcdHosts(peers), protocol: 'http' },
    bootstrap: {
      dcs: {
        ttl: t.ttlS, loop_wait: t.loopWaitS, retry_timeout: t.retryTimeoutS,
        maximum_lag_on_failover: failoverLagBytesMax,
        synchronous_mode: true, synchronous_mode_strict: true, synchronous_node_count: 1,
        postgresql: { use_pg_rewind: true, use_slots: true, parameters: clusterParameters(opts) },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
      post_bootstrap: paths.postBootstrapScript,
    },
    postgresql: {
      listen: `${node.address}:${node.pgPort}`,
      connect_address: `${node.address}:${node.pgPort}`,
      data_dir: paths.dataDir,
      bin_dir: postgresBinDir,
      pgpass: paths.pgpassFile,
      // A spread checkpoint made each new replica wait ~90 s for its base backup.
      basebackup: [{ checkpoint: 'fast' }],
      authentication: {
        superuser: { username: 'postgres', password: creds.superuserPassword },
        replication: { username: 'replicator', password: creds.replicationPassword },
        rewind: { username: 'rewinder', password: creds.rewindPassword },
      },
      parameters: { unix_socket_directories: paths.socketDir },
      ...(opts.walArchive?.restoreCommand
        ? { recovery_conf: { restore_command: opts.walArchive.restoreCommand } } : {}),
      pg_hba: hba,
    },
    // One node per region: whichever replica is synchronous, it is in another region.
    tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
  };
}

/** Command-line flags for one etcd member of a three-region cluster. */
export function etcdArgs(node: NodeSpec, peers: NodeSpec[], dataDir: string, timing: DcsTiming): string[] {
  const peerUrl = (p: NodeSpec) => `http://${p.address}:${p.etcdPeerPort}`;
  const clientUrl = `http://${node.address}:${node.etcdClientPort}`;
  return [
    `--name=${node.name}`, `--data-dir=${dataDir}`,
    `--listen-client-urls=${clientUrl}`, `--advertise-client-urls=${clientUrl}`,
    `--listen-peer-urls=${peerUrl(node)}`, `--initial-advertise-peer-urls=${peerUrl(node)}`,
    `--initial-cluster=${peers.map((p) => `${p.name}=${peerUrl(p)}`).join(',')}`,
    '--initial-cluster-state=new', `--initial-cluster-token=${patroniScope}-etcd`,
    `--heartbeat-interval=${timing.etcdHeartbeatMs}`, `--election-timeout=${timing.etcdElectionMs}`,
    // Patroni's etcd (v2) DCS code needs the v2 API, off by default in etcd 3.4.
    '--enable-v2=true',
  ];
}

/** Seconds an app server waits for a PostgreSQL connection before trying the next host. */
export const appConnectTimeoutS = 2;

/** The multi-host URL app servers use: whichever node is primary takes the writes. */
export function databaseUrl(peers: NodeSpec[], password: string): string {
  const hosts = peers.map((p) => `${p.address}:${p.pgPort}`).join(',');
  return `postgres://steadfast:${encodeURIComponent(password)}@${hosts}/steadfast` +
    `?target_session_attrs=primary&connect_timeout=${appConnectTimeoutS}`;
}

/** Shell script Patroni runs once after initdb: the application's role and database. */
export function postBootstrapScript(passwordFile: string): string {
  return `#!/bin/sh
# Patroni post_bootstrap: creates the Steadfast role and database. $1 is a superuser conninfo.
set -eu
password=$(cat '${passwordFile}')
${postgresBinDir}/psql -v ON_ERROR_STOP=1 -v pw="$password" "$1" <<'SQL'
CREATE ROLE steadfast LOGIN PASSWORD :'pw';
CREATE DATABASE steadfast OWNER steadfast;
SQL
`;
}
