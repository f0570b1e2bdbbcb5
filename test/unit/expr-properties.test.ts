// Property tests (fast-check) for the expression language and the formula checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkFormula, evaluateExpr, expressionLengthMax, ExprError, readExpression, type Expr, type ReadOptions,
} from '../../src/questions/expr/index.ts';
import { renderRead } from '../../src/questions/expr/render.ts';

const variables = ['x', 'y'];
const student: ReadOptions = { settings: { logBase: 10 }, variables, mode: 'student' };
const author: ReadOptions = { ...student, mode: 'author' };
const readCodes = ['syntax', 'unknown_function', 'unknown_variable', 'ambiguous', 'not_allowed', 'too_long', 'too_deep'];

const studentFunctions: [string, number][] = ['sin', 'cos', 'tan', 'exp', 'ln', 'log10', 'sqrt', 'abs', 'asin', 'atan', 'cosh']
  .map((f) => [f, 1]);
const authorFunctions: [string, number][] = [...studentFunctions, ['max', 2], ['min', 3], ['mod', 2], ['round', 1], ['floor', 1], ['atan2', 2]];

function exprArbitrary(functions: [string, number][], binaryOps: string[], maxDepth: number): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr; leaf: Expr }>((tie) => ({
    expr: fc.oneof({ maxDepth, depthSize: 'small' },
      tie('leaf'),
      tie('expr').map((arg): Expr => ({ op: 'neg', arg })),
      fc.tuple(fc.constantFrom(...binaryOps), tie('expr'), tie('expr')).map(([op, left, right]) => ({ op, left, right }) as Expr),
      fc.constantFrom(...functions).chain(([fn, arity]) =>
        fc.array(tie('expr'), { minLength: arity, maxLength: arity }).map((args): Expr => ({ op: 'call', fn, args })))),
    leaf: fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((value): Expr => ({ op: 'num', value })),
      fc.double({ min: 0, max: 1e6, noNaN: true }).map((v): Expr => ({ op: 'num', value: v + 0 })),
      fc.constantFrom(...variables).map((name): Expr => ({ op: 'var', name })),
      fc.constantFrom('pi' as const, 'e' as const).map((name): Expr => ({ op: 'const', name })),
    ),
  }));
  return expr;
}

const allOps = ['add', 'sub', 'mul', 'div', 'pow'];
const point = fc.record({ x: fc.double({ min: -10, max: 10, noNaN: true }), y: fc.double({ min: -10, max: 10, noNaN: true }) });

const nearMath = fc.array(fc.constantFrom(
  'x', 'y', 'xy', 'x2', '1', '2.5', '.5', '2e-3', 'e', 'pi', '+', '-', '*', '/', '^', '**', '(', ')', '[', ']', '|',
  'sin', 'sin^2', 'sin^-1', 'ln', 'log', 'sqrt', 'abs', 'max', ',', ' ', '=', '!', '.',
), { maxLength: 40 }).map((parts) => parts.join(''));

function assertReadShape(text: string, opts: ReadOptions): void {
  const r = readExpression(text, opts);
  if (!r.ok) {
    assert.ok(readCodes.includes(r.code), `unexpected code ${r.code} for ${JSON.stringify(text)}`);
    assert.ok(r.message.length > 0);
    return;
  }
  // Whatever reads evaluates without a non-ExprError exception and re-reads to the same tree.
  const value = evaluateExpr(r.expr, { x: 0.5, y: -1.5 });
  assert.equal(typeof value, 'number');
  const again = readExpression(r.read, opts);
  assert.ok(again.ok, `read ${JSON.stringify(r.read)} of ${JSON.stringify(text)} must re-read: ${!again.ok && again.message}`);
  assert.deepEqual(again.expr, r.expr);
}

test('readExpression never throws on arbitrary strings, and refusals carry a known code', () => {
  fc.assert(fc.property(
    fc.oneof(fc.string({ maxLength: expressionLengthMax + 200 }), fc.string({ unit: 'binary', maxLength: 100 })),
    (text) => assertReadShape(text, student),
  ), { numRuns: 500 });
});

test('readExpression on near-math strings: refused with a code, or read, evaluated and re-read', () => {
  fc.assert(fc.property(nearMath, fc.constantFrom(student, author), (text, opts) => assertReadShape(text, opts)), { numRuns: 2000 });
});

test('the canonical read of any tree reads back to the same tree', () => {
  fc.assert(fc.property(exprArbitrary(authorFunctions, allOps, 6), (expr) => {
    const text = renderRead(expr);
    fc.pre(text.length <= expressionLengthMax);
    const r = readExpression(text, author);
    assert.ok(r.ok, `${text}: ${!r.ok && r.message}`);
    assert.deepEqual(r.expr, expr);
    assert.equal(r.read, text);
  }), { numRuns: 500 });
});

test('evaluating generated trees never throws, at any point', () => {
  fc.assert(fc.property(exprArbitrary(authorFunctions, allOps, 8), point, (expr, scope) => {
    assert.equal(typeof evaluateExpr(expr, scope), 'number');
  }), { numRuns: 500 });
});

/** checkFormula, with an undefined-almost-everywhere correct formula reported as the author error it is. */
function checkOrTooFewPoints(answer: string, correct: string) {
  try {
    return checkFormula(answer, correct, { variables, settings: { logBase: 10 } });
  } catch (err) {
    assert.ok(err instanceof ExprError && err.code === 'too_few_points', String(err));
    return undefined;
  }
}

test('checkFormula(f, f) is correct for generated formulas', () => {
  fc.assert(fc.property(exprArbitrary(studentFunctions, allOps, 5), (expr) => {
    const text = renderRead(expr);
    fc.pre(text.length <= expressionLengthMax);
    const r = checkOrTooFewPoints(text, text);
    if (r !== undefined) assert.ok(r.correct, `${text}: ${r.feedback}`);
  }), { numRuns: 300 });
});

test('checkFormula(f + 1, f) is wrong for generated bounded formulas', () => {
  const gridSize = 21;
  const bounded = (e: Expr) => {
    for (let i = 0; i < gridSize; i++) for (let j = 0; j < gridSize; j++) {
      const v = evaluateExpr(e, { x: -2 + (4 * i) / (gridSize - 1), y: -2 + (4 * j) / (gridSize - 1) });
      if (!(Math.abs(v) < 1e4)) return false;
    }
    return true;
  };
  const smooth: [string, number][] = [['sin', 1], ['cos', 1], ['abs', 1], ['atan', 1]];
  fc.assert(fc.property(exprArbitrary(smooth, ['add', 'sub', 'mul'], 4), (expr) => {
    fc.pre(bounded(expr));
    const text = renderRead(expr);
    const r = checkFormula(`(${text}) + 1`, text, { variables, settings: { logBase: 10 } });
    assert.equal(r.correct, false, text);
  }), { numRuns: 300 });
});

test('checkFormula is deterministic: the same pair, the same result', () => {
  fc.assert(fc.property(exprArbitrary(studentFunctions, allOps, 4), exprArbitrary(studentFunctions, allOps, 4), (f, g) => {
    const [a, b] = [renderRead(f), renderRead(g)];
    assert.deepEqual(checkOrTooFewPoints(a, b), checkOrTooFewPoints(a, b));
  }), { numRuns: 200 });
});
