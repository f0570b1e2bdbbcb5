// Numbers as students write them, with the significant figures they wrote and where their
// first digit sits (so that a value is judged at the last place the student wrote).
import type { SigfigRange } from '../spec.ts';

/** A decimal number as written. */
export interface Decimal {
  value: number;
  /** Trailing zeros of an integer ("2500") are ambiguous: the count is then a range. */
  sigfigs: SigfigRange;
  /**
   * The power of ten of the first significant digit as written (2.50e3 → 3, 0.0250 → -2); with
   * n figures the last digit written is at 10^(leadExponent − n + 1).
   */
  leadExponent: number;
}

// sign (spaces allowed after it), mantissa, then an optional exponent: e-notation, or ×10^n
// with `×`, `x`, `*`, `·` and the power bare or in brackets (input is normalized first: 10²³ is 10^23).
const decimalPattern = /^([+-]?)\s*(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+)|\s*[*×x·⋅]\s*10\s*\^\s*(?:([+-]?\d+)|\(\s*([+-]?\d+)\s*\)))?/;

/**
 * Reads a decimal number at the start of `text`; returns it and the rest, or undefined.
 * "2.50" has 3 significant figures, "2.5e3" 2, "2500" 2 to 4, "2500." 4, "0.0250" 3.
 */
export function readDecimalPrefix(text: string): { decimal: Decimal; rest: string } | undefined {
  const bracket = /^([+-]?)\s*\(\s*/.exec(text);
  if (bracket !== null) {
    // `(-9.81)`, `-(0.05)`: a decimal in brackets is still the decimal as written.
    const inner = readDecimalPrefix(text.slice(bracket[0].length));
    const close = inner === undefined ? null : /^\s*\)/.exec(inner.rest);
    if (inner === undefined || close === null) return undefined;
    const value = bracket[1] === '-' ? -inner.decimal.value : inner.decimal.value;
    return { decimal: { ...inner.decimal, value }, rest: inner.rest.slice(close[0].length) };
  }
  const m = decimalPattern.exec(text);
  if (!m) return undefined;
  const [whole, sign, mantissa, eExp, tenExp, tenExpBracketed] = m;
  const exponent = Number(eExp ?? tenExp ?? tenExpBracketed ?? '0');
  const value = Number(`${sign}${mantissa}e${exponent}`);
  if (!Number.isFinite(value)) return undefined;
  const sigfigs = countSigfigs(mantissa!);
  return { decimal: { value, sigfigs, leadExponent: leadExponentOf(mantissa!, sigfigs) + exponent }, rest: text.slice(whole!.length) };
}

/** Reads a whole text as one decimal number (surrounding spaces allowed). */
export function readDecimal(text: string): Decimal | undefined {
  const r = readDecimalPrefix(text.trim());
  return r && r.rest.trim() === '' ? r.decimal : undefined;
}

export function countSigfigs(mantissa: string): SigfigRange {
  const [intPart = '', fracPart] = mantissa.split('.');
  if (fracPart !== undefined) {
    const digits = (intPart + fracPart).replace(/^0+/, '');
    // A written zero ("0.00") counts every digit, as toPrecision writes it.
    const n = digits === '' ? Math.max(1, (intPart + fracPart).length) : digits.length;
    return { min: n, max: n };
  }
  const digits = intPart.replace(/^0+/, '');
  if (digits === '') return { min: 1, max: 1 };
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  return { min: digits.length - trailingZeros, max: digits.length };
}

/** The power of ten of the first significant digit of a mantissa (of its first digit for a written zero). */
function leadExponentOf(mantissa: string, sigfigs: SigfigRange): number {
  const [intPart = '', fracPart = ''] = mantissa.split('.');
  const intDigits = intPart.replace(/^0+/, '');
  if (intDigits !== '') return intDigits.length - 1;
  const leadingZeros = fracPart.length - fracPart.replace(/^0+/, '').length;
  if (leadingZeros < fracPart.length) return -(leadingZeros + 1);
  // A written zero: its last written digit is at 10^-fracPart.length, and every digit counts.
  return -fracPart.length + sigfigs.max - 1;
}

/** The count of figures to judge a written number by: as close to the required range as it allows. */
export function judgedSigfigs(written: SigfigRange, required: SigfigRange): number | undefined {
  const low = Math.max(written.min, required.min);
  const high = Math.min(written.max, required.max);
  return low <= high ? high : undefined;
}

/**
 * `value` rounded half away from zero to the place 10^placeExponent, in decimal: the value's
 * digits are read to 15 significant figures first, so binary noise (0.04985 stored as
 * 0.049849999…) never decides a tie the author wrote exactly.
 */
export function roundToPlace(value: number, placeExponent: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const [mantissa, exponentText] = Math.abs(value).toExponential(14).split('e');
  const digits = mantissa!.replace('.', '');
  const exponent = Number(exponentText);
  const keep = exponent - placeExponent + 1;
  if (keep < 0) return 0;
  const kept = keep === 0 ? 0 : Number(digits.slice(0, keep));
  const roundedUp = Number(digits[keep] ?? '0') >= 5 ? kept + 1 : kept;
  return Math.sign(value) * Number(`${roundedUp}e${placeExponent}`);
}

/** The power of ten of the first significant digit of `value` (read to 15 figures, as roundToPlace does). */
function leadExponentOfValue(value: number): number {
  return Number(Math.abs(value).toExponential(14).split('e')[1]);
}

/**
 * Shows `value` with exactly `figures` significant figures, in e-notation when large or small,
 * rounded half away from zero in decimal like the checker judges it (0.001875 → 0.00188).
 */
export function formatSigfigs(value: number, figures: number): string {
  const rounded = value === 0 ? 0 : roundToPlace(value, leadExponentOfValue(value) - figures + 1);
  return rounded.toPrecision(figures).replace('e+', 'e');
}

/** Shows a number for people: up to `figures` significant figures, no trailing zeros. */
export function formatNumber(value: number, figures = 6): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(figures))).replace('e+', 'e');
}

/** Why a number written with a comma was refused, with both rewrites, or undefined. */
export function commaProblem(text: string): string | undefined {
  const m = /^\s*([+-]?)(\d*),(\d+)/.exec(text);
  if (m === null) return undefined;
  const [, sign, whole, fraction] = m;
  const thousands = /^\s*[+-]?\d{1,3}(,\d{3})+(?![\d,])/.exec(text);
  if (thousands !== null) {
    const written = thousands[0].trim();
    const plain = written.replaceAll(',', '');
    const oneGroup = written.split(',').length === 2;
    return `commas are not used in numbers: write \`${plain}\`${oneGroup ? `, or \`${written.replace(',', '.')}\` if the comma is a decimal point` : ''}`;
  }
  return `use a decimal point, not a comma: write \`${sign}${whole || '0'}.${fraction}\``;
}
