// Cases from PrairieLearn's own test suite, judged by our checkers (see ./harness.ts).
//
// Source: PrairieLearn (https://github.com/PrairieLearn/PrairieLearn) at commit
// 88fb8556a7a1768e2082736be9095241b11238d7. PrairieLearn is copyright PrairieLearn, Inc., the
// University of Illinois Board of Trustees and other contributors; its Community Edition, which
// holds every file cited here, is licensed under the GNU Affero General Public License v3, with
// portions under the MIT License (see LICENSE at its repository root). The cases below are
// translated from these test files, cited by `path:line`, and used as test data; no PrairieLearn
// code is copied:
//
//   apps/prairielearn/elements/pl-symbolic-input/pl-symbolic-input_test.py   ported 19, skipped 37
//   apps/prairielearn/python/test/sympy_utils_test.py                        ported 139, skipped 183
//   apps/prairielearn/elements/pl-units-input/units_utils_test.py            ported 18, skipped 16
//   apps/prairielearn/python/test/misc_test.py (string_fraction_to_number,
//     is_correct_ndarray2d_*; its other tests are serialization, HTML
//     attributes and rendering, out of scope and not listed)                 ported 6, skipped 11
//   apps/prairielearn/elements/pl-number-input/pl_number_input_test.py       ported 0, skipped 59
//   apps/prairielearn/python/test/to_precision_test.py                       ported 0, skipped 21
//   total                                                                    ported 182, skipped 327
//
// Skipped, by reason: set and interval notation 120; digit counts behind the precision warning
// 59; rendering 22; formula editor 20; configuration checks 15; custom functions 14; matrices 12;
// internal helpers 9; units-only mode 8; complex numbers 7; SymPy assumptions 7;
// allow-extra-symbols 7; error-message wording 7; serialization 6; infinity 5; factorial 3;
// magnitude/unit partial credit 2; Python exceptions 2; blank input 1; allow-fractions=false 1.
// A case is one tuple of a pytest parametrize list (several strings on one line share the line),
// or one assertion of a plain test; a skipped entry is a tuple, or a whole test when it has none.
//
// PrairieLearn's suite has no verdict case for number-input grading (`is_correct_scalar_sf`, `_dd`
// and `_ra` are tested only through the 2-D array helpers); its number-input tests are of the
// digit counts behind a precision *warning*, and to_precision is rendering, so neither yields a
// verdict to port.
//
// Conventions:
// - `answer` is the student's text exactly as PrairieLearn's test has it (Python escapes decoded:
//   "\u2212" is −). `correct` is PrairieLearn's expected value (a SymPy expression, or the text
//   its formatter must produce) written in our author notation: `acos` for `sympy.acos`, `ln`
//   for `sympy.log`, `atan2`, `abs`, `sign`, `max`/`min`.
// - Formula cases in sympy_utils_test.py use its declared names (`SYMBOL_NAMES`: n, m, alpha,
//   mu0; `TestExceptions.VARIABLES`: n) as `variables`.
// - Where a test asserts only that PrairieLearn parses an answer (no format error) and states no
//   grade, the verdict is inferred from the values and the case says so in `note`.
// - Where PrairieLearn refuses an answer whatever the correct one, `correct` is a stand-in (the
//   declared variable, or the same value when the refusal is about how the value is written).
// - Tolerances: PrairieLearn accepts |a − c| <= atol + rtol·|c| (numpy.allclose); ours accepts
//   |a − c| <= max(absTol, relTol·|c|). A case with both set has absTol = atol + rtol·|c| and
//   relTol 0. A PrairieLearn atol given in another unit is converted to the part's unit.
// - `log` in PrairieLearn is natural; the harness reads `log` as natural too.
import type { PortedCase } from './harness.ts';

const SI = 'apps/prairielearn/elements/pl-symbolic-input/pl-symbolic-input_test.py';
const SU = 'apps/prairielearn/python/test/sympy_utils_test.py';
const UU = 'apps/prairielearn/elements/pl-units-input/units_utils_test.py';
const MT = 'apps/prairielearn/python/test/misc_test.py';
const NI = 'apps/prairielearn/elements/pl-number-input/pl_number_input_test.py';
const TP = 'apps/prairielearn/python/test/to_precision_test.py';

/** The source files, in the order the tests report them. */
export const sources = [SI, SU, UU, MT, NI, TP] as const;

type Verdict = PortedCase['peer'];
type FormulaExtra = Partial<Omit<Extract<PortedCase, { kind: 'formula' }>, 'kind' | 'at' | 'answer' | 'correct' | 'peer'>>;

function formula(path: string, line: number, answer: string, correct: string, peer: Verdict, extra: FormulaExtra = {}): PortedCase {
  return { kind: 'formula', at: `${path}:${line}`, answer, correct, peer, ...extra };
}

// sympy_utils_test.py: TestSympy.SYMBOL_NAMES and TestExceptions.VARIABLES.
const symbolNames = ['n', 'm', 'alpha', 'mu0'];
const sym = (line: number, answer: string, correct: string, peer: Verdict = 'right', extra: FormulaExtra = {}) =>
  formula(SU, line, answer, correct, peer, { variables: symbolNames, ...extra });
const exc = (line: number, answer: string, correct = 'n', extra: FormulaExtra = {}) =>
  formula(SU, line, answer, correct, 'refused', { variables: ['n'], ...extra });

const parsesOnly = 'PrairieLearn asserts only that this parses; compared with itself';
const standIn = 'PrairieLearn refuses this whatever the correct answer; `correct` is a stand-in';
const sameValue = 'PrairieLearn refuses floating-point numbers in symbolic input whatever the correct answer; `correct` is the same value as an exact ratio';
const floatRule = { verdict: 'right', rule: 'numeric-not-symbolic' } as const;

export const cases: PortedCase[] = [
  // ---- pl-symbolic-input_test.py: test_format_submission_for_sympy_absolute_value ----
  // PrairieLearn's expected reformatted text is the correct formula.
  formula(SI, 51, '|x|', 'abs(x)', 'right'),
  formula(SI, 52, '||x|+y|', 'abs(abs(x)+y)', 'right'),
  formula(SI, 53, '|a| + |b|', 'abs(a) + abs(b)', 'right'),
  formula(SI, 54, '|||x|||', 'abs(abs(abs(x)))', 'right'),
  formula(SI, 55, 'x+y', 'x+y', 'right'),
  formula(SI, 56, '|x+2|', 'abs(x+2)', 'right'),
  formula(SI, 57, '|-x+2|', 'abs(-x+2)', 'right'),
  formula(SI, 59, '|+4|', 'abs(+4)', 'right'),
  formula(SI, 60, '|x + |y||', 'abs(x + abs(y))', 'right'),
  formula(SI, 61, '|x+|-x+1+2+3+4||', 'abs(x+abs(-x+1+2+3+4))', 'right'),
  formula(SI, 62, '|x+|x+1+2+3+4 ||', 'abs(x+abs(x+1+2+3+4 ))', 'right'),
  // test_implicit_complex_rejected_with_no_simplify: a format error naming complex numbers.
  formula(SI, 217, 'sqrt(-2)', '42', 'refused', { variables: ['x'] }),
  formula(SI, 217, 'sqrt(-1)', '42', 'refused', { variables: ['x'] }),
  formula(SI, 217, '(-2)^(1/2)', '42', 'refused', { variables: ['x'] }),
  // test_complex_from_real_assumptions_produces_format_error: x is real (as all our variables are).
  formula(SI, 239, 'log(-x^2)', 'x^(-1) - 1', 'refused'),
  formula(SI, 239, 'sqrt(-x^2)', 'x^(-1) - 1', 'refused'),
  // test_trig_no_crash_with_no_simplify: correct answer 2; the test asserts no format error only.
  ...['sec(0)', '(16-9*(sec(0)^2))/3', 'csc(1)'].map((answer, i) => formula(SI, 266 + i, answer, '2', 'wrong', {
    variables: ['x'], note: 'PrairieLearn asserts only that this parses; wrong because its value is not 2',
  })),

  // ---- sympy_utils_test.py: TestSympy.EXPR_PAIRS (test_string_conversion, test_valid_format,
  // test_try_parse_string_as_sympy, test_json_conversion) ----
  sym(86, '1+\u03bc0', 'mu0 + 1'),
  sym(87, 'm \u2212 n', 'm - n'),
  sym(88, 'm - \uff08n + m\uff09', '-n'),
  sym(89, 'm \uff0b n', 'n + m'),
  sym(91, 'Max(m,n)', 'max(n, m)'),
  sym(92, 'min(alpha, m, n)', 'min(n, m, alpha)'),
  sym(93, 'max(m)', 'm'),
  sym(94, 'max(m,n)', 'max(n, m)'),
  sym(95, 'abs(sign(alpha))', 'abs(sign(alpha))'),
  sym(96, 'Abs(alpha)', 'abs(alpha)'),
  sym(97, 'abs(n) * sgn(n)', 'abs(n)*sign(n)'),
  sym(98, 'n alpha', 'alpha*n'),
  sym(99, 'n log^2 2n', 'n*ln(2*n)^2', 'right', { ours: { verdict: 'refused', rule: 'ambiguous-refused' } }),
  sym(105, 'n \u2212 m', 'n - m'),
  sym(106, 'n/-m', '-n/m'),
  sym(107, 'n / 2', 'n/2'),
  sym(108, '3^m + 4', '3^m + 4'),
  sym(109, 'nm^(-1)', 'n/m'),
  sym(112, '5mn sin m + arccos 3n', '5*m*n*sin(m) + acos(3*n)', 'right', {
    domains: { n: [-0.3, 0.3] }, note: 'domain of n narrowed so that acos(3n) is defined', ours: { verdict: 'refused', rule: 'ambiguous-refused' },
  }),
  sym(113, 'sin**2 (m)', 'sin(m)^2'),
  sym(114, 'sin 5n', 'sin(5*n)', 'right', { ours: { verdict: 'refused', rule: 'ambiguous-refused' } }),
  sym(115, 'pi', 'pi'),
  sym(116, '+5n', '5*n'),
  sym(117, '-5n', '-5*n'),
  sym(118, '4n + 2m', '4*n + 2*m'),
  sym(119, 'n * m', 'm*n'),
  sym(120, 'm - 1', 'm - 1'),
  sym(121, 'm**2 + n**2 - 4 * n', 'm*m + n*n - 4*n'),
  sym(123, 'n * sin(7*m) + m**2 * cos(6*n)', 'n*sin(m*7) + m*m*cos(n*6)'),
  sym(129, 'sqrt(100)', '10'),
  sym(130, 'cos(m)', 'cos(m)'),
  sym(131, 'sin(m)', 'sin(m)'),
  sym(132, 'tan(m)', 'tan(m)'),
  sym(133, 'arccos(m)', 'acos(m)'),
  sym(134, 'arcsin(m)', 'asin(m)'),
  sym(135, 'arctan(m)', 'atan(m)'),
  sym(136, 'acos(m)', 'acos(m)'),
  sym(137, 'asin(m)', 'asin(m)'),
  sym(138, 'atan(m)', 'atan(m)'),
  sym(139, 'arctan2(m, n)', 'atan2(m, n)'),
  sym(140, 'atan2(m, n)', 'atan2(m, n)'),
  sym(141, 'csc(m)', 'csc(m)'),
  sym(142, 'sec(m)', 'sec(m)'),
  sym(143, 'cot(m)', 'cot(m)'),
  sym(144, 'ln(m)', 'ln(m)'),
  sym(145, 'atanh(m)', 'atanh(m)'),
  sym(146, 'asinh(m)', 'asinh(m)'),
  sym(147, 'acosh(m)', 'acosh(m)'),
  sym(148, 'tanh(m)', 'tanh(m)'),
  sym(149, 'sinh(m)', 'sinh(m)'),
  sym(150, 'cosh(m)', 'cosh(m)'),
  // TestSympy.NO_SIMPLIFICATION_EXPR_PAIRS (test_no_simplification): SymPy's `log(E**2)` is ln(e^2).
  sym(241, 'sin(atan(n))', 'sin(atan(n))'),
  sym(242, 'sin atan n', 'sin(atan(n))', 'right', { ours: { verdict: 'refused', rule: 'ambiguous-refused' } }),
  sym(243, 'ln(e**2)', 'ln(e^2)'),
  sym(245, 'sin(arctan(n))', 'sin(atan(n))'),
  sym(246, '2n-m+m-n', '-m + m - n + 2*n'),
  // test_try_parse_string_as_sympy_returns_failure: floats are refused.
  sym(348, '0.1', '1/10', 'refused', { note: sameValue, ours: floatRule }),
  // test_j_complex_literal_handling (complex numbers off).
  formula(SU, 370, '3j', '3*j', 'right', { variables: ['j'] }),
  formula(SU, 371, '3J', '3*J', 'right', { variables: ['J'] }),
  formula(SU, 379, '3j', 'x', 'refused', { variables: ['x'], note: standIn }),
  formula(SU, 380, '3e5j', '300000*j', 'refused', { variables: ['j'], note: sameValue, ours: floatRule }),
  // test_sets_disabled_does_not_break_function_calls: parse success only.
  formula(SU, 405, 'min(-n, -m, m)', 'min(-n, -m, m)', 'right', { variables: ['n', 'm'], note: parsesOnly }),
  formula(SU, 406, 'arctan2(m, n)', 'atan2(m, n)', 'right', { variables: ['n', 'm'], note: parsesOnly }),
  formula(SU, 407, 'cos(m)', 'cos(m)', 'right', { variables: ['n', 'm'], note: parsesOnly }),
  // test_scientific_notation_with_sign_as_euler: a sign after `e` makes it Euler's number.
  formula(SU, 429, '2e+3', '2*e + 3', 'right', { variables: [], ours: { verdict: 'wrong', rule: 'scientific-e' } }),
  formula(SU, 430, '2e-3', '2*e - 3', 'right', { variables: [], ours: { verdict: 'wrong', rule: 'scientific-e' } }),
  formula(SU, 431, '2E+3', '2*E + 3', 'right', { variables: ['E'], ours: { verdict: 'refused', rule: 'scientific-e' } }),
  formula(SU, 432, '2E-3', '2*E - 3', 'right', { variables: ['E'], ours: { verdict: 'refused', rule: 'scientific-e' } }),
  // test_string_conversion_complex_conflict: a variable named I with complex numbers off.
  formula(SU, 446, '2I', '2*I', 'right', { variables: ['I'] }),

  // ---- sympy_utils_test.py: TestExceptions (variables: n) ----
  // COMPLEX_CASES (test_not_allowed_complex): complex numbers off.
  ...['i', '5 * i', 'j', 'I'].map((a) => exc(646, a, 'n', { note: standIn })),
  // IMPLICIT_COMPLEX_CASES (test_not_allowed_implicit_complex_*, test_implicit_complex_format_error_no_simplify).
  ...['sqrt(-2)', 'sqrt(-1)', '(-2)^(1/2)', 'sqrt(-2) + 3'].map((a) => exc(650, a, 'n', { note: standIn })),
  // NO_FLOATS_CASES (test_no_floats).
  ...([['3.5', '7/2'], ['4.2n', '21/5*n'], ['3.5*n', '7/2*n'], ['3.14159*n**2', '314159/100000*n^2'], ['sin(2.3)', 'sin(23/10)']] as const)
    .map(([a, c]) => exc(651, a, c, { note: sameValue, ours: floatRule })),
  // INVALID_EXPRESSION_CASES, INVALID_FUNCTION_CASES, INVALID_VARIABLE_CASES, FUNCTION_NOT_CALLED_CASES,
  // INVALID_PARSE_CASES, INVALID_ESCAPE_CASES (backslashes), INVALID_COMMENT_CASES.
  ...['5==5', '5!=5', '5>5', '5<5', '5>=5', '5<=5'].map((a) => exc(652, a, 'n', { note: standIn })),
  ...['eval(n)', 'f(n)', 'g(n)+cos(n)', 'dir(n)', 'sin(f(n))'].map((a) => exc(653, a, 'n', { note: standIn })),
  ...['x', 'exp(y)', 'z*n'].map((a) => exc(654, a, 'n', { note: standIn })),
  ...['2+exp', 'cos*n'].map((a) => exc(655, a, 'n', { note: standIn })),
  ...['(', 'n**', 'n**2+', '!'].map((a) => exc(656, a, 'n', { note: standIn })),
  ...['\\', 'n + 2 \\', '2 \\', '1\uff3c2'].map((a) => exc(657, a, 'n', { note: standIn })),
  ...['#', 'n + 2 # comment', '# x', '1\uff032'].map((a) => exc(658, a, 'n', { note: standIn })),
  // test_sets_notation_specific_syntax_rejected_when_disabled (no variables).
  ...([[685, '\u222a'], [686, '\u2229'], [687, '&'], [688, '|'], [689, '{}'], [690, '1 \u222a 2'], [691, '1 \u2229 2'],
    [692, '1 & 2'], [693, '1 | 2'], [694, '{1, 2, 3}'], [695, '(0, 1)'], [696, '(0, 1]'], [697, '[0, 1)'], [698, '[0, 1]']] as const)
    .map(([line, a]) => formula(SU, line, a, '1', 'refused', { variables: [], note: standIn })),
  // test_trig_no_crash_with_no_simplify: parse success only.
  ...['sec(0)', '(16-9*(sec(0)^2))/3', 'csc(1)', 'sec(n)'].map((a, i) => formula(SU, 803 + i, a, a, 'right', { variables: ['n'], note: parsesOnly })),
  // test_error_caret_output: refused (the caret's position is not compared). `!` marks the caret in the source.
  ...([[867, '1234567890 # abcdefghij'], [869, '# x + 1'], [871, 'n^2 # comment'], [874, '\\n + 2'], [876, '1234567890 \\'],
    [879, 'nlogn'], [881, 'n + abc'], [883, '1U2'], [885, 'xyz * n']] as const)
    .map(([line, a]) => exc(line, a, 'n', { note: `${standIn}; the caret marker \`!\` is removed` })),
  formula(SU, 887, 'ab + a', 'n', 'refused', { variables: ['n', 'ab'], note: `${standIn}; the caret marker \`!\` is removed` }),
  // test_invalid_function_with_simplify_false.
  formula(SU, 994, 'm(0)', 'x', 'refused', { variables: ['x'], note: standIn }),

  // ---- units_utils_test.py: test_with_units_grading_fn (correct answer 1 m unless said) ----
  { kind: 'quantity', at: `${UU}:37`, answer: '1 meter', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'right' },
  { kind: 'quantity', at: `${UU}:38`, answer: '1.009 meter', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'right' },
  { kind: 'quantity', at: `${UU}:39`, answer: '3.28 feet', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'right' },
  { kind: 'quantity', at: `${UU}:40`, answer: '1.010001 meters', correct: '1', unit: 'm', relTol: 0.02, absTol: 0, peer: 'right' },
  { kind: 'quantity', at: `${UU}:41`, answer: '1.2 meters', correct: '1', unit: 'm', relTol: 0, absTol: 0.2, peer: 'right',
    note: 'rtol 0.1 and atol 0.1 m: absTol = 0.1 + 0.1·1 m' },
  { kind: 'quantity', at: `${UU}:42`, answer: '1.21 meters', correct: '1', unit: 'm', relTol: 0, absTol: 0.2, peer: 'wrong',
    note: 'rtol 0.1 and atol 0.1 m: absTol = 0.1 + 0.1·1 m' },
  { kind: 'quantity', at: `${UU}:43`, answer: '1.2 kilofeet', correct: '1000', unit: 'ft', relTol: 0, absTol: 200, peer: 'right',
    note: 'correct 1 kilofoot written as 1000 ft (mathjs has no kft); rtol 0.1 and atol 0.1 kft: absTol = 100 + 0.1·1000 ft' },
  { kind: 'quantity', at: `${UU}:44`, answer: '1.21 kilofeet', correct: '1000', unit: 'ft', relTol: 0, absTol: 200, peer: 'wrong',
    note: 'correct 1 kilofoot written as 1000 ft (mathjs has no kft); rtol 0.1 and atol 0.1 kft: absTol = 100 + 0.1·1000 ft' },
  { kind: 'quantity', at: `${UU}:45`, answer: '1.010001 meters', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'wrong' },
  { kind: 'quantity', at: `${UU}:46`, answer: '1 foot', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'wrong' },
  { kind: 'quantity', at: `${UU}:47`, answer: '1 m/s', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'wrong' },
  { kind: 'quantity', at: `${UU}:48`, answer: '1 second', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'wrong' },
  { kind: 'quantity', at: `${UU}:49`, answer: '1 us', correct: '1', unit: 'm', relTol: 0, absTol: 0.01, peer: 'wrong' },
  // test_exact_units_grading_fn (comparison "exact": same unit and equal magnitude; translated as zero
  // tolerance; these cases do not depend on PrairieLearn's not converting units in this mode).
  { kind: 'quantity', at: `${UU}:70`, answer: '1m', correct: '1', unit: 'm', relTol: 0, absTol: 0, peer: 'right' },
  { kind: 'quantity', at: `${UU}:71`, answer: '1 meter', correct: '1', unit: 'm', relTol: 0, absTol: 0, peer: 'right' },
  { kind: 'quantity', at: `${UU}:72`, answer: '1 meter', correct: '1', unit: 'm', relTol: 0, absTol: 0, peer: 'right',
    note: 'magnitude partial credit 0.5 is irrelevant to a right answer' },
  { kind: 'quantity', at: `${UU}:73`, answer: '1 foot', correct: '1', unit: 'm', relTol: 0, absTol: 0, peer: 'wrong' },
  { kind: 'quantity', at: `${UU}:75`, answer: '2 meters', correct: '1', unit: 'm', relTol: 0, absTol: 0, peer: 'wrong' },

  // ---- misc_test.py: test_string_fraction_to_number (fractions allowed, complex off); the value is
  // compared with pytest.approx (relative 1e-6) ----
  { kind: 'number', at: `${MT}:1092`, answer: '1/2', correct: '0.5', relTol: 1e-6, peer: 'right' },
  { kind: 'number', at: `${MT}:1094`, answer: '0.25', correct: '0.25', relTol: 1e-6, peer: 'right' },
  { kind: 'number', at: `${MT}:1097`, answer: '12 345.678 901 2', correct: '12345.6789012', relTol: 1e-6, peer: 'right', ours: { verdict: 'refused', rule: 'number-syntax' } },
  { kind: 'number', at: `${MT}:1117`, answer: '', correct: '1', peer: 'refused', note: standIn },
  { kind: 'number', at: `${MT}:1119`, answer: 'invalid', correct: '1', peer: 'refused', note: standIn },
  { kind: 'number', at: `${MT}:1135`, answer: '1/0', correct: '1', peer: 'refused', note: standIn },
];

// ---- Not ported ----
const reasons = {
  factorial: 'factorial (`!`, factorial()): not in our notation',
  blank: 'blank submission passed through a formatting helper: no verdict',
  sets: 'set and interval notation: a PL feature we do not have',
  editor: 'formula-editor (MathQuill) spacing: a PL input path we do not have',
  assumptions: 'SymPy variable assumptions: a PL feature we do not have',
  render: 'rendering, not grading',
  customFunctions: 'custom functions: a PL feature we do not have',
  complex: 'complex numbers: a PL feature we do not have',
  infinity: 'infinity (`infty`) as a value: not in our notation',
  json: 'serialization of parsed expressions: internal',
  matrices: 'matrices and arrays: a PL feature we do not have',
  extraSymbols: 'allow-extra-symbols: a PL feature we do not have',
  config: 'question configuration check (names of variables, constants, functions): not a student answer',
  message: 'wording of the error message; the verdict is ported at the list\'s own line',
  helper: 'internal helper\'s return value: no verdict',
  precisionWarning: 'digit count behind PL\'s "insufficient precision" warning: no verdict',
  unitsOnly: 'units-only grading mode (no number): a PL feature we do not have',
  magnitudeCredit: 'partial credit for right magnitude or right unit alone: a PL feature we do not have',
  noFractions: 'allow-fractions="false": we have no such setting',
  exception: 'Python exception from a helper: no student answer',
} as const;

const at = (path: string, reason: keyof typeof reasons, ...lines: number[]) =>
  lines.map((line) => ({ at: `${path}:${line}`, reason: reasons[reason] }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const skipped: { at: string; reason: string }[] = [
  // pl-symbolic-input_test.py
  ...at(SI, 'factorial', 58),
  ...at(SI, 'blank', 63),
  ...at(SI, 'sets', ...range(74, 80), 90),
  ...at(SI, 'editor', 111, 112, 113, 120, 127, 134, 141, 149, 150, 151, 152, 154, 156, 158, 159, 161, 162, 163, 164, 166),
  ...at(SI, 'assumptions', 182),
  ...at(SI, 'render', 295, 356),
  ...at(SI, 'sets', 317, 321, 372, 393),
  // sympy_utils_test.py
  ...at(SU, 'customFunctions', 50, ...range(71, 76), 80, 81),
  ...at(SU, 'exception', 56),
  ...at(SU, 'complex', 100, 126, 127, 128),
  ...at(SU, 'infinity', 101, 102, 103, 104, 244),
  ...at(SU, 'factorial', 110, 111),
  ...at(SU, 'sets', 155, 156, 157, 158, 160, 161, 162, 163, 165, 166, 167, 168, 169, 170, 171, 172, 173, 175, 176, 177, 178,
    179, 180, 181, 182, 184, 185, 189, 193, 194, 195, 196, 197, 201, 208, 215, 219, 224, 225, 226, 227, 228, 229, 230),
  ...at(SU, 'complex', 357, 372),
  ...at(SU, 'customFunctions', 408, 409, 410, 411, 412),
  ...at(SU, 'json', 456, 462, 466, 489, 496, 514),
  ...at(SU, 'assumptions', 551, 552, 553, 561, 599, 600),
  ...at(SU, 'matrices', 587, 588, 589),
  ...at(SU, 'extraSymbols', 619, 620, 622, 624, 627, 638, 640),
  ...at(SU, 'config', 707, 712),
  ...at(SU, 'message', ...range(761, 767)),
  ...at(SU, 'sets', ...range(826, 835), ...range(837, 854)),
  ...at(SU, 'sets', ...range(906, 936), ...range(962, 966)),
  ...at(SU, 'helper', 1004, 1013, 1014),
  ...at(SU, 'config', 1024, 1028, 1033, 1037, 1041, 1061, 1081, 1099, 1108, 1121, 1130, 1146, 1151),
  // units_utils_test.py
  ...at(UU, 'unitsOnly', ...range(16, 23)),
  ...at(UU, 'magnitudeCredit', 74, 76),
  ...at(UU, 'helper', ...range(104, 109)),
  // misc_test.py
  ...at(MT, 'complex', 1105),
  ...at(MT, 'noFractions', 1128),
  ...at(MT, 'matrices', 1174, 1181, 1188, 1195, 1218, 1225, 1232, 1239, 1245),
  // pl_number_input_test.py: get_string_precision, get_string_significant_digits, get_string_decimal_digits
  ...at(NI, 'precisionWarning', ...range(11, 19), ...range(21, 25), 27, 28, 30, 31, 33, 35),
  ...at(NI, 'precisionWarning', 49, 50, 51, 53, 55, 57, 58, 60, 62, ...range(64, 68), 70, 71, 73, 75),
  ...at(NI, 'precisionWarning', ...range(88, 99), ...range(101, 105), 107, 108, 110, 112),
  // to_precision_test.py
  ...at(TP, 'render', ...range(9, 12), ...range(14, 16), ...range(18, 20), ...range(22, 24), ...range(26, 31), 48),
  ...at(TP, 'exception', 42),
];
