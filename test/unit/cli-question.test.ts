import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the real `steadfast question ...` command (src/cli/main.ts, as bin/steadfast.mjs does, in one process). */
function steadfast(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'question', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('validate passes the demo bank', () => {
  const r = steadfast('validate', 'questions');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /validated \d+ question files under questions \(100 seeds each\): 0 problems/);
});

test('validate reports schema errors with file, line and field, and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-bank-'));
  try {
    writeFileSync(join(dir, 'good.md'), '---\ntitle: Good\nparts:\n  - {id: a, type: text, answer: yes}\n---\nSay yes.\n');
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: Bad\nparts:\n  - id: a\n    type: number\n    answer: 1\n    sigfigs: lots\n---\n');
    writeFileSync(join(dir, 'twin.md'), '---\nid: good\ntitle: Twin\nparts:\n  - {id: a, type: text, answer: yes}\n---\n');
    const r = steadfast('validate', dir, '--seeds', '5');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.md:7: parts\[0\]\.sigfigs: must be a count from 1 to 15/);
    assert.match(r.stderr, /twin\.md:0: id: `good` is also the id of .*good\.md/);
    assert.match(r.stdout, /validated 3 question files .*: 2 problems/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('render --json prints the variant and its correct answers; grade --json grades them correct', () => {
  const file = 'questions/circuits-series.md';
  const render = steadfast('render', file, '--seed', '7', '--json');
  assert.equal(render.code, 0, render.stderr);
  const { variant, correctAnswers } = JSON.parse(render.stdout) as { variant: { seed: number; html: string }; correctAnswers: Record<string, string> };
  assert.equal(variant.seed, 7);
  assert.match(variant.html, /class="katex"/);
  const answers = Object.entries(correctAnswers).flatMap(([part, text]) => ['--answer', `${part}=${text}`]);
  const grade = steadfast('grade', file, '--seed', '7', ...answers, '--json');
  assert.equal(grade.code, 0, grade.stderr);
  const { results } = JSON.parse(grade.stdout) as { results: Record<string, { score: number; correct: boolean; feedback: string; read: string }> };
  assert.deepEqual(Object.keys(results).sort(), ['I', 'Rs', 'V2']);
  for (const r of Object.values(results)) assert.deepEqual([r.score, r.correct], [1, true]);
});

test('a question whose base is negative over its whole domain validates and grades with JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steadfast-bank-'));
  try {
    const file = join(dir, 'fall.md');
    writeFileSync(file, '---\ntitle: Fall\nparts:\n  - id: h\n    type: formula\n    variables: [t]\n    domains: {t: [0, 2]}\n    answer: "-4.9*(t-3)^2+20"\n---\nHeight?\n');
    const validate = steadfast('validate', dir, '--seeds', '5');
    assert.equal(validate.code, 0, validate.stderr);
    const r = steadfast('grade', file, '--seed', '1', '--answer', 'h=-4.9t^2 + 29.4t - 24.1', '--json');
    assert.equal(r.code, 0, r.stderr);
    const graded = JSON.parse(r.stdout) as { results: Record<string, { score: number; status: string }> };
    assert.equal(graded.results.h!.score, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('grade explains an answer in the wrong kind of unit', () => {
  const r = steadfast('grade', 'questions/forces-newton-second.md', '--seed', '1', '--answer', 'force=3 kg');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /force: score 0 — `kg` is a mass; this answer needs a force such as N \[read as 3 kg\]/);
});

test('--help works for every command; bad usage exits 2 with a hint', () => {
  for (const command of ['validate', 'render', 'grade']) {
    const r = steadfast(command, '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`usage: steadfast question ${command}`));
  }
  assert.match(steadfast('--help').stdout, /validate DIR/);
  const noSeed = steadfast('render', 'questions/energy-kinetic.md');
  assert.equal(noSeed.code, 2);
  assert.match(noSeed.stderr, /--seed N is required/);
  assert.equal(steadfast('frobnicate').code, 2);
});
