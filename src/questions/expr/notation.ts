// The notation rules (docs/questions.md "Notation"): turns tokens into an explicit text where every
// multiplication is written `*`, every function call has parentheses and `|x|` is `abs(x)`, so that
// mathjs parses it one way only. Symbols are renamed (`v_0`, `c_pi`, `f_sin`): mathjs never sees a
// name the reader typed. Ambiguous input is refused with a message saying how to write it.
import { ExprError } from './errors.ts';
import { expressionNestingMax } from './limits.ts';
import { functionNames, isAuthorFunction, lookupFunction, type FunctionScope, type FunctionSpec } from './functions.ts';
import type { Token } from './tokens.ts';

export interface NameContext {
  variables: readonly string[];
  mode: FunctionScope;
  logBase: 10 | 'e';
}

interface Frame {
  kind: 'group' | 'call' | 'bar';
  close: string;
  /** Emitted after the closing parenthesis: `)^2` for `sin^2(x)`. */
  suffix: string;
}

const closeOf = new Map([['(', ')'], ['[', ']'], ['{', '}']]);
/** Longest name considered when splitting `xy` into known names. */
const nameLengthMax = 64;

const ambiguous = (m: string) => new ExprError('ambiguous', m);
const syntax = (m: string) => new ExprError('syntax', m);

const constantSymbols: ReadonlyMap<string, string> = new Map([['pi', 'c_pi'], ['e', 'c_e']]);

/** Rewrites tokens into explicit text for mathjs, or throws ExprError. */
export function rewrite(tokens: readonly Token[], ctx: NameContext): string {
  return new Rewriter(tokens, ctx).run();
}

class Rewriter {
  private readonly out: string[] = [];
  private readonly frames: Frame[] = [];
  /** Known names that are factors (variables shadow the constants pi and e), to emitted symbols. */
  private readonly factors = new Map<string, string>(constantSymbols);
  private expectOperand = true;
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly ctx: NameContext,
  ) {
    ctx.variables.forEach((v, index) => this.factors.set(v, `v_${index}`));
  }

  run(): string {
    if (this.tokens.length === 0) throw syntax('the answer is empty: enter an expression');
    while (this.i < this.tokens.length) this.step(this.tokens[this.i]);
    if (this.expectOperand) throw syntax(`the expression ends with \`${this.tokens.at(-1)!.text}\`: finish it or remove it`);
    const top = this.frames.at(-1);
    if (top?.kind === 'bar') throw syntax('an absolute value is not closed: add the closing `|`');
    if (top !== undefined) throw syntax(`a bracket is not closed: add \`${top.close}\``);
    return this.out.join(' ');
  }

  private step(t: Token): void {
    if (t.kind === 'num') return this.number(t);
    if (t.kind === 'name') return this.name(t);
    if (t.kind === 'op') return this.operator(t);
    if (t.kind === 'open') return this.open(t, 'group', '(', '');
    if (t.kind === 'close') return this.close(t);
    if (t.kind === 'bar') return this.bar(t);
    return this.comma();
  }

  /** A number; `2E-3` is refused when `E` is also a variable (it could be 2·E − 3). */
  private number(t: Token): void {
    const letter = /[eE]/.exec(t.text)?.[0];
    if (letter !== undefined && this.ctx.variables.includes(letter)) {
      const [mantissa, exponent] = t.text.split(letter);
      throw ambiguous(`\`${t.text}\` is ambiguous because ${letter} is a variable: write \`${mantissa}*10^${exponent}\` for the number or \`${mantissa}*${letter}${exponent!.startsWith('-') || exponent!.startsWith('+') ? ` ${exponent![0]} ${exponent!.slice(1)}` : ` * ${exponent}`}\``);
    }
    this.atom(t, t.text, true);
  }

  /** Starts an operand: juxtaposition is multiplication, except before a number (`x 2`, `(x+1)2`). */
  private beginOperand(t: Token, isNumber: boolean): void {
    if (this.expectOperand) return;
    const previous = this.tokens[this.i - 1];
    if (isNumber && previous.kind === 'num') {
      throw ambiguous(`\`${previous.text} ${t.text}\`: write a number without spaces inside it (\`${previous.text}${t.text}\`), or put \`*\` between two numbers to multiply them`);
    }
    const before = previous.kind === 'close' || previous.kind === 'bar' ? `(…)` : previous.text;
    if (isNumber) throw ambiguous(`\`${t.text}\` right after \`${before}\` is ambiguous: write \`${before}*${t.text}\`, or \`${before}^${t.text}\` for a power`);
    this.out.push('*');
  }

  private atom(t: Token, emitted: string, isNumber: boolean): void {
    this.beginOperand(t, isNumber);
    this.out.push(emitted);
    this.i++;
    this.expectOperand = false;
  }

  private open(t: Token, kind: Frame['kind'], emitted: string, suffix: string): void {
    this.beginOperand(t, false);
    if (this.frames.length >= expressionNestingMax) {
      throw new ExprError('too_deep', `the expression is nested too deeply: use at most ${expressionNestingMax} levels of parentheses`);
    }
    this.frames.push({ kind, close: kind === 'bar' ? '|' : closeOf.get(t.text)!, suffix });
    this.out.push(emitted);
    this.i++;
    this.expectOperand = true;
  }

  private operator(t: Token): void {
    const unary = t.text === '+' || t.text === '-';
    if (this.expectOperand && !unary) throw syntax(`\`${t.text}\` needs a number or variable before it`);
    this.out.push(t.text);
    this.i++;
    this.expectOperand = true;
  }

  private close(t: Token): void {
    const top = this.frames.at(-1);
    if (top === undefined) throw syntax(`unmatched \`${t.text}\`: remove it or add the opening bracket`);
    if (top.kind === 'bar') throw syntax(`\`${t.text}\` comes before the closing \`|\` of an absolute value: close the \`|\` first`);
    if (top.close !== t.text) throw syntax(`\`${t.text}\` does not match the opening bracket: close it with \`${top.close}\``);
    if (this.expectOperand) throw syntax(`something is missing before \`${t.text}\`: a number or variable inside the brackets or after the operator`);
    this.frames.pop();
    this.out.push(')' + top.suffix);
    this.i++;
    this.expectOperand = false;
  }

  /** `|` opens an absolute value where an operand is expected, else closes the innermost open one. */
  private bar(t: Token): void {
    const top = this.frames.at(-1);
    if (!this.expectOperand && top?.kind === 'bar') {
      this.frames.pop();
      this.out.push(')');
      this.i++;
      return;
    }
    if (!this.expectOperand && this.frames.some((f) => f.kind === 'bar')) {
      throw syntax('a `|` closes an absolute value while a bracket inside it is still open: close the bracket first');
    }
    this.open(t, 'bar', 'f_abs(', '');
  }

  private comma(): void {
    if (this.frames.at(-1)?.kind !== 'call') {
      throw new ExprError('not_allowed', '`,` only separates the arguments of a function such as `max(a, b)`; for a decimal write a point: `2.5`');
    }
    if (this.expectOperand) throw syntax('an argument is missing before `,`');
    this.out.push(',');
    this.i++;
    this.expectOperand = true;
  }

  private name(t: Token): void {
    const factor = this.factors.get(t.text);
    if (factor !== undefined) return this.atom(t, factor, false);
    const fn = lookupFunction(t.text, this.ctx.mode, this.ctx.logBase);
    if (fn !== undefined) return this.call(t, fn);
    const parts = this.split(t.text);
    if (parts === undefined) throw this.unknownName(t);
    this.atom(t, parts.join('*'), false);
  }

  /** A name that is a product of known names (`xy` is x·y, like WeBWorK); undefined if none; refused if several. */
  private split(text: string): string[] | undefined {
    // ways[k]: how many splits text.slice(k) has (capped at 2), next[k]: the end of the first name of one of them.
    const ways = new Array<number>(text.length + 1).fill(0);
    const next = new Array<number>(text.length + 1).fill(0);
    ways[text.length] = 1;
    for (let k = text.length - 1; k >= 0; k--) {
      for (let end = k + 1; end <= Math.min(text.length, k + nameLengthMax); end++) {
        if (ways[end] === 0 || !this.factors.has(text.slice(k, end))) continue;
        ways[k] = Math.min(2, ways[k] + ways[end]);
        next[k] = end;
      }
    }
    if (ways[0] === 0) return undefined;
    if (ways[0] > 1) throw ambiguous(`\`${text}\` can be split into names in more than one way: write the product with \`*\``);
    const parts: string[] = [];
    for (let k = 0; k < text.length; k = next[k]) parts.push(this.factors.get(text.slice(k, next[k]))!);
    return parts;
  }

  /** Whether `text` reads as one operand: a number, a known name, or a product of known names. */
  private readsAsOperand(text: string): boolean {
    if (/^\d+(\.\d*)?$/.test(text) || this.factors.has(text)) return true;
    try {
      return this.split(text) !== undefined;
    } catch {
      return false;
    }
  }

  private unknownName(t: Token): ExprError {
    const text = t.text;
    if (this.ctx.mode === 'student' && isAuthorFunction(text)) {
      return new ExprError('not_allowed', `\`${text}\` cannot be used in answers: write the expression without it`);
    }
    // `sinx` is sin(x) glued; but `cosec` is not cos(ec): suggest only when the rest is an operand.
    const prefix = functionNames(this.ctx.mode)
      .filter((f) => text.toLowerCase().startsWith(f.toLowerCase()) && text.length > f.length && this.readsAsOperand(text.slice(f.length)))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix !== undefined) {
      return new ExprError('unknown_function', `unknown function \`${text}\`: write \`${text.slice(0, prefix.length)}(${text.slice(prefix.length)})\``);
    }
    // `xsin(x)`: an operand glued to a function name.
    const suffix = functionNames(this.ctx.mode)
      .filter((f) => text.toLowerCase().endsWith(f.toLowerCase()) && text.length > f.length && this.readsAsOperand(text.slice(0, -f.length)))
      .sort((a, b) => b.length - a.length)[0];
    if (suffix !== undefined) {
      const [before, fn] = [text.slice(0, -suffix.length), text.slice(-suffix.length)];
      return new ExprError('unknown_function', `unknown function \`${text}\`: write \`${before}*${fn}(…)\`, with \`*\` between ${before} and the function`);
    }
    const digits = /^(.*?)(\d+)$/.exec(text);
    if (digits !== null && digits[1] !== '' && (this.factors.has(digits[1]) || this.split(digits[1]) !== undefined)) {
      return ambiguous(`\`${text}\` is ambiguous: write \`${digits[1]}^${digits[2]}\` for a power or \`${digits[2]}${digits[1]}\` for a product`);
    }
    if (this.tokens[this.i + 1]?.kind === 'open') {
      return new ExprError('unknown_function', `unknown function \`${text}\`: the functions are ${functionNames(this.ctx.mode, false).join(', ')}`);
    }
    const vars = this.ctx.variables;
    return new ExprError('unknown_variable', vars.length > 0
      ? `unknown variable \`${text}\`: the variables are ${vars.join(', ')}`
      : `unknown name \`${text}\`: this answer has no variables, enter a number`);
  }

  /** A function name: `sin(x)`, `sin^2(x)`, `sin^-1(x)`, or `sin x` when the argument is one number or name. */
  private call(t: Token, fn: FunctionSpec): void {
    this.beginOperand(t, false);
    this.i++;
    let power = '';
    if (this.tokens[this.i]?.kind === 'op' && this.tokens[this.i].text === '^') [fn, power] = this.functionPower(t, fn);
    const next = this.tokens[this.i];
    if (next?.kind === 'open') {
      this.expectOperand = true;
      return this.open(next, 'call', (power ? '(' : '') + `f_${fn.name}(`, power ? `)^${power}` : '');
    }
    const arg = next?.kind === 'num' ? next.text : next?.kind === 'name' ? this.factors.get(next.text) : undefined;
    if (arg === undefined || fn.argsMin > 1) {
      throw syntax(`\`${t.text}\` needs its argument in parentheses: write \`${t.text}(${this.ctx.variables[0] ?? 'x'})\``);
    }
    this.i++;
    this.refuseAfterBareArgument(t.text, next!.text);
    const call = `f_${fn.name}(${arg})`;
    this.out.push(power ? `(${call})^${power}` : call);
    this.expectOperand = false;
  }

  /** `sin x^2`, `sin x/2`, `sin 2x`: where the bare argument ends is a guess, so it is refused. */
  private refuseAfterBareArgument(fn: string, arg: string): void {
    const next = this.tokens[this.i];
    if (next === undefined) return;
    const rest = this.tokens[this.i + 1]?.text ?? '…';
    if (next.kind === 'op' && (next.text === '^' || next.text === '/')) {
      const op = next.text;
      throw ambiguous(`\`${fn} ${arg}${op}${rest}\` is ambiguous: write \`${fn}(${arg}${op}${rest})\` or \`${fn}(${arg})${op}${rest}\``);
    }
    const closesBar = next.kind === 'bar' && this.frames.at(-1)?.kind === 'bar';
    if (next.kind === 'num' || next.kind === 'name' || next.kind === 'open' || (next.kind === 'bar' && !closesBar)) {
      throw ambiguous(`\`${fn} ${arg}${next.text}\` is ambiguous: write \`${fn}(${arg}${next.text})\` or \`${fn}(${arg})*${next.text}\``);
    }
  }

  /** After `sin^`: a whole number n means (sin(…))^n; -1 or (-1) means the inverse function (WeBWorK). */
  private functionPower(t: Token, fn: FunctionSpec): [FunctionSpec, string] {
    const [a, b, c, d] = this.tokens.slice(this.i + 1, this.i + 5);
    const isMinusOne = (x?: Token, y?: Token) => x?.text === '-' && y?.text === '1';
    if (a?.kind === 'num' && /^\d+$/.test(a.text)) {
      this.i += 2;
      return [fn, a.text];
    }
    const length = isMinusOne(a, b) ? 3 : a?.text === '(' && isMinusOne(b, c) && d?.text === ')' ? 5 : 0;
    if (length === 0) {
      throw ambiguous(`after \`${t.text}^\` write a whole number or -1: \`${t.text}^2(x)\` is (${t.text}(x))^2, \`${t.text}^-1(x)\` is the inverse function`);
    }
    const inverse = fn.inverse === undefined ? undefined : lookupFunction(fn.inverse, this.ctx.mode, this.ctx.logBase);
    if (inverse === undefined) {
      throw new ExprError('not_allowed', `\`${t.text}\` has no inverse function here: for the reciprocal write \`1/${t.text}(x)\``);
    }
    this.i += length;
    return [inverse, ''];
  }
}
