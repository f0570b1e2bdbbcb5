// Dates typed on the course's wall clock (datetime-local) and shown back the same way, across
// time zones and daylight-saving changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromLocalInput, toLocalInput } from '../../src/web/staff-common.ts';

const zones = ['UTC', 'America/Toronto', 'Europe/Paris', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];

test('known instants read on a course clock', () => {
  assert.equal(fromLocalInput('2030-01-01T09:00', 'America/Toronto')!.toISOString(), '2030-01-01T14:00:00.000Z');
  assert.equal(fromLocalInput('2030-07-01T09:00', 'America/Toronto')!.toISOString(), '2030-07-01T13:00:00.000Z');
  assert.equal(fromLocalInput('2030-07-01T09:00', 'Asia/Kolkata')!.toISOString(), '2030-07-01T03:30:00.000Z');
  assert.equal(toLocalInput(new Date('2030-01-01T14:00:00Z'), 'America/Toronto'), '2030-01-01T09:00');
  // 02:30 does not exist on 2026-03-08 in Toronto (clocks jump from 02:00 to 03:00): read as a real instant nearby.
  const gap = fromLocalInput('2026-03-08T02:30', 'America/Toronto')!;
  assert.ok(['2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z'].includes(gap.toISOString()));
});

test('text that is not a date and time gives null', () => {
  for (const text of ['', 'tomorrow', '2030-01-01', '2030-01-01 9am', '2030-13-01T09:00', '2030-04-31T09:00', '2030-01-01T24:30', '2030-01-01T09:00x', '<script>']) {
    assert.equal(fromLocalInput(text, 'UTC'), null, text);
  }
});

test('any minute shown on a course clock reads back as the same wall time', () => {
  fc.assert(fc.property(
    fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 }), fc.constantFrom(...zones),
    (minute, zone) => {
      const shown = toLocalInput(new Date(minute * 60_000), zone);
      const read = fromLocalInput(shown, zone)!;
      assert.equal(toLocalInput(read, zone), shown);
      // Only a wall time that happens twice (the repeated hour in autumn) may read as the other instant.
      assert.ok(Math.abs(read.getTime() - minute * 60_000) <= 3_600_000);
    },
  ), { numRuns: 2_000 });
});
