// `steadfast cluster` as a user runs it: help, config for a real host, and clear refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { repoRoot } from '../../src/cluster/lab-region.ts';

function steadfast(...args: string[]) {
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), 'cluster', ...args],
    { cwd: repoRoot, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('cluster --help lists every command', () => {
  const r = steadfast('--help');
  assert.equal(r.code, 0);
  for (const c of ['up', 'status', 'down', 'switchover', 'config', 'drill']) assert.match(r.out, new RegExp(`^  ${c}`, 'm'));
});

test('cluster config prints one host of a real deployment', () => {
  const r = steadfast('config', '--region', 'ca-central', '--peers', 'us-east=10.1.0.5,us-central=10.2.0.5,ca-central=10.3.0.5');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^name: ca-central$/m);
  assert.match(r.out, /--enable-v2=true/);
  assert.match(r.out, /steadfast-app\.service/);
});

test('cluster commands refuse clearly, before touching anything', () => {
  const dir = join(tmpdir(), `no-lab-${process.pid}`);
  const status = steadfast('status', '--dir', dir);
  assert.equal(status.code, 1);
  assert.match(status.err, /no lab in .*cluster up --dir/);
  const up = steadfast('up', '--regions', 'us-east,us-central', '--dir', dir);
  assert.equal(up.code, 1);
  assert.match(up.err, /three regions/);
  assert.equal(existsSync(dir), false);
  assert.equal(steadfast('frobnicate').code, 2);
});
