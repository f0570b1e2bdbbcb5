// STACK's own answer-test fixtures, judged by our checkers: one test per STACK answer test.
// The cases and where each comes from: ./stack-cases.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPorted } from './harness.ts';
import { byTest, skipped, stackTests } from './stack-cases.ts';

const file = 'tests/fixtures/answertestfixtures.class.php';

for (const name of stackTests) {
  test(`STACK ${name}: ${byTest[name].length} cases`, () => {
    assertPorted(byTest[name]);
  });
}

test('every STACK case and skipped entry cites a line of the fixture file', () => {
  const cited = /^tests\/fixtures\/answertestfixtures\.class\.php:\d+$/;
  for (const s of skipped) {
    assert.match(s.at, cited, `${s.at}: a skipped entry cites ${file}:line`);
    assert.ok(s.reason.length > 0, `${s.at}: give a reason`);
  }
  assert.equal(new Set(skipped.map((s) => s.at)).size, skipped.length, 'a line is skipped twice');
  const ported = new Set(stackTests.flatMap((t) => byTest[t]).map((c) => c.at));
  for (const at of ported) assert.match(at, cited, `${at}: a case cites ${file}:line`);
  for (const s of skipped) assert.ok(!ported.has(s.at), `${s.at}: both ported and skipped`);
});
