// WeBWorK PG's own cases on units, contexts and number formats, judged by our checkers.
// The cases and where each comes from: ./webwork-cases.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPorted } from './harness.ts';
import { cases, skipped, sources } from './webwork-cases.ts';

const fileOf = (at: string) => at.slice(0, at.lastIndexOf(':'));

for (const source of sources) {
  const ported = cases.filter((c) => fileOf(c.at) === source);
  const notPorted = skipped.filter((s) => fileOf(s.at) === source).length;
  if (ported.length === 0) continue; // nothing to grade; its skipped entries are checked below
  test(`WeBWorK ${source}: ${ported.length} cases (${notPorted} not ported)`, () => {
    assertPorted(ported);
  });
}

test('every skipped WeBWorK entry cites a line of a listed source file, once, with a reason', () => {
  const sourceList: readonly string[] = sources;
  const cited = new Set(cases.map((c) => c.at));
  for (const s of skipped) {
    assert.match(s.at, /^[\w./-]+:\d+$/, `${s.at}: a skipped entry cites path:line`);
    assert.ok(sourceList.includes(fileOf(s.at)), `${s.at}: not one of the listed source files`);
    assert.ok(s.reason.length > 0, `${s.at}: give a reason`);
    assert.ok(!cited.has(s.at), `${s.at}: both ported and skipped`);
  }
  assert.equal(new Set(skipped.map((s) => s.at)).size, skipped.length, 'a line is skipped twice');
  for (const c of cases) assert.ok(sourceList.includes(fileOf(c.at)), `${c.at}: not one of the listed source files`);
  for (const source of sources) {
    assert.ok(cases.some((c) => fileOf(c.at) === source) || skipped.some((s) => fileOf(s.at) === source), `${source}: neither ported nor skipped`);
  }
});
