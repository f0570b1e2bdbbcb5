// Records the windows in which this app server could not commit (issue 4, DESIGN §2).
// A window opens at the first retryable commit failure and closes at the next successful
// commit. Each change is first appended to a local journal (JSON lines, fsync), because
// the database is exactly what is unavailable while a window is open; the closed window
// is then upserted into `outages` (idempotent by id) as soon as commits succeed again.
// A window still open when the process died is adopted on restart and closed by the next
// success: the server could not commit in between either.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Sql } from 'postgres';
import { upsertOutage, type Outage } from '../store/outages.ts';

/** Longest detail text kept for one window (characters). */
export const outageDetailLengthMax = 500;
/** Journal lines read back on start; older windows were stored long ago. */
export const outageJournalReplayLinesMax = 10_000;
/** How long close() waits for windows still being written to the database. */
export const outageCloseTimeoutMs = 5_000;

export interface OutageRecorder {
  /** A commit failed with a retryable database error (no primary, failover...). */
  noteFailure(err: unknown): void;
  /** A commit succeeded: closes the open window and stores pending ones. */
  noteSuccess(): void;
  /** Waits (bounded) for pending database writes and closes the journal. */
  close(): Promise<void>;
}

export interface OutageRecorderOptions {
  sql: Sql;
  region: string;
  node: string;
  journalPath: string;
  now?: () => Date;
}

/** One journal line: a window's latest state, or a note that it is in the database. */
type JournalLine =
  | { id: string; region: string; node: string; startedAt: string; endedAt: string | null; detail: string }
  | { id: string; stored: true };

interface OpenWindow { outage: Outage; failures: number; firstMessage: string }

export function createOutageRecorder(opts: OutageRecorderOptions): OutageRecorder {
  const now = opts.now ?? (() => new Date());
  const { pending, open: adopted } = replayJournal(opts.journalPath);
  mkdirSync(dirname(opts.journalPath), { recursive: true });
  const fd = openSync(opts.journalPath, 'a');
  let open: OpenWindow | null = adopted
    ? { outage: adopted, failures: 1, firstMessage: `${adopted.detail} (the server restarted during the window)` }
    : null;
  let flushing: Promise<void> | null = null;
  let closed = false;

  const journal = (line: JournalLine): void => {
    writeSync(fd, JSON.stringify(line) + '\n');
    fsyncSync(fd);
  };

  // Stores closed windows one by one; a failure leaves the rest for the next success.
  const flush = (): void => {
    if (flushing || pending.size === 0) return;
    flushing = (async () => {
      for (const outage of pending.values()) {
        try { await upsertOutage(opts.sql, outage); } catch { return; }
        pending.delete(outage.id);
        if (!closed) journal({ id: outage.id, stored: true });
      }
    })().finally(() => { flushing = null; });
  };

  flush(); // windows journaled before a restart are stored as soon as the database answers
  return {
    noteFailure(err) {
      if (closed) return;
      if (open) { open.failures += 1; return; }
      const message = err instanceof Error ? err.message : String(err);
      const outage: Outage = {
        id: randomUUID(), region: opts.region, node: opts.node,
        startedAt: now(), endedAt: null, detail: truncate(message),
      };
      open = { outage, failures: 1, firstMessage: message };
      journal(toLine(outage));
    },
    noteSuccess() {
      if (closed) return;
      if (open) {
        const detail = `${open.failures} failed commit(s); first: ${open.firstMessage}`;
        const outage = { ...open.outage, endedAt: now(), detail: truncate(detail) };
        open = null;
        journal(toLine(outage));
        pending.set(outage.id, outage);
      }
      flush();
    },
    async close() {
      if (closed) return;
      const waited = flushing ?? Promise.resolve();
      await Promise.race([waited, new Promise((r) => setTimeout(r, outageCloseTimeoutMs).unref())]);
      closed = true;
      closeSync(fd);
    },
  };
}

function truncate(text: string): string {
  return text.length <= outageDetailLengthMax ? text : text.slice(0, outageDetailLengthMax - 1) + '…';
}

function toLine(o: Outage): JournalLine {
  return {
    id: o.id, region: o.region, node: o.node, startedAt: o.startedAt.toISOString(),
    endedAt: o.endedAt ? o.endedAt.toISOString() : null, detail: o.detail,
  };
}

/** Folds the journal into closed windows not yet stored, and the window left open (if any). */
function replayJournal(path: string): { pending: Map<string, Outage>; open: Outage | null } {
  const latest = new Map<string, Outage>();
  if (existsSync(path)) {
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const text of lines.slice(-outageJournalReplayLinesMax)) {
      let line: JournalLine;
      try { line = JSON.parse(text) as JournalLine; } catch { continue; } // torn last line after a crash
      if ('stored' in line) { latest.delete(line.id); continue; }
      latest.set(line.id, {
        ...line, startedAt: new Date(line.startedAt),
        endedAt: line.endedAt === null ? null : new Date(line.endedAt),
      });
    }
  }
  const pending = new Map<string, Outage>();
  let open: Outage | null = null;
  for (const o of latest.values()) {
    if (o.endedAt === null && open === null) open = o;
    else pending.set(o.id, o);
  }
  return { pending, open };
}
