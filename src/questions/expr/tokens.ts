// Splits expression text into tokens. Every character is accounted for: anything this lexer does
// not know is refused here, so mathjs never sees text we did not produce ourselves.
import { ExprError } from './errors.ts';
import { showCharacter } from '../answer-text.ts';

export type TokenKind = 'num' | 'name' | 'op' | 'open' | 'close' | 'bar' | 'comma';

export interface Token {
  kind: TokenKind;
  /** Normalized text: `**` and `×` become `^` and `*`, `π` becomes `pi`. */
  text: string;
  /** Offset in the original text, for messages. */
  pos: number;
}

const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const namePattern = /[A-Za-z_][A-Za-z0-9_]*/y;
const whitespacePattern = /\s+/y;

const operators = new Map<string, string>([
  ['+', '+'], ['-', '-'], ['−', '-'], ['–', '-'],
  ['*', '*'], ['·', '*'], ['⋅', '*'], ['×', '*'],
  ['/', '/'], ['÷', '/'], ['^', '^'],
]);
const opens = new Set(['(', '[', '{']);
const closes = new Set([')', ']', '}']);

/** Why a character that is not part of the language was refused, and what to write instead. */
function refuse(ch: string): ExprError {
  const notAllowed = (m: string) => new ExprError('not_allowed', m);
  if (ch === '=') return notAllowed('enter only the expression, without `=`: write `2x+1`, not `y=2x+1`');
  if (ch === '<' || ch === '>') return notAllowed('comparisons are not allowed: enter only the expression');
  if (ch === '"' || ch === "'" || ch === '`') return notAllowed('quotes are not allowed: enter a math expression such as `2x+1`');
  if (ch === ';') return notAllowed('enter a single expression, without `;`');
  if (ch === '√') return notAllowed('write a square root as `sqrt(x)`');
  if (ch === '.') return new ExprError('syntax', 'a `.` must be part of a number such as `0.5`');
  if (ch === '!') return notAllowed('factorials `!` are not allowed: write the product out');
  return new ExprError('syntax', `the character ${showCharacter(ch)} cannot be used: write the expression with numbers, variables, + - * / ^ and parentheses`);
}

/** Greek letters as students paste them, to the names variables use (`μ` is `mu`; `π` is the constant pi). */
const greek: ReadonlyMap<string, string> = new Map(Object.entries({
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ϑ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma',
  ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
}));
const greekPattern = new RegExp(`[${[...greek.keys()].join('')}]`, 'g');

/** Greek letters written as their names, so `2μ0` reads like `2mu0`. */
export function spellGreek(text: string): string {
  return text.replace(greekPattern, (ch) => greek.get(ch)!);
}

function match(pattern: RegExp, text: string, pos: number): string | undefined {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0];
}

/** The token starting at `pos` and how many characters of the text it covers. */
function readToken(text: string, pos: number): [Token, number] {
  const num = match(numberPattern, text, pos);
  if (num !== undefined) return [{ kind: 'num', text: num, pos }, num.length];
  const name = match(namePattern, text, pos);
  if (name !== undefined) return [{ kind: 'name', text: name, pos }, name.length];
  if (text.startsWith('**', pos)) return [{ kind: 'op', text: '^', pos }, 2];
  const ch = text[pos];
  if (operators.has(ch)) return [{ kind: 'op', text: operators.get(ch)!, pos }, 1];
  if (opens.has(ch)) return [{ kind: 'open', text: ch, pos }, 1];
  if (closes.has(ch)) return [{ kind: 'close', text: ch, pos }, 1];
  if (ch === '|') return [{ kind: 'bar', text: ch, pos }, 1];
  if (ch === ',') return [{ kind: 'comma', text: ch, pos }, 1];
  throw refuse(String.fromCodePoint(text.codePointAt(pos)!));
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const space = match(whitespacePattern, text, pos);
    if (space !== undefined) { pos += space.length; continue; }
    const [token, length] = readToken(text, pos);
    tokens.push(token);
    pos += length;
  }
  return tokens;
}
