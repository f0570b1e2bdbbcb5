// checkFormula: equivalence at seeded points, resampling, tolerances, invalid input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFormula, ExprError, makeRng, type FormulaCheckOptions } from '../../src/questions/expr/index.ts';

const base: FormulaCheckOptions = { variables: ['x'], settings: { logBase: 10 } };
const check = (answer: string, correct: string, extra: Partial<FormulaCheckOptions> = {}) =>
  checkFormula(answer, correct, { ...base, ...extra });

function assertCorrect(answer: string, correct: string, extra: Partial<FormulaCheckOptions> = {}): void {
  const r = check(answer, correct, extra);
  assert.equal(r.status, 'graded');
  assert.ok(r.correct, `${answer} should equal ${correct}: ${r.feedback}`);
  assert.equal(r.score, 1);
}

function assertWrong(answer: string, correct: string, extra: Partial<FormulaCheckOptions> = {}): void {
  const r = check(answer, correct, extra);
  assert.equal(r.status, 'graded');
  assert.equal(r.correct, false, `${answer} should differ from ${correct}`);
  assert.equal(r.score, 0);
  assert.match(r.feedback, /not equivalent/);
}

test('equivalent forms are correct, different ones wrong', () => {
  assertCorrect('2x', 'x+x');
  assertCorrect('(x+1)^2', 'x^2+2*x+1');
  assertCorrect('sin(x)^2 + cos(x)^2', '1');
  assertWrong('x+1', 'x');
  assertWrong('1/2x', '1/(2*x)');
});

test('a wrong answer is graded with feedback and how it was read; parsed is the canonical reading', () => {
  const r = check('1/2x', '1/(2*x)');
  assert.equal(r.read, '(1/2)·x');
  assert.equal(r.parsed, '(1/2)·x');
  assert.ok(r.feedback.includes('(1/2)·x'));
});

test('tolerance is relative per point: 1e-20x and 2e-20x differ, also after a sum', () => {
  assertWrong('1e-20x', '2e-20*x');
  assertCorrect('2e-20x', '2e-20*x');
  assertWrong('1e-20(x+1)', '2e-20*(x+1)');
  assertCorrect('1e20(x+1)', '1e20*x + 1e20');
});

test('the rounding-noise floor follows the magnitudes at each point: cancellation passes, a real difference does not', () => {
  const nearOne: Partial<FormulaCheckOptions> = { domains: { x: [1 - 1e-9, 1 + 1e-9] } };
  assertCorrect('x^2 - 2x + 1', '(x-1)^2', nearOne);
  assertCorrect('(x^2-1)/(x+1)', 'x-1', nearOne);
  assertWrong('x^2 - 2x + 1 + 1e-10', '(x-1)^2', nearOne);
});

test('relTol and absTol options widen the comparison', () => {
  assertWrong('3.1416x', 'pi*x');
  assertCorrect('3.1416x', 'pi*x', { relTol: 1e-4 });
  assertWrong('x + 0.001', 'x');
  assertCorrect('x + 0.001', 'x', { absTol: 0.01 });
});

test('points where the correct formula is undefined are resampled', () => {
  assertCorrect('sqrt(x)', 'sqrt(x)');
  assertCorrect('sqrt(|x|)', 'sqrt(x)');
  assertCorrect('1/(x-1)', '1/(x-1)', { domains: { x: [0, 2] } });
});

test('where only the student formula is undefined the answer is wrong, and the feedback says where', () => {
  const r = check('sqrt(x)^2', 'x');
  assert.equal(r.correct, false);
  assert.match(r.feedback, /undefined at x = /);
});

test('a correct formula undefined almost everywhere is an author error', () => {
  assert.throws(() => check('x', 'sqrt(-1-x^2)'), (e: unknown) => e instanceof ExprError && e.code === 'too_few_points');
  assert.throws(() => check('x', 'x+'), (e: unknown) => e instanceof ExprError && e.code === 'bad_correct_answer');
});

test('unreadable input is invalid (no attempt used) with the fix-it message', () => {
  const r = check('sinx', 'sin(x)');
  assert.deepEqual(r, { status: 'invalid', score: 0, correct: false, feedback: 'unknown function `sinx`: write `sin(x)`', read: '', parsed: null });
});

test('a variable outside the allowed ones is invalid and the message lists the allowed ones', () => {
  const r = check('x*z', 'x*y', { variables: ['x', 'y'] });
  assert.equal(r.status, 'invalid');
  assert.match(r.feedback, /x, y/);
});

test('several variables with their own domains', () => {
  const opts: Partial<FormulaCheckOptions> = { variables: ['x', 'y'], domains: { y: [1, 3] } };
  assertCorrect('ln(y^2) + xy', '2*ln(y) + x*y', opts);
  assertWrong('ln(y^2) + x', '2*ln(y) + x*y', opts);
});

test('the course log base is used for both formulas', () => {
  assertCorrect('log(x)', 'ln(x)/ln(10)', { domains: { x: [1, 5] } });
  assertCorrect('log(x)', 'ln(x)', { domains: { x: [1, 5] }, settings: { logBase: 'e' } });
});

test('the same pair gives the same result; makeRng is deterministic and seeds differ', () => {
  assert.deepEqual(check('sqrt(x)^2', 'x'), check('sqrt(x)^2', 'x'));
  const a = makeRng(7), b = makeRng(7), c = makeRng(8);
  const seqA = [a(), a(), a()], seqB = [b(), b(), b()], seqC = [c(), c(), c()];
  assert.deepEqual(seqA, seqB);
  assert.notDeepEqual(seqA, seqC);
  for (const v of seqA) assert.ok(v >= 0 && v < 1);
});
