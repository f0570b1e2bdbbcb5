// What every route handler can reach: the database, the question bank, where this server runs.
import type { Database } from '../store/db.ts';
import type { QuestionBank } from '../app/bank.ts';

export interface OutageRecorder { noteFailure(err: unknown): void; noteSuccess(): void; close(): Promise<void> }

export interface ServerContext {
  db: Database;
  bank: QuestionBank;
  region: string;
  node: string;
  /** App server URLs of every region, for the browser outbox to rotate through (GET /api/config). */
  regionEndpoints: string[];
  outages: OutageRecorder;
  /** Set cookies with the Secure attribute (behind HTTPS). */
  secureCookies: boolean;
  /**
   * The session cookie's Domain (e.g. "example.edu" when regions are us.example.edu and
   * ca.example.edu), so that every region's endpoint receives it; null: this host only.
   */
  cookieDomain: string | null;
  /** Sign-in attempts allowed per client address per minute. */
  loginPerAddressPerMinuteMax: number;
  /** Set while this server drains before it stops: new requests get 503 and go elsewhere. */
  draining: boolean;
}
