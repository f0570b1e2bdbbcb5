// Formulas for people to read: a tree simplified for display (`1·x` → x, `2/2·t^2` → t^2,
// `a + (-4)` → a - 4) and shown as text a student can type or as TeX. Only ever used to show a
// correct answer; grading always uses the author's tree as written.
import type { Expr } from './ast.ts';
import { evaluateExpr } from './evaluate.ts';
import { functionByName } from './functions.ts';
import { displayPassesMax, foldedPowerExponentMax, foldedQuotientDigitsMax } from './limits.ts';


const num = (value: number): Expr => ({ op: 'num', value: value === 0 ? 0 : value });
const isNum = (e: Expr): e is Extract<Expr, { op: 'num' }> => e.op === 'num';
/** Whether `e` is the literal `value` (not a type guard: false says nothing about the kind). */
const isValue = (e: Expr, value: number): boolean => e.op === 'num' && e.value === value;

function significantDigits(value: number): number {
  return String(Number(Math.abs(value).toPrecision(12))).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;
}

/** Folds an operation on two literals when the result is as exact as they are. */
function fold(e: Expr): Expr {
  if (e.op === 'neg' && isNum(e.arg)) return num(-e.arg.value);
  if (!('left' in e) || !isNum(e.left) || !isNum(e.right)) return e;
  const value = evaluateExpr(e, {});
  if (!Number.isFinite(value)) return e;
  const exact = e.op === 'div' ? significantDigits(value) <= foldedQuotientDigitsMax
    : e.op === 'pow' ? Number.isInteger(e.right.value) && Math.abs(e.right.value) <= foldedPowerExponentMax && significantDigits(value) <= 12
      : true;
  return exact ? num(Number(value.toPrecision(12))) : e;
}

/** One bottom-up pass of display identities. */
function step(e: Expr): Expr {
  switch (e.op) {
    case 'num': case 'var': case 'const': return e;
    case 'call': return { ...e, args: e.args.map(step) };
    case 'neg': {
      const arg = step(e.arg);
      if (arg.op === 'neg') return arg.arg;
      return fold({ op: 'neg', arg });
    }
    default: {
      const left = step(e.left);
      const right = step(e.right);
      return identity(fold({ op: e.op, left, right }));
    }
  }
}

function identity(e: Expr): Expr {
  if (!('left' in e)) return e;
  const { left: a, right: b } = e;
  switch (e.op) {
    case 'add':
      if (isValue(b, 0)) return a;
      if (isValue(a, 0)) return b;
      if (isNum(b) && b.value < 0) return { op: 'sub', left: a, right: num(-b.value) };
      if (b.op === 'neg') return { op: 'sub', left: a, right: b.arg };
      return e;
    case 'sub':
      if (isValue(b, 0)) return a;
      if (isValue(a, 0)) return { op: 'neg', arg: b };
      if (isNum(b) && b.value < 0) return { op: 'add', left: a, right: num(-b.value) };
      if (b.op === 'neg') return { op: 'add', left: a, right: b.arg };
      return e;
    case 'mul':
      if (isValue(a, 1)) return b;
      if (isValue(b, 1)) return a;
      if (isValue(a, 0) || isValue(b, 0)) return num(0);
      if (isValue(a, -1)) return { op: 'neg', arg: b };
      if (isValue(b, -1)) return { op: 'neg', arg: a };
      if (isNum(b) && !isNum(a)) return { op: 'mul', left: b, right: a };
      if (isNum(a) && b.op === 'mul' && isNum(b.left)) return identity(fold({ op: 'mul', left: fold({ op: 'mul', left: a, right: b.left }), right: b.right }));
      if (isNum(a) && b.op === 'div' && isNum(b.left)) return identity({ op: 'div', left: fold({ op: 'mul', left: a, right: b.left }), right: b.right });
      return e;
    case 'div':
      if (isValue(b, 1)) return a;
      if (isValue(a, 0)) return num(0);
      return e;
    case 'pow':
      if (isValue(b, 1)) return a;
      if (isValue(b, 0) || isValue(a, 1)) return num(1);
      return e;
  }
}

/** The tree simplified for display; repeated until nothing changes (at most displayPassesMax passes). */
export function simplifyForDisplay(e: Expr): Expr {
  let current = e;
  for (let pass = 0; pass < displayPassesMax; pass++) {
    const next = step(current);
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}

/** How numbers are written: at most `figures` significant figures. */
export interface DisplayOptions { figures: number }

function numberText(value: number, o: DisplayOptions): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(o.figures))).replace('e+', 'e');
}

/** Operator precedence for parenthesizing: sums 1, products 2, unary minus 3, powers 4, atoms 5. */
function level(e: Expr): number {
  switch (e.op) {
    case 'add': case 'sub': return 1;
    case 'mul': case 'div': return 2;
    case 'neg': return 3;
    case 'pow': return 4;
    case 'num': return e.value < 0 ? 3 : 5;
    default: return 5;
  }
}

/** A coefficient glued to what follows (`8t`, `2sin(x)`, `3(x + 1)`): a number times a non-number. */
function gluedCoefficient(a: Expr, b: Expr): boolean {
  const head = b.op === 'pow' ? b.left : b;
  return isNum(a) && a.value >= 0 && !isNum(head) && head.op !== 'neg' && b.op !== 'mul' && b.op !== 'div';
}

/** Text a student could type for the same formula: `t^2 + 8t - 4`, `3(x + 1)/(2x)`. */
export function displayText(e: Expr, o: DisplayOptions): string {
  const sub = (x: Expr, min: number) => (level(x) < min ? `(${displayText(x, o)})` : displayText(x, o));
  switch (e.op) {
    case 'num': return numberText(e.value, o);
    case 'var': case 'const': return e.name;
    case 'call': return `${e.fn}(${e.args.map((x) => displayText(x, o)).join(', ')})`;
    case 'neg': return `-${sub(e.arg, 2)}`;
    case 'add': return `${displayText(e.left, o)} + ${sub(e.right, 2)}`;
    case 'sub': return `${displayText(e.left, o)} - ${sub(e.right, 2)}`;
    case 'mul': {
      const right = sub(e.right, 4);
      return `${sub(e.left, 2)}${gluedCoefficient(e.left, e.right) ? '' : '*'}${right}`;
    }
    case 'div': return `${sub(e.left, 2)}/${sub(e.right, 5)}`;
    case 'pow': return `${sub(e.left, 5)}^${sub(e.right, 5)}`;
  }
}

function texNumber(value: number, o: DisplayOptions): string {
  const [mantissa, exponent] = numberText(value, o).split('e');
  return exponent === undefined ? mantissa! : `${mantissa}\\times 10^{${Number(exponent)}}`;
}

function texName(name: string): string {
  if (name === 'pi') return '\\pi';
  return name.length === 1 ? name : `\\mathit{${name.replaceAll('_', '\\_')}}`;
}

/** TeX of the same formula for KaTeX: `t^{2} + 8t - 4`, fractions as \frac. */
export function displayTex(e: Expr, o: DisplayOptions): string {
  const wrap = (x: Expr, min: number) => (level(x) < min ? `\\left(${displayTex(x, o)}\\right)` : displayTex(x, o));
  switch (e.op) {
    case 'num': return e.value < 0 ? `-${texNumber(-e.value, o)}` : texNumber(e.value, o);
    case 'var': case 'const': return texName(e.name);
    case 'call': {
      const args = e.args.map((x) => displayTex(x, o));
      if (e.fn === 'sqrt') return `\\sqrt{${args[0]}}`;
      if (e.fn === 'abs') return `\\left|${args[0]}\\right|`;
      return `${functionByName(e.fn)?.tex ?? e.fn}\\left(${args.join(', ')}\\right)`;
    }
    case 'neg': return `-${wrap(e.arg, 2)}`;
    case 'add': return `${displayTex(e.left, o)} + ${wrap(e.right, 2)}`;
    case 'sub': return `${displayTex(e.left, o)} - ${wrap(e.right, 2)}`;
    case 'mul': {
      const glue = !isNum(e.right) && !(e.right.op === 'pow' && isNum(e.right.left)) && e.right.op !== 'neg';
      return `${wrap(e.left, 2)}${glue ? ' ' : ' \\cdot '}${wrap(e.right, 4)}`;
    }
    case 'div': return `\\frac{${displayTex(e.left, o)}}{${displayTex(e.right, o)}}`;
    case 'pow': return `{${wrap(e.left, 5)}}^{${displayTex(e.right, o)}}`;
  }
}
