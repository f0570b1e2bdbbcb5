// One test per notation rule of docs/questions.md "Notation".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpr, readExpression, type ReadOptions } from '../../src/questions/expr/index.ts';

const student = (variables: string[] = ['x', 'y'], logBase: 10 | 'e' = 10): ReadOptions =>
  ({ settings: { logBase }, variables, mode: 'student' });

function readsAs(text: string, expected: string, opts = student()): void {
  const r = readExpression(text, opts);
  assert.ok(r.ok, `${text} should read, got ${JSON.stringify(r)}`);
  assert.equal(r.read, expected);
}

function valueOf(text: string, scope: Record<string, number> = {}, opts = student()): number {
  const r = readExpression(text, opts);
  assert.ok(r.ok, `${text} should read, got ${JSON.stringify(r)}`);
  return evaluateExpr(r.expr, scope);
}

function refused(text: string, code: string, advice: string, opts = student()): void {
  const r = readExpression(text, opts);
  assert.ok(!r.ok, `${text} should be refused, was read as ${r.ok && r.read}`);
  assert.equal(r.code, code);
  assert.ok(r.message.includes(advice), `message "${r.message}" should include "${advice}"`);
}

test('1/2x: implicit multiplication binds like * and /, left to right, so it is (1/2)·x', () => {
  readsAs('1/2x', '(1/2)·x');
  assert.equal(valueOf('1/2x', { x: 4 }), 2);
});

test('a/4x is (a/4)·x', () => {
  readsAs('a/4x', '(a/4)·x', student(['a', 'x']));
});

test('6/2(1+2) is (6/2)·(1+2) = 9', () => {
  readsAs('6/2(1+2)', '(6/2)·(1 + 2)');
  assert.equal(valueOf('6/2(1+2)'), 9);
});

test('x2 is refused: write x^2 or 2x', () => {
  refused('x2', 'ambiguous', 'write `x^2` for a power or `2x` for a product');
});

test('a number right after a variable or bracket is refused (x 2, (x+1)2)', () => {
  refused('x 2', 'ambiguous', 'write `x*2`');
  refused('(x+1)2', 'ambiguous', '`(…)*2`');
});

test('xy is x·y when x and y are variables; a name that is a variable wins', () => {
  readsAs('xy', 'x·y');
  readsAs('xy', 'xy', student(['x', 'y', 'xy']));
  readsAs('pix', 'pi·x');
});

test('x(x+1) is x·(x+1)', () => {
  readsAs('x(x+1)', 'x·(x + 1)');
  assert.equal(valueOf('x(x+1)', { x: 3 }), 12);
});

test('sinx is refused: unknown function, write sin(x)', () => {
  refused('sinx', 'unknown_function', 'unknown function `sinx`: write `sin(x)`');
});

test('sin x is sin(x): a function applies to one following number or name', () => {
  readsAs('sin x', 'sin(x)');
  readsAs('2sin x + 1', '2·sin(x) + 1');
});

test('sin 2x is refused: write sin(2x) or sin(2)*x', () => {
  refused('sin 2x', 'ambiguous', 'write `sin(2x)` or `sin(2)*x`');
});

test('sin x^2 is refused: write sin(x^2) or sin(x)^2', () => {
  refused('sin x^2', 'ambiguous', 'write `sin(x^2)` or `sin(x)^2`');
  refused('sin x/2', 'ambiguous', 'write `sin(x/2)` or `sin(x)/2`');
});

test('sin^2(x) is sin(x)^2', () => {
  readsAs('sin^2(x)', 'sin(x)^2');
  assert.equal(valueOf('sin^2(x)', { x: 1 }), Math.sin(1) ** 2);
});

test('sin^-1(x) is the inverse function asin(x), not 1/sin(x)', () => {
  readsAs('sin^-1(x)', 'asin(x)');
  readsAs('sin^(-1)(x)', 'asin(x)');
  readsAs('arcsin(x)', 'asin(x)');
  refused('sqrt^-1(x)', 'not_allowed', 'write `1/sqrt(x)`');
  refused('sin^x(x)', 'ambiguous', 'write a whole number or -1');
});

test('ln is the natural log; log follows the course setting (base 10 or e)', () => {
  readsAs('ln(x)', 'ln(x)');
  readsAs('log(x)', 'log10(x)', student(['x'], 10));
  readsAs('log(x)', 'ln(x)', student(['x'], 'e'));
  assert.equal(valueOf('log(1000)'), 3);
  assert.equal(valueOf('log(e)', {}, student([], 'e')), 1);
});

test('2e-3 is scientific notation (0.002); Euler e needs a space or *: 2e, 2 e-3, 2*e^x', () => {
  readsAs('2e-3', '0.002');
  readsAs('2e', '2·e');
  readsAs('2 e-3', '2·e - 3');
  assert.equal(valueOf('2*e^x', { x: 1 }), 2 * Math.E);
});

test('|x| is abs(x); bars nest and multiply', () => {
  readsAs('|x|', 'abs(x)');
  readsAs('||x|-1|', 'abs(abs(x) - 1)');
  readsAs('|x||y|', 'abs(x)·abs(y)');
  refused('|(x|)', 'syntax', 'close the bracket first');
});

test('2^3^2 is 2^(3^2) = 512: powers group from the right', () => {
  readsAs('2^3^2', '2^(3^2)');
  assert.equal(valueOf('2^3^2'), 512);
  readsAs('x**2', 'x^2');
});

test('-x^2 is -(x^2)', () => {
  readsAs('-x^2', '-(x^2)');
  assert.equal(valueOf('-x^2', { x: 3 }), -9);
});

test('brackets [ ] and { } group like parentheses; unicode × · − ÷ π are accepted', () => {
  readsAs('[x+1]{x-1}', '(x + 1)·(x - 1)');
  readsAs('3×x − π÷2', '3·x - pi/2');
});

test('every read re-reads to the same tree', () => {
  for (const text of ['1/2x', '6/2(1+2)', '-x^2', '2^3^2', 'sin^2(x)', '||x|-1|', '2e-3x', '1e-20x', 'x-(y-1)', '(-x)^2', '2^-x']) {
    const first = readExpression(text, student());
    assert.ok(first.ok);
    const second = readExpression(first.read, student());
    assert.ok(second.ok, `${first.read} should re-read`);
    assert.deepEqual(second.expr, first.expr);
  }
});
