// readExpression: bounded text -> tokens -> explicit text (notation.ts) -> mathjs parse -> our tree.
// mathjs is used for parsing only, from a private instance holding nothing but the parser.
import { create, parseDependencies, type MathNode } from 'mathjs';
import type { ReadingSettings } from '../types.ts';
import type { BinaryOp, Expr } from './ast.ts';
import { ExprError } from './errors.ts';
import { functionByName } from './functions.ts';
import { expressionDepthMax, expressionLengthMax } from './limits.ts';
import { rewrite, type NameContext } from './notation.ts';
import { renderRead, renderTex } from './render.ts';
import { spellGreek, tokenize } from './tokens.ts';
import { normalizeMath } from '../answer-text.ts';

const { parse } = create({ parseDependencies });

export interface ReadOptions {
  /** `logBase` decides what `log` means. */
  settings: ReadingSettings;
  /** Names allowed as variables (['x', 'y'] for a student formula, parameter names for authors). */
  variables: readonly string[];
  /** 'author' also allows round, floor, ceil, min, max, mod, sign, atan2. */
  mode: 'student' | 'author';
}

export type ReadResult =
  | { ok: true; expr: Expr; read: string; tex: string }
  | { ok: false; code: string; message: string };

/** Reads expression text. Never throws: unreadable text gives a stable code and a message saying how to write it. */
export function readExpression(text: string, opts: ReadOptions): ReadResult {
  try {
    const expr = readOrThrow(text, opts);
    return { ok: true, expr, read: renderRead(expr), tex: renderTex(expr) };
  } catch (err) {
    if (err instanceof ExprError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}

function readOrThrow(text: string, opts: ReadOptions): Expr {
  if (text.length > expressionLengthMax) {
    throw new ExprError('too_long', `the expression is too long: at most ${expressionLengthMax} characters`);
  }
  const ctx: NameContext = { variables: opts.variables, mode: opts.mode, logBase: opts.settings.logBase };
  const explicit = rewrite(tokenize(spellGreek(normalizeMath(text))), ctx);
  let node: MathNode;
  try {
    node = parse(explicit);
  } catch {
    // The rewrite checked operands, operators and brackets, so this is a case it did not foresee.
    throw new ExprError('syntax', 'the expression could not be read: check that every operator has a number or variable on both sides');
  }
  return toExpr(node, ctx, 0);
}

/** Our tree from the mathjs tree of an explicit text; anything unexpected is refused, never passed on. */
function toExpr(node: MathNode, ctx: NameContext, depth: number): Expr {
  if (depth > expressionDepthMax) {
    throw new ExprError('too_deep', `the expression is nested too deeply (at most ${expressionDepthMax} levels): simplify it`);
  }
  const sub = (n: MathNode) => toExpr(n, ctx, depth + 1);
  if (node.type === 'ParenthesisNode') return toExpr((node as unknown as { content: MathNode }).content, ctx, depth);
  if (node.type === 'ConstantNode') return number((node as unknown as { value: unknown }).value);
  if (node.type === 'SymbolNode') return symbol((node as unknown as { name: string }).name, ctx);
  if (node.type === 'OperatorNode') {
    const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
    if (fn === 'unaryPlus' && args.length === 1) return sub(args[0]);
    if (fn === 'unaryMinus' && args.length === 1) return { op: 'neg', arg: sub(args[0]) };
    const op = binaryOps.get(fn);
    if (op !== undefined && args.length === 2) return { op, left: sub(args[0]), right: sub(args[1]) };
  }
  if (node.type === 'FunctionNode') {
    const { fn, args } = node as unknown as { fn: { name?: string }; args: MathNode[] };
    const spec = fn.name?.startsWith('f_') ? functionByName(fn.name.slice(2)) : undefined;
    if (spec !== undefined) {
      if (args.length < spec.argsMin || args.length > spec.argsMax) throw arityError(spec.name, spec.argsMin, spec.argsMax);
      return { op: 'call', fn: spec.name, args: args.map(sub) };
    }
  }
  throw new ExprError('syntax', 'the expression could not be read: use numbers, variables, + - * / ^, functions and parentheses');
}

const binaryOps = new Map<string, BinaryOp>([
  ['add', 'add'], ['subtract', 'sub'], ['multiply', 'mul'], ['divide', 'div'], ['pow', 'pow'],
]);

function number(value: unknown): Expr {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ExprError('syntax', 'a number is too large: write numbers below 1e308');
  }
  return { op: 'num', value };
}

function symbol(name: string, ctx: NameContext): Expr {
  if (name === 'c_pi') return { op: 'const', name: 'pi' };
  if (name === 'c_e') return { op: 'const', name: 'e' };
  const variable = name.startsWith('v_') ? ctx.variables[Number(name.slice(2))] : undefined;
  if (variable === undefined) throw new ExprError('syntax', 'the expression could not be read: check the names in it');
  return { op: 'var', name: variable };
}

function arityError(name: string, min: number, max: number): ExprError {
  const count = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
  return new ExprError('syntax', `\`${name}\` takes ${count}, separated by commas: for example \`${name}(${['x', 'y', 'z'].slice(0, min).join(', ')})\``);
}
