// Detached processes of the lab: start, identify (PID + start time, so a reused PID is never
// mistaken for ours), find descendants through /proc, and stop with a bounded wait.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';

/** A process the lab started; startTicks guards against PID reuse. */
export interface ProcessRef {
  pid: number;
  startTicks: number;
}

/** How long a stop waits after SIGTERM before SIGKILL. */
export const stopGraceMs = 15_000;
/** How often a wait polls /proc. */
export const pollIntervalMs = 100;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Parent PID and start time from /proc/PID/stat, or null if the process is gone. */
function procStat(pid: number): { ppid: number; startTicks: number; state: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name may contain spaces and parentheses: fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], ppid: Number(fields[1]), startTicks: Number(fields[19]) };
}

/** The reference for a live PID (null if it is not running). */
export function processRef(pid: number): ProcessRef | null {
  const st = procStat(pid);
  return st ? { pid, startTicks: st.startTicks } : null;
}

/** True while the very process we started runs (a zombie counts as gone). */
export function isAlive(ref: ProcessRef | null | undefined): ref is ProcessRef {
  if (!ref) return false;
  const st = procStat(ref.pid);
  return st !== null && st.startTicks === ref.startTicks && st.state !== 'Z';
}

/** Every live descendant of the given PIDs (children, grandchildren, …). */
export function descendants(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = procStat(pid);
    if (!st || st.state === 'Z') continue;
    children.set(st.ppid, [...(children.get(st.ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export interface SpawnSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
}

/** Starts a process in its own process group with output appended to its log file. */
export function spawnDetached(spec: SpawnSpec): ProcessRef {
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', log, log],
    });
    child.unref();
    const ref = child.pid === undefined ? null : processRef(child.pid);
    if (!ref) throw new Error(`could not start ${spec.command}: see ${spec.logFile}`);
    return ref;
  } finally {
    closeSync(log);
  }
}

function signal(ref: ProcessRef, sig: NodeJS.Signals): void {
  if (!isAlive(ref)) return;
  try {
    process.kill(ref.pid, sig);
  } catch {
    // Exited between the check and the signal: nothing left to stop.
  }
}

/** Sends a signal to PIDs just listed from /proc (a gone one is skipped). */
export function signalAll(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Exited since it was listed.
    }
  }
}

/** Waits until none of the processes runs, or the time is up; true if all are gone. */
export async function waitGone(refs: ProcessRef[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (refs.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(pollIntervalMs);
  }
  return true;
}

/** `stop` (after SIGCONT, in case a drill froze them), a bounded wait, then SIGKILL. */
export async function stopProcesses(refs: ProcessRef[], graceMs = stopGraceMs,
  stop: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  for (const ref of refs) signal(ref, 'SIGCONT');
  for (const ref of refs) signal(ref, stop);
  if (await waitGone(refs, graceMs)) return;
  for (const ref of refs) signal(ref, 'SIGKILL');
  await waitGone(refs, graceMs);
}
