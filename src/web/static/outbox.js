// The outbox (DESIGN §4): a submission is written to IndexedDB before it is sent and stays there
// until a server answers it. Network errors, timeouts and 5xx are retried with capped exponential
// backoff and full jitter, rotating through the region endpoints; a 2xx or a final 4xx removes it.
// The client-made UUID makes every retry safe: the server stores each submission once.
import { count, getAll, outboxStore, put, remove } from './idb.js';

/** A send that has not answered after this long is abandoned and retried. */
export const sendTimeoutMs = 10_000;
/** First retry delay; doubles per failed try up to retryDelayMaxMs (each delay is jittered in [0, cap]). */
export const retryDelayBaseMs = 1_000;
export const retryDelayMaxMs = 15_000;
/** Submissions one device may hold unsent; beyond this Submit refuses rather than risk the browser's quota. */
export const outboxEntriesMax = 500;
/** Statuses that are worth retrying although they are 4xx: the request timed out, or we were asked to slow down. */
const retryable4xx = new Set([408, 429]);

export class Outbox {
  /** onState(entry, state, detail): state is 'saving' | 'saved' | 'offline' | 'signed-out' | 'rejected'. */
  constructor({ userId, csrfToken, endpoints, onState }) {
    this.userId = userId;
    this.csrfToken = csrfToken;
    this.endpoints = endpoints;
    this.onState = onState;
    this.tries = 0;
    this.timer = null;
    this.running = false;
    addEventListener('online', () => this.kick(true));
  }

  /** Keeps the submission on this device, then sends it. Throws when the device cannot keep it. */
  async add(variantId, answers) {
    if ((await count(outboxStore)) >= outboxEntriesMax) {
      throw new Error(`This device already holds ${outboxEntriesMax} unsent answers: reconnect to send them first`);
    }
    const entry = { id: newUuid(), userId: this.userId, variantId, answers, capturedAt: new Date().toISOString() };
    await put(outboxStore, entry);
    this.onState(entry, 'saving');
    this.kick(true);
    return entry;
  }

  /** This user's unsent submissions, oldest first (another user's stay untouched on the device). */
  async pending() {
    const all = await getAll(outboxStore);
    return all.filter((e) => e.userId === this.userId).sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
  }

  /** Sends everything pending now (resetting the backoff when asked), unless a pass is already running. */
  kick(resetBackoff = false) {
    if (resetBackoff) this.tries = 0;
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) this.drain().catch(() => this.retryLater());
  }

  async drain() {
    this.running = true;
    try {
      const entries = await this.pending();
      for (const [i, entry] of entries.entries()) {
        const outcome = await this.sendOne(entry);
        if (outcome === 'sent') continue;
        // The ones behind it wait for the same site: say so rather than leave them "saving…".
        for (const later of entries.slice(i + 1)) this.onState(later, outcome === 'retry' ? 'offline' : 'signed-out');
        if (outcome === 'retry') this.retryLater();
        return;
      }
      this.tries = 0;
    } finally {
      this.running = false;
    }
  }

  retryLater() {
    const cap = Math.min(retryDelayMaxMs, retryDelayBaseMs * 2 ** Math.min(this.tries, 20));
    this.tries++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.random() * cap);
  }

  async sendOne(entry) {
    if (this.tries === 0) this.onState(entry, 'saving'); // on retries it stays "offline" rather than flicker
    const endpoint = this.endpoints[this.tries % this.endpoints.length];
    let res;
    try {
      res = await fetch(`${endpoint}/api/submissions`, {
        method: 'POST', credentials: 'include', signal: AbortSignal.timeout(sendTimeoutMs),
        headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrfToken },
        body: JSON.stringify({ id: entry.id, variantId: entry.variantId, answers: entry.answers, capturedAt: entry.capturedAt }),
      });
    } catch {
      this.onState(entry, 'offline');
      return 'retry';
    }
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      await remove(outboxStore, entry.id);
      this.onState(entry, 'saved', body);
      return 'sent';
    }
    if (res.status >= 500 || retryable4xx.has(res.status)) {
      this.onState(entry, 'offline');
      return 'retry';
    }
    if (res.status === 401 || body.code === 'csrf_token_invalid') {
      this.onState(entry, 'signed-out');
      return 'stop'; // kept: a fresh sign-in (and page load) sends it
    }
    await remove(outboxStore, entry.id);
    this.onState(entry, 'rejected', body);
    return 'sent';
  }
}

const endpointsKey = 'steadfast.endpoints';

/** This page's origin first, then the other regions' app endpoints (remembered for offline starts). */
export async function regionEndpoints() {
  let regions;
  try {
    const res = await fetch('/api/config', { signal: AbortSignal.timeout(3_000) });
    regions = (await res.json()).regions ?? [];
    localStorage.setItem(endpointsKey, JSON.stringify(regions));
  } catch {
    regions = JSON.parse(localStorage.getItem(endpointsKey) ?? '[]');
  }
  return [location.origin, ...regions.filter((r) => r !== location.origin)];
}

/** A v4 UUID; crypto.randomUUID needs a secure context, so fall back to getRandomValues. */
export function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
