// Attempt history as shown: the log keeps what was typed and what was decided; the explanation
// (feedback, how the answer was read, hints unlocked, attempts left) is recomputed here from the
// pinned question version and seed. Grading is a pure function of (version, seed, answer), so the
// explanation is the one the student saw when the attempt was made — unless the grader's code or
// the course's log base has changed since (then it explains with today's; the logged scores stay
// as decided until a regrade).
import type { CourseSettings } from '../store/courses.ts';
import type { LoggedSubmission, StoredPartResult, StoredSubmission } from '../store/submissions.ts';
import type { QuestionBank } from './bank.ts';

export interface PresentContext {
  logBase: CourseSettings['logBase'];
  /** The assignment's attempts per part (null = unlimited), for "attempts left". */
  attemptsMax: number | null;
}

/**
 * Explains logged submissions. `logged` must be oldest first and hold every earlier submission
 * of each variant it contains (hints and attempts left count the graded tries before each one).
 */
export async function presentSubmissions(
  bank: QuestionBank, logged: readonly LoggedSubmission[], ctx: PresentContext,
): Promise<StoredSubmission[]> {
  const triesSoFar = new Map<string, number>();
  const out: StoredSubmission[] = [];
  for (const s of logged) {
    const q = await bank.get(s.version);
    const results: Record<string, StoredPartResult> = {};
    for (const [partId, decided] of Object.entries(s.parts)) {
      const key = `${s.variantId}:${partId}`;
      const tries = (triesSoFar.get(key) ?? 0) + (decided.status === 'graded' ? 1 : 0);
      triesSoFar.set(key, tries);
      const { result: r, hints } = bank.explain(q, s.seed, partId, s.answers[partId] ?? '', tries, { logBase: ctx.logBase });
      results[partId] = {
        ...decided, feedback: r.feedback, read: r.read, parsed: r.parsed, hints,
        attemptsLeft: ctx.attemptsMax === null ? null : Math.max(0, ctx.attemptsMax - tries),
      };
    }
    out.push({
      id: s.id, variantId: s.variantId, userId: s.userId, answers: s.answers, results, timing: s.timing,
      serverTime: s.serverTime, capturedAt: s.capturedAt, region: s.region, node: s.node,
    });
  }
  return out;
}
