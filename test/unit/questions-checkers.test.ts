import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countSigfigs, readDecimal, formatSigfigs } from '../../src/questions/checkers/decimal.ts';
import { judgeValue, formatCorrectNumber } from '../../src/questions/checkers/tolerance.ts';
import { checkNumber } from '../../src/questions/checkers/number.ts';
import { defaultReadingSettings } from '../../src/questions/types.ts';
import { checkQuantity } from '../../src/questions/checkers/quantity.ts';
import { checkChoice, choiceScore } from '../../src/questions/checkers/choice.ts';
import { checkText, patternProblem } from '../../src/questions/checkers/text.ts';

const tolerant = { absTol: 0, relTol: 0.01, sigfigsCredit: 0 };
const threeFigures = { ...tolerant, sigfigs: { min: 3, max: 3 }, sigfigsCredit: 0.5 };

test('significant figures are counted on what was written', () => {
  const cases: [string, number, number][] = [
    ['2.50', 3, 3], ['2.5e3', 2, 2], ['2500', 2, 4], ['2500.', 4, 4], ['0.0250', 3, 3],
    ['0.00', 3, 3], ['7', 1, 1], ['100', 1, 3], ['1.00e-3', 3, 3], ['0', 1, 1], ['.5', 1, 1],
  ];
  for (const [text, min, max] of cases) {
    assert.deepEqual(readDecimal(text)?.sigfigs, { min, max }, text);
  }
  assert.equal(readDecimal('2.5 x 10^3')?.value, 2500);
  assert.equal(readDecimal('2.5×10^(-3)')?.value, 0.0025);
  assert.equal(readDecimal('2.5 m'), undefined);
});

test('property: a decimal with n digits after a nonzero lead shows n figures', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }),
    fc.integer({ min: -20, max: 20 }), (lead, rest, exponent) => {
      const mantissa = `${lead}.${rest.join('')}`;
      const n = 1 + rest.length;
      assert.deepEqual(countSigfigs(mantissa), { min: n, max: n });
      assert.deepEqual(readDecimal(`${mantissa}e${exponent}`)?.sigfigs, { min: n, max: n });
    }));
});

test('sigfigs: right value with the right figures, partial credit for wrong figures', () => {
  const judge = (text: string, correct: number) => {
    const d = readDecimal(text)!;
    return judgeValue(d.value, d, correct, threeFigures);
  };
  assert.equal(judge('9.81', 9.8066).score, 1);
  assert.equal(judge('9.8', 9.8066).score, 0.5);
  assert.match(judge('9.8', 9.8066).feedback, /shows 2 significant figures; give 3/);
  assert.equal(judge('9.807', 9.8066).score, 0.5);
  assert.equal(judge('9.82', 9.8066).score, 0);
  assert.equal(judge('2500', 2500).score, 1, 'ambiguous trailing zeros can mean three figures');
  assert.equal(judge('2.50e3', 2504).score, 1);
});

test('property: the correct value written with the required figures is always correct', () => {
  fc.assert(fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 8 }), (value, n) => {
    const o = { ...tolerant, sigfigs: { min: n, max: n } };
    const d = readDecimal(formatSigfigs(value, n))!;
    assert.equal(judgeValue(d.value, d, value, o).score, 1, formatSigfigs(value, n));
  }));
});

const settings = defaultReadingSettings;
const g = { ...tolerant, unit: 'm/s^2', unitsMissingCredit: 0.5, difference: false };

test('quantity: compatible units are converted; incompatible ones explained', () => {
  assert.equal(checkQuantity('980 cm/s^2', 9.8, g, settings).correct, true);
  assert.equal(checkQuantity('9.8 m/s^2', 9.8, g, settings).correct, true);
  assert.equal(checkQuantity('9.8m/s^2', 9.8, g, settings).correct, true);
  const mass = checkQuantity('9.8 kg', 9.8, g, settings);
  assert.equal(mass.status, 'graded');
  assert.equal(mass.score, 0);
  assert.equal(mass.feedback, '`kg` is a mass; this answer needs an acceleration such as m/s^2');
  assert.equal(checkQuantity('9.8 furlongs', 9.8, g, settings).status, 'invalid');
  assert.equal(checkQuantity('m/s^2', 9.8, g, settings).status, 'invalid');
  assert.equal(checkQuantity('2 kΩ', 2000, { ...g, unit: 'ohm' }, settings).correct, true);
  assert.equal(checkQuantity('9.8 m/s²', 9.8, g, settings).correct, true);
  assert.equal(checkQuantity('9.8 N/kg', 9.8, g, settings).correct, true);
  assert.match(checkQuantity('9.8 m/s2', 9.8, g, settings).feedback, /write powers of units with \^/);
});

test('quantity: right magnitude without units earns the partial credit', () => {
  const bare = checkQuantity('9.8', 9.8, g, settings);
  assert.equal(bare.status, 'graded');
  assert.equal(bare.score, 0.5);
  assert.match(bare.feedback, /give the unit too, such as m\/s\^2/);
  assert.equal(checkQuantity('4', 9.8, g, settings).score, 0);
});

test('property: the correct value converted to any compatible unit is correct', () => {
  const units = ['m/s^2', 'cm/s^2', 'mm/s^2', 'km/h^2', 'ft/s^2', 'km/s^2'];
  const factors: Record<string, number> = { 'm/s^2': 1, 'cm/s^2': 100, 'mm/s^2': 1000, 'km/h^2': 3600 * 3600 / 1000, 'ft/s^2': 1 / 0.3048, 'km/s^2': 0.001 };
  fc.assert(fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.constantFrom(...units), (value, unit) => {
    const text = `${(value * factors[unit]!).toPrecision(12)} ${unit}`;
    assert.equal(checkQuantity(text, value, g, settings).correct, true, text);
  }));
});

test('choice: ids in any order, unknown ids refused, partial-credit modes', () => {
  const part = { options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id })), multiple: true, credit: 'each-correct-minus-wrong' as const };
  assert.equal(checkChoice('c, a', ['a', 'c'], part).correct, true);
  assert.equal(checkChoice('a', ['a', 'c'], part).score, 0.5);
  assert.equal(checkChoice('a b', ['a', 'c'], part).score, 0);
  assert.equal(checkChoice('z', ['a', 'c'], part).status, 'invalid');
  assert.equal(checkChoice('a, c', ['a'], { ...part, multiple: false }).status, 'invalid');
  assert.equal(choiceScore(['a'], ['a', 'c'], ['a', 'b', 'c', 'd'], 'all-or-nothing'), 0);
  assert.equal(choiceScore(['a'], ['a', 'c'], ['a', 'b', 'c', 'd'], 'each-option'), 0.75);
});

test('property: multiple-choice credit does not depend on the order chosen', () => {
  const all = ['a', 'b', 'c', 'd', 'e', 'f'];
  fc.assert(fc.property(fc.subarray(all, { minLength: 1 }), fc.subarray(all, { minLength: 1 }),
    fc.constantFrom('all-or-nothing', 'each-correct-minus-wrong', 'each-option' as const), fc.func(fc.integer()),
    (chosen, correct, credit, key) => {
      const permuted = chosen.slice().sort((x, y) => key(x) - key(y) || x.localeCompare(y));
      const score = choiceScore(chosen, correct, all, credit as 'each-option');
      assert.equal(choiceScore(permuted, correct, all, credit as 'each-option'), score);
      assert.ok(score >= 0 && score <= 1);
    }));
});

test('text: exact, case-insensitive and pattern modes', () => {
  const exact = { match: 'exact' as const, ignoreCase: false };
  const loose = { match: 'case-insensitive' as const, ignoreCase: false };
  assert.equal(checkText('  Newton ', 'Newton', exact).correct, true);
  assert.equal(checkText('newton', 'Newton', exact).correct, false);
  assert.equal(checkText('NEWTON', 'Newton', loose).correct, true);
  const pattern = { match: 'pattern' as const, ignoreCase: true };
  assert.equal(checkText('Kinetic energy', '(kinetic )?energy', pattern).correct, true);
  assert.equal(checkText('potential energy', '(kinetic )?energy', pattern).correct, false);
  assert.equal(checkText('', 'x', exact).status, 'invalid');
});

test('property: case-insensitive mode accepts every casing; exact accepts only its own', () => {
  fc.assert(fc.property(fc.stringMatching(/^[a-z]{1,12}( [a-z]{1,12})?$/), fc.array(fc.boolean(), { maxLength: 30 }), (word, upper) => {
    const cased = [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
    assert.equal(checkText(cased, word, { match: 'case-insensitive', ignoreCase: false }).correct, true);
    assert.equal(checkText(cased, word, { match: 'exact', ignoreCase: false }).correct, cased === word);
  }));
});

test('patterns that can backtrack without bound are refused', () => {
  for (const bad of ['(a+)+', '(a|ab)*', '(x*)*y', '(\\w+\\s?)+$', '(a)\\1', '(?=a)a', 'x'.repeat(300), '(']) {
    assert.notEqual(patternProblem(bad), undefined, bad);
  }
  for (const good of ['(kinetic )?energy', 'N|newtons?', '[0-9]+ m', '(ab)?c+', '(a|b)']) {
    assert.equal(patternProblem(good), undefined, good);
  }
});

test('property: a number part accepts its own correct answer text, with or without sigfigs', () => {
  fc.assert(fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.option(fc.integer({ min: 1, max: 10 })), (value, n) => {
    const o = n === null ? tolerant : { ...tolerant, relTol: 0, sigfigs: { min: n, max: n } };
    const text = formatCorrectNumber(value, o);
    const r = checkNumber(text, value, o, defaultReadingSettings);
    assert.equal(r.correct, true, `${value} written ${text}: ${r.feedback}`);
  }));
});

test('number parts read arithmetic only without sigfigs, and refuse thousands separators', () => {
  assert.equal(checkNumber('sqrt(2)/2', Math.SQRT1_2, tolerant, defaultReadingSettings).correct, true);
  assert.match(checkNumber('sqrt(2)/2', Math.SQRT1_2, threeFigures, defaultReadingSettings).feedback, /decimal number/);
  assert.match(checkNumber('1,000', 1000, tolerant, defaultReadingSettings).feedback, /commas are not used in numbers: write `1000`/);
  assert.equal(checkNumber('1/0', 1, tolerant, defaultReadingSettings).status, 'invalid');
});
