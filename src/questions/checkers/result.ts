// Building PartResult values, so every checker words and shapes them the same way.
import type { PartResult } from '../types.ts';

export function invalid(message: string, read = ''): PartResult {
  return { status: 'invalid', score: 0, correct: false, feedback: message, read, parsed: null };
}

/** A graded result; `correct` means full credit. */
export function graded(score: number, feedback: string, read: string, parsed: unknown): PartResult {
  const clamped = Math.min(1, Math.max(0, score));
  return { status: 'graded', score: clamped, correct: clamped === 1, feedback: feedback || defaultFeedback(clamped), read, parsed };
}

function defaultFeedback(score: number): string {
  if (score === 1) return 'Correct.';
  if (score === 0) return 'Not correct.';
  return `Partly correct (${Math.round(score * 100)}%).`;
}
