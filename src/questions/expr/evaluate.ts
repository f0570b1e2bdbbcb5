// Our evaluator: a walk over our own tree, nothing else is ever run. Domain errors give NaN (the
// checker decides what an undefined value means); only a runaway or malformed tree throws.
import type { Expr } from './ast.ts';
import { ExprError } from './errors.ts';
import { functionByName } from './functions.ts';
import { evalStepsMax, expressionDepthMax } from './limits.ts';

/** Relative rounding error of one floating-point operation. */
const roundingUnit = Number.EPSILON;

interface EvalState {
  scope: Readonly<Record<string, number>>;
  steps: number;
  /** Estimate rounding noise as well as the value (the formula checker's tolerance needs it). */
  track: boolean;
  /** The estimated absolute rounding error of the value the last `visit` returned. */
  err: number;
}

const constants = new Map<string, number>([['pi', Math.PI], ['e', Math.E]]);

const binary: Record<string, (a: number[]) => number> = {
  add: (a) => a[0] + a[1],
  sub: (a) => a[0] - a[1],
  mul: (a) => a[0] * a[1],
  div: (a) => a[0] / a[1],
  pow: (a) => a[0] ** a[1],
  neg: (a) => -a[0],
};

/** The value of `expr` with the variables in `scope`. Throws ExprError only for a runaway or malformed tree. */
export function evaluateExpr(expr: Expr, scope: Readonly<Record<string, number>>): number {
  return visit(expr, { scope, steps: 0, track: false, err: 0 }, 0);
}

/** The value and an estimate of its absolute rounding error (first order, by perturbing each operand by its own error). */
export function evaluateWithNoise(expr: Expr, scope: Readonly<Record<string, number>>): { value: number; noise: number } {
  const state: EvalState = { scope, steps: 0, track: true, err: 0 };
  const value = visit(expr, state, 0);
  return { value, noise: state.err };
}

function visit(e: Expr, st: EvalState, depth: number): number {
  if (++st.steps > evalStepsMax) throw new ExprError('too_many_steps', `the expression takes more than ${evalStepsMax} steps to evaluate: simplify it`);
  if (depth > expressionDepthMax) throw new ExprError('too_deep', `the expression is nested more than ${expressionDepthMax} levels deep: simplify it`);
  if (typeof e !== 'object' || e === null) throw malformed(String(e));
  switch (e.op) {
    case 'num':
      if (typeof e.value !== 'number') throw malformed('number without a value');
      st.err = literalError(e.value);
      return e.value;
    case 'const': {
      const value = constants.get(e.name);
      if (value === undefined) throw malformed(`constant \`${e.name}\``);
      st.err = roundingUnit * value;
      return value;
    }
    case 'var': st.err = 0; return lookup(e.name, st.scope);
    case 'neg': return apply(binary.neg, [e.arg], st, depth);
    case 'call':
      if (!Array.isArray(e.args)) throw malformed('call without arguments');
      return apply(functionApply(e.fn), e.args, st, depth);
    case 'add': case 'sub': case 'mul': case 'div': case 'pow':
      return apply(binary[e.op], [e.left, e.right], st, depth, e.op === 'pow');
  }
  throw malformed(`node \`${String((e as { op?: unknown }).op)}\``);
}

/** A whole number literal is exact in floating point; a decimal one may be off by a rounding unit. */
function literalError(value: number): number {
  return Number.isSafeInteger(value) ? 0 : roundingUnit * Math.abs(value);
}

function malformed(what: string): ExprError {
  return new ExprError('malformed', `not an expression tree (${what}): read the text again with readExpression`);
}

function lookup(name: string, scope: Readonly<Record<string, number>>): number {
  const value = Object.hasOwn(scope, name) ? scope[name] : undefined;
  if (typeof value !== 'number') throw new ExprError('unbound_variable', `no numeric value for variable \`${name}\`: give it one in the scope`);
  return value;
}

function functionApply(name: string): (a: number[]) => number {
  const spec = functionByName(name);
  if (spec === undefined) throw malformed(`function \`${name}\``);
  return spec.apply;
}

/**
 * Applies `f` to the operands; when tracking, its error is one rounding unit of the result plus the
 * change each operand's own error causes (operandError). `isPow` marks x^y, whose exponent is
 * handled analytically: a negative base has real powers only at whole exponents, so perturbing
 * the exponent of (-3)^2 would give NaN where the value is 9 and its noise tiny.
 */
function apply(f: (a: number[]) => number, operands: Expr[], st: EvalState, depth: number, isPow = false): number {
  const values = new Array<number>(operands.length);
  const errs = st.track ? new Array<number>(operands.length) : undefined;
  for (let k = 0; k < operands.length; k++) {
    values[k] = visit(operands[k], st, depth + 1);
    if (errs !== undefined) errs[k] = st.err;
  }
  const value = f(values);
  if (errs === undefined) return value;
  let err = roundingUnit * Math.abs(value);
  for (let k = 0; k < operands.length; k++) {
    if (errs[k] === 0 || !Number.isFinite(value)) continue;
    err += isPow && k === 1 ? exponentError(values[0], value, errs[1]) : operandError(f, values, k, errs[k], value);
  }
  st.err = err;
  return value;
}

/** |f(…, v ± δ, …) − f(…, v, …)|, the first direction in which f stays finite (0 at a domain edge in both). */
function operandError(f: (a: number[]) => number, values: number[], k: number, delta: number, value: number): number {
  const saved = values[k];
  let change = 0;
  for (const sign of [1, -1]) {
    values[k] = saved + sign * delta;
    const moved = f(values);
    if (Number.isFinite(moved)) { change = Math.abs(moved - value); break; }
  }
  values[k] = saved;
  return change;
}

/** The change of x^y for an error δ in y: |x^y · ln|x|| · δ (finite for negative x, 0 at x = 0). */
function exponentError(base: number, value: number, delta: number): number {
  const change = Math.abs(value * Math.log(Math.abs(base))) * delta;
  return Number.isFinite(change) ? change : 0;
}
