// Attempts: how many graded attempts a part has used, whether another is allowed,
// and what an attempt is worth after the wrong-attempt penalty and late credit.
import type { AssignmentPolicy } from './policy.ts';

/** One earlier submission of a part: only graded ones count (an unreadable answer costs nothing). */
export interface PriorAttempt { status: 'graded' | 'invalid'; correct: boolean }

export interface AttemptState {
  attemptsUsed: number;
  /** null = unlimited. */
  attemptsLeft: number | null;
  /** Wrong graded attempts so far: the penalty count for the next attempt. */
  wrongBefore: number;
  canSubmit: boolean;
  /** Why the student cannot submit, as a sentence for them; null when they can. */
  reason: string | null;
}

/** Where a part stands under `policy`. A correct part may be resubmitted while attempts remain. */
export function attemptState(prior: readonly PriorAttempt[], policy: AssignmentPolicy): AttemptState {
  const graded = prior.filter((a) => a.status === 'graded');
  const attemptsUsed = graded.length;
  const wrongBefore = graded.filter((a) => !a.correct).length;
  if (policy.attemptsMax === null) return { attemptsUsed, attemptsLeft: null, wrongBefore, canSubmit: true, reason: null };
  const attemptsLeft = Math.max(0, policy.attemptsMax - attemptsUsed);
  if (attemptsLeft > 0) return { attemptsUsed, attemptsLeft, wrongBefore, canSubmit: true, reason: null };
  const plural = policy.attemptsMax === 1 ? 'attempt' : 'attempts';
  return {
    attemptsUsed, attemptsLeft, wrongBefore, canSubmit: false,
    reason: `You have used all ${policy.attemptsMax} ${plural} on this part. If you need another, ask your instructor.`,
  };
}

/** Whether a student with `wrongOnQuestion` wrong graded attempts on a question may get a new variant. */
export function newVariantAllowed(wrongOnQuestion: number, policy: AssignmentPolicy): boolean {
  return policy.newVariantAfterWrong !== null && wrongOnQuestion >= policy.newVariantAfterWrong;
}

/**
 * The credit an attempt earns, in [0,1]: its raw score, less `penaltyPerWrong` for each
 * earlier wrong attempt (never below 0), times the timing credit of when it arrived.
 */
export function creditedScore(raw: number, opts: { wrongBefore: number; penaltyPerWrong: number; timingCredit: number }): number {
  for (const [name, value] of [['raw', raw], ['wrongBefore', opts.wrongBefore], ['penaltyPerWrong', opts.penaltyPerWrong], ['timingCredit', opts.timingCredit]] as const) {
    if (!Number.isFinite(value)) throw new Error(`creditedScore: ${name} is ${value}, not a finite number (a bug in the caller).`);
  }
  const penaltyFactor = 1 - Math.max(0, opts.wrongBefore) * clampUnit(opts.penaltyPerWrong);
  // The outer clamp is the penalty's floor at 0 (and absorbs float noise).
  return clampUnit(clampUnit(raw) * penaltyFactor * clampUnit(opts.timingCredit));
}

/** Clamp to [0,1]: scores and credits live there, and float noise must not leave it. */
export function clampUnit(x: number): number {
  return Math.min(1, Math.max(0, x));
}
