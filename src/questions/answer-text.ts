// What a student's answer text may be, and the one normalization every math reader applies
// first: what phones, word processors and other systems put in pasted math is turned into the
// plain characters our readers know (− → -, x² → x^2, full-width digits, invisible spaces).
import { answerLengthMax } from './bounds.ts';

// Control characters other than tab and newlines, and lone surrogates, mean binary input.
const binaryPattern = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why an answer cannot even be read (too long, binary), or undefined. */
export function answerProblem(answer: string): string | undefined {
  if (answer.length > answerLengthMax) return `the answer is ${answer.length} characters long; at most ${answerLengthMax} are read, so shorten it`;
  if (binaryPattern.test(answer)) return 'the answer contains control characters; retype it as plain text';
  return undefined;
}

/** Characters with no glyph that pasted text carries: zero-width spaces and joiners, word joiner, BOM, soft hyphen. */
const invisiblePattern = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
/** Dashes and minus signs that mean minus in math. */
const dashPattern = /[\u2010-\u2015\u2212\u2796\uFE58\uFE63]/g;
/** The text without invisible characters. */
export function removeInvisible(text: string): string {
  return text.replace(invisiblePattern, '');
}

const superscriptDigits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscriptRun = /([⁺⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g;

/**
 * Normalizes math input: invisible characters dropped, superscript powers written with `^`
 * (`x²` → `x^2`, `10⁻³` → `10^-3`), then Unicode compatibility forms folded (NFKC: full-width
 * digits, operators and brackets, non-breaking spaces, `µ` → `μ`, `℃` → `°C`), dashes and the
 * minus sign → `-`, the fraction slash → `/`.
 */
export function normalizeMath(text: string): string {
  const powers = removeInvisible(text).replace(superscriptRun, (_, sign: string, digits: string) =>
    `^${sign === '⁻' ? '-' : ''}${[...digits].map((c) => superscriptDigits.indexOf(c)).join('')}`);
  return powers.normalize('NFKC').replace(dashPattern, '-').replace(/\u2044/g, '/');
}

/** How to show a character in a message: itself when visible, else its code point. */
export function showCharacter(ch: string): string {
  const code = ch.codePointAt(0)!;
  const invisible = /[\p{C}\p{Z}]/u.test(ch);
  return invisible ? `U+${code.toString(16).toUpperCase().padStart(4, '0')} (an invisible character)` : `\`${ch}\``;
}
