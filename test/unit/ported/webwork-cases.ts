// Cases from WeBWorK's PG test suite on units, contexts and number formats, judged by our
// checkers (see ./harness.ts).
//
// Source: openwebwork/pg (https://github.com/openwebwork/pg) at commit
// 7d9017bc3166379de7ec3637c508cc15c5215e91 (PG 2.20). PG is copyright 1996-2025 The WeBWorK
// Project and is free software under either the GNU General Public License, version 2 or (at
// your option) any later version, or the Artistic License (see README and LICENSE at its
// repository root). The cases below are translated from these test files, cited by
// `path:line`, and used as test data; no WeBWorK code is copied:
//
//   t/units/basic_parser.t            ported 36, skipped  31
//   t/units/conversions.t             ported 41, skipped   3
//   t/units/electromagnetic.t         ported  8, skipped   2
//   t/units/electron_volts.t          ported  5, skipped   0
//   t/units/length.t                  ported  3, skipped   2
//   t/units/radiation.t               ported  3, skipped   2
//   t/units/time.t                    ported  7, skipped   2
//   t/units/volume.t                  ported 15, skipped   8
//   t/units/basic_module.t            ported  3, skipped   1
//   t/units/add_units.t               ported  1, skipped   4
//   t/contexts/toltype_digits.t       ported 18, skipped   0
//   t/contexts/fraction.t             ported  1, skipped   3
//   t/macros/math_objects_basics.t    ported  6, skipped  25
//   t/macros/math_objects_more.t      ported  5, skipped   4
//   t/math_objects/factorial.t        ported  0, skipped  18
//   t/math_objects/matrix.t           ported  0, skipped 131
//   total                             ported 152, skipped 236
//
// Skipped, by reason: matrices 131; object API 41; TeX output 26; factorial 18; author
// constructor 6; defining units 4; formula with units 4; infinity 4; fractions as a type 1;
// percent 1.
// A case is one assertion (`is`, `ok`, `like`); a table row or loop iteration is its own case.
// An entry cites the line on which its assertion starts; for an assertion spanning lines around
// a `dies { ... }`, the line holding the unit under test.
//
// Conventions:
// - `check_score($correct, $answer)` (t/build_PG_envir.pl) grades `$answer` against `$correct`:
//   the first argument is our `correct` (value and unit), the second our `answer`. An answer
//   given as a MathObject is written as the text it stringifies to (`NumberWithUnits(1, 'W')` is
//   `1 W`).
// - A unit fact `is X, Y` from `evaluate_units` becomes a quantity case: the side holding the
//   factor (`multiply_by(k, A)`, `by_factor(k, A)`) is the correct value `k` in unit `A`, and the
//   other side is the student's answer `1 B`; `1 mi = 1609.344 m` is `{answer: '1 mi', correct:
//   '1609.344', unit: 'm'}`. With no factor, the left side is the answer and the right side the
//   unit (`is {N/C}, {V/m}` is `1 N/C` against 1 V/m); `in_base_units(...)` is written as the
//   product of base units, with WeBWorK's `amp` for the ampere.
// - Units are written with WeBWorK's own names (`amp`, `uC`, `yr`, `c`, `G`), so a unit we lack
//   shows as a failing case. WeBWorK reads everything after the one `/` of a unit as the
//   denominator: `J/amp*m*s` is written `J/(amp*m*s)`.
// - Verdicts: a score of 1 is `right`. A score of 0 is `wrong` when WeBWorK graded the answer
//   (a wrong value, or "The units for your answer are not correct"), and `refused` when it
//   reported an error instead of grading (an unknown unit, "Your answer doesn't look like a
//   Number with Units", "Units must follow a number"); which one is read from
//   lib/Parser/Legacy/NumberWithUnits.pm (`unitsPreFilter`, `splitUnits`) and lib/Units.pm.
//   An unknown unit in the author's NumberWithUnits(...) (the test expects it to die) is ported
//   as a student answer with that unit, refused.
// - Tolerances: WeBWorK's default is relative 0.001 (numRelPercentTolDefault 0.1) for numbers,
//   numbers with units and formulas. No ported number or quantity case lies between that and our
//   default relTol 0.01, so the cases keep our defaults. Formulas keep ours too (no case here
//   depends on WeBWorK's looser formula tolerance).
// - `tolType => 'digits', tolerance => n, tolExtraDigits => k` (lib/Value/Real.pm `compare`): the
//   student's answer, rounded to at most n-1+k decimals of its mantissa, must equal the correct
//   value rounded the same way, judged at no fewer than n significant figures. That is our
//   `sigfigs: [n, n + k]` (judged at the figures the student wrote, half a unit in the last place);
//   `tolExtraDigits` defaults to 1. Two parts have no equivalent: `tolTruncation => 1` (a
//   truncated value such as 3.141 for pi is also accepted) and the rounding away of figures past
//   n + k (3.1415888 for pi with k = 2); those cases record the difference (rules sigfigs-rounded, sigfigs-value-first).
// - WeBWorK marks two conversion facts `todo` only because its test compares factors exactly;
//   they hold within any tolerance and are ported as `right` (noted).
import type { PortedCase } from './harness.ts';

const BP = 't/units/basic_parser.t';
const CV = 't/units/conversions.t';
const EM = 't/units/electromagnetic.t';
const EV = 't/units/electron_volts.t';
const LE = 't/units/length.t';
const RA = 't/units/radiation.t';
const TI = 't/units/time.t';
const VO = 't/units/volume.t';
const BM = 't/units/basic_module.t';
const AU = 't/units/add_units.t';
const TD = 't/contexts/toltype_digits.t';
const FR = 't/contexts/fraction.t';
const MB = 't/macros/math_objects_basics.t';
const MM = 't/macros/math_objects_more.t';
const FA = 't/math_objects/factorial.t';
const MX = 't/math_objects/matrix.t';

/** The source files, in the order the tests report them. */
export const sources = [BP, CV, EM, EV, LE, RA, TI, VO, BM, AU, TD, FR, MB, MM, FA, MX] as const;

type Extra = Partial<Pick<PortedCase, 'note' | 'ours'>>;

/** A number with units typed by the student, against `correct` in `unit`. */
function q(at: string, answer: string, correct: string, unit: string, peer: PortedCase['peer'], extra: Extra = {}): PortedCase {
  return { kind: 'quantity', at, answer, correct, unit, peer, ...extra };
}

/** A unit fact: the student writes `answer`, which equals `correct` `unit`. */
function fact(at: string, answer: string, correct: string, unit: string, extra: Extra = {}): PortedCase {
  return q(at, answer, correct, unit, 'right', extra);
}

const fwu = 'FormulaWithUnits of a constant; the student\'s answer is a number with units, so it is a quantity case';
const amuNote = 'WeBWorK: amu = 1.660538921e-27 kg';
const slugNote = 'WeBWorK: slug = 14.6 kg (1.1374e-28 * 14.6 = 1.66060e-27 kg, within 0.1% of 1 amu)';

export const cases: PortedCase[] = [
  // ---- t/units/basic_parser.t: Parser::Legacy::NumberWithUnits
  q(`${BP}:86`, '1 N*m', '1', 'J', 'right'),
  q(`${BP}:87`, '1 kg*m^2/s^2', '1', 'J', 'right'),
  q(`${BP}:94`, '1 bleurg', '1', 'J', 'refused', { note: 'NumberWithUnits(1, "bleurg") dies: Unrecognizable unit; ported as a student answer in that unit (the file\'s unit J)' }),
  q(`${BP}:148`, '1 J', '1', 'J', 'right'),
  q(`${BP}:149`, '1.00 J', '1', 'J', 'right'),
  q(`${BP}:150`, '1E0 J', '1', 'J', 'right'),
  q(`${BP}:151`, '7/7 J', '1', 'J', 'right', { note: 'the number part may be an expression in WeBWorK' }),
  q(`${BP}:152`, '1 J^1', '1', 'J', 'right'),
  q(`${BP}:153`, 'J 1', '1', 'J', 'refused', { note: 'WeBWorK: "Your answer doesn\'t look like a Number with Units"' }),
  q(`${BP}:154`, '2 J', '1', 'J', 'wrong'),
  q(`${BP}:155`, '1 j', '1', 'J', 'refused', { note: 'no unit `j` in lib/Units.pm: "doesn\'t look like a Number with Units"' }),
  q(`${BP}:156`, '1', '1', 'J', 'refused', { note: 'WeBWorK: "Your answer doesn\'t look like a Number with Units" (an error, not a graded 0)', ours: { verdict: 'wrong', rule: 'units-missing-graded' } }),
  q(`${BP}:157`, 'J', '1', 'J', 'refused', { note: 'WeBWorK: "Units must follow a number"' }),
  q(`${BP}:158`, '1J', '1', 'J', 'right'),
  q(`${BP}:159`, '1 N', '1', 'J', 'wrong', { note: 'WeBWorK grades 0 with "The units for your answer are not correct"' }),
  q(`${BP}:160`, '1 Nm', '1', 'J', 'refused', { note: 'no unit `Nm`, and a unit needs * or a space before the next: "doesn\'t look like a Number with Units"' }),
  q(`${BP}:161`, '1 N*m', '1', 'J', 'right'),
  q(`${BP}:162`, '1 Joule', '1', 'J', 'refused', {
    note: 'lib/Units.pm has no unit `Joule`, so WeBWorK reports an error', ours: { verdict: 'right', rule: 'units-leniency' },
  }),
  q(`${BP}:163`, '1E-3 kJ', '1', 'J', 'right'),
  q(`${BP}:164`, '0.001 kJ', '1', 'J', 'right'),
  q(`${BP}:165`, '1/1000 kJ', '1', 'J', 'right', { note: 'the number part may be an expression in WeBWorK' }),
  q(`${BP}:166`, '10^-3 kJ', '1', 'J', 'right', { note: 'the number part may be an expression in WeBWorK' }),
  q(`${BP}:167`, '10**-3 kJ', '1', 'J', 'right', { note: 'the number part may be an expression in WeBWorK' }),
  q(`${BP}:173`, '0.005 T', '0.005', 'T', 'right'),
  q(`${BP}:174`, '5*10^-13 T*m/angstrom', '0.005', 'T', 'right'),
  q(`${BP}:175`, '0 T*m/angstrom', '0.005', 'T', 'wrong'),
  q(`${BP}:181`, '0.005 T', '0.005', 'T', 'right', { note: fwu }),
  q(`${BP}:182`, '5*10^-13 T*m/angstrom', '0.005', 'T', 'right', { note: fwu }),
  q(`${BP}:183`, '0 T*m/angstrom', '0.005', 'T', 'wrong', { note: fwu }),
  q(`${BP}:198`, '1 amu', '1', 'amu', 'right', { note: amuNote }),
  q(`${BP}:199`, '2 amu', '1', 'amu', 'wrong', { note: amuNote }),
  q(`${BP}:200`, '1.660538921*10^-27 kg', '1', 'amu', 'right', { note: amuNote }),
  q(`${BP}:201`, '0 kg', '1', 'amu', 'wrong', { note: amuNote }),
  q(`${BP}:202`, '1.660538921*10^-24 g', '1', 'amu', 'right', { note: amuNote }),
  q(`${BP}:203`, '0 g', '1', 'amu', 'wrong', { note: amuNote }),
  q(`${BP}:204`, '1.1374*10^-28 slug', '1', 'amu', 'right', { note: slugNote }),

  // ---- t/units/conversions.t: Units::evaluate_units
  fact(`${CV}:47`, '1 kg', '1', 'kg'),
  fact(`${CV}:48`, '1 N', '1', 'kg*m/s^2'),
  fact(`${CV}:49`, '1 C', '1', 'amp*s'),
  fact(`${CV}:50`, '1 V', '1', 'kg*m^2/(amp*s^3)'),
  fact(`${CV}:51`, '1 J*s', '1', 'kg*m^2/s'),
  fact(`${CV}:53`, '1 V/m', '1', 'kg*m/(amp*s^3)'),
  fact(`${CV}:56`, '1 N/C', '1', 'kg*m/(amp*s^3)'),
  fact(`${CV}:62`, '1 N/C', '1', 'V/m'),
  fact(`${CV}:63`, '1 C/N', '1', 'm/V'),
  fact(`${CV}:64`, '1 N/C', '1', 'J/(amp*m*s)', { note: 'WeBWorK\'s J/amp*m*s: everything after the one / is the denominator' }),
  fact(`${CV}:65`, '1 V/m', '1', 'N/C'),
  fact(`${CV}:69`, '1 F', '1000', 'mF'),
  fact(`${CV}:70`, '1 F', '1E6', 'uF'),
  fact(`${CV}:71`, '1 kohm', '1000', 'ohm'),
  fact(`${CV}:72`, '1 Mohm', '1E6', 'ohm'),
  fact(`${CV}:73`, '1 V', '1000', 'mV'),
  fact(`${CV}:74`, '1 kV', '1000', 'V'),
  fact(`${CV}:78`, '1 T', '1e4', 'G', { note: 'WeBWorK: G (gauss) = 1e-4 T' }),
  fact(`${CV}:79`, '1 V/ohm', '1', 'V*S'),
  fact(`${CV}:80`, '1 Wb', '1', 'T*m^2'),
  fact(`${CV}:81`, '1 H', '1', 'V*s/amp'),
  fact(`${CV}:85`, '1 mmol/L', '1000', 'micromol/L', { note: 'WeBWorK: micromol = 1e-6 mol' }),
  fact(`${CV}:86`, '1 mg/dL', '10', 'mg/L'),
  fact(`${CV}:87`, '1 mol', '1e9', 'nanomol', { note: 'WeBWorK: nanomol = 1e-9 mol' }),
  fact(`${CV}:91`, '1 Sv', '1000', 'mSv', { note: 'WeBWorK: Sv = 1 m^2/s^2 (J/kg)' }),
  fact(`${CV}:92`, '1 Sv', '1e6', 'uSv'),
  fact(`${CV}:93`, '1 kat', '1', 'mol/s', { note: 'WeBWorK: kat (katal) = 1 mol/s' }),
  fact(`${CV}:97`, '1 amu', '1822.88854680448', 'me', { note: 'WeBWorK: me (electron mass) = 9.1093826e-31 kg; amu = 1.660538921e-27 kg' }),
  fact(`${CV}:99`, '1 lx', '1', 'lm/m^2', { note: 'WeBWorK: lx = lm/m^2' }),
  fact(`${CV}:101`, '1 GPa', '1e9', 'Pa'),
  fact(`${CV}:102`, '1 MPa', '1000', 'kPa'),
  fact(`${CV}:104`, '1 kHz', '2*1000*pi', 'rad/s', {
    note: 'WeBWorK defines Hz = 2*pi rad/s (frequency is angular frequency there)', ours: { verdict: 'wrong', rule: 'units-strict-kind' },
  }),
  fact(`${CV}:111`, '1 sr', '(180/pi)^2', 'deg^2', { note: 'todo in PG only for exact comparison of factors; WeBWorK: sr = 1 rad^2' }),
  fact(`${CV}:119`, '1 c', '299792458', 'm/s', { note: 'WeBWorK: c = 299792458 m/s as a unit' }),
  fact(`${CV}:120`, '1 c*yr', '1', 'light-year', { note: 'WeBWorK: yr = 31557600 s, light-year = 9460730472580800 m' }),
  fact(`${CV}:123`, '1 parsec', 'cos(0.0174532925/60/60)/sin(0.0174532925/60/60)', 'AU', {
    note: 'todo in PG only for exact comparison of factors; WeBWorK: AU = 149597870700 m, parsec = 3.08567758149137e16 m',
  }),
  fact(`${CV}:129`, '1 keV', '1000', 'eV'),
  fact(`${CV}:130`, '1 MeV', '1E6', 'eV'),
  fact(`${CV}:131`, '1 GeV', '1E9', 'eV'),
  fact(`${CV}:133`, '1 C', '1000', 'mC'),
  fact(`${CV}:134`, '1 C', '1E6', 'uC'),

  // ---- t/units/electromagnetic.t
  q(`${EM}:34`, '1 W', '1E3', 'mW', 'right'),
  q(`${EM}:35`, '1 W', '1E-6', 'MW', 'right'),
  q(`${EM}:46`, '1 A', '1', 'amp', 'right'),
  q(`${EM}:47`, '1 A', '1000', 'mA', 'right'),
  q(`${EM}:51`, '1 C', '1000', 'mC', 'right'),
  q(`${EM}:52`, '1 C', '1E9', 'nC', 'right'),
  q(`${EM}:56`, '1 T', '1000', 'mT', 'right'),
  q(`${EM}:57`, '10 G', '1', 'mT', 'right', { note: 'WeBWorK: G (gauss) = 1e-4 T' }),

  // ---- t/units/electron_volts.t
  fact(`${EV}:20`, '1 eV', '1.6022E-19', 'J', { note: 'WeBWorK: eV = 1.6022e-19 J' }),
  fact(`${EV}:21`, '1 keV', '1000', 'eV'),
  fact(`${EV}:22`, '1 MeV', '10^6', 'eV'),
  fact(`${EV}:23`, '1 GeV', '10^9', 'eV'),
  fact(`${EV}:24`, '1 TeV', '10^12', 'eV'),

  // ---- t/units/length.t
  q(`${LE}:28`, '1 um', '1E6', 'pm', 'right'),
  q(`${LE}:29`, '1 um', '1E9', 'fm', 'right'),
  q(`${LE}:30`, '1 um', '1E4', 'angstrom', 'right'),

  // ---- t/units/radiation.t
  q(`${RA}:30`, '1 Sv', '1E3', 'mSv', 'right', { note: 'WeBWorK: Sv = 1 m^2/s^2' }),
  q(`${RA}:31`, '1 Sv', '1E6', 'uSv', 'right'),
  q(`${RA}:35`, '1 s^-1', '1', 'Bq', 'right', { note: 'WeBWorK: Bq = 1/s' }),

  // ---- t/units/time.t: NumberWithUnits times or divided by a Real is the correct value
  q(`${TI}:33`, '1 s', '1000', 'ms', 'right'),
  q(`${TI}:34`, '1 s', '1E6', 'us', 'right'),
  q(`${TI}:35`, '1 s', '1E9', 'ns', 'right'),
  q(`${TI}:39`, '1 s', '1/60', 'min', 'right'),
  q(`${TI}:40`, '1 s', '1/3600', 'hour', 'right'),
  q(`${TI}:41`, '1 s', '1/(24*3600)', 'day', 'right'),
  q(`${TI}:42`, '1 s', '1/(365.25*24*3600)', 'yr', 'right', { note: 'WeBWorK: yr = year = 31557600 s (365.25 days)' }),

  // ---- t/units/volume.t
  fact(`${VO}:28`, '1 ml', '1', 'cc'),
  fact(`${VO}:32`, '1 m^3', '1000', 'L'),
  fact(`${VO}:33`, '1 L', '1000', 'ml'),
  fact(`${VO}:34`, '1 L', '10', 'dL'),
  fact(`${VO}:50`, '1 cup', '1', 'cups'),
  fact(`${VO}:51`, '1 pt', '1', 'pint'),
  fact(`${VO}:52`, '1 pt', '1', 'pints'),
  fact(`${VO}:53`, '1 qt', '1', 'quart'),
  fact(`${VO}:54`, '1 qt', '1', 'quarts'),
  fact(`${VO}:55`, '1 gallon', '1', 'gal'),
  fact(`${VO}:56`, '1 gallon', '1', 'gallons'),
  fact(`${VO}:60`, '1 gal', '3.78541', 'L', { note: 'WeBWorK: gallon = 0.00378541 m^3' }),
  q(`${VO}:63`, '1 pint', '2', 'cup', 'right', { note: 'WeBWorK: cup = 0.000236588 m^3, pint = 0.000473176473 m^3' }),
  q(`${VO}:64`, '1 quart', '2', 'pint', 'right'),
  q(`${VO}:65`, '1 gallon', '4', 'quart', 'right'),

  // ---- t/units/basic_module.t
  fact(`${BM}:18`, '1 J', '1', 'N*m'),
  fact(`${BM}:19`, '1 J', '1', 'kg*m^2/s^2'),
  q(`${BM}:24`, '1 bleurg', '1', 'J', 'refused', { note: 'evaluate_units("bleurg") reports Unrecognizable unit; ported as a student answer in that unit' }),

  // ---- t/units/add_units.t
  q(`${AU}:22`, '4 flops', '4', 's^-1', 'refused', { note: 'NumberWithUnits(4, "flops") dies: Unrecognizable unit; ported as a student answer in that unit against the file\'s 4 s^-1' }),

  // ---- t/contexts/toltype_digits.t: Context Numeric, correct Real('pi')
  ...(['3.14', '3.141', '3.142', '3.143', '3.15'] as const).map((answer, i): PortedCase => ({
    kind: 'number', at: `${TD}:${22 + i}`, answer, correct: 'pi', sigfigs: [3, 4],
    peer: i < 3 ? 'right' : 'wrong',
    note: 'tolType digits, tolerance 3, tolExtraDigits 1 (default) -> sigfigs [3, 4]; tolTruncation 1 also accepts truncated pi (3.141), which we have no option for',
    ...(answer === '3.141' ? { ours: { verdict: 'wrong', rule: 'sigfigs-rounded' } as const } : {}),
  })),
  ...(['3.14', '3.141', '3.142', '3.143', '3.15'] as const).map((answer, i): PortedCase => ({
    kind: 'number', at: `${TD}:${32 + i}`, answer, correct: 'pi', sigfigs: [3, 4],
    peer: answer === '3.14' || answer === '3.142' ? 'right' : 'wrong',
    note: 'tolType digits, tolerance 3, tolTruncation 0, tolExtraDigits 1 (default) -> sigfigs [3, 4]',
  })),
  ...([['3.14', 'right'], ['3.141', 'wrong'], ['3.142', 'right'], ['3.143', 'wrong'], ['3.15', 'wrong'], ['', ''],
    ['3.1416', 'right'], ['3.1415888', 'right'], ['3.1415', 'wrong']] as const).flatMap(([answer, peer], i): PortedCase[] => (answer === '' ? [] : [{
    kind: 'number', at: `${TD}:${47 + i}`, answer, correct: 'pi', sigfigs: [3, 5], peer,
    ...(answer === '3.1415888' ? { ours: { verdict: 'wrong', rule: 'sigfigs-value-first' } as const } : {}),
    note: 'tolType digits, tolerance 3, tolTruncation 0, tolExtraDigits 2 -> sigfigs [3, 5]'
      + (answer === '3.1415888' ? '; WeBWorK rounds figures past the fifth away (3.1415888 is judged as 3.1416), we have no such option' : ''),
  }])),

  // ---- t/contexts/fraction.t: only what a number answer means
  { kind: 'number', at: `${FR}:28`, answer: '2/4', correct: '1/2', peer: 'right', note: 'Context Fraction: Compute("2/4") has the value of Compute("1/2")' },

  // ---- t/macros/math_objects_basics.t: check_score($sum, Compute($sum)) with $obj1 = 10, $obj2 = 5
  { kind: 'number', at: `${MB}:68`, answer: '15', correct: '10+5', peer: 'right' },
  { kind: 'number', at: `${MB}:69`, answer: '5', correct: '10-5', peer: 'right' },
  { kind: 'number', at: `${MB}:70`, answer: '50', correct: '10*5', peer: 'right' },
  { kind: 'number', at: `${MB}:74`, answer: '16', correct: '10+5', peer: 'wrong' },
  { kind: 'number', at: `${MB}:75`, answer: '6', correct: '10-5', peer: 'wrong' },
  { kind: 'number', at: `${MB}:76`, answer: '51', correct: '10*5', peer: 'wrong' },

  // ---- t/macros/math_objects_more.t: Context Numeric, $f = x^2, $g = sin(x)
  { kind: 'number', at: `${MM}:28`, answer: '4', correct: '2^2', peer: 'right', note: '$f->eval(x => 2)' },
  { kind: 'number', at: `${MM}:29`, answer: '9', correct: '(-3)^2', peer: 'right', note: '$f->eval(x => -3)' },
  { kind: 'number', at: `${MM}:30`, answer: '1/2', correct: 'sin(pi/6)', peer: 'right', note: '$g->eval(x => "pi/6")' },
  { kind: 'formula', at: `${MM}:33`, answer: '2x', correct: '2*x', peer: 'right', note: '$f->D("x") is 2*x' },
  { kind: 'formula', at: `${MM}:34`, answer: 'cos(x)', correct: 'cos(x)', peer: 'right', note: '$g->D("x") is cos(x)' },
];

const R = {
  api: 'object API: classes, methods, attributes, internal tables',
  tex: 'TeX or string output',
  ctor: 'author constructor arguments and their error text',
  formulaUnits: 'formula with units: no such part type',
  percent: 'dimensionless unit (%): no unit for a part to ask in',
  defineUnits: 'author API: defining or redefining units (todo in PG)',
  infinity: 'infinity: not a number answer',
  fraction: 'fractions as a separate type',
  factorial: 'factorial: values of author-side Compute, no answer comparison (our notation refuses `!`)',
  matrices: 'matrices',
} as const;

function lines(file: string, reason: string, ls: readonly number[]): { at: string; reason: string }[] {
  return ls.map((l) => ({ at: `${file}:${l}`, reason }));
}

export const skipped: { at: string; reason: string }[] = [
  ...lines(BP, R.api, [44, 45, 51, 52, 53, 57, 83, 84, 111, 113, 125]),
  ...lines(BP, R.ctor, [98, 99, 103, 104, 106, 107]),
  ...lines(BP, R.tex, [129, 130, 131, 132, 133, 137, 138, 139, 140, 141]),
  ...lines(BP, R.formulaUnits, [189, 190, 191, 192]),
  ...lines(CV, R.api, [13, 30]),
  ...lines(CV, R.percent, [108]),
  ...lines(EM, R.tex, [39, 42]),
  ...lines(LE, R.tex, [21, 24]),
  ...lines(RA, R.tex, [23, 26]),
  ...lines(TI, R.tex, [26, 29]),
  ...lines(VO, R.tex, [21, 22, 23, 24, 43, 44, 45, 46]),
  ...lines(BM, R.api, [23]),
  ...lines(AU, R.defineUnits, [29, 35, 44, 45]),
  ...lines(FR, R.api, [25, 26]),
  ...lines(FR, R.fraction, [41]),
  ...lines(MB, R.api, [21, 24, 25, 26, 27, 28, 29, 33, 34, 35, 36, 38, 41, 44, 45, 46, 47, 59, 62, 63, 64]),
  ...lines(MB, R.infinity, [51, 52, 53, 54]),
  ...lines(MM, R.api, [18, 23, 24, 25]),
  ...lines(FA, R.factorial, [22, 23, 25, 26, 27, 28, 29, 31, 32, 36, 39, 42, 47, 56, 57, 58, 65, 66]),
  ...lines(MX, R.matrices, [
    19, 20, 22, 23, 24, 25, 26, 32, 33, 35, 37, 38, 39, 44, 45, 46, 58, 59, 60, 61,
    68, 69, 70, 71, 72, 73, 74, 75, 76, 81, 82, 83, 84, 85, 86, 87, 88, 89, 94, 95, 96, 97, 98, 99, 100, 101, 102,
    110, 111, 112, 113, 118, 119, 120, 121, 127, 130, 131, 134, 135, 141, 142, 145, 146, 149, 150,
    161, 162, 163, 164, 165, 166, 167, 173, 174, 175, 176, 177, 178, 179, 180,
    186, 190, 194, 202, 203, 204, 205, 211, 213, 223, 224, 229, 232, 244, 252, 253, 256, 258,
    267, 272, 278, 281, 285, 289, 297, 302, 308, 311, 315, 319, 330, 331, 333, 340, 344, 348,
    353, 356, 360, 367, 371, 372, 377, 378, 379, 385, 389, 393, 397, 407,
  ]),
];
