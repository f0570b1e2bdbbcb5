import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  answerLengthMax, correctAnswers, defaultReadingSettings, gradeAnswer, hintsFor, loadQuestion, makeVariant,
  previewAnswer, seedMax, validateQuestion, type Question,
} from '../../src/questions/index.ts';

const bank: Question[] = readdirSync('questions').filter((f) => f.endsWith('.md'))
  .map((f) => loadQuestion(readFileSync(`questions/${f}`, 'utf8'), `questions/${f}`));
const byId = (id: string) => bank.find((q) => q.id === id)!;
const settings = defaultReadingSettings;
const seed = fc.integer({ min: 0, max: seedMax });

test('the demo bank has about 25 questions using every part type', () => {
  assert.ok(bank.length >= 25);
  const types = new Set(bank.flatMap((q) => makeVariant(q, 0).parts.map((p) => p.type)));
  assert.deepEqual([...types].sort(), ['choice', 'formula', 'number', 'quantity', 'text']);
  const groups = new Set(bank.flatMap((q) => q.topics.filter((t) => t.startsWith('assignment-'))));
  assert.deepEqual([...groups].sort(), ['assignment-1', 'assignment-2', 'assignment-3']);
});

test('property: a variant is the same for the same (version, seed)', () => {
  fc.assert(fc.property(fc.constantFrom(...bank), seed, (q, s) => {
    const again = loadQuestion(q.source, 'elsewhere/copy.md');
    assert.deepEqual({ ...makeVariant(again, s), questionId: q.id }, makeVariant(q, s));
    assert.deepEqual(correctAnswers(again, s), correctAnswers(q, s));
  }), { numRuns: 200 });
});

test('different seeds give different variants', () => {
  const q = byId('kinematics-free-fall-time');
  const texts = new Set(Array.from({ length: 30 }, (_, s) => makeVariant(q, s).text));
  assert.ok(texts.size > 5);
});

test('property: correct answers grade fully correct for any seed', () => {
  fc.assert(fc.property(fc.constantFrom(...bank), seed, (q, s) => {
    for (const [part, answer] of Object.entries(correctAnswers(q, s))) {
      const r = gradeAnswer(q, s, part, answer, settings);
      assert.equal(r.correct, true, `${q.id} seed ${s} part ${part}: ${answer} → ${r.feedback}`);
      assert.equal(r.score, 1);
    }
  }), { numRuns: 300 });
});

test('choice options are shuffled per variant and always a permutation', () => {
  const q = byId('forces-free-body');
  const orders = new Set<string>();
  for (let s = 0; s < 20; s++) {
    const ids = makeVariant(q, s).parts[0]!.options!.map((o) => o.id);
    assert.deepEqual(ids.slice().sort(), ['friction', 'inertia', 'normal', 'tension', 'weight']);
    orders.add(ids.join());
  }
  assert.ok(orders.size > 5);
});

test('unknown parts, oversized and binary answers are invalid, never graded', () => {
  const q = byId('energy-kinetic');
  const unknown = gradeAnswer(q, 1, 'nope', '1', settings);
  assert.equal(unknown.status, 'invalid');
  assert.match(unknown.feedback, /no part `nope`; its parts are K/);
  assert.equal(gradeAnswer(q, 1, 'K', '1'.repeat(answerLengthMax + 1), settings).status, 'invalid');
  assert.match(gradeAnswer(q, 1, 'K', '12\u0000 J', settings).feedback, /control characters/);
  assert.equal(gradeAnswer(q, 1, 'K', '\uD800 J', settings).status, 'invalid');
});

test('anticipated wrong answers get the author feedback', () => {
  const q = byId('energy-kinetic');
  const v = makeVariant(q, 4);
  const [m, speed] = [...v.text.matchAll(/[\d.]+/g)].map((x) => Number(x[0]));
  const r = gradeAnswer(q, 4, 'K', `${m! * speed! ** 2} J`, settings);
  assert.equal(r.score, 0);
  assert.match(r.feedback, /factor 1\/2/);
});

test('hints unlock after the number of tries the author set', () => {
  const q = byId('kinematics-free-fall-time');
  assert.equal(hintsFor(q, 0, 'time', 0).length, 0);
  assert.equal(hintsFor(q, 0, 'time', 1).length, 1);
  assert.equal(hintsFor(q, 0, 'time', 5).length, 2);
  assert.match(hintsFor(q, 0, 'time', 1)[0]!, /class="katex"/);
  assert.deepEqual(hintsFor(q, 0, 'nope', 5), []);
});

test('previews say how an answer is read without grading it', () => {
  const q = byId('kinematics-free-fall-time');
  assert.deepEqual(previewAnswer(q, 0, 'time', '2500 ms', settings), { ok: true, read: '2500 ms = 2.5 s' });
  const bad = previewAnswer(q, 0, 'time', '2 furlongz', settings);
  assert.equal(bad.ok, false);
  const formula = previewAnswer(byId('energy-conservation-speed'), 0, 'v', 'sqrt(2gh)', settings);
  assert.equal(formula.ok, true);
});

test('property: fuzzed student answers never throw and stay bounded', () => {
  const parts = bank.flatMap((q) => makeVariant(q, 0).parts.map((p) => [q, p.id] as const));
  const answer = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }),
    fc.stringMatching(/^[-+]?[0-9.]{1,8}(e-?[0-9]{1,3})? ?(m|s|kg|N|J|cm\/s\^2|ohm|mA|k)?$/),
    fc.stringMatching(/^[a-z0-9+*/^(). ,-]{1,40}$/));
  fc.assert(fc.property(fc.constantFrom(...parts), seed, answer, ([q, part], s, text) => {
    const r = gradeAnswer(q, s, part, text, settings);
    assert.ok(r.score >= 0 && r.score <= 1 && Number.isFinite(r.score));
    assert.ok(r.status === 'graded' || r.score === 0);
    assert.ok(r.feedback.length > 0 && r.feedback.length < 2000);
    JSON.stringify(r.parsed);
  }), { numRuns: 3000 });
});

test('validateQuestion finds a correct answer that does not grade correct', () => {
  const broken = loadQuestion(`---
title: broken
params:
  a: {range: [1, 3], step: 1}
parts:
  - id: p
    type: text
    match: exact
    answer: "{{a}}"
    feedback:
      - answer: "2"
        text: two
---
`, 'broken.md');
  const problems = validateQuestion(broken, 10);
  assert.ok(problems.some((p) => /feedback\[0\] anticipates the correct answer `2`/.test(p)), problems.join('\n'));
  assert.deepEqual(validateQuestion(byId('kinematics-braking'), 20), []);
});
