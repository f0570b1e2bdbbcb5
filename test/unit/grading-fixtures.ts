// Shared examples and generators for the grading tests (not itself a test file).
import fc from 'fast-check';
import type { AssignmentPolicy, TimingInput } from '../../src/grading/index.ts';
import { hourMs, minuteMs } from '../../src/grading/index.ts';

export const opensAt = new Date('2025-03-01T00:00:00Z');
export const dueAt = new Date('2025-03-10T17:00:00Z');

/** Due 10 March 17:00 UTC; 80% for a day after, 50% for a week after. */
export function examplePolicy(overrides: Partial<AssignmentPolicy> = {}): AssignmentPolicy {
  return {
    opensAt, dueAt,
    lateWindows: [{ afterDueHours: 24, credit: 0.8 }, { afterDueHours: 168, credit: 0.5 }],
    attemptsMax: 3, penaltyPerWrong: 0.1, newVariantAfterWrong: 2,
    ...overrides,
  };
}

export function timingInput(serverTime: Date, overrides: Partial<TimingInput> = {}): TimingInput {
  return {
    policy: examplePolicy(), extensionDueAt: null, serverTime, capturedAt: null,
    outages: [], outageGraceMinutes: 60, ...overrides,
  };
}

/** `dueAt` moved by a number of hours and minutes. */
export function afterDue(hours: number, minutes = 0, base: Date = dueAt): Date {
  return new Date(base.getTime() + hours * hourMs + minutes * minuteMs);
}

const dayMs = 24 * hourMs;
/** Times within ±30 days of the example due date, to the millisecond. */
export const arbTime = fc.integer({ min: dueAt.getTime() - 30 * dayMs, max: dueAt.getTime() + 30 * dayMs }).map((ms) => new Date(ms));

/** Valid policies: ascending windows with non-increasing credit. */
export const arbPolicy: fc.Arbitrary<AssignmentPolicy> = fc.record({
  openBeforeDueHours: fc.integer({ min: 1, max: 24 * 20 }),
  steps: fc.array(fc.record({ hours: fc.integer({ min: 1, max: 24 * 7 }), creditDrop: fc.double({ min: 0, max: 0.5, noNaN: true }) }), { maxLength: 5 }),
  attemptsMax: fc.option(fc.integer({ min: 1, max: 10 })),
  penaltyPerWrong: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ openBeforeDueHours, steps, attemptsMax, penaltyPerWrong }) => {
  let hours = 0;
  let credit = 1;
  const lateWindows = steps.map((s) => {
    hours += s.hours;
    credit = Math.max(0, credit - s.creditDrop);
    return { afterDueHours: hours, credit };
  });
  return {
    opensAt: afterDue(-openBeforeDueHours), dueAt, lateWindows,
    attemptsMax, penaltyPerWrong, newVariantAfterWrong: null,
  };
});

export const arbOutages = fc.array(fc.record({
  start: arbTime,
  lengthMinutes: fc.integer({ min: 0, max: 48 * 60 }),
  ongoing: fc.boolean(),
}).map(({ start, lengthMinutes, ongoing }) => ({
  start, end: ongoing ? null : new Date(start.getTime() + lengthMinutes * minuteMs), region: 'us-east',
})), { maxLength: 3 });
