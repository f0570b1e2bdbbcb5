// Formatting helpers an author may call at the top of a {{ }} substitution:
//   {{fixed(v, 2)}}  3.14   fixed decimals          {{sigfigs(v, 3)}}  0.00123   significant figures
//   {{coef(b)}}x     x, -x, 3x   a coefficient that disappears when it is 1
//   {{signed(b)}}    + 3, - 3    a term whose sign merges with the operator before it
//   {{signedcoef(b)}}x  + x, - x, + 3x, - 3x   both
// Each argument is an author expression; the result is text. Pure.
import { formatNumber, formatSigfigs, roundToPlace } from './checkers/decimal.ts';
import { helperDigitsMax } from './bounds.ts';

export interface Helper {
  /** Arguments after the value: the digits for fixed and sigfigs. */
  digits: { min: number; max: number } | undefined;
  format: (value: number, digits: number) => string;
}


const magnitude = (x: number) => formatNumber(Math.abs(x));
const sign = (x: number) => (x < 0 ? '-' : '+');

export const helpers: Readonly<Record<string, Helper>> = {
  // Rounded half away from zero in decimal, as the checkers judge (1.005 → 1.01, never -0.00).
  fixed: { digits: { min: 0, max: helperDigitsMax }, format: (x, d) => (roundToPlace(x, -d) + 0).toFixed(d) },
  sigfigs: { digits: { min: 1, max: helperDigitsMax }, format: formatSigfigs },
  coef: { digits: undefined, format: (x) => (x === 1 ? '' : x === -1 ? '-' : formatNumber(x)) },
  signed: { digits: undefined, format: (x) => `${sign(x)} ${magnitude(x)}` },
  signedcoef: { digits: undefined, format: (x) => `${sign(x)} ${Math.abs(x) === 1 ? '' : magnitude(x)}` },
};

/** `fixed(v*2, 1)` → helper `fixed` with argument texts ['v*2', '1'], else undefined. */
export function helperCall(inner: string): { name: string; helper: Helper; args: string[] } | undefined {
  const m = /^([a-z]+)\s*\((.*)\)$/s.exec(inner.trim());
  const helper = m ? helpers[m[1]!] : undefined;
  if (!m || helper === undefined || !Object.hasOwn(helpers, m[1]!)) return undefined;
  return { name: m[1]!, helper, args: splitArguments(m[2]!) };
}

/** Splits at commas outside brackets. */
function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) { args.push(text.slice(start, i).trim()); start = i + 1; }
  }
  args.push(text.slice(start).trim());
  return args;
}

/** Why a call's arguments are wrong (count, digits), or undefined. */
export function helperProblem(name: string, helper: Helper, args: readonly string[], digits?: number): string | undefined {
  const wanted = helper.digits === undefined ? 1 : 2;
  if (args.length !== wanted || args.some((a) => a === '')) {
    return `\`${name}\` takes ${wanted === 1 ? 'one value' : 'a value and a number of digits'}: write \`${name}(${wanted === 1 ? 'b' : 'v, 2'})\``;
  }
  if (helper.digits !== undefined && digits !== undefined && !(Number.isInteger(digits) && digits >= helper.digits.min && digits <= helper.digits.max)) {
    return `the digits of \`${name}\` must be a whole number from ${helper.digits.min} to ${helper.digits.max}`;
  }
  return undefined;
}
