// The expression language is safe by construction: only our tree is ever evaluated, only listed
// functions can be called, and nothing a reader types can reach JavaScript or mathjs state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateExpr, evalStepsMax, expressionDepthMax, expressionLengthMax, ExprError, readExpression, type Expr, type ReadOptions,
} from '../../src/questions/expr/index.ts';

const opts = (mode: 'student' | 'author' = 'student'): ReadOptions => ({ settings: { logBase: 10 }, variables: ['x'], mode });

function refusedWith(text: string, codes: string[], mode: 'student' | 'author' = 'student'): void {
  const r = readExpression(text, opts(mode));
  assert.ok(!r.ok, `${JSON.stringify(text)} must be refused, was read as ${r.ok && r.read}`);
  assert.ok(codes.includes(r.code), `${JSON.stringify(text)}: code ${r.code}, expected one of ${codes}`);
  assert.ok(r.message.length > 0);
}

test('object internals are not names: constructor, __proto__, prototype, toString', () => {
  for (const text of ['constructor', '__proto__', 'prototype', 'toString', 'x.constructor', 'x["constructor"]', 'hasOwnProperty(x)']) {
    refusedWith(text, ['unknown_variable', 'unknown_function', 'syntax', 'not_allowed'], 'author');
  }
});

test('mathjs functions that change shared state or run code are unknown functions', () => {
  for (const name of ['import', 'config', 'createUnit', 'evaluate', 'compile', 'parse', 'simplify', 'derivative', 'chain', 'typed']) {
    refusedWith(`${name}(x)`, ['unknown_function'], 'author');
  }
});

test('assignment and function definitions are refused', () => {
  for (const text of ['x=1', 'f(x)=x^2', 'x:=1', 'x==1', 'x<1']) refusedWith(text, ['not_allowed', 'syntax']);
});

test('matrices, strings, ranges, conditionals and mathjs operators are refused', () => {
  for (const text of ['[1,2]', '[[1,2],[3,4]]', '"abc"', "'abc'", '1:3', 'x ? 1 : 2', 'x!', "x'", '5 mod 3', '1 to 2', 'x in y', 'true', 'NaN', 'Infinity', '#x', '$x', '@x', 'x;1']) {
    refusedWith(text, ['not_allowed', 'syntax', 'unknown_variable', 'unknown_function']);
  }
});

test('author-only functions are refused to students with a message saying so', () => {
  refusedWith('round(x)', ['not_allowed']);
  refusedWith('floor(x) + 1', ['not_allowed']);
  const r = readExpression('round(x, 2) + mod(-1, 3) + max(x, 1, 2)', opts('author'));
  assert.ok(r.ok);
  assert.equal(evaluateExpr(r.expr, { x: 1.234 }), 1.23 + 2 + 2);
});

test('input longer than expressionLengthMax is refused before parsing', () => {
  refusedWith('x+'.repeat(expressionLengthMax), ['too_long']);
  refusedWith('('.repeat(400) + 'x' + ')'.repeat(400), ['too_deep']);
  refusedWith('-'.repeat(expressionLengthMax - 1) + 'x', ['too_deep']);
});

test('evaluation of a foreign tree never reaches JavaScript: unknown nodes, functions and names throw ExprError', () => {
  const bad: unknown[] = [
    { op: 'call', fn: 'constructor', args: [] },
    { op: 'call', fn: '__proto__', args: [] },
    { op: 'var', name: 'toString' },
    { op: 'var', name: '__proto__' },
    { op: 'eval', arg: { op: 'num', value: 1 } },
    { op: 'num', value: '1' },
    { op: 'call', fn: 'sin', args: 'x' },
    { op: 'neg', arg: null },
    null,
  ];
  for (const tree of bad) {
    assert.throws(() => evaluateExpr(tree as Expr, {}), ExprError, JSON.stringify(tree));
  }
});

test('a runaway tree stops with a clear ExprError (depth and step bounds)', () => {
  let deep: Expr = { op: 'var', name: 'x' };
  for (let k = 0; k < 10 * expressionDepthMax; k++) deep = { op: 'neg', arg: deep };
  assert.throws(() => evaluateExpr(deep, { x: 1 }), (e: unknown) => e instanceof ExprError && e.code === 'too_deep');
  // A shared subtree doubles the work per level: 2^30 visits if unbounded.
  let wide: Expr = { op: 'var', name: 'x' };
  for (let k = 0; k < 30; k++) wide = { op: 'add', left: wide, right: wide };
  assert.throws(() => evaluateExpr(wide, { x: 1 }), (e: unknown) => e instanceof ExprError && e.code === 'too_many_steps' && e.message.includes(String(evalStepsMax)));
});

test('domain errors are NaN, not exceptions', () => {
  for (const text of ['sqrt(-1)', 'ln(-1)', 'asin(2)', '(-8)^(1/3)', '0/0']) {
    const r = readExpression(text, opts());
    assert.ok(r.ok);
    assert.ok(Number.isNaN(evaluateExpr(r.expr, {})), text);
  }
});
