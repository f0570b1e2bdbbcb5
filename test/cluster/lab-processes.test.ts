// The lab's process handling on real processes: identity by PID + start time, descendants
// through /proc, and a stop that escalates to SIGKILL when SIGTERM is ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants, isAlive, processRef, signalAll, spawnDetached, stopProcesses, waitGone } from '../../src/cluster/processes.ts';

function shell(script: string, dir: string) {
  return spawnDetached({ command: '/bin/sh', args: ['-c', script], env: { PATH: '/usr/bin:/bin' }, cwd: dir,
    logFile: join(dir, 'out.log') });
}

test('a detached process is identified by PID and start time, with its descendants', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-proc-'));
  const ref = shell('sleep 300 & sleep 300 & wait', dir);
  t.after(() => { signalAll([...descendants([ref.pid]), ref.pid], 'SIGKILL'); rmSync(dir, { recursive: true, force: true }); });
  assert.ok(isAlive(ref));
  assert.deepEqual(processRef(ref.pid), ref);
  assert.equal(isAlive({ pid: ref.pid, startTicks: ref.startTicks + 1 }), false, 'a reused PID is not ours');
  const deadline = Date.now() + 5_000;
  while (descendants([ref.pid]).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(descendants([ref.pid]).length, 2);
  await stopProcesses([ref], 5_000);
  assert.equal(isAlive(ref), false);
});

test('a process that ignores SIGTERM is killed after the grace period', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-proc-'));
  const ref = shell('trap "" TERM; while :; do sleep 1; done', dir);
  t.after(() => { signalAll([...descendants([ref.pid]), ref.pid], 'SIGKILL'); rmSync(dir, { recursive: true, force: true }); });
  await new Promise((r) => setTimeout(r, 200));
  await stopProcesses([ref], 300);
  assert.equal(isAlive(ref), false);
  assert.equal(await waitGone([ref], 0), true);
});

test('a frozen process is thawed so that it acts on SIGTERM (not just SIGKILLed)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-proc-'));
  const ref = shell('trap "echo terminated > term.txt; exit 0" TERM; sleep 300 & wait', dir);
  t.after(() => { signalAll([...descendants([ref.pid]), ref.pid], 'SIGKILL'); rmSync(dir, { recursive: true, force: true }); });
  await new Promise((r) => setTimeout(r, 200));
  process.kill(ref.pid, 'SIGSTOP');
  await stopProcesses([ref], 10_000, 'SIGTERM');
  assert.equal(isAlive(ref), false);
  assert.equal(readFileSync(join(dir, 'term.txt'), 'utf8').trim(), 'terminated');
});
