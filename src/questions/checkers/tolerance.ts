// Judging a numeric value: tolerance, or significant figures as written. Shared by number and quantity parts.
import type { NumberPartSpec, SigfigRange } from '../spec.ts';
import { halfLastPlace, judgedSigfigs, formatNumber, formatSigfigs } from './decimal.ts';

export type NumericOptions = Pick<NumberPartSpec, 'absTol' | 'relTol' | 'sigfigs' | 'sigfigsCredit'>;

/** The verdict on a value against `correct`; `written` is the sigfig count shown, if known. */
export interface NumericVerdict { score: number; feedback: string }

// Rounding noise of the author's own computation must never make a right answer wrong.
const noiseRel = 1e-9;

export function judgeValue(value: number, written: SigfigRange | undefined, correct: number, o: NumericOptions): NumericVerdict {
  const diff = Math.abs(value - correct);
  if (!o.sigfigs || !written) {
    const tol = Math.max(o.absTol, o.relTol * Math.abs(correct)) + noiseRel * Math.abs(correct);
    return { score: diff <= tol ? 1 : 0, feedback: '' };
  }
  const figures = judgedSigfigs(written, o.sigfigs);
  const tol = Math.max(o.absTol, halfLastPlace(correct, figures ?? written.max)) * (1 + noiseRel);
  if (diff > tol) return { score: 0, feedback: '' };
  if (figures !== undefined) return { score: 1, feedback: '' };
  return { score: o.sigfigsCredit, feedback: `The value is right, but ${sigfigsWritten(written)}; give ${sigfigsWanted(o.sigfigs)}.` };
}

function sigfigsWritten(w: SigfigRange): string {
  return w.min === w.max ? `it shows ${w.min} significant figure${w.min === 1 ? '' : 's'}`
    : `it shows ${w.min} to ${w.max} significant figures (trailing zeros of a whole number are ambiguous)`;
}

function sigfigsWanted(r: SigfigRange): string {
  return r.min === r.max ? `${r.min} significant figure${r.min === 1 ? '' : 's'}` : `${r.min} to ${r.max} significant figures`;
}

/** The correct value as a student would write it for full credit. */
export function formatCorrectNumber(correct: number, o: NumericOptions): string {
  return o.sigfigs ? formatSigfigs(correct, o.sigfigs.max) : formatNumber(correct, 12);
}
