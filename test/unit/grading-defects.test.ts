// Regression tests for the grading defects found by trying peers' cases as a new user would
// (issue "Answers judged right"), each named after its defect, run through a question file as
// `steadfast question grade` and a submission do: loadQuestion → gradeAnswer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  correctAnswers, correctAnswersShown, gradeAnswer, loadQuestion, makeVariant, validateQuestion,
  type PartResult, type ReadingSettings,
} from '../../src/questions/index.ts';

const natural: ReadingSettings = { logBase: 'e' };

function question(front: string, body = 'Answer.'): ReturnType<typeof loadQuestion> {
  return loadQuestion(`---\ntitle: T\n${front}\n---\n${body}\n`, 'regression.md');
}

function formulaQuestion(answer: string, variables = '[x]', domains = ''): ReturnType<typeof loadQuestion> {
  return question(`parts:\n  - id: f\n    type: formula\n    variables: ${variables}\n${domains ? `    domains: ${domains}\n` : ''}    answer: "${answer}"`);
}

function grade(q: ReturnType<typeof loadQuestion>, answer: string, part = 'f', seed = 1): PartResult {
  return gradeAnswer(q, seed, part, answer, natural);
}

function verdict(r: PartResult): string {
  return r.status === 'invalid' ? 'refused' : r.score === 1 ? 'right' : r.score === 0 ? 'wrong' : `partial ${r.score}`;
}

test('defect 1: a negative base under a power no longer hides wrong answers', () => {
  for (const [answer, correct] of [['x', 'sqrt(x^2)'], ['2ln(x)', 'ln(x^2)'], ['x*abs(x)', 'x^2'], ['abs(x)^3', 'x^3']]) {
    assert.equal(verdict(grade(formulaQuestion(correct), answer)), 'wrong', `${answer} for ${correct}`);
  }
  assert.equal(verdict(grade(formulaQuestion('sqrt(x^2)'), '|x|')), 'right');
});

test('defect 1: a formula whose base is negative over the whole domain is graded, and validates', () => {
  const shifted = formulaQuestion('(x-3)^2');
  assert.deepEqual(validateQuestion(shifted, 10), []);
  assert.equal(verdict(grade(shifted, 'x^2 - 6x + 9')), 'right');
  assert.equal(verdict(grade(shifted, 'x^2 - 6x + 8')), 'wrong');
  const fall = formulaQuestion('-4.9*(t-3)^2+20', '[t]', '{t: [0, 2]}');
  assert.deepEqual(validateQuestion(fall, 10), []);
  assert.equal(verdict(grade(fall, '-4.9t^2 + 29.4t - 24.1')), 'right');
});

test('defect 1: right answers that are about 0 are right at every seed', () => {
  const zero = formulaQuestion('0');
  for (let seed = 0; seed < 40; seed++) {
    assert.equal(verdict(grade(zero, 'sin(x)^2+cos(x)^2-1', 'f', seed)), 'right', `seed ${seed}`);
    assert.equal(verdict(grade(zero, 'x^3-x*x*x', 'f', seed)), 'right', `seed ${seed}`);
  }
});

test('defect 2: the same answer gets the same verdict at every seed, also near the tolerance edge', () => {
  const q = formulaQuestion('x^2+1');
  for (const answer of ['x^2+1.000001', 'x^2+1.0000001', 'x^2+1.00001', '1.0000005x^2+1', '1.000002x^2+1']) {
    const verdicts = new Set(Array.from({ length: 60 }, (_, seed) => verdict(grade(q, answer, 'f', seed))));
    assert.equal(verdicts.size, 1, `${answer}: ${[...verdicts].join(', ')}`);
  }
});

test('defect 3: significant figures are judged at the last place the student wrote', () => {
  const sig = (n: number, answer: string) => question(`parts:\n  - {id: v, type: number, answer: "${answer}", sigfigs: ${n}}`);
  assert.equal(verdict(grade(sig(2, '10'), '9.5', 'v')), 'wrong');
  assert.equal(verdict(grade(sig(3, '1.004'), '0.999', 'v')), 'wrong');
  assert.equal(verdict(grade(sig(3, '100.2'), '99.7', 'v')), 'wrong');
  assert.equal(verdict(grade(sig(2, '9.5'), '10', 'v')), 'right');
  assert.equal(verdict(grade(sig(3, '1.004'), '1.00', 'v')), 'right');
  assert.equal(verdict(grade(sig(3, '100.2'), '100.', 'v')), 'right');
  assert.equal(verdict(grade(sig(3, '0.001875'), '0.00188', 'v')), 'right', 'a decimal tie rounds half away from zero');
  assert.equal(verdict(grade(sig(3, '0.001875'), '0.00187', 'v')), 'wrong');
  assert.equal(correctAnswers(sig(3, '0.001875'), 1).v, '0.00188', 'and the correct answer is shown that way');
});

test('defect 4: units students type are understood', () => {
  const unit = (u: string, value: string) => question(`parts:\n  - {id: q, type: quantity, answer: "${value}", unit: "${u}"}`);
  // [correct value in the unit, what the student types, the part's unit]
  const cases: [string, string, string][] = [
    ['26.8224', '60 mph', 'm/s'], ['1', '1 kph', 'km/h'], ['365.25', '1 yr', 'd'], ['1e-4', '1 G', 'T'],
    ['149597870700', '1 AU', 'm'], ['9.4607e15', '1 light-year', 'm'], ['1.6605e-27', '1 amu', 'kg'],
    ['1.6605e-27', '1 u', 'kg'], ['1.6605e-27', '1 Da', 'kg'], ['14.594', '1 slug', 'kg'], ['1', '1 Bq', 'Hz'],
    ['1', '1 Sv', 'J/kg'], ['1', '1 Gy', 'J/kg'], ['1', '1 kat', 'mol/s'], ['50', '50 %', '%'],
    ['4.184', '1 cal', 'J'], ['4184', '1 kcal', 'J'], ['1.602e-19', '1 eV', 'J'], ['9.81', '9.81 m*s^(-2)', 'm/s^2'],
    ['12.3', '12.3*m/s', 'm/s'], ['1', '7/7 J', 'J'], ['1', '1/1000 kJ', 'J'], ['1', '10^-3 kJ', 'J'],
    ['-9.81', '(-9.81) m/s^2', 'm/s^2'], ['3', '3 newtons', 'N'], ['3', '3 Joule', 'J'], ['3', '3 kgm/s^2', 'N'],
    ['925', '925 J.', 'J'],
  ];
  for (const [value, answer, u] of cases) {
    assert.equal(verdict(grade(unit(u, value), answer, 'q')), 'right', `${answer} for ${value} ${u}`);
  }
  assert.doesNotThrow(() => unit('Sv', '1'), 'authors can use Sv');
  assert.doesNotThrow(() => unit('amu', '1'), 'authors can use amu');
  assert.match(grade(unit('m/s^2', '9.81'), '9,81 m/s^2', 'q').feedback, /use a decimal point, not a comma: write `9\.81`/);
});

test('defect 4: a temperature change is a difference when the part says so', () => {
  const change = (difference: boolean) => question(`parts:\n  - {id: q, type: quantity, answer: "10", unit: K, difference: ${difference}}`);
  assert.equal(verdict(grade(change(true), '10 °C', 'q')), 'right');
  assert.equal(verdict(grade(change(false), '10 °C', 'q')), 'wrong', 'without it, 10 °C is the temperature 283.15 K');
  assert.equal(verdict(grade(change(false), '-263.15 °C', 'q')), 'right');
});

test('defect 5: unicode that students paste is read', () => {
  const number = question('parts:\n  - {id: v, type: number, answer: "-2.5"}\n  - {id: n, type: number, answer: "6.02e23"}');
  assert.equal(verdict(grade(number, '−2.5', 'v')), 'right');
  assert.equal(verdict(grade(number, '–2.5', 'v')), 'right');
  assert.equal(verdict(grade(number, '-2.5\u200b', 'v')), 'right');
  assert.equal(verdict(grade(number, '\u00a0-2.5\u00a0', 'v')), 'right');
  assert.equal(verdict(grade(number, '－２.５', 'v')), 'right');
  assert.equal(verdict(grade(number, '6.02×10²³', 'n')), 'right');
  const quantity = question('parts:\n  - {id: q, type: quantity, answer: "-9.81", unit: m/s^2}');
  assert.equal(verdict(grade(quantity, '−9.81 m/s²', 'q')), 'right');
  const formula = question('parts:\n  - {id: f, type: formula, variables: [x, mu], answer: "x^2 + mu"}');
  assert.equal(verdict(grade(formula, 'x² + μ')), 'right');
  assert.equal(verdict(grade(formula, '（x＋0）^2 ＋ μ')), 'right');
  assert.equal(verdict(grade(formula, 'x^2 + mu\u200b')), 'right');
  assert.match(grade(formula, 'x^2 + mu\u0007').feedback, /control characters/);
  assert.equal(verdict(grade(formula, 'x\u200e^2 + mu\u00ad')), 'right', 'direction marks and soft hyphens are dropped');
  assert.match(grade(formula, 'x^2 + mu\u180e').feedback, /the character U\+180E \(an invisible character\) cannot be used/, 'an invisible character is named, not quoted');
});

test('defect 6: suggestions are honest and the names students use exist', () => {
  const q = formulaQuestion('csc(x)');
  for (const answer of ['cosec(x)', 'csc(x)', '1/sin(x)', 'Abs(csc(x))*sign(csc(x))']) assert.equal(verdict(grade(q, answer)), 'right', answer);
  for (const [name, fn] of [['sech', 'sech'], ['csch', 'csch'], ['coth', 'coth'], ['sec', 'sec'], ['cot', 'cot']]) {
    assert.equal(verdict(grade(formulaQuestion(`${fn}(x)`), `${name}(x)`)), 'right', name);
  }
  assert.equal(verdict(grade(formulaQuestion('asin(x/3)'), 'arcsin(x/3)')), 'right');
  assert.equal(verdict(grade(formulaQuestion('log10(x)', '[x]', '{x: [1, 5]}'), 'lg(x)')), 'right');
  assert.equal(verdict(grade(formulaQuestion('ln(x)/ln(2)', '[x]', '{x: [1, 5]}'), 'log2(x)')), 'right');
  for (const typo of ['cosec', 'sech', 'coth', 'log2', 'atan2']) {
    const r = grade(q, `${typo}x`);
    assert.doesNotMatch(r.feedback, /`cos\(ec\)`|`sec\(h\)`|`cot\(h\)`|`log\(2\)`|`atan\(2\)`/, `${typo}x: ${r.feedback}`);
  }
});

test('defect 7: an answer undefined everywhere is refused and costs no attempt', () => {
  const q = formulaQuestion('x');
  for (const answer of ['1/0', 'sqrt(-2)', 'ln(x-5)']) {
    const r = grade(q, answer);
    assert.equal(r.status, 'invalid', answer);
    assert.match(r.feedback, /has no value at any x from -2 to 2 that was tried/);
  }
  assert.equal(verdict(grade(q, 'sqrt(x)^2')), 'wrong', 'undefined at some points only is a wrong answer');
});

test('defect 8: correct answers are shown rounded, simplified and typeset', () => {
  const number = question('params:\n  a: {choice: [21.6129302781]}\nparts:\n  - {id: v, type: number, answer: a}');
  assert.equal(correctAnswers(number, 0).v, '21.6');
  const position = question('params:\n  x0: {choice: [-4]}\n  u: {choice: [8]}\n  acc: {choice: [2]}\nparts:\n  - id: x\n    type: formula\n    variables: [t]\n    answer: "{{x0}} + {{u}}*t + {{acc}}/2*t^2"');
  const shown = correctAnswersShown(position, 0).x!;
  assert.equal(shown.text, '-4 + 8t + t^2');
  assert.match(shown.html, /class="katex"/);
  const polynomial = question('params:\n  a: {choice: [8]}\n  b: {choice: [1]}\nparts:\n  - {id: v, type: number, answer: a}',
    'Differentiate $f(x) = {{a}}x^5 {{signedcoef(b)}}x$ and {{coef(-1)}}y, {{fixed(3.14159, 2)}}, {{sigfigs(0.0012345, 3)}}.');
  assert.match(makeVariant(polynomial, 0).text, /f\(x\) = 8x\^5 \+ x\$ and -y, 3\.14, 0\.00123\./);
});

test('defect 9: log is the natural log by default, as in WeBWorK, STACK and PrairieLearn', () => {
  const q = formulaQuestion('ln(x)', '[x]', '{x: [1, 5]}');
  assert.equal(verdict(gradeAnswer(q, 0, 'f', 'log(x)', { logBase: 'e' })), 'right');
  assert.equal(verdict(gradeAnswer(q, 0, 'f', 'log(x)', { logBase: 10 })), 'wrong', 'a course may still choose base 10');
});
