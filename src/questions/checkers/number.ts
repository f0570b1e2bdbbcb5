// Number parts: tolerance, and significant figures judged on what the student wrote.
import { evaluateExpr, readExpression } from '../expr/index.ts';
import type { PartResult, ReadingSettings } from '../types.ts';
import type { SigfigRange } from '../spec.ts';
import { readDecimal, formatNumber } from './decimal.ts';
import { judgeValue, type NumericOptions } from './tolerance.ts';
import { graded, invalid } from './result.ts';

/** Reads a student's number: a decimal, or (without sigfigs) an arithmetic expression such as sqrt(2)/2. */
export function readStudentNumber(text: string, o: NumericOptions, settings: ReadingSettings):
  { ok: true; value: number; written?: SigfigRange; read: string } | { ok: false; message: string } {
  const decimal = readDecimal(text);
  if (decimal) return { ok: true, value: decimal.value, written: decimal.sigfigs, read: text.trim() };
  if (/^\s*[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*$/.test(text)) {
    return { ok: false, message: 'write the number without commas, as in 1000 or 2.5e3' };
  }
  if (o.sigfigs) return { ok: false, message: 'write a decimal number such as 2.50 or 2.50e3; this part checks significant figures' };
  const read = readExpression(text, { settings, variables: [], mode: 'student' });
  if (!read.ok) return { ok: false, message: read.message };
  try {
    const value = evaluateExpr(read.expr, {});
    if (!Number.isFinite(value)) return { ok: false, message: `\`${read.read}\` has no finite value; write a number` };
    return { ok: true, value, read: `${read.read} = ${formatNumber(value)}` };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

export function checkNumber(text: string, correct: number, o: NumericOptions, settings: ReadingSettings): PartResult {
  const n = readStudentNumber(text, o, settings);
  if (!n.ok) return invalid(n.message);
  const verdict = judgeValue(n.value, n.written, correct, o);
  return graded(verdict.score, verdict.feedback, n.read, { value: n.value, sigfigs: n.written ?? null });
}
