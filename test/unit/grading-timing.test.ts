import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { judgeTiming, type TimingDecision, type OutageWindow } from '../../src/grading/index.ts';
import { afterDue, arbOutages, arbPolicy, arbTime, dueAt, examplePolicy, opensAt, timingInput } from './grading-fixtures.ts';

function credit(d: TimingDecision): number {
  return d.accepted ? d.credit : 0;
}

describe('judgeTiming: deadlines and late windows', () => {
  test('before the open date the answer is refused as not open, saying when it opens', () => {
    const d = judgeTiming(timingInput(new Date(opensAt.getTime() - 1)));
    assert.equal(d.kind, 'not_open');
    assert.equal(d.accepted, false);
    assert.match(d.reason, /opens at 2025-03-01 00:00 UTC/);
  });

  test('at the open date and up to the due date inclusive the answer is on time with full credit', () => {
    for (const t of [opensAt, afterDue(-1), dueAt]) {
      assert.deepEqual(judgeTiming(timingInput(t)), { accepted: true, credit: 1, kind: 'on_time', reason: 'Received on time.' });
    }
  });

  test('late windows apply up to and including their end', () => {
    const cases: [Date, number][] = [
      [new Date(dueAt.getTime() + 1), 0.8], [afterDue(24), 0.8],
      [new Date(afterDue(24).getTime() + 1), 0.5], [afterDue(168), 0.5],
    ];
    for (const [t, expected] of cases) {
      const d = judgeTiming(timingInput(t));
      assert.equal(d.kind, 'late');
      assert.equal(credit(d), expected);
      assert.match(d.reason, /ask your instructor for an extension/);
    }
  });

  test('the late reason says how late and what the answer earns', () => {
    assert.match(judgeTiming(timingInput(afterDue(0, 5))).reason, /^Received 5 minutes after the due date \(2025-03-10 17:00 UTC\): this answer earns 80% credit/);
    assert.match(judgeTiming(timingInput(afterDue(30))).reason, /Received 30 hours after .* 50% credit/);
  });

  test('after the last window the assignment is closed and the reason points to an extension', () => {
    const d = judgeTiming(timingInput(new Date(afterDue(168).getTime() + 1)));
    assert.equal(d.kind, 'closed');
    assert.equal(d.accepted, false);
    assert.match(d.reason, /closed at 2025-03-17 17:00 UTC.*ask your instructor for an extension/);
  });

  test('without late windows the assignment closes at the due date', () => {
    const d = judgeTiming(timingInput(afterDue(0, 1), { policy: examplePolicy({ lateWindows: [] }) }));
    assert.equal(d.kind, 'closed');
    assert.match(d.reason, /closed at 2025-03-10 17:00 UTC/);
  });

  test('a late window with 0 credit still accepts the answer (practice after the deadline)', () => {
    const policy = examplePolicy({ lateWindows: [{ afterDueHours: 48, credit: 0 }] });
    const d = judgeTiming(timingInput(afterDue(47), { policy }));
    assert.equal(d.kind, 'late');
    assert.equal(credit(d), 0);
  });
});

describe('judgeTiming: extensions', () => {
  const extensionDueAt = afterDue(48);

  test('an extension replaces the due date: on time until it', () => {
    assert.equal(judgeTiming(timingInput(afterDue(48), { extensionDueAt })).kind, 'on_time');
  });

  test('late windows shift with the extension', () => {
    assert.equal(credit(judgeTiming(timingInput(afterDue(48 + 24), { extensionDueAt }))), 0.8);
    assert.equal(credit(judgeTiming(timingInput(afterDue(48 + 25), { extensionDueAt }))), 0.5);
    assert.equal(judgeTiming(timingInput(afterDue(48 + 169), { extensionDueAt })).kind, 'closed');
  });

  test('an extension earlier than the due date is ignored rather than costing credit', () => {
    assert.equal(judgeTiming(timingInput(afterDue(-1), { extensionDueAt: afterDue(-2) })).kind, 'on_time');
  });
});

describe('judgeTiming: the outage rule', () => {
  // Steadfast was down from 1 hour before the due date until 2 hours after it.
  const outage: OutageWindow = { start: afterDue(-1), end: afterDue(2), region: 'us-east' };
  const outages = [outage];

  test('captured before the deadline during an outage, received within the grace: on time', () => {
    const d = judgeTiming(timingInput(afterDue(2, 59), { outages, capturedAt: afterDue(0, -10) }));
    assert.equal(d.kind, 'outage_grace');
    assert.equal(credit(d), 1);
    assert.match(d.reason, /before the due date, while Steadfast was unreachable/);
  });

  test('received exactly at the end of the grace still counts', () => {
    assert.equal(judgeTiming(timingInput(afterDue(3), { outages, capturedAt: dueAt })).kind, 'outage_grace');
  });

  test('grace exceeded: judged by server time in the late windows', () => {
    const d = judgeTiming(timingInput(afterDue(3, 1), { outages, capturedAt: afterDue(0, -10) }));
    assert.equal(d.kind, 'late');
    assert.equal(credit(d), 0.8);
  });

  test('captured before the deadline but outside any outage: late (no outage, no exception)', () => {
    const d = judgeTiming(timingInput(afterDue(1), { outages, capturedAt: afterDue(-2) }));
    assert.equal(d.kind, 'late');
  });

  test('a forged capture time outside any outage earns nothing extra', () => {
    const d = judgeTiming(timingInput(afterDue(2, 30), { outages, capturedAt: afterDue(-30) }));
    assert.equal(d.kind, 'late');
  });

  test('a capture time in the future of the server earns nothing extra', () => {
    const ongoing = [{ start: afterDue(-1), end: null, region: 'us-east' }];
    const d = judgeTiming(timingInput(afterDue(0, 30), { outages: ongoing, capturedAt: afterDue(0, 40) }));
    assert.equal(d.kind, 'late');
  });

  test('captured during the outage but after the deadline: late by server time', () => {
    const d = judgeTiming(timingInput(afterDue(1), { outages, capturedAt: afterDue(0, 30) }));
    assert.equal(d.kind, 'late');
    assert.equal(credit(d), 0.8);
  });

  test('a capture time before the assignment opened earns nothing extra', () => {
    const early = [{ start: new Date(opensAt.getTime() - 3_600_000), end: afterDue(2), region: 'us-east' }];
    const d = judgeTiming(timingInput(afterDue(1), { outages: early, capturedAt: new Date(opensAt.getTime() - 60_000) }));
    assert.equal(d.kind, 'late');
  });

  test('an ongoing outage: a capture before the deadline during it counts as on time', () => {
    const ongoing = [{ start: afterDue(-1), end: null, region: 'ca-central' }];
    assert.equal(judgeTiming(timingInput(afterDue(100), { outages: ongoing, capturedAt: afterDue(0, -5) })).kind, 'outage_grace');
  });

  test('the outage rule rescues even an answer that arrives after the assignment closed', () => {
    const long = [{ start: afterDue(-1), end: afterDue(200), region: 'us-east' }];
    assert.equal(judgeTiming(timingInput(afterDue(200, 30), { outages: long, capturedAt: afterDue(-1) })).kind, 'outage_grace');
  });

  test('the outage rule follows the extension', () => {
    const late = [{ start: afterDue(47), end: afterDue(49), region: 'us-east' }];
    const d = judgeTiming(timingInput(afterDue(49, 30), { outages: late, capturedAt: afterDue(47, 30), extensionDueAt: afterDue(48) }));
    assert.equal(d.kind, 'outage_grace');
  });

  test('a grace outside the course bound is a caller bug and throws', () => {
    assert.throws(() => judgeTiming(timingInput(dueAt, { outageGraceMinutes: -1 })), /outageGraceMinutes/);
  });
});

describe('judgeTiming: properties', () => {
  const arbRest = fc.record({ policy: arbPolicy, outages: arbOutages, capturedAt: fc.option(arbTime), extensionDueAt: fc.option(arbTime), outageGraceMinutes: fc.integer({ min: 0, max: 24 * 60 }) });

  test('once open, credit never increases as the answer arrives later', () => {
    fc.assert(fc.property(arbRest, arbTime, arbTime, (rest, a, b) => {
      const [early, late] = a <= b ? [a, b] : [b, a];
      fc.pre(early >= rest.policy.opensAt);
      assert.ok(credit(judgeTiming({ ...rest, serverTime: early })) >= credit(judgeTiming({ ...rest, serverTime: late })));
    }), { numRuns: 2000 });
  });

  test('granting an extension never lowers credit', () => {
    fc.assert(fc.property(arbRest, arbTime, (rest, serverTime) => {
      const without = judgeTiming({ ...rest, extensionDueAt: null, serverTime });
      const withExtension = judgeTiming({ ...rest, serverTime });
      assert.ok(credit(withExtension) >= credit(without));
    }), { numRuns: 2000 });
  });

  test('credit is always in [0,1] and a refusal always has a reason', () => {
    fc.assert(fc.property(arbRest, arbTime, (rest, serverTime) => {
      const d = judgeTiming({ ...rest, serverTime });
      assert.ok(credit(d) >= 0 && credit(d) <= 1);
      assert.ok(d.reason.length > 0);
    }), { numRuns: 1000 });
  });

  test('with no outages the capture time never changes the decision', () => {
    fc.assert(fc.property(arbRest, arbTime, arbTime, (rest, serverTime, capturedAt) => {
      const base = { ...rest, outages: [], serverTime };
      assert.deepEqual(judgeTiming({ ...base, capturedAt }), judgeTiming({ ...base, capturedAt: null }));
    }), { numRuns: 1000 });
  });
});
