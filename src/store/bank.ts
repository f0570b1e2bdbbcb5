// The question bank: every version ever used (immutable, by content hash) and the current one.
import type { Sql } from 'postgres';

export interface StoredVersion { version: string; questionId: string; title: string; topics: string[]; source: string }
export interface BankEntry { id: string; version: string; title: string; topics: string[] }

/** Records a question version (no-op if known) and makes it the current version of its question. */
export async function publishVersion(sql: Sql, v: StoredVersion): Promise<void> {
  await sql`
    WITH v AS (
      INSERT INTO question_versions (version, question_id, title, topics, source)
      VALUES (${v.version}, ${v.questionId}, ${v.title}, ${v.topics}, ${v.source})
      ON CONFLICT (version) DO NOTHING)
    INSERT INTO questions (id, current_version) VALUES (${v.questionId}, ${v.version})
    ON CONFLICT (id) DO UPDATE SET current_version = EXCLUDED.current_version, updated_at = now()
    WHERE questions.current_version <> EXCLUDED.current_version`;
}

export async function findVersion(sql: Sql, version: string): Promise<StoredVersion | null> {
  const [row] = await sql`
    SELECT version, question_id, title, topics, source FROM question_versions WHERE version = ${version}`;
  return row
    ? { version: row.version, questionId: row.question_id, title: row.title, topics: row.topics, source: row.source }
    : null;
}

export async function currentVersionOf(sql: Sql, questionId: string): Promise<string | null> {
  const [row] = await sql`SELECT current_version FROM questions WHERE id = ${questionId}`;
  return row ? row.current_version : null;
}

/** Bank search by title, topic and text; an empty query lists everything. */
export async function searchBank(sql: Sql, query: string, limit: number): Promise<BankEntry[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  const rows = await sql`
    SELECT q.id, v.version, v.title, v.topics FROM questions q
    JOIN question_versions v ON v.version = q.current_version
    WHERE ${query === ''}
       OR v.title ILIKE ${pattern} OR q.id ILIKE ${pattern} OR v.source ILIKE ${pattern}
       OR EXISTS (SELECT 1 FROM unnest(v.topics) t WHERE t ILIKE ${pattern})
    ORDER BY v.title, q.id LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, topics: r.topics }));
}
