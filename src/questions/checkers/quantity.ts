// Quantity parts: a number with a unit; any unit of the same kind is converted and accepted.
import type { PartResult, ReadingSettings } from '../types.ts';
import type { QuantityPartSpec } from '../spec.ts';
import { normalizeMath } from '../answer-text.ts';
import { convert, readUnit, sameDimension, wrongDimensionMessage, type Unit } from '../units/index.ts';
import { commaProblem, formatNumber, readDecimalPrefix, type Decimal } from './decimal.ts';
import { judgeValue, formatCorrectNumber, type NumericOptions } from './tolerance.ts';
import { readNumberText, sigfigsNeedDecimal } from './number.ts';
import { graded, invalid } from './result.ts';
import { quantitySplitsMax } from '../bounds.ts';

export type QuantityOptions = NumericOptions & Pick<QuantityPartSpec, 'unit' | 'unitsMissingCredit' | 'difference'>;

/** A character that can start a unit (a letter, °, %, ′, ″). */
const unitStart = /[\p{L}°%′″]/u;

type QuantityRead =
  | { ok: true; value: number; written?: Decimal; numberText: string; unit?: Unit; unitText: string }
  | { ok: false; message: string };

/**
 * Splits an answer into its number and unit: `9.8 m/s^2`, `12.3*m/s`, `7/7 J`, `10^-3 kJ`,
 * `(-9.81) m/s^2`, `15/pi kN/mm^2`, `925 J.` (a sentence's period is dropped). A decimal is read
 * first; else the unit starts at a letter (or a bracket before one) where what precedes reads
 * as a number and what follows as a unit, trying at most quantitySplitsMax places.
 */
export function readQuantity(raw: string, sigfigsCounted: boolean, settings: ReadingSettings): QuantityRead {
  const text = normalizeMath(raw).trim().replace(/(?<=[\p{L}°%)])\.$/u, '');
  const head = readDecimalPrefix(text);
  let unitMessage: string | undefined;
  if (head) {
    const numberText = text.slice(0, text.length - head.rest.length).trim();
    const after = head.rest.trim().replace(/^[*·⋅×]\s*/, '');
    const read = withUnit(head.decimal.value, head.decimal, numberText, after);
    if (read.ok) return read;
    if (unitStart.test(after[0] ?? '')) unitMessage = read.message;
  }
  const comma = commaProblem(text);
  if (comma) return { ok: false, message: comma };
  if (unitStart.test(text[0] ?? '')) return { ok: false, message: 'start with the number, then the unit, as in `9.8 m/s^2`' };
  let numberMessage: string | undefined;
  for (const at of splitPlaces(text)) {
    const numberText = text.slice(0, at).trim().replace(/\s*[*·⋅×]$/, '').trim();
    if (numberText === '') continue;
    const n = readNumberText(numberText, false, settings);
    if (!n.ok) { numberMessage ??= n.message; continue; }
    const read = withUnit(n.value, undefined, numberText, text.slice(at).trim());
    if (!read.ok) { unitMessage ??= read.message; continue; }
    if (sigfigsCounted) return { ok: false, message: sigfigsNeedDecimal('`2.50 J` or `2.50e3 J`') };
    return read;
  }
  return { ok: false, message: unitMessage ?? numberMessage ?? 'start with the number, then the unit, as in `9.8 m/s^2`' };
}

/** Where a unit may start: each run of letters (or a bracket opening one), then the end of the text. */
function splitPlaces(text: string): number[] {
  const places: number[] = [];
  for (let i = 0; i < text.length && places.length < quantitySplitsMax; i++) {
    const startsWord = unitStart.test(text[i]!) && (i === 0 || !unitStart.test(text[i - 1]!));
    const bracketsWord = text[i] === '(' && unitStart.test(text.slice(i).replace(/^\(+\s*/, '')[0] ?? '') && text[i - 1] !== '(';
    if (startsWord || bracketsWord) places.push(i);
  }
  return [...places, text.length];
}

function withUnit(value: number, written: Decimal | undefined, numberText: string, unitText: string): QuantityRead {
  if (unitText === '') return { ok: true, value, ...(written ? { written } : {}), numberText, unitText };
  const unit = readUnit(unitText);
  if (!unit.ok) return { ok: false, message: unit.message };
  return { ok: true, value, ...(written ? { written } : {}), numberText, unit: unit.unit, unitText };
}

export function checkQuantity(text: string, correct: number, o: QuantityOptions, settings: ReadingSettings): PartResult {
  const want = readUnit(o.unit);
  if (!want.ok) return invalid(`this part's unit \`${o.unit}\` is broken; tell your instructor`);
  const q = readQuantity(text, o.sigfigs !== undefined, settings);
  if (!q.ok) return invalid(q.message);
  if (q.unit === undefined) return missingUnit(q.value, q.written, correct, o);
  const parsed = { value: q.value, unit: q.unit.text };
  if (!sameDimension(q.unit, want.unit)) {
    return graded(0, wrongDimensionMessage(q.unitText, q.unit, want.unit, o.unit), `${q.numberText} ${q.unit.text}`, parsed);
  }
  // Judge in the student's own unit so that the figures they wrote keep their meaning.
  const correctHere = convert(correct, want.unit, q.unit, o.difference);
  const absTolHere = Math.abs(convert(o.absTol, want.unit, q.unit, true));
  const verdict = judgeValue(q.value, q.written, correctHere, { ...o, absTol: absTolHere });
  const inWanted = convert(q.value, q.unit, want.unit, o.difference);
  const converted = q.unit.text !== want.unit.text || q.written === undefined;
  const read = `${q.numberText} ${q.unit.text}${converted ? ` = ${formatNumber(inWanted)} ${want.unit.text}` : ''}`;
  return graded(verdict.score, verdict.feedback, read, parsed);
}

function missingUnit(value: number, written: Decimal | undefined, correct: number, o: QuantityOptions): PartResult {
  const verdict = judgeValue(value, written, correct, o);
  const parsed = { value, unit: null };
  if (verdict.score === 0) return graded(0, `Not correct; also give the unit, such as ${o.unit}.`, formatNumber(value, 12), parsed);
  return graded(o.unitsMissingCredit * verdict.score, `Right number, but give the unit too, such as ${o.unit}.`, `${formatNumber(value, 12)} (no unit)`, parsed);
}

export function formatCorrectQuantity(correct: number, o: QuantityOptions): string {
  return `${formatCorrectNumber(correct, o)} ${o.unit}`;
}
