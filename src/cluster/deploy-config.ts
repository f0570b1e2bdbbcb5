// `steadfast cluster config`: the configuration of one host of a real deployment (three hosts in
// three cloud regions), built by the same functions as the lab, plus its systemd units.
import { stringify } from 'yaml';
import { etcdBin, patroniBin } from './engines.ts';
import { defaultRegions, etcdClientPort, etcdPeerPort, patroniPort, pgPort, appPort } from './lab-state.ts';
import { databaseUrl, etcdArgs, patroniConfig, postBootstrapScript, productionTiming, type NodeSpec } from './topology.ts';

/** Placeholder addresses (RFC 5737 documentation ranges) printed when --peers is not given. */
const examplePeers = ['192.0.2.10', '198.51.100.10', '203.0.113.10'];
/** App servers' address range when --app-cidr is not given: replace it with the real one. */
export const exampleAppCidr = '10.0.0.0/8';

const paths = {
  dataDir: '/var/lib/postgresql/15/steadfast',
  socketDir: '/var/run/postgresql',
  pgpassFile: '/var/lib/postgresql/.pgpass-patroni',
  postBootstrapScript: '/etc/patroni/steadfast-post-bootstrap.sh',
  passwordFile: '/etc/steadfast/db-password',
  patroniConfig: '/etc/patroni/steadfast.yml',
  etcdDataDir: '/var/lib/etcd/steadfast',
  appEnvFile: '/etc/steadfast/app.env',
};

/** `--peers us-east=IP,us-central=IP,ca-central=IP` (default: the three regions on example addresses). */
export function parsePeers(text: string | undefined): NodeSpec[] {
  const pairs = text
    ? text.split(',').map((p) => p.split('=').map((s) => s.trim()))
    : defaultRegions.map((name, i) => [name, examplePeers[i]]);
  if (pairs.length !== 3 || pairs.some((p) => p.length !== 2 || !p[0] || !p[1])) {
    throw new Error(`--peers needs three regions as name=address, e.g. ${defaultRegions.map((n, i) => `${n}=${examplePeers[i]}`).join(',')}`);
  }
  return pairs.map(([name, address]) => ({ name, address, pgPort, patroniPort, etcdClientPort, etcdPeerPort }));
}

function units(node: NodeSpec, peers: NodeSpec[]): string {
  return `# /etc/systemd/system/steadfast-etcd.service
[Unit]
Description=etcd member ${node.name} (Patroni's DCS for Steadfast)
After=network-online.target
[Service]
User=etcd
ExecStart=${etcdBin} ${etcdArgs(node, peers, paths.etcdDataDir, productionTiming).join(' \\\n  ')}
Restart=always
[Install]
WantedBy=multi-user.target

# /etc/systemd/system/steadfast-patroni.service
[Unit]
Description=Patroni (PostgreSQL 15) node ${node.name}
After=network-online.target steadfast-etcd.service
[Service]
User=postgres
ExecStart=${patroniBin} ${paths.patroniConfig}
ExecReload=/bin/kill -HUP $MAINPID
# Patroni stops PostgreSQL itself; systemd must not kill the postmaster behind its back.
KillMode=process
TimeoutSec=30
Restart=no
[Install]
WantedBy=multi-user.target

# /etc/systemd/system/steadfast-app.service
[Unit]
Description=Steadfast app server (${node.name})
After=network-online.target
[Service]
User=steadfast
WorkingDirectory=/opt/steadfast
EnvironmentFile=${paths.appEnvFile}
ExecStart=/usr/bin/node --import tsx /opt/steadfast/src/cli/main.ts serve
Restart=always
[Install]
WantedBy=multi-user.target`;
}

/** Everything one region's host needs, as one printable text. */
export function deploymentConfig(region: string, peers: NodeSpec[], appCidr = exampleAppCidr): string {
  const node = peers.find((p) => p.name === region);
  if (!node) throw new Error(`--region ${region} is not one of the peers (${peers.map((p) => p.name).join(', ')})`);
  const creds = { superuserPassword: '<superuser password>', replicationPassword: '<replication password>',
    rewindPassword: '<rewind password>' };
  const patroni = patroniConfig(node, peers, paths, creds,
    { timing: productionTiming, clientCidrs: [...peers.map((p) => `${p.address}/32`), appCidr] });
  const appEnv = [
    `DATABASE_URL=${databaseUrl(peers, '<steadfast password>')}`,
    `HOST=0.0.0.0`, `PORT=${appPort}`, `REGION=${node.name}`, `DATA_DIR=/var/lib/steadfast`,
    `SECURE_COOKIES=1`, `REGION_ENDPOINTS=<https URL of each region's app, comma-separated>`,
  ].join('\n');
  return [
    `# Steadfast region ${node.name} (${node.address}); peers: ${peers.map((p) => `${p.name}=${p.address}`).join(', ')}`,
    `# Replace every <…> placeholder; keep passwords in files readable only by their service.`,
    `# Timing: ttl ${productionTiming.ttlS} s, loop_wait ${productionTiming.loopWaitS} s, retry_timeout ${productionTiming.retryTimeoutS} s (docs/regions.md).`,
    '', `# ${paths.patroniConfig} (owner postgres, mode 0600)`, stringify(patroni).trimEnd(),
    '', `# ${paths.postBootstrapScript} (owner postgres, mode 0700); ${paths.passwordFile} holds the steadfast password`,
    postBootstrapScript(paths.passwordFile).trimEnd(),
    '', `# ${paths.appEnvFile} (mode 0600)`, appEnv,
    '', units(node, peers),
  ].join('\n');
}
