// The lab's generated configuration: the safety-relevant settings, without starting anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { assertTimingSafe, labTiming, patroniConfig, productionTiming, etcdArgs, databaseUrl } from '../../src/cluster/topology.ts';
import { deploymentConfig, parsePeers } from '../../src/cluster/deploy-config.ts';
import { makeRegions, nodeSpec } from '../../src/cluster/lab-state.ts';
import { netnsPlan } from '../../src/cluster/netns.ts';

const peers = makeRegions(['us-east', 'us-central', 'ca-central'], '127.0.0.11', () => null).map(nodeSpec);
const paths = { dataDir: '/d', socketDir: '/s', pgpassFile: '/p', postBootstrapScript: '/b.sh' };
const creds = { superuserPassword: 'a', replicationPassword: 'b', rewindPassword: 'c' };

test('Patroni uses the etcd v2 API with strict synchronous replication, rewind, slots and checksums', () => {
  const c = patroniConfig(peers[0], peers, paths, creds, { timing: labTiming, clientCidrs: ['127.0.0.0/8'] }) as any;
  assert.equal(c.etcd3, undefined);
  assert.deepEqual(c.etcd.hosts, ['127.0.0.11:2379', '127.0.0.12:2379', '127.0.0.13:2379']);
  const dcs = c.bootstrap.dcs;
  assert.equal(dcs.synchronous_mode, true);
  assert.equal(dcs.synchronous_mode_strict, true);
  assert.equal(dcs.synchronous_node_count, 1);
  assert.equal(dcs.postgresql.use_pg_rewind, true);
  assert.equal(dcs.postgresql.use_slots, true);
  assert.equal(dcs.postgresql.parameters.wal_retrieve_retry_interval, '500ms');
  assert.ok(c.bootstrap.initdb.includes('data-checksums'));
  assert.equal(c.postgresql.parameters.unix_socket_directories, '/s');
  assert.equal(dcs.postgresql.parameters.archive_mode, undefined);
});

test('the WAL archive hook sets archiving from bootstrap', () => {
  const c = patroniConfig(peers[1], peers, paths, creds, { timing: labTiming, clientCidrs: ['127.0.0.0/8'],
    walArchive: { archiveCommand: 'pgbackrest --stanza=s archive-push %p', restoreCommand: 'pgbackrest archive-get %f "%p"' } }) as any;
  assert.equal(c.bootstrap.dcs.postgresql.parameters.archive_mode, 'on');
  assert.match(c.bootstrap.dcs.postgresql.parameters.archive_command, /pgbackrest/);
  assert.match(c.postgresql.recovery_conf.restore_command, /archive-get/);
});

test('timing must satisfy loop_wait + 2 × retry_timeout ≤ ttl', () => {
  assertTimingSafe(labTiming);
  assertTimingSafe(productionTiming);
  assert.throws(() => assertTimingSafe({ ...labTiming, ttlS: 6 }), /exceeds ttl 6/);
});

test('etcd enables the v2 API and lists every peer', () => {
  const args = etcdArgs(peers[2], peers, '/e', labTiming);
  assert.ok(args.includes('--enable-v2=true'));
  assert.ok(args.some((a) => a === '--initial-cluster=us-east=http://127.0.0.11:2380,us-central=http://127.0.0.12:2380,ca-central=http://127.0.0.13:2380'));
});

test('the app URL is multi-host, primary-only, with a short connect timeout', () => {
  const query = new URLSearchParams(databaseUrl(peers, 'p/w').split('?')[1]);
  assert.equal(query.get('target_session_attrs'), 'primary');
  assert.ok(Number(query.get('connect_timeout')) <= 5);
  assert.match(databaseUrl(peers, 'p/w'), /@127\.0\.0\.11:5432,127\.0\.0\.12:5432,127\.0\.0\.13:5432\/steadfast\?/);
});

test('cluster config prints Patroni, app and systemd configuration for one real host', () => {
  const text = deploymentConfig('us-central', parsePeers('us-east=10.1.0.5,us-central=10.2.0.5,ca-central=10.3.0.5'));
  const patroniYaml = text.split('# /etc/patroni/steadfast.yml (owner postgres, mode 0600)\n')[1].split('\n\n')[0];
  const c = parse(patroniYaml);
  assert.equal(c.name, 'us-central');
  assert.equal(c.restapi.listen, '10.2.0.5:8008');
  assert.equal(c.bootstrap.dcs.ttl, productionTiming.ttlS);
  assert.match(text, /steadfast-patroni\.service[\s\S]*KillMode=process/);
  assert.match(text, /REGION=us-central/);
  assert.throws(() => deploymentConfig('eu-west', parsePeers(undefined)), /not one of the peers/);
  assert.throws(() => parsePeers('a=1,b=2'), /three regions/);
});

test('netns names fit Linux interface names and differ between lab directories', () => {
  const a = netnsPlan('/work/main/.lab', 3);
  const b = netnsPlan('/tmp/other-lab', 3);
  for (const name of [...a.bridgeVeths, a.hostVeth, `${a.hostVeth}b`, `sf${a.subnetOctet}r2`]) assert.ok(name.length <= 15, name);
  assert.deepEqual(a, netnsPlan('/work/main/.lab', 3));
  assert.notEqual(a.bridgeNamespace, b.bridgeNamespace);
  assert.match(a.firstAddress, /^10\.77\.\d+\.11$/);
});
