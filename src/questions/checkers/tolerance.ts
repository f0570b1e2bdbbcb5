// Judging a numeric value: tolerance, or significant figures as written. Shared by number and quantity parts.
import type { NumberPartSpec, SigfigRange } from '../spec.ts';
import { correctFiguresMax, correctFiguresMin } from '../bounds.ts';
import { roundToPlace, judgedSigfigs, formatNumber, formatSigfigs, type Decimal } from './decimal.ts';

export type NumericOptions = Pick<NumberPartSpec, 'absTol' | 'relTol' | 'sigfigs' | 'sigfigsCredit'>;

/** The verdict on a value against `correct`; `written` is the sigfig count shown, if known. */
export interface NumericVerdict { score: number; feedback: string }

// Rounding noise of the author's own computation must never make a right answer wrong.
const noiseRel = 1e-9;

/**
 * The verdict on a value against `correct`. With `sigfigs` and a written decimal, the value is
 * judged at the last place the student wrote: it must be the correct value rounded (half away
 * from zero) to that place. 9.5 is not 10 to 2 figures (its last place is 0.1, and 10 to that
 * place is 10.0), while 10 is 9.5 rounded.
 */
export function judgeValue(value: number, written: Decimal | undefined, correct: number, o: NumericOptions): NumericVerdict {
  const diff = Math.abs(value - correct);
  if (!o.sigfigs || !written) {
    const tol = Math.max(o.absTol, o.relTol * Math.abs(correct)) + noiseRel * Math.abs(correct);
    return { score: diff <= tol ? 1 : 0, feedback: '' };
  }
  const figures = judgedSigfigs(written.sigfigs, o.sigfigs);
  // Too few figures: judged at the last one written; too many: at the most the part asks for.
  const at = figures ?? (written.sigfigs.max < o.sigfigs.min ? written.sigfigs.max : o.sigfigs.max);
  const place = written.leadExponent - at + 1;
  const rounded = roundToPlace(value, place);
  const sameRounded = Math.abs(rounded - roundToPlace(correct, place)) <= 1e-9 * 10 ** place;
  if (!sameRounded && !(diff <= o.absTol * (1 + noiseRel))) return { score: 0, feedback: '' };
  if (figures !== undefined) return { score: 1, feedback: '' };
  return { score: o.sigfigsCredit, feedback: `The value is right, but ${sigfigsWritten(written.sigfigs)}; give ${sigfigsWanted(o.sigfigs)}.` };
}

function sigfigsWritten(w: SigfigRange): string {
  return w.min === w.max ? `it shows ${w.min} significant figure${w.min === 1 ? '' : 's'}`
    : `it shows ${w.min} to ${w.max} significant figures (trailing zeros of a whole number are ambiguous)`;
}

function sigfigsWanted(r: SigfigRange): string {
  return r.min === r.max ? `${r.min} significant figure${r.min === 1 ? '' : 's'}` : `${r.min} to ${r.max} significant figures`;
}

/**
 * The correct value as a student would write it for full credit: with the part's significant
 * figures, else with the fewest figures (at least correctFiguresMin) that still grade right.
 */
export function formatCorrectNumber(correct: number, o: NumericOptions): string {
  if (o.sigfigs) return formatSigfigs(correct, o.sigfigs.max);
  for (let figures = correctFiguresMin; figures < correctFiguresMax; figures++) {
    const text = formatNumber(correct, figures);
    if (judgeValue(Number(text), undefined, correct, o).score === 1) return text;
  }
  return formatNumber(correct, correctFiguresMax);
}
