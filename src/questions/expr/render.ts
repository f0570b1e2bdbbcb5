// Shows a tree back to the reader: `read` is plain text that re-reads to the same tree and leaves no
// doubt about grouping ("1/2x" is shown "(1/2)·x"); `tex` is the same for KaTeX.
import type { Expr } from './ast.ts';
import { functionByName } from './functions.ts';

/** Leaves and calls never need parentheses around them. */
function isAtom(e: Expr): boolean {
  return e.op === 'var' || e.op === 'const' || e.op === 'call' || (e.op === 'num' && e.value >= 0 && !Object.is(e.value, -0));
}

/** Whether `e`, as the given side of a product, stays bare: a power, or a product on the left (a·b·c). */
function bareInProduct(e: Expr, side: 'left' | 'right'): boolean {
  return isAtom(e) || e.op === 'pow' || (side === 'left' && e.op === 'mul');
}

function bareInSum(e: Expr, side: 'left' | 'right'): boolean {
  return side === 'left' || (e.op !== 'add' && e.op !== 'sub' && e.op !== 'neg');
}

export function renderRead(e: Expr): string {
  const wrap = (x: Expr, bare: boolean) => (bare ? renderRead(x) : `(${renderRead(x)})`);
  switch (e.op) {
    case 'num': return String(e.value);
    case 'var': case 'const': return e.name;
    case 'call': return `${e.fn}(${e.args.map(renderRead).join(', ')})`;
    case 'neg': return `-${wrap(e.arg, isAtom(e.arg))}`;
    case 'add': case 'sub':
      return `${wrap(e.left, bareInSum(e.left, 'left'))} ${e.op === 'add' ? '+' : '-'} ${wrap(e.right, bareInSum(e.right, 'right'))}`;
    case 'mul': return `${wrap(e.left, bareInProduct(e.left, 'left'))}·${wrap(e.right, bareInProduct(e.right, 'right'))}`;
    case 'div': return `${wrap(e.left, isAtom(e.left))}/${wrap(e.right, isAtom(e.right))}`;
    case 'pow': return `${wrap(e.left, isAtom(e.left))}^${wrap(e.right, isAtom(e.right))}`;
  }
}

function texNumber(value: number): string {
  const [mantissa, exponent] = String(value).split('e');
  return exponent === undefined ? mantissa : `${mantissa}\\times 10^{${Number(exponent)}}`;
}

function texName(name: string): string {
  if (name === 'pi') return '\\pi';
  return name.length === 1 ? name : `\\mathit{${name.replaceAll('_', '\\_')}}`;
}

function texCall(fn: string, args: string[]): string {
  if (fn === 'sqrt') return `\\sqrt{${args[0]}}`;
  if (fn === 'abs') return `\\left|${args[0]}\\right|`;
  return `${functionByName(fn)?.tex ?? fn}\\left(${args.join(', ')}\\right)`;
}

export function renderTex(e: Expr): string {
  const wrap = (x: Expr, bare: boolean) => (bare ? renderTex(x) : `\\left(${renderTex(x)}\\right)`);
  switch (e.op) {
    case 'num': return e.value < 0 ? `\\left(${texNumber(e.value)}\\right)` : texNumber(e.value);
    case 'var': case 'const': return texName(e.name);
    case 'call': return texCall(e.fn, e.args.map(renderTex));
    case 'neg': return `-${wrap(e.arg, isAtom(e.arg) || e.arg.op === 'pow' || e.arg.op === 'div')}`;
    case 'add': case 'sub':
      return `${wrap(e.left, bareInSum(e.left, 'left'))} ${e.op === 'add' ? '+' : '-'} ${wrap(e.right, bareInSum(e.right, 'right'))}`;
    case 'mul':
      return `${wrap(e.left, bareInProduct(e.left, 'left') || e.left.op === 'div')} \\cdot ${wrap(e.right, bareInProduct(e.right, 'right') || e.right.op === 'div')}`;
    case 'div': return `\\frac{${renderTex(e.left)}}{${renderTex(e.right)}}`;
    case 'pow': return `{${wrap(e.left, isAtom(e.left) && e.left.op !== 'call')}}^{${renderTex(e.right)}}`;
  }
}
