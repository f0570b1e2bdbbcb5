// The question bank as the app sees it: files on disk published into the database, and
// parsed questions cached by version (versions are immutable, so the cache never goes stale).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Sql } from 'postgres';
import {
  gradeAnswer, hintsFor, loadQuestion, makeVariant, QuestionFileError, type PartResult, type Question, type ReadingSettings, type Variant,
} from '../questions/index.ts';
import { findVersion, publishVersion } from '../store/bank.ts';

/** Parsed question versions kept in memory per process. */
export const questionCacheSizeMax = 2_000;
/** A bank folder with more files than this is refused (a mistake, such as pointing at /). */
export const bankFilesCountMax = 10_000;

export interface BankLoadReport { published: number; errors: QuestionFileError[] }

export function questionFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
      if (out.length > bankFilesCountMax) {
        throw new Error(`${dir} holds more than ${bankFilesCountMax} question files: point QUESTIONS_DIR at the bank folder`);
      }
    }
  };
  walk(dir);
  return out;
}

/** Rendered variants kept in memory per process (rendering math is the costly step of a page). */
export const variantCacheSizeMax = 20_000;

/** Explanations of logged answers kept in memory per process (see QuestionBank.explain). */
export const explanationCacheSizeMax = 20_000;

export interface Explanation { result: PartResult; hints: string[] }

export class QuestionBank {
  private readonly cache = new Map<string, Question>();
  private readonly variants = new Map<string, Variant>();
  private readonly explanations = new Map<string, Explanation>();
  constructor(private readonly sql: Sql) {}

  /** Publishes every question file under `dir` as the current version of its question. */
  async publishDir(dir: string): Promise<BankLoadReport> {
    const errors: QuestionFileError[] = [];
    let published = 0;
    for (const file of questionFilesIn(dir)) {
      let q: Question;
      try {
        q = loadQuestion(readFileSync(file, 'utf8'), relative(process.cwd(), file));
      } catch (err) {
        if (err instanceof QuestionFileError) { errors.push(err); continue; }
        throw err;
      }
      await publishVersion(this.sql, { version: q.version, questionId: q.id, title: q.title, topics: q.topics, source: q.source });
      this.remember(q);
      published++;
    }
    return { published, errors };
  }

  /** The parsed question of a version; throws if the version is unknown (a bug: variants pin known versions). */
  async get(version: string): Promise<Question> {
    const hit = this.cache.get(version);
    if (hit) return hit;
    const stored = await findVersion(this.sql, version);
    if (!stored) throw new Error(`question version ${version} is not in the database`);
    const q = loadQuestion(stored.source, `${stored.questionId}.md`);
    this.remember(q);
    return q;
  }

  /** The variant (version, seed) of a question, rendered once per process. */
  variant(q: Question, seed: number): Variant {
    const key = `${q.version}:${seed}`;
    let v = this.variants.get(key);
    if (!v) {
      v = makeVariant(q, seed);
      boundedSet(this.variants, key, v, variantCacheSizeMax);
    }
    return v;
  }

  /**
   * How a logged answer reads and what it was told (feedback, hints after `tries` graded tries),
   * kept once per process: a pure function of its key, explained again for every history view.
   */
  explain(q: Question, seed: number, partId: string, answer: string, tries: number, settings: ReadingSettings): Explanation {
    const key = JSON.stringify([q.version, seed, partId, answer, tries, settings.logBase]);
    let e = this.explanations.get(key);
    if (!e) {
      e = { result: gradeAnswer(q, seed, partId, answer, settings), hints: hintsFor(q, seed, partId, tries) };
      boundedSet(this.explanations, key, e, explanationCacheSizeMax);
    }
    return e;
  }

  private remember(q: Question): void {
    boundedSet(this.cache, q.version, q, questionCacheSizeMax);
  }
}

/** Inserts into a map used as a cache, evicting the oldest entry beyond `sizeMax`. */
function boundedSet<V>(map: Map<string, V>, key: string, value: V, sizeMax: number): void {
  if (map.size >= sizeMax) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
