// Quantity parts: a number with a unit; any unit of the same kind is converted and accepted.
import type { Unit } from 'mathjs';
import type { PartResult } from '../types.ts';
import type { QuantityPartSpec, SigfigRange } from '../spec.ts';
import { readDecimalPrefix, formatNumber } from './decimal.ts';
import { judgeValue, formatCorrectNumber, type NumericOptions } from './tolerance.ts';
import { convert, readUnit, wrongDimensionMessage } from './units.ts';
import { graded, invalid } from './result.ts';

export type QuantityOptions = NumericOptions & Pick<QuantityPartSpec, 'unit' | 'unitsMissingCredit'>;

export function checkQuantity(text: string, correct: number, o: QuantityOptions): PartResult {
  const head = readDecimalPrefix(text.trim());
  if (!head) return invalid(`start with the number, then the unit, as in \`9.8 ${o.unit}\``);
  const { decimal, rest } = head;
  const want = readUnit(o.unit);
  if (!want.ok) return invalid(`this part's unit \`${o.unit}\` is broken; tell your instructor`);
  if (rest.trim() === '') return missingUnit(decimal.value, decimal.sigfigs, correct, o);
  const got = readUnit(rest);
  if (!got.ok) return invalid(got.message);
  const parsed = { value: decimal.value, unit: got.text };
  if (!got.unit.equalBase(want.unit)) {
    return graded(0, wrongDimensionMessage(rest.trim(), got.unit, want.unit, o.unit), text.trim(), parsed);
  }
  // Judge in the student's own unit so that the figures they wrote keep their meaning.
  const correctHere = convert(correct, want.unit, got.unit);
  const absTolHere = Math.abs(convert(correct + o.absTol, want.unit, got.unit) - correctHere);
  const verdict = judgeValue(decimal.value, decimal.sigfigs, correctHere, { ...o, absTol: absTolHere });
  const inWanted = convert(decimal.value, got.unit, want.unit);
  const read = sameUnitText(got.unit, want.unit) ? `${formatNumber(decimal.value, 12)} ${o.unit}`
    : `${text.trim()} = ${formatNumber(inWanted)} ${o.unit}`;
  return graded(verdict.score, verdict.feedback, read, parsed);
}

function sameUnitText(a: Unit, b: Unit): boolean {
  return a.formatUnits() === b.formatUnits();
}

function missingUnit(value: number, written: SigfigRange, correct: number, o: QuantityOptions): PartResult {
  const verdict = judgeValue(value, written, correct, o);
  const parsed = { value, unit: null };
  if (verdict.score === 0) return graded(0, `Not correct; also give the unit, such as ${o.unit}.`, String(value), parsed);
  return graded(o.unitsMissingCredit * verdict.score, `Right number, but give the unit too, such as ${o.unit}.`, `${formatNumber(value, 12)} (no unit)`, parsed);
}

export function formatCorrectQuantity(correct: number, o: QuantityOptions): string {
  return `${formatCorrectNumber(correct, o)} ${o.unit}`;
}
