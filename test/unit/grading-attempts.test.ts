import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attemptState, creditedScore, newVariantAllowed, type PriorAttempt } from '../../src/grading/index.ts';
import { arbPolicy, examplePolicy } from './grading-fixtures.ts';

const wrong: PriorAttempt = { status: 'graded', correct: false };
const right: PriorAttempt = { status: 'graded', correct: true };
const invalid: PriorAttempt = { status: 'invalid', correct: false };

describe('attemptState', () => {
  test('a fresh part has every attempt left', () => {
    assert.deepEqual(attemptState([], examplePolicy()), { attemptsUsed: 0, attemptsLeft: 3, wrongBefore: 0, canSubmit: true, reason: null });
  });

  test('invalid attempts never count', () => {
    assert.deepEqual(attemptState([invalid, wrong, invalid, invalid], examplePolicy()),
      { attemptsUsed: 1, attemptsLeft: 2, wrongBefore: 1, canSubmit: true, reason: null });
  });

  test('when attempts run out the student is told to ask the instructor', () => {
    const s = attemptState([wrong, wrong, right], examplePolicy());
    assert.equal(s.canSubmit, false);
    assert.equal(s.attemptsLeft, 0);
    assert.equal(s.wrongBefore, 2);
    assert.equal(s.reason, 'You have used all 3 attempts on this part. If you need another, ask your instructor.');
  });

  test('a correct part may be resubmitted while attempts remain', () => {
    const s = attemptState([right], examplePolicy());
    assert.equal(s.canSubmit, true);
    assert.equal(s.attemptsLeft, 2);
  });

  test('unlimited attempts never block', () => {
    const s = attemptState(Array(500).fill(wrong), examplePolicy({ attemptsMax: null }));
    assert.deepEqual(s, { attemptsUsed: 500, attemptsLeft: null, wrongBefore: 500, canSubmit: true, reason: null });
  });

  test('a lowered attempt limit leaves 0 left, never a negative count', () => {
    assert.equal(attemptState([wrong, wrong, wrong], examplePolicy({ attemptsMax: 1 })).attemptsLeft, 0);
  });

  test('property: counts are never negative and agree with each other', () => {
    const arbPrior = fc.array(fc.record({ status: fc.constantFrom('graded' as const, 'invalid' as const), correct: fc.boolean() }), { maxLength: 30 });
    fc.assert(fc.property(arbPrior, arbPolicy, (prior, policy) => {
      const s = attemptState(prior, policy);
      assert.ok(s.attemptsUsed >= 0 && s.wrongBefore >= 0 && s.wrongBefore <= s.attemptsUsed);
      assert.ok(s.attemptsLeft === null || s.attemptsLeft >= 0);
      assert.equal(s.canSubmit, s.attemptsLeft === null || s.attemptsLeft > 0);
      assert.equal(s.reason === null, s.canSubmit);
    }), { numRuns: 1000 });
  });
});

describe('newVariantAllowed', () => {
  test('after the configured number of wrong attempts, and never when off', () => {
    assert.equal(newVariantAllowed(1, examplePolicy()), false);
    assert.equal(newVariantAllowed(2, examplePolicy()), true);
    assert.equal(newVariantAllowed(99, examplePolicy({ newVariantAfterWrong: null })), false);
  });
});

describe('creditedScore', () => {
  test('the raw score times the timing credit, less the penalty per earlier wrong attempt', () => {
    assert.equal(creditedScore(1, { wrongBefore: 0, penaltyPerWrong: 0.1, timingCredit: 1 }), 1);
    assert.equal(creditedScore(1, { wrongBefore: 0, penaltyPerWrong: 0.1, timingCredit: 0.8 }), 0.8);
    assert.equal(creditedScore(0.5, { wrongBefore: 2, penaltyPerWrong: 0.25, timingCredit: 1 }), 0.25);
  });

  test('the penalty floors at 0', () => {
    assert.equal(creditedScore(1, { wrongBefore: 20, penaltyPerWrong: 0.1, timingCredit: 1 }), 0);
  });

  test('a non-finite input is a caller bug and throws', () => {
    assert.throws(() => creditedScore(Number.NaN, { wrongBefore: 0, penaltyPerWrong: 0, timingCredit: 1 }), /raw is NaN/);
  });

  test('property: in [0,1] and never increasing with more wrong attempts', () => {
    const unit = fc.double({ min: -0.5, max: 1.5, noNaN: true });
    fc.assert(fc.property(unit, unit, unit, fc.nat(50), fc.nat(50), (raw, penaltyPerWrong, timingCredit, a, b) => {
      const score = (wrongBefore: number) => creditedScore(raw, { wrongBefore, penaltyPerWrong, timingCredit });
      const [fewer, more] = a <= b ? [a, b] : [b, a];
      assert.ok(score(fewer) >= 0 && score(fewer) <= 1);
      assert.ok(score(fewer) >= score(more));
    }), { numRuns: 2000 });
  });
});
