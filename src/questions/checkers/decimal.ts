// Numbers as students write them, with the significant figures they wrote.
import type { SigfigRange } from '../spec.ts';

/** A decimal number as written: its value and how many significant figures it shows. */
export interface Decimal {
  value: number;
  /** Trailing zeros of an integer ("2500") are ambiguous: the count is then a range. */
  sigfigs: SigfigRange;
}

// mantissa, then an optional exponent: e-notation or "×10^n" (also *, x, ·).
const decimalPattern = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+)|\s*[*×x·]\s*10\s*\^\s*(\(?)([+-]?\d+)\)?)?/;

/**
 * Reads a decimal number at the start of `text`; returns it and the rest, or undefined.
 * "2.50" has 3 significant figures, "2.5e3" 2, "2500" 2 to 4, "2500." 4, "0.0250" 3.
 */
export function readDecimalPrefix(text: string): { decimal: Decimal; rest: string } | undefined {
  const m = decimalPattern.exec(text);
  if (!m || (m[4] === '(' && !m[0].endsWith(')'))) return undefined;
  const [whole, sign, mantissa, eExp, , tenExp] = m;
  const value = Number(`${sign}${mantissa}e${eExp ?? tenExp ?? '0'}`);
  if (!Number.isFinite(value)) return undefined;
  return { decimal: { value, sigfigs: countSigfigs(mantissa!) }, rest: text.slice(whole!.length) };
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

/** The count of figures to judge a written number by: as close to the required range as it allows. */
export function judgedSigfigs(written: SigfigRange, required: SigfigRange): number | undefined {
  const low = Math.max(written.min, required.min);
  const high = Math.min(written.max, required.max);
  return low <= high ? high : undefined;
}

/** Half a unit in the last place of `value` shown with `figures` significant figures. */
export function halfLastPlace(value: number, figures: number): number {
  if (value === 0) return 0.5 * 10 ** (1 - figures);
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  return 0.5 * 10 ** (exponent - figures + 1);
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
