// Text parts: exact, case-insensitive or a bounded, backtracking-safe pattern.
import type { PartResult } from '../types.ts';
import type { TextPartSpec } from '../spec.ts';
import { patternLengthMax, textAnswerLengthMax } from '../bounds.ts';
import { graded, invalid } from './result.ts';
import { removeInvisible } from '../answer-text.ts';

/** Spaces at the ends never matter, runs of spaces (also non-breaking) count as one, invisible characters none. */
export function normalizeText(text: string): string {
  return removeInvisible(text.normalize('NFC')).trim().replace(/\s+/g, ' ');
}

/**
 * Why a pattern is refused, or undefined. Backreferences, lookarounds and a repeated group
 * that itself repeats or alternates (`(a+)+`, `(a|ab)*`) can backtrack exponentially.
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > patternLengthMax) return `is longer than ${patternLengthMax} characters; simplify it`;
  try { new RegExp(pattern, 'u'); } catch (e) { return `is not a valid regular expression (${(e as Error).message}); fix it`; }
  if (/\\[1-9k]/.test(pattern)) return 'uses a backreference; write the alternatives out instead';
  if (/\(\?<?[=!]/.test(pattern)) return 'uses a lookaround; match the text directly instead';
  return nestedRepeat(pattern) ? 'repeats a group that itself repeats or has `|` (like `(a+)+`), which can hang; flatten it' : undefined;
}

function nestedRepeat(pattern: string): boolean {
  const groups: { risky: boolean }[] = [{ risky: false }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') { i = classEnd(pattern, i); continue; }
    if (c === '(') { groups.push({ risky: false }); continue; }
    if (c === '|') { groups[groups.length - 1]!.risky = true; continue; }
    if (c === ')') {
      const inner = groups.pop()!;
      const repeated = /[*+{]/.test(pattern[i + 1] ?? '');
      if (repeated && inner.risky) return true;
      if (inner.risky || repeated) groups[groups.length - 1]!.risky = true;
      continue;
    }
    if (c === '*' || c === '+' || c === '{') groups[groups.length - 1]!.risky = true;
  }
  return false;
}

function classEnd(pattern: string, start: number): number {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > start + 1) return i;
  }
  return pattern.length;
}

/** Does `answer` match `expected` under the part's mode? */
export function textMatches(answer: string, expected: string, part: Pick<TextPartSpec, 'match' | 'ignoreCase'>): boolean {
  const given = normalizeText(answer);
  switch (part.match) {
    case 'exact': return given === normalizeText(expected);
    case 'case-insensitive': return given.toLowerCase() === normalizeText(expected).toLowerCase();
    case 'pattern': return new RegExp(`^(?:${expected})$`, part.ignoreCase ? 'iu' : 'u').test(given);
  }
}

/** `expected` is the answer text, or the pattern in pattern mode. */
export function checkText(text: string, expected: string, part: Pick<TextPartSpec, 'match' | 'ignoreCase'>): PartResult {
  const given = normalizeText(text);
  if (given === '') return invalid('type an answer');
  if (given.length > textAnswerLengthMax) return invalid(`the answer is longer than ${textAnswerLengthMax} characters; shorten it`);
  return graded(textMatches(given, expected, part) ? 1 : 0, '', given, given);
}
