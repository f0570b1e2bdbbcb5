// Score projection: from credited attempts to question, slot and assignment scores,
// and the regrade diff between stored projections and recomputed ones.
import { clampUnit } from './attempts.ts';

/** Scores closer than this are the same score: float noise is not a regrade change. */
export const scoreEpsilon = 1e-9;

export interface PartAttemptScore { partId: string; credited: number; serverTime: Date }
/** fraction in [0,1]; perPart holds the best credited score of every part (0 if none). */
export interface QuestionScore { fraction: number; perPart: Record<string, number> }

/**
 * Best credited attempt per part, weighted by part weight. Attempts on parts the question
 * no longer has (a part removed by a fix) are ignored, so a regrade follows the new version.
 */
export function projectQuestionScore(
  parts: readonly { id: string; weight: number }[],
  attempts: readonly PartAttemptScore[],
): QuestionScore {
  const perPart: Record<string, number> = {};
  for (const p of parts) {
    if (!(Number.isFinite(p.weight) && p.weight >= 0)) throw new Error(`projectQuestionScore: part "${p.id}" has weight ${p.weight}; weights must be finite and non-negative (fix the question file).`);
    perPart[p.id] = 0;
  }
  for (const a of attempts) {
    const best = perPart[a.partId];
    if (best !== undefined) perPart[a.partId] = Math.max(best, clampUnit(a.credited));
  }
  const totalWeight = parts.reduce((sum, p) => sum + p.weight, 0);
  if (totalWeight === 0) return { fraction: 0, perPart };
  const earned = parts.reduce((sum, p) => sum + p.weight * (perPart[p.id] ?? 0), 0);
  return { fraction: clampUnit(earned / totalWeight), perPart };
}

export interface SlotScore { slotId: string; points: number; fraction: number }

/** Points earned and possible over an assignment's slots. */
export function assignmentTotal(slots: readonly SlotScore[]): { earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const s of slots) {
    earned += s.points * clampUnit(s.fraction);
    possible += s.points;
  }
  return { earned, possible };
}

export interface ScoreRow { studentId: string; slotId: string; fraction: number }
export interface RegradeChange { studentId: string; slotId: string; before: number; after: number }

/**
 * Changes from stored projections (`before`) to recomputed ones (`after`), sorted by
 * student then slot. A row present on one side only counts as 0 on the other.
 */
export function diffScores(before: readonly ScoreRow[], after: readonly ScoreRow[]): RegradeChange[] {
  const beforeByKey = indexRows(before, 'before');
  const afterByKey = indexRows(after, 'after');
  const changes: RegradeChange[] = [];
  for (const key of new Set([...beforeByKey.keys(), ...afterByKey.keys()])) {
    const b = beforeByKey.get(key);
    const a = afterByKey.get(key);
    const row = (a ?? b)!;
    const change = { studentId: row.studentId, slotId: row.slotId, before: b?.fraction ?? 0, after: a?.fraction ?? 0 };
    if (Math.abs(change.after - change.before) > scoreEpsilon) changes.push(change);
  }
  return changes.sort((x, y) => compareStrings(x.studentId, y.studentId) || compareStrings(x.slotId, y.slotId));
}

function indexRows(rows: readonly ScoreRow[], side: string): Map<string, ScoreRow> {
  const byKey = new Map<string, ScoreRow>();
  for (const r of rows) {
    const key = JSON.stringify([r.studentId, r.slotId]);
    if (byKey.has(key)) throw new Error(`diffScores: ${side} has two rows for student ${r.studentId}, slot ${r.slotId} (a bug in the caller).`);
    byKey.set(key, r);
  }
  return byKey;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
