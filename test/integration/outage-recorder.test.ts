// The outage record against a real PostgreSQL: windows open at the first failed commit,
// close at the next success, reach the journal first and the `outages` table once the
// database is writable, survive a restart of the app server, and are stored once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startTestDatabase } from '../support/pg.ts';
import { migrate } from '../../src/store/migrate.ts';
import { recentOutages, upsertOutage } from '../../src/store/outages.ts';
import { createOutageRecorder } from '../../src/cluster/outage-recorder.ts';

describe('outage recorder', () => {
  let db: Awaited<ReturnType<typeof startTestDatabase>>;
  let sql: postgres.Sql;
  let dir: string;
  // A database that refuses every connection: what an app server sees with no primary.
  const unreachable = postgres('postgres://nobody@127.0.0.1:1/none', { connect_timeout: 1, max: 1 });

  before(async () => {
    db = await startTestDatabase();
    sql = postgres(db.url, { max: 2, onnotice: () => {} });
    await migrate(sql);
    dir = mkdtempSync(join(tmpdir(), 'steadfast-outage-'));
  });
  after(async () => {
    await sql.end();
    await unreachable.end();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const clock = (...isoTimes: string[]) => {
    const times = isoTimes.map((t) => new Date(t));
    return () => times.shift() ?? new Date(0);
  };
  const byNode = async (node: string) => (await recentOutages(sql, 100)).filter((o) => o.node === node);

  it('stores one window from the first failure to the next success', async () => {
    const journalPath = join(dir, 'a', 'outages.jsonl');
    const rec = createOutageRecorder({ sql, region: 'us-east', node: 'app-a', journalPath,
      now: clock('2030-01-01T10:00:00Z', '2030-01-01T10:00:25Z') });
    rec.noteSuccess();
    rec.noteFailure(new Error('no primary'));
    rec.noteFailure(new Error('still no primary'));
    rec.noteFailure(new Error('failover in progress'));
    rec.noteSuccess();
    rec.noteSuccess();
    await rec.close();
    const [w, ...rest] = await byNode('app-a');
    assert.equal(rest.length, 0);
    assert.equal(w!.region, 'us-east');
    assert.equal(w!.startedAt.toISOString(), '2030-01-01T10:00:00.000Z');
    assert.equal(w!.endedAt?.toISOString(), '2030-01-01T10:00:25.000Z');
    assert.match(w!.detail, /^3 failed commit\(s\); first: no primary$/);
    const lines = readFileSync(journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.stored === true ? 'stored' : l.endedAt ? 'closed' : 'open'), ['open', 'closed', 'stored']);
  });

  it('keeps a window in the journal while the database is down and stores it after a restart', async () => {
    const journalPath = join(dir, 'b', 'outages.jsonl');
    const down = createOutageRecorder({ sql: unreachable, region: 'us-central', node: 'app-b', journalPath,
      now: clock('2030-01-02T10:00:00Z', '2030-01-02T10:00:09Z') });
    down.noteFailure(new Error('connection refused'));
    down.noteSuccess(); // the commit went through another path; storing the window still fails
    await down.close();
    assert.equal((await byNode('app-b')).length, 0);
    const restarted = createOutageRecorder({ sql, region: 'us-central', node: 'app-b', journalPath });
    await restarted.close();
    const [w] = await byNode('app-b');
    assert.equal(w?.endedAt?.toISOString(), '2030-01-02T10:00:09.000Z');
  });

  it('closes a window left open by a crash at the first success after restart', async () => {
    const journalPath = join(dir, 'c', 'outages.jsonl');
    const crashed = createOutageRecorder({ sql, region: 'ca-central', node: 'app-c', journalPath,
      now: clock('2030-01-03T10:00:00Z') });
    crashed.noteFailure(new Error('no primary'));
    await crashed.close(); // the process dies with the window open
    const restarted = createOutageRecorder({ sql, region: 'ca-central', node: 'app-c', journalPath,
      now: clock('2030-01-03T10:02:00Z') });
    restarted.noteSuccess();
    await restarted.close();
    const windows = await byNode('app-c');
    assert.equal(windows.length, 1);
    assert.equal(windows[0]!.startedAt.toISOString(), '2030-01-03T10:00:00.000Z');
    assert.equal(windows[0]!.endedAt?.toISOString(), '2030-01-03T10:02:00.000Z');
  });

  it('upserts idempotently by id and lists the latest windows first, within the limit', async () => {
    const base = { region: 'us-east', node: 'app-d', detail: 'x' };
    const first = { ...base, id: '00000000-0000-4000-8000-000000000001', startedAt: new Date('2030-02-01T00:00:00Z'), endedAt: null };
    const second = { ...base, id: '00000000-0000-4000-8000-000000000002', startedAt: new Date('2030-02-02T00:00:00Z'), endedAt: null };
    await upsertOutage(sql, first);
    await upsertOutage(sql, { ...first, endedAt: new Date('2030-02-01T00:01:00Z') });
    await upsertOutage(sql, first); // a late replay of the open state must not reopen the window
    await upsertOutage(sql, second);
    const windows = await byNode('app-d');
    assert.deepEqual(windows.map((w) => w.id), [second.id, first.id]);
    assert.equal(windows[1]!.endedAt?.toISOString(), '2030-02-01T00:01:00.000Z');
    assert.equal((await recentOutages(sql, 1)).length, 1);
  });
});
