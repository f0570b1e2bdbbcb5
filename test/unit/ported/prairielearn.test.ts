// PrairieLearn's own cases for symbolic, number and units input, judged by our checkers.
// The cases and where each comes from: ./prairielearn-cases.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPorted } from './harness.ts';
import { cases, skipped, sources } from './prairielearn-cases.ts';

const fileOf = (at: string) => at.slice(0, at.lastIndexOf(':'));

for (const source of sources) {
  const ported = cases.filter((c) => fileOf(c.at) === source);
  const notPorted = skipped.filter((s) => fileOf(s.at) === source).length;
  test(`PrairieLearn ${source}: ${ported.length} cases (${notPorted} not ported)`, () => {
    assertPorted(ported);
  });
}

test('every case and every skipped entry cites a line of a listed PrairieLearn source file', () => {
  for (const s of skipped) {
    assert.match(s.at, /^[\w./-]+:\d+$/, `${s.at}: a skipped entry cites path:line`);
    assert.ok((sources as readonly string[]).includes(fileOf(s.at)), `${s.at}: not one of the listed source files`);
    assert.ok(s.reason.length > 0, `${s.at}: give a reason`);
  }
  assert.equal(new Set(skipped.map((s) => s.at)).size, skipped.length, 'a line is skipped twice');
  for (const c of cases) assert.ok((sources as readonly string[]).includes(fileOf(c.at)), `${c.at}: not one of the listed source files`);
});
