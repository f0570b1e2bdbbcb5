// Property tests (fast-check) of the checkers that can fail: random polynomials and compositions
// over domains with negative regions are equivalent to themselves and to their expanded forms and
// not to a visibly different formula; verdicts do not depend on the seed; any input, unicode
// included, gets a verdict or a refusal, never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkFormula, type FormulaCheckOptions } from '../../src/questions/expr/index.ts';
import { displayText, simplifyForDisplay } from '../../src/questions/expr/display.ts';
import { readExpression, evaluateExpr } from '../../src/questions/expr/index.ts';
import {
  answerLengthMax, gradeAnswer, loadQuestion, makeVariant, seedMax, type Question,
} from '../../src/questions/index.ts';
import { readdirSync, readFileSync } from 'node:fs';

const settings = { logBase: 'e' as const };

/** A polynomial c·(x − r1)·…·(x − rn) as a product, and its expanded coefficients (lowest first). */
const polynomial = fc.record({
  c: fc.integer({ min: -5, max: 5 }).filter((c) => c !== 0),
  roots: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 4 }),
});

function productText(p: { c: number; roots: number[] }): string {
  return `${p.c < 0 ? `(${p.c})` : p.c}*${p.roots.map((r) => `(x - (${r}))`).join('*')}`;
}

function expandedText(p: { c: number; roots: number[] }): string {
  let coefficients = [p.c];
  for (const r of p.roots) {
    const next = new Array<number>(coefficients.length + 1).fill(0);
    coefficients.forEach((a, k) => { next[k + 1]! += a; next[k]! -= a * r; });
    coefficients = next;
  }
  return coefficients.map((a, k) => `(${a})*x^${k}`).join(' + ');
}

/** Domains that reach into negative values, or lie wholly below zero. */
const domain = fc.constantFrom<[number, number]>([-2, 2], [-5, -1], [-3, 0.5], [-10, -6]);

/** Compositions that keep the polynomial's sign: powers of negative bases, abs, odd roots by exp/ln not used. */
const compose = fc.constantFrom(
  { outer: (p: string) => `(${p})^2`, same: (p: string) => `(${p})*(${p})` },
  { outer: (p: string) => `(${p})^3`, same: (p: string) => `(${p})*(${p})^2` },
  { outer: (p: string) => `abs(${p})^3`, same: (p: string) => `abs((${p})^3)` },
  { outer: (p: string) => `sin(${p})`, same: (p: string) => `-sin(-(${p}))` },
  { outer: (p: string) => `exp((${p})/100)`, same: (p: string) => `exp((${p})/200)^2` },
);

function options(d: [number, number]): FormulaCheckOptions {
  return { variables: ['x'], domains: { x: d }, settings };
}

test('property: a polynomial is equivalent to itself and to its expanded form, on domains with negative values', () => {
  fc.assert(fc.property(polynomial, domain, (p, d) => {
    const product = productText(p);
    assert.ok(checkFormula(product, product, options(d)).correct, product);
    const r = checkFormula(expandedText(p), product, options(d));
    assert.ok(r.correct, `${expandedText(p)} vs ${product} on [${d}]: ${r.feedback}`);
  }), { numRuns: 300 });
});

test('property: compositions are equivalent to their rewritten forms, and powers of negative bases are compared', () => {
  fc.assert(fc.property(polynomial, domain, compose, (p, d, c) => {
    const inner = expandedText(p);
    const r = checkFormula(c.same(inner), c.outer(productText(p)), options(d));
    assert.ok(r.correct, `${c.same(inner)} vs ${c.outer(productText(p))} on [${d}]: ${r.feedback}`);
  }), { numRuns: 300 });
});

test('property: f + ε·g for a visible ε is not equivalent to f', () => {
  const g = fc.constantFrom('1', 'x^2 + 1', 'abs(x) + 1', 'cos(x) + 2');
  fc.assert(fc.property(polynomial, domain, compose, g, (p, d, c, extra) => {
    const f = c.outer(productText(p));
    const r = checkFormula(`${f} + 0.01*(${extra})*(1 + abs(${f}))`, f, options(d));
    assert.equal(r.correct, false, `${f} + ε(${extra}) on [${d}]`);
  }), { numRuns: 300 });
});

test('property: the same answer to the same question gets the same verdict at every seed', () => {
  const q = loadQuestion('---\ntitle: T\nparams:\n  k: {range: [1, 9]}\nparts:\n  - id: f\n    type: formula\n    domains: {x: [-4, -1]}\n    answer: "(x-3)^2 + 1"\n---\nk is {{k}}.\n', 'same.md');
  const near = fc.constantFrom('x^2 - 6x + 10', 'x^2-6x+10.000001', 'x^2-6x+10.00001', '(x-3)^2+1.0000001', '1.0000003(x-3)^2 + 1', 'abs(x-3)^2+1', '(3-x)^2+1');
  fc.assert(fc.property(near, fc.array(fc.integer({ min: 0, max: seedMax }), { minLength: 2, maxLength: 6 }), (answer, seeds) => {
    const verdicts = seeds.map((seed) => gradeAnswer(q, seed, 'f', answer, settings).score);
    assert.equal(new Set(verdicts).size, 1, `${answer}: ${verdicts.join(', ')}`);
  }), { numRuns: 100 });
});

test('property: a correct formula shown for display grades right and re-reads to the same values', () => {
  fc.assert(fc.property(polynomial, domain, (p, d) => {
    const text = `${expandedText(p)} + 0*x + 1*x^1 - x`;
    const read = readExpression(text, { settings, variables: ['x'], mode: 'author' });
    assert.ok(read.ok);
    const shown = displayText(simplifyForDisplay(read.expr), { figures: 12 });
    assert.ok(checkFormula(shown, text, options(d)).correct, `${shown} for ${text}`);
    const again = readExpression(shown, { settings, variables: ['x'], mode: 'student' });
    assert.ok(again.ok, shown);
    assert.equal(evaluateExpr(again.expr, { x: -1.5 }), evaluateExpr(read.expr, { x: -1.5 }));
  }), { numRuns: 200 });
});

const bank: Question[] = readdirSync('questions').filter((f) => f.endsWith('.md'))
  .map((f) => loadQuestion(readFileSync(`questions/${f}`, 'utf8'), `questions/${f}`));

/** Text students might paste: math characters, unicode look-alikes, invisible ones, control characters. */
const pasted = fc.array(fc.oneof(
  fc.constantFrom('−', '–', '×', '·', '²', '³', '⁻', '¹', '10', 'e', 'E', '.', ',', ' ', '\u00a0', '\u200b', '\u200e', '\ufeff',
    'μ', 'Ω', '°C', '℃', '（', '）', '＋', '１', 'x', 'm/s^2', 'kg', 'J', 'per', 'squared', '^', '/', '*', '(', ')', '|',
    'sin', 'log', 'pi', 'π', '√', '∞', '\u0007', '\ud800', '%', 'mph', '1/0', 'sqrt(-1)'),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.string({ unit: 'binary', maxLength: 2 }),
), { maxLength: 30 }).map((parts) => parts.join(''));

test('property: any answer, unicode included, is graded or refused with a message, never an exception', () => {
  fc.assert(fc.property(fc.constantFrom(...bank), fc.integer({ min: 0, max: 50 }), pasted, (q, seed, answer) => {
    for (const part of makeVariant(q, seed).parts) {
      const r = gradeAnswer(q, seed, part.id, answer, settings);
      assert.ok(r.status === 'graded' || r.status === 'invalid');
      assert.ok(r.score >= 0 && r.score <= 1);
      if (r.status === 'invalid') assert.ok(r.feedback.length > 0, `${JSON.stringify(answer)} refused without a message`);
    }
  }), { numRuns: 400 });
});

test('an answer past answerLengthMax is refused before it is read', () => {
  const q = bank.find((b) => makeVariant(b, 0).parts.some((p) => p.type === 'formula'))!;
  const part = makeVariant(q, 0).parts.find((p) => p.type === 'formula')!;
  const r = gradeAnswer(q, 0, part.id, 'x+'.repeat(answerLengthMax), settings);
  assert.equal(r.status, 'invalid');
  assert.match(r.feedback, /at most 1000 are read/);
});
