// Number parts: tolerance, and significant figures judged on what the student wrote.
import { evaluateExpr, readExpression } from '../expr/index.ts';
import type { PartResult, ReadingSettings } from '../types.ts';
import { normalizeMath } from '../answer-text.ts';
import { commaProblem, formatNumber, readDecimal, type Decimal } from './decimal.ts';
import { judgeValue, type NumericOptions } from './tolerance.ts';
import { graded, invalid } from './result.ts';

export type NumberRead = { ok: true; value: number; written?: Decimal; read: string } | { ok: false; message: string };

/** The message for an arithmetic answer where the part counts significant figures. */
export function sigfigsNeedDecimal(example: string): string {
  return `write a decimal number such as ${example}; this part checks significant figures, so they must be written out`;
}

/**
 * Reads a student's number from normalized text: a decimal (its figures kept), or, when the
 * part does not count figures, an arithmetic expression such as sqrt(2)/2 or 10^-3.
 */
export function readNumberText(text: string, sigfigsCounted: boolean, settings: ReadingSettings): NumberRead {
  const decimal = readDecimal(text);
  if (decimal) return { ok: true, value: decimal.value, written: decimal, read: text.trim() };
  const comma = commaProblem(text);
  if (comma) return { ok: false, message: comma };
  if (sigfigsCounted) return { ok: false, message: sigfigsNeedDecimal('2.50 or 2.50e3') };
  const read = readExpression(text, { settings, variables: [], mode: 'student' });
  if (!read.ok) return { ok: false, message: read.message };
  const value = evaluateExpr(read.expr, {});
  if (!Number.isFinite(value)) return { ok: false, message: `\`${read.read}\` has no finite value (a division by zero, or a root or logarithm of a negative number); write a number` };
  return { ok: true, value, read: `${read.read} = ${formatNumber(value)}` };
}

export function checkNumber(text: string, correct: number, o: NumericOptions, settings: ReadingSettings): PartResult {
  const n = readNumberText(normalizeMath(text), o.sigfigs !== undefined, settings);
  if (!n.ok) return invalid(n.message);
  const verdict = judgeValue(n.value, n.written, correct, o);
  return graded(verdict.score, verdict.feedback, n.read, { value: n.value, sigfigs: n.written?.sigfigs ?? null });
}
