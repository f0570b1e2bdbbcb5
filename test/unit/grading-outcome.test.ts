import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeOutcome, decodePart, encodeOutcome, encodePart, onTimeReason, OutcomeDecodeError,
  type DecidedPart, type StoredTiming,
} from '../../src/grading/index.ts';
import { identifierPattern } from '../../src/questions/yaml-fields.ts';

const arbScore = fc.oneof(fc.constantFrom(0, 1, 0.5, 0.8, 1 / 3, 2 / 3, 1e-7), fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0)); // + 0: no -0
const arbPart: fc.Arbitrary<DecidedPart> = fc.oneof(
  fc.constant<DecidedPart>({ status: 'invalid', score: 0, credited: 0, correct: false }),
  fc.record({ score: arbScore, factor: arbScore, correct: fc.boolean(), same: fc.boolean() })
    .map(({ score, factor, correct, same }): DecidedPart => ({ status: 'graded', score, credited: same ? score : score * factor, correct })),
);
const arbPartId = fc.stringMatching(identifierPattern);
const arbTiming: fc.Arbitrary<StoredTiming> = fc.oneof(
  fc.constant<StoredTiming>({ kind: 'on_time', credit: 1, reason: onTimeReason }),
  fc.record({ kind: fc.constantFrom<StoredTiming['kind']>('late', 'outage_grace'), credit: arbScore, reason: fc.string({ maxLength: 200 }) }).map((t) => ({ ...t })),
);

describe('stored outcome', () => {
  test('every decided part survives encoding exactly (no rounding of scores)', () => {
    fc.assert(fc.property(arbPart, (p) => {
      assert.deepEqual(decodePart(encodePart(p)), p);
    }), { numRuns: 2_000 });
  });

  test('a whole outcome with its timing decision survives a JSON round trip (as jsonb stores it)', () => {
    fc.assert(fc.property(fc.dictionary(arbPartId, arbPart, { minKeys: 1, maxKeys: 8 }).map((d) => ({ ...d })), arbTiming, (parts, timing) => {
      const stored = JSON.parse(JSON.stringify(encodeOutcome(parts, timing)));
      assert.deepEqual(decodeOutcome(stored), { parts, timing });
    }), { numRuns: 1_000 });
  });

  test('the common cases are a few bytes', () => {
    assert.equal(encodePart({ status: 'graded', score: 1, credited: 1, correct: true }), 'c1');
    assert.equal(encodePart({ status: 'graded', score: 0, credited: 0, correct: false }), 'w0');
    assert.equal(encodePart({ status: 'graded', score: 0.5, credited: 0.4, correct: false }), 'w.5 .4');
    assert.equal(encodePart({ status: 'invalid', score: 0, credited: 0, correct: false }), 'i');
    assert.deepEqual(encodeOutcome({ a: { status: 'graded', score: 1, credited: 1, correct: true } },
      { kind: 'on_time', credit: 1, reason: onTimeReason }), { a: 'c1' });
  });

  test('a timing decision other than plainly on time is kept with its reason', () => {
    const late: StoredTiming = { kind: 'late', credit: 0.8, reason: 'Received 2 h after the due date: 80% credit.' };
    assert.deepEqual(encodeOutcome({}, late)['@'], ['late', 0.8, late.reason]);
  });

  test('damaged stored values are refused with what was expected, never read as a score', () => {
    for (const bad of ['', 'x1', 'c', 'cNaN', 'c1 ', 'c1 x', 'w-', 'i1']) {
      assert.throws(() => decodePart(bad), OutcomeDecodeError, bad);
    }
    assert.throws(() => decodeOutcome({ '@': ['soon', 1, ''] } as never), /expected \[kind, credit, reason\]/);
    assert.throws(() => decodeOutcome({ a: 1 } as never), OutcomeDecodeError);
  });

  test('scores outside what a grader produces cannot be written', () => {
    assert.throws(() => encodePart({ status: 'graded', score: Number.NaN, credited: 0, correct: false }), RangeError);
    assert.throws(() => encodePart({ status: 'graded', score: -0.5, credited: 0, correct: false }), RangeError);
    assert.throws(() => encodeOutcome({ '@': { status: 'invalid', score: 0, credited: 0, correct: false } },
      { kind: 'on_time', credit: 1, reason: onTimeReason }), RangeError);
  });
});
