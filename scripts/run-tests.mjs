#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (through tsx).
// Usage: node scripts/run-tests.mjs [suite ...]   suites: unit integration browser cluster
// With no suite, every suite runs, in that order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const SUITES = ['unit', 'integration', 'browser', 'cluster'];
const requested = process.argv.slice(2);
for (const s of requested) {
  if (!SUITES.includes(s)) {
    console.error(`unknown test suite "${s}": choose from ${SUITES.join(', ')}`);
    process.exit(2);
  }
}
const suites = requested.length > 0 ? requested : SUITES;

function testFiles(dir) {
  let out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(testFiles(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = suites.flatMap((s) => testFiles(join('test', s)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Unit tests run in parallel; suites that start servers or clusters run one file at a time.
const concurrency = suites.every((s) => s === 'unit') ? 2 : 1;
const r = spawnSync(process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit' });
process.exit(r.status ?? 1);
