import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assignmentTotal, diffScores, projectQuestionScore, scoreEpsilon, type ScoreRow } from '../../src/grading/index.ts';

const at = new Date('2025-03-10T12:00:00Z');
const parts = [{ id: 'a', weight: 1 }, { id: 'b', weight: 3 }];

describe('projectQuestionScore', () => {
  test('the best credited attempt per part, weighted', () => {
    const s = projectQuestionScore(parts, [
      { partId: 'a', credited: 0.5, serverTime: at }, { partId: 'a', credited: 1, serverTime: at },
      { partId: 'a', credited: 0.2, serverTime: at }, { partId: 'b', credited: 0.5, serverTime: at },
    ]);
    assert.deepEqual(s, { fraction: (1 * 1 + 3 * 0.5) / 4, perPart: { a: 1, b: 0.5 } });
  });

  test('a part with no attempt scores 0; attempts on parts the question no longer has are ignored', () => {
    assert.deepEqual(projectQuestionScore(parts, [{ partId: 'gone', credited: 1, serverTime: at }]), { fraction: 0, perPart: { a: 0, b: 0 } });
  });

  test('a question whose weights are all 0 scores 0, and a negative weight throws', () => {
    assert.equal(projectQuestionScore([{ id: 'a', weight: 0 }], [{ partId: 'a', credited: 1, serverTime: at }]).fraction, 0);
    assert.throws(() => projectQuestionScore([{ id: 'a', weight: -1 }], []), /weight -1/);
  });

  test('property: order-invariant and in [0,1]', () => {
    const arbParts = fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), weight: fc.double({ min: 0, max: 10, noNaN: true }) }), { selector: (p) => p.id, maxLength: 4 });
    const arbAttempts = fc.array(fc.record({ partId: fc.constantFrom('a', 'b', 'c', 'd', 'x'), credited: fc.double({ min: 0, max: 1, noNaN: true }), serverTime: fc.constant(at) }), { maxLength: 20 });
    fc.assert(fc.property(arbParts, arbAttempts.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length }))), (ps, [attempts, shuffled]) => {
      const s = projectQuestionScore(ps, attempts);
      assert.deepEqual(projectQuestionScore(ps, shuffled), s);
      assert.ok(s.fraction >= 0 && s.fraction <= 1);
    }), { numRuns: 1000 });
  });
});

describe('assignmentTotal', () => {
  test('points earned and possible', () => {
    assert.deepEqual(assignmentTotal([{ slotId: 's1', points: 10, fraction: 0.5 }, { slotId: 's2', points: 5, fraction: 1 }]), { earned: 10, possible: 15 });
    assert.deepEqual(assignmentTotal([]), { earned: 0, possible: 0 });
  });
});

describe('diffScores', () => {
  test('reports changed, new and vanished rows sorted by student then slot', () => {
    const before: ScoreRow[] = [
      { studentId: 's2', slotId: 'q1', fraction: 0.5 }, { studentId: 's1', slotId: 'q2', fraction: 1 },
      { studentId: 's1', slotId: 'q1', fraction: 0.3 }, { studentId: 's3', slotId: 'q1', fraction: 0.4 },
    ];
    const after: ScoreRow[] = [
      { studentId: 's1', slotId: 'q1', fraction: 0.3 + scoreEpsilon / 2 }, { studentId: 's1', slotId: 'q2', fraction: 0.8 },
      { studentId: 's2', slotId: 'q1', fraction: 1 }, { studentId: 's2', slotId: 'q3', fraction: 0.2 },
    ];
    assert.deepEqual(diffScores(before, after), [
      { studentId: 's1', slotId: 'q2', before: 1, after: 0.8 },
      { studentId: 's2', slotId: 'q1', before: 0.5, after: 1 },
      { studentId: 's2', slotId: 'q3', before: 0, after: 0.2 },
      { studentId: 's3', slotId: 'q1', before: 0.4, after: 0 },
    ]);
  });

  test('two rows for one student and slot are a caller bug and throw', () => {
    const row = { studentId: 's1', slotId: 'q1', fraction: 1 };
    assert.throws(() => diffScores([row, row], []), /two rows for student s1, slot q1/);
  });

  test('property: empty for identical input in any order, and every change exceeds the epsilon', () => {
    const arbRows = fc.uniqueArray(fc.record({ studentId: fc.constantFrom('s1', 's2', 's3'), slotId: fc.constantFrom('q1', 'q2'), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), { selector: (r) => `${r.studentId}/${r.slotId}` });
    fc.assert(fc.property(arbRows, arbRows, (rows, other) => {
      assert.deepEqual(diffScores(rows, [...rows].reverse()), []);
      for (const c of diffScores(rows, other)) assert.ok(Math.abs(c.after - c.before) > scoreEpsilon);
    }), { numRuns: 1000 });
  });
});
