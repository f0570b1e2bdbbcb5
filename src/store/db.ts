// The one place that decides which PostgreSQL Steadfast uses: the embedded one under
// DATA_DIR (default), or an external one named by DATABASE_URL, possibly a multi-host URL
// of a Patroni cluster. Everything else gets a postgres.js pool and never knows which.
import { connect as tcpConnect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import postgres, { type Sql } from 'postgres';
import { embeddedPortDefault, startEmbedded } from './embedded.ts';

/**
 * Seconds to open one connection (TCP + authentication) to one host before trying the next,
 * unless the URL sets `connect_timeout` (libpq's parameter, whole seconds, 1 to connectTimeoutSMax).
 */
export const connectTimeoutS = 5;
export const connectTimeoutSMax = 60;
/** Connections in the pool unless the caller asks otherwise. */
export const poolMaxDefault = 10;
/** Seconds an unused connection stays open; short, so a failover leaves few stale connections. */
export const idleTimeoutS = 60;
/** Seconds close() lets running queries finish before it cuts their connections. */
export const poolEndTimeoutS = 2;
/**
 * Milliseconds a connection may wait for any reply to a request it sent before it is
 * dropped as dead. Bounds a query against a frozen server (SIGSTOP, stuck disk), which TCP
 * keepalive never detects; a single statement that runs longer than this is cut too.
 */
export const responseTimeoutMs = 60_000;
/** After failed connects, postgres.js waits base × 2^failures seconds, at most max (its own cap is 20 s). */
export const reconnectBackoffBaseS = 0.05;
export const reconnectBackoffMaxS = 1;
/** How often each connection checks the response bound (so it fires up to this much late). */
export const responseCheckIntervalMs = 1_000;
/** DATA_DIR when the caller gives none. */
export const dataDirDefault = './data';

export interface Database {
  sql: Sql;
  kind: 'embedded' | 'external';
  /** Where the data lives, for logs and /readyz; never contains a password. */
  describe: string;
  /** Ends the pool; for the embedded database also stops the server. Idempotent. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** DATA_DIR: where the embedded database keeps its files. */
  dataDir?: string;
  /** DATABASE_URL: use this PostgreSQL instead of the embedded one. */
  databaseUrl?: string;
  log?: (line: string) => void;
  poolMax?: number;
  /** Overrides responseTimeoutMs (tests use a short one). */
  responseTimeoutMs?: number;
  /** EMBEDDED_PG_PORT; when absent, the environment variable, then embeddedPortDefault. */
  embeddedPort?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const url = opts.databaseUrl?.trim();
  if (url) {
    const target = parseTarget(url);
    return database(createPool(url, target, opts), 'external', describeExternal(target), async () => {});
  }
  const dataDir = opts.dataDir || dataDirDefault;
  const server = await startEmbedded({ dataDir, port: embeddedPort(opts), log: opts.log ?? (() => {}) });
  const describe = `embedded PostgreSQL ${server.version} at 127.0.0.1:${server.port} (data in ${server.pgDir})`;
  return database(createPool(server.url, parseTarget(server.url), opts), 'embedded', describe, server.stop);
}

function database(sql: Sql, kind: Database['kind'], describe: string, stopServer: () => Promise<void>): Database {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= sql.end({ timeout: poolEndTimeoutS }).finally(stopServer));
  return { sql, kind, describe, close };
}

function embeddedPort(opts: OpenOptions): number {
  const raw = opts.embeddedPort ?? process.env.EMBEDDED_PG_PORT ?? embeddedPortDefault;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a TCP port number from 1 to 65535, not "${raw}".`);
  }
  return port;
}

interface Host { host: string; port: number }
interface Target { hosts: Host[]; database: string; user: string; sessionAttrs: string | undefined; connectTimeoutS: number }

/** Reads the host list the way libpq and postgres.js do: `h1:5432,h2,h3:5433` (no IPv6 literals). */
export function parseTarget(url: string): Target {
  try {
    const rest = url.slice(url.indexOf('://') + 3);
    const authority = decodeURIComponent(rest.split(/[/?]/)[0]!);
    const hostList = authority.slice(authority.lastIndexOf('@') + 1);
    const hosts = hostList.split(',').map((h) => {
      const [host, port] = h.split(':');
      return { host: host || 'localhost', port: Number(port || 5432) };
    });
    const parsed = new URL(url.replace(hostList, hostList.split(',')[0]!));
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('scheme');
    if (hosts.some((h) => !Number.isInteger(h.port) || h.port < 1 || h.port > 65535)) throw new Error('port');
    const sessionAttrs = parsed.searchParams.get('target_session_attrs') ?? undefined;
    const timeout = Number(parsed.searchParams.get('connect_timeout') ?? connectTimeoutS);
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > connectTimeoutSMax) throw new Error('connect_timeout');
    return { hosts, database: decodeURIComponent(parsed.pathname.slice(1)), user: decodeURIComponent(parsed.username), sessionAttrs, connectTimeoutS: timeout };
  } catch {
    // Never echo the URL: it may hold a password.
    throw new Error('DATABASE_URL must look like postgres://USER:PASSWORD@HOST:PORT[,HOST:PORT...]/DATABASE' +
      '[?target_session_attrs=primary&connect_timeout=SECONDS]: check its scheme, hosts and ports (and connect_timeout, ' +
      `1 to ${connectTimeoutSMax}), and URL-encode special characters in the password.`);
  }
}

function describeExternal(t: Target): string {
  const hosts = t.hosts.map((h) => `${h.host}:${h.port}`).join(', ');
  return `external PostgreSQL at ${hosts} (database ${t.database || '(default)'}, user ${t.user || '(default)'}` +
    `${t.sessionAttrs ? `, target_session_attrs=${t.sessionAttrs}` : ''})`;
}

/**
 * postgres.js gets a single host and our socket factory, which walks the real host list.
 * With several hosts and no primary, postgres.js itself would retry forever; the factory
 * instead gives up after one pass, so the query fails with an error callers can retry.
 */
function createPool(url: string, target: Target, opts: OpenOptions): Sql {
  const first = target.hosts[0]!;
  const options = {
    host: first.host, port: first.port,
    max: opts.poolMax ?? poolMaxDefault, connect_timeout: target.connectTimeoutS, idle_timeout: idleTimeoutS,
    backoff: (attempt: number) => Math.min(reconnectBackoffBaseS * 2 ** attempt, reconnectBackoffMaxS),
    onnotice: () => {},
  };
  return postgres(url, withSocket(options, () => openToPrimary(url, target, opts.responseTimeoutMs ?? responseTimeoutMs)));
}

/** postgres.js supports a `socket` factory option that its type definitions omit. */
function withSocket(options: postgres.Options<{}>, socket: () => Promise<Socket>): postgres.Options<{}> {
  return { ...options, socket } as postgres.Options<{}>;
}

/** An error no host could serve; retryable: a failover or restart is likely under way. */
export class NoPrimaryError extends Error {
  readonly code = 'NO_PRIMARY';
}

/**
 * One pass over the hosts in order. Failure comes back as a socket that errors at once:
 * postgres.js then rejects the waiting query and frees the connection slot, whereas a
 * thrown error would leave the slot stuck in "connecting" forever.
 */
async function openToPrimary(url: string, target: Target, timeoutMs: number): Promise<Socket> {
  const failures: string[] = [];
  for (const h of target.hosts) {
    try {
      if (wantsPrimary(target)) await assertPrimary(url, h, target.connectTimeoutS);
      return dropAfterReadOnlyError(watchResponses(await openSocket(h, target.connectTimeoutS), timeoutMs));
    } catch (err) {
      if (!isRetryableDbError(err)) return failedSocket(err as Error);
      failures.push(`${h.host}:${h.port}: ${(err as Error).message}`);
    }
  }
  return failedSocket(new NoPrimaryError(`No database host could serve this request (${failures.join('; ')}); ` +
    `the database may be failing over or restarting: retry in a few seconds.`));
}

/**
 * Fails only after postgres.js has flushed its first write: closing earlier leaves its
 * write timer set (postgres.js 3.4.9 bug) and that connection slot never writes again.
 */
function failedSocket(err: Error): Socket {
  const socket: Duplex = new Duplex({
    read() {},
    write(_chunk, _encoding, done) { done(); setImmediate(() => socket.destroy(err)); },
  });
  return socket as unknown as Socket;
}

function wantsPrimary(t: Target): boolean {
  return t.sessionAttrs === 'primary' || t.sessionAttrs === 'read-write';
}

/** Asks one host whether it is the primary, over a short-lived connection of its own. */
async function assertPrimary(url: string, h: Host, timeoutS: number): Promise<void> {
  const probe = postgres(withoutSessionAttrs(url), withSocket({
    host: h.host, port: h.port, max: 1, connect_timeout: timeoutS, fetch_types: false, onnotice: () => {},
  }, async () => watchResponses(await openSocket(h, timeoutS), timeoutS * 1000)));
  try {
    const [row] = await probe`SELECT pg_catalog.pg_is_in_recovery() AS standby`;
    if (row!.standby) throw Object.assign(new Error('a standby, not the primary'), { code: '25006' });
  } finally {
    await probe.end({ timeout: 0 });
  }
}

/** The probe checks by itself; postgres.js's own check would loop on a standby forever. */
function withoutSessionAttrs(url: string): string {
  return url.replace(/([?&])target_session_attrs=[^&]*&?/, '$1').replace(/[?&]$/, '');
}

function openSocket(h: Host, timeoutS: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: h.host, port: h.port, timeout: timeoutS * 1000 });
    socket.once('connect', () => { socket.setTimeout(0); socket.removeAllListeners(); resolve(socket); });
    socket.once('timeout', () => {
      socket.destroy();
      reject(Object.assign(new Error(`no TCP connection within ${timeoutS} s`), { code: 'ETIMEDOUT' }));
    });
    socket.once('error', reject);
  });
}

/**
 * Drops the connection when a request goes unanswered for `timeoutMs`: a request is
 * pending while bytes were written after the last bytes read. Plain TCP only: postgres.js
 * removes every listener when it upgrades to TLS, and then this watch ends quietly.
 */
function watchResponses(socket: Socket, timeoutMs: number): Socket {
  let writtenAtRead = socket.bytesWritten;
  let waitingSince = 0;
  socket.on('data', () => { writtenAtRead = socket.bytesWritten; waitingSince = 0; });
  const timer = setInterval(() => {
    if (socket.destroyed || socket.listenerCount('data') === 0) return clearInterval(timer);
    if (socket.bytesWritten <= writtenAtRead) return;
    waitingSince ||= Date.now();
    if (Date.now() - waitingSince < timeoutMs) return;
    clearInterval(timer);
    socket.destroy(Object.assign(new Error(`the database did not answer within ${timeoutMs} ms; ` +
      'the connection was dropped: retry'), { code: 'RESPONSE_TIMEOUT' }));
  }, Math.min(responseCheckIntervalMs, timeoutMs));
  timer.unref();
  return closeBeforeRetry(socket);
}

/** SQLSTATE 25006 as it appears in an ErrorResponse (text data never contains a NUL byte). */
const readOnlyErrorField = Buffer.from('\0C25006\0');
/** ReadyForQuery, idle (no transaction open): the connection can be closed without losing work. */
const readyIdleMessage = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

/**
 * A connection that hit 25006 is on a server that no longer takes writes (a demoted or
 * fenced primary): close it at its next idle point, before the caller can retry on it,
 * so the retry opens a new connection, to the new primary. Best effort (an error split
 * across TCP reads is missed); plain TCP only, like watchResponses.
 */
function dropAfterReadOnlyError(socket: Socket): Socket {
  let doomed = false;
  socket.on('data', (chunk: Buffer) => {
    doomed ||= chunk.includes(readOnlyErrorField);
    if (!doomed || !chunk.subarray(-readyIdleMessage.length).equals(readyIdleMessage)) return;
    // nextTick runs after postgres.js has read this chunk and before its callers' promise callbacks.
    process.nextTick(() => { socket.destroy(); socket.emit('close', false); });
  });
  return socket;
}

/**
 * Delivers a socket error together with the close that follows it. postgres.js fails its
 * queries on 'error' but frees the connection only on 'close', which Node emits a turn
 * later; a caller retrying at once would queue on the dead connection and wait forever.
 */
function closeBeforeRetry(socket: Socket): Socket {
  const emit = socket.emit.bind(socket);
  let held: unknown;
  socket.emit = ((event: string, ...args: unknown[]) => {
    if (event === 'error') return (held ??= args[0], true);
    if (event !== 'close' || held === undefined) return emit(event, ...args);
    emit('error', held);
    return emit('close', false);
  }) as Socket['emit'];
  return socket;
}

/** SQLSTATEs and driver codes after which the same statement may succeed if simply retried. */
const retryableCodes = new Set([
  '25006', // read_only_sql_transaction: we reached a standby during a failover
  '57P01', '57P02', '57P03', // admin/crash shutdown, cannot connect now
  '40001', '40P01', // serialization failure, deadlock
  '53300', // too_many_connections
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'NO_PRIMARY', 'RESPONSE_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
]);

/**
 * True when the error says "the database was briefly unavailable" rather than "this
 * request is wrong". Retrying a write is only safe when it is idempotent (submission ids).
 */
export function isRetryableDbError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return retryableCodes.has(code) || code.startsWith('08');
}

/** True when the server this pool reaches is a primary (takes writes), not a standby. */
export async function acceptsWrites(sql: Sql): Promise<boolean> {
  const [row] = await sql`SELECT NOT pg_is_in_recovery() AS writable`;
  return row.writable as boolean;
}
