import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attemptsMaxLimit, lateWindowsCountMax, outageGraceMinutesMax, validateExtension, validateOutageGraceMinutes, validatePolicy } from '../../src/grading/index.ts';
import { afterDue, arbPolicy, dueAt, examplePolicy, opensAt } from './grading-fixtures.ts';

describe('validatePolicy', () => {
  test('the example policy is valid', () => {
    assert.deepEqual(validatePolicy(examplePolicy()), []);
  });

  test('property: every generated well-formed policy is valid', () => {
    fc.assert(fc.property(arbPolicy, (p) => assert.deepEqual(validatePolicy(p), [])), { numRuns: 500 });
  });

  const cases: [string, Parameters<typeof examplePolicy>[0], RegExp][] = [
    ['due before open', { dueAt: opensAt, opensAt: dueAt }, /due date \(2025-03-01 00:00 UTC\) must be after the open date \(2025-03-10 17:00 UTC\)/],
    ['invalid date', { dueAt: new Date('nonsense') }, /due date is not a valid date/],
    ['credit above 1', { lateWindows: [{ afterDueHours: 24, credit: 80 }] }, /Late window 1: credit must be between 0 and 1/],
    ['negative credit', { lateWindows: [{ afterDueHours: 24, credit: -0.1 }] }, /credit must be between 0 and 1/],
    ['zero hours', { lateWindows: [{ afterDueHours: 0, credit: 0.5 }] }, /hours after the due date must be more than 0/],
    ['not ascending', { lateWindows: [{ afterDueHours: 48, credit: 0.8 }, { afterDueHours: 24, credit: 0.5 }] }, /Late window 2 must end later than late window 1/],
    ['credit rising', { lateWindows: [{ afterDueHours: 24, credit: 0.5 }, { afterDueHours: 48, credit: 0.8 }] }, /Late window 2 gives more credit than late window 1/],
    ['too many windows', { lateWindows: Array.from({ length: lateWindowsCountMax + 1 }, (_, i) => ({ afterDueHours: i + 1, credit: 0.5 })) }, /at most 10 late windows, not 11/],
    ['attempts 0', { attemptsMax: 0 }, new RegExp(`Attempts per part must be a whole number from 1 to ${attemptsMaxLimit}`)],
    ['attempts fractional', { attemptsMax: 2.5 }, /Attempts per part/],
    ['penalty above 1', { penaltyPerWrong: 10 }, /penalty per wrong attempt must be between 0 and 1/],
    ['new variant 0', { newVariantAfterWrong: 0 }, /New variant after wrong attempts/],
  ];
  for (const [name, overrides, message] of cases) {
    test(`refuses ${name} with a message that says what to do`, () => {
      const problems = validatePolicy(examplePolicy(overrides));
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, message);
      assert.match(problems[0]!, /: (enter|move|list|merge|lower|choose)/);
    });
  }

  test('reports every problem at once', () => {
    assert.equal(validatePolicy(examplePolicy({ attemptsMax: 0, penaltyPerWrong: -1, lateWindows: [{ afterDueHours: -1, credit: 2 }] })).length, 4);
  });
});

describe('validateExtension and validateOutageGraceMinutes', () => {
  test('an extension must be later than the due date', () => {
    assert.deepEqual(validateExtension(examplePolicy(), afterDue(24)), []);
    assert.match(validateExtension(examplePolicy(), dueAt)[0]!, /must be later than the due date .*: choose a later date/);
  });

  test('the outage grace is a whole number of minutes within the bound', () => {
    assert.deepEqual(validateOutageGraceMinutes(60), []);
    assert.deepEqual(validateOutageGraceMinutes(0), []);
    assert.equal(validateOutageGraceMinutes(outageGraceMinutesMax + 1).length, 1);
    assert.equal(validateOutageGraceMinutes(1.5).length, 1);
  });
});
