// `npm run bench -- check [--seconds N]`: what a submission pays to be graded, per answer type, on
// one core (this thread): gradeAnswer on the demo bank's questions — the variant's values drawn
// from its seed, the answer read, checked, feedback looked up — over a mix of right, wrong and
// unreadable answers and many seeds (a class has a variant per student). The baseline, measured
// in the same run, is the checker alone on already-computed correct values (no question, no
// variant). Last line: BENCH check formula_per_s=<n> number_per_s=<n> quantity_per_s=<n>.
import { readFileSync } from 'node:fs';
import { correctAnswers, gradeAnswer, loadQuestion, makeVariant, type Question } from '../src/questions/index.ts';
import { checkFormula } from '../src/questions/expr/index.ts';
import { checkNumber } from '../src/questions/checkers/number.ts';
import { checkQuantity } from '../src/questions/checkers/quantity.ts';

/** Default measuring time per answer type and per baseline, after the warm-up. */
export const checkBenchSecondsDefault = 2;
/** Grades run before measuring each type, so the JIT has compiled the hot paths. */
export const checkBenchWarmupCount = 3000;
/** Upper bound on measured grades per type, whatever the time. */
export const checkBenchGradesMax = 20_000_000;
/** Distinct seeds cycled through: a class of this many students, each with a variant. */
export const checkBenchSeedsCount = 200;

const settings = { logBase: 'e' as const };
type Kind = 'formula' | 'number' | 'quantity';

interface Case { q: Question; seed: number; part: string; answer: string }

/** Per type, for each demo question with such a part and each seed: its correct answer, a wrong one and an unreadable one. */
function cases(kind: Kind): Case[] {
  const files = ['algebra-solve-for-time', 'calculus-chain-rule', 'calculus-derivative-polynomial', 'circuits-parallel-formula',
    'energy-conservation-speed', 'forces-elevator-tension', 'kinematics-position-formula', 'circuits-ohms-law', 'circuits-series',
    'energy-kinetic', 'energy-potential', 'energy-power', 'forces-incline-friction', 'forces-newton-second', 'kinematics-braking',
    'kinematics-free-fall-time', 'kinematics-average-speed', 'kinematics-components', 'kinematics-projectile-planets',
    'units-density', 'units-prefixes', 'units-speed-conversion', 'circuits-power'];
  const wrong: Record<Kind, (right: string) => string> = {
    formula: (right) => `${right} + 1`,
    number: (right) => String(Number(right) * 1.5 + 1),
    quantity: (right) => right.replace(/^[-\d.e]+/, (n) => String(Number(n) * 1.5 + 1)),
  };
  const unreadable: Record<Kind, string> = { formula: '2x +* 1', number: '3,5', quantity: '3.5 furlongz' };
  const out: Case[] = [];
  for (const name of files) {
    const q = loadQuestion(readFileSync(`questions/${name}.md`, 'utf8'), `questions/${name}.md`);
    for (let seed = 0; seed < checkBenchSeedsCount; seed++) {
      const right = correctAnswers(q, seed);
      for (const p of makeVariant(q, seed).parts.filter((x) => x.type === kind)) {
        for (const answer of [right[p.id]!, wrong[kind](right[p.id]!), unreadable[kind]]) out.push({ q, seed, part: p.id, answer });
      }
    }
  }
  return out;
}

/** Runs `one(i)` for `seconds` after a warm-up; returns calls per second. */
function rate(one: (i: number) => void, seconds: number): number {
  for (let i = 0; i < checkBenchWarmupCount; i++) one(i);
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let count = 0;
  while (count < checkBenchGradesMax && (count % 256 !== 0 || performance.now() < deadline)) one(count++);
  return count / ((performance.now() - start) / 1000);
}

/** The baseline: the same answers checked directly against their correct values (the checker alone). */
function baseline(kind: Kind, list: Case[]): (i: number) => void {
  const direct = list.map((c) => {
    const right = correctAnswers(c.q, c.seed)[c.part]!;
    if (kind === 'formula') return () => checkFormula(c.answer, right, { variables: ['x', 't', 'a', 'b', 'd', 'u', 'w', 'g', 'h', 'm'], settings });
    const value = Number.parseFloat(right);
    if (kind === 'number') return () => checkNumber(c.answer, value, { absTol: 0, relTol: 0.01, sigfigsCredit: 0 }, settings);
    const unit = right.replace(/^[-\d.e]+\s*/, '');
    return () => checkQuantity(c.answer, value, { absTol: 0, relTol: 0.01, sigfigsCredit: 0, unit, unitsMissingCredit: 0, difference: false }, settings);
  });
  return (i) => { direct[i % direct.length]!(); };
}

export async function run(args: string[]): Promise<void> {
  const at = args.indexOf('--seconds');
  const seconds = at >= 0 ? Number(args[at + 1]) : checkBenchSecondsDefault;
  if (!(seconds > 0)) throw new Error('--seconds takes a positive number, e.g. --seconds 2');
  const perSecond: Record<Kind, number> = { formula: 0, number: 0, quantity: 0 };
  for (const kind of ['formula', 'number', 'quantity'] as const) {
    const list = cases(kind);
    const full = rate((i) => { const c = list[i % list.length]!; gradeAnswer(c.q, c.seed, c.part, c.answer, settings); }, seconds);
    const checker = rate(baseline(kind, list), seconds);
    perSecond[kind] = full;
    console.log(`${kind.padEnd(8)} ${list.length} answers (right, wrong, unreadable over ${checkBenchSeedsCount} seeds): ` +
      `${Math.round(full)} grades/s from the question, ${Math.round(checker)} checks/s by the checker alone, ratio ${(full / checker).toFixed(2)}`);
  }
  console.log(`BENCH check formula_per_s=${Math.round(perSecond.formula)} number_per_s=${Math.round(perSecond.number)} quantity_per_s=${Math.round(perSecond.quantity)}`);
}
