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

/** Half a unit in the last place of a number written with `figures` figures, its first at 10^leadExponent. */
export function halfLastPlace(leadExponent: number, figures: number): number {
  return 0.5 * 10 ** (leadExponent - figures + 1);
}

/** Shows `value` with exactly `figures` significant figures, in e-notation when large or small. */
export function formatSigfigs(value: number, figures: number): string {
  return value.toPrecision(figures).replace('e+', 'e');
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
