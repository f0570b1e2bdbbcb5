// The single-host supervisor behind `steadfast serve`: it owns the database (starting the
// embedded one), prepares it once (migrations, bank, demo), then runs HTTP workers that share
// the port. SIGHUP replaces the workers one at a time without dropping a request: a new worker
// is ready before the old one drains (finishes in-flight requests, answers new ones 503 with
// Retry-After) and exits. A worker that dies is replaced. SIGTERM/SIGINT stop everything.
import cluster, { type Worker } from 'node:cluster';

/** How long a new worker may take to listen, and an old one to drain, before it is killed. */
export const workerStartTimeoutMs = 60_000;
export const workerDrainTimeoutMs = 30_000;
/** Unexpected worker deaths tolerated per minute before the supervisor gives up (a crash loop). */
export const workerRestartsPerMinuteMax = 10;

export type WorkerMessage = { kind: 'ready' } | { kind: 'drain' };

export interface SupervisorOptions {
  workers: number;
  /** Environment each worker gets on top of the supervisor's own. */
  workerEnv: (slot: number) => Record<string, string>;
  log: (line: string) => void;
  /** Called once every worker has exited on SIGTERM/SIGINT: close the database. */
  shutdown: () => Promise<void>;
}

export function runSupervisor(o: SupervisorOptions): void {
  const slots = new Map<number, Worker>();
  const retiring = new Set<Worker>();
  const restarts: number[] = [];
  let stopping = false;
  let reloading = false;

  const start = (slot: number): Promise<Worker> => new Promise((resolve, reject) => {
    const w = cluster.fork({ ...o.workerEnv(slot), STEADFAST_WORKER_SLOT: String(slot) });
    const timer = setTimeout(() => { w.process.kill('SIGKILL'); reject(new Error(`worker ${slot} did not become ready within ${workerStartTimeoutMs / 1000} s`)); }, workerStartTimeoutMs);
    w.on('message', (m: WorkerMessage) => { if (m.kind === 'ready') { clearTimeout(timer); resolve(w); } });
    w.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (retiring.delete(w) || stopping) return;
      if (slots.get(slot) !== w) { reject(new Error(`worker ${slot} exited (${signal ?? code}) before it was ready`)); return; }
      o.log(`worker ${slot} (PID ${w.process.pid}) died (${signal ?? code}): starting another`);
      restarts.push(Date.now());
      while (restarts.length > 0 && restarts[0]! < Date.now() - 60_000) restarts.shift();
      if (restarts.length > workerRestartsPerMinuteMax) {
        o.log(`workers died ${restarts.length} times in a minute: stopping; see the errors above`);
        void stop('crash loop', 1);
        return;
      }
      start(slot).then((nw) => slots.set(slot, nw), (err) => o.log(String(err)));
    });
    slots.set(slot, w);
  });

  const retire = (w: Worker): Promise<void> => new Promise((resolve) => {
    if (w.isDead()) { resolve(); return; }
    retiring.add(w);
    const timer = setTimeout(() => w.process.kill('SIGKILL'), workerDrainTimeoutMs);
    w.once('exit', () => { clearTimeout(timer); resolve(); });
    w.send({ kind: 'drain' } satisfies WorkerMessage);
  });

  const reload = async () => {
    if (reloading || stopping) return;
    reloading = true;
    o.log('SIGHUP: replacing workers one at a time');
    try {
      for (const [slot, old] of [...slots]) {
        retiring.add(old); // from here its exit is expected
        slots.delete(slot);
        await start(slot);
        await retire(old);
        o.log(`worker ${slot} replaced`);
      }
    } catch (err) {
      o.log(`reload failed: ${err instanceof Error ? err.message : String(err)}; the workers still running keep serving`);
    } finally {
      reloading = false;
    }
  };

  const stop = async (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    o.log(`${why}: stopping`);
    await Promise.all([...slots.values()].map(retire));
    await o.shutdown();
    process.exit(code);
  };

  process.on('SIGHUP', () => void reload());
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  Promise.all(Array.from({ length: o.workers }, (_, i) => start(i + 1))).then(
    () => o.log(`${o.workers} worker${o.workers === 1 ? '' : 's'} serving; SIGHUP reloads them without dropping requests`),
    (err) => { o.log(String(err)); void stop('start failed', 1); },
  );
}

/** In a worker: tells the supervisor it listens, and drains when asked. */
export function serveAsWorker(drain: () => Promise<void>): void {
  process.send!({ kind: 'ready' } satisfies WorkerMessage);
  process.on('message', (m: WorkerMessage) => {
    if (m.kind === 'drain') void drain().finally(() => process.exit(0));
  });
  // Signals go to the supervisor, which drains the workers itself.
  process.on('SIGTERM', () => {});
  process.on('SIGINT', () => {});
}
