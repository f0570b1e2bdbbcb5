import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { correctAnswers, loadQuestion, makeVariant, QuestionFileError, questionFileBytesMax, validateQuestion } from '../../src/questions/index.ts';

const good = `---
title: Free fall
topics: [kinematics]
params:
  h: {range: [5, 50], step: 5}
computed:
  t: sqrt(2 * h / 9.81)
parts:
  - id: time
    type: quantity
    unit: s
    answer: t
---
Dropped from {{h}} m: how long does it fall?
`;

function fileError(text: string): QuestionFileError {
  try {
    loadQuestion(text, 'q.md');
  } catch (e) {
    assert.ok(e instanceof QuestionFileError, `expected a QuestionFileError, got ${e}`);
    return e;
  }
  assert.fail('the file loaded, but it should have been refused');
}

test('a good file loads with id from the file name, title, topics and a content hash', () => {
  const q = loadQuestion(good, 'bank/free-fall.md');
  assert.equal(q.id, 'free-fall');
  assert.equal(q.title, 'Free fall');
  assert.deepEqual(q.topics, ['kinematics']);
  assert.match(q.version, /^[0-9a-f]{64}$/);
  assert.equal(q.source, good);
  assert.notEqual(loadQuestion(good + ' ', 'bank/free-fall.md').version, q.version);
});

test('errors name the file, line and field', () => {
  const cases: [string, string, number, string, RegExp][] = [
    ['unknown part field', good.replace('    unit: s', '    unit: s\n    abstol: 1'), 12, 'parts[0].abstol', /unknown field/],
    ['bad unit', good.replace('unit: s', 'unit: furlongz'), 11, 'parts[0].unit', /not a unit we know/],
    ['bad computed expression', good.replace('sqrt(2 * h / 9.81)', 'sqrt(2 * q / 9.81)'), 7, 'computed.t', /./],
    ['missing title', good.replace('title: Free fall\n', ''), 2, 'title', /non-empty text/],
    ['bad range', good.replace('[5, 50]', '[50, 5]'), 5, 'params.h.range', /min ≤ max/],
    ['bad part type', good.replace('type: quantity', 'type: essay'), 10, 'parts[0].type', /must be one of/],
    ['bad template in text', good.replace('{{h}} m', '{{h +}} m'), 14, 'text', /\{\{h \+\}\}/],
    ['duplicate part ids', good.replace('    answer: t\n', '    answer: t\n  - id: time\n    type: number\n    answer: t\n'), 8, 'parts', /used twice/],
  ];
  for (const [name, text, line, field, detail] of cases) {
    const e = fileError(text);
    assert.equal(e.file, 'q.md', name);
    assert.equal(e.field, field, name);
    assert.equal(e.line, line, `${name}: ${e.message}`);
    assert.match(e.detail, detail, name);
  }
});

test('broken front matter, YAML and oversized files are refused clearly', () => {
  assert.match(fileError('no front matter').detail, /must start with a `---` line/);
  assert.match(fileError('---\ntitle: x\n').detail, /no closing `---`/);
  const yaml = fileError('---\ntitle: [x\nparts: 1\n---\n');
  assert.equal(yaml.field, 'front matter');
  assert.ok(yaml.line >= 2);
  assert.match(fileError(good + 'x'.repeat(questionFileBytesMax)).detail, /bytes/);
});

test('choice and text parts: option ids, credit modes and patterns are checked', () => {
  const choice = `---\ntitle: c\nparts:\n  - id: c\n    type: choice\n    answer: z\n    options:\n      - {id: a, text: A}\n      - {id: b, text: B}\n---\n`;
  assert.match(fileError(choice).detail, /option ids among a, b/);
  assert.match(fileError(choice.replace('answer: z', 'answer: [a, b]')).detail, /multiple: true/);
  const text = `---\ntitle: t\nparts:\n  - id: t\n    type: text\n    match: pattern\n    pattern: "(a+)+"\n    answer: a\n---\n`;
  assert.match(fileError(text).detail, /can hang/);
});

// Mutations of a valid file: every outcome is a Question or a QuestionFileError, nothing else.
test('property: arbitrary and mutated files never throw anything but QuestionFileError, at load or variant', () => {
  const sources = [good, ...readdirSync('questions').map((f) => readFileSync(`questions/${f}`, 'utf8'))];
  const mutated = fc.tuple(fc.constantFrom(...sources), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), fc.string({ maxLength: 30 }))
    .map(([source, where, cut, insert]) => {
      const at = Math.floor(where * source.length);
      return source.slice(0, at) + insert + source.slice(at + cut);
    });
  const anyText = fc.oneof(mutated, fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => `---\n${s}\n---\n`));
  fc.assert(fc.property(anyText, (text) => {
    try {
      const q = loadQuestion(text, 'fuzz.md');
      makeVariant(q, 0);
      correctAnswers(q, 0);
    } catch (e) {
      if (!(e instanceof QuestionFileError)) throw e;
      assert.ok(e.line >= 0 && e.field.length > 0 && e.detail.length > 0);
    }
  }), { numRuns: 3000 });
});

test('the complete example in docs/questions.md loads and validates', () => {
  const doc = readFileSync('docs/questions.md', 'utf8');
  const example = /## A complete example\n\n````markdown\n([\s\S]*?)````/.exec(doc)?.[1];
  assert.ok(example, 'docs/questions.md has a complete example');
  const q = loadQuestion(example, 'docs-example.md');
  assert.equal(q.id, 'free-fall-demo');
  assert.deepEqual(validateQuestion(q, 50), []);
  const types = (q.spec as { parts: { type: string }[] }).parts.map((p) => p.type).sort();
  assert.deepEqual(types, ['choice', 'formula', 'quantity', 'text']);
});
