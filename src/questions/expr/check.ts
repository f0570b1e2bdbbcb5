// checkFormula: a student's formula against the author's, compared at seeded random points.
import type { PartResult, ReadingSettings } from '../types.ts';
import type { Expr } from './ast.ts';
import { ExprError } from './errors.ts';
import { evaluateWithNoise } from './evaluate.ts';
import {
  formulaAbsTolDefault, formulaCacheSizeMax, formulaDomainDefault, formulaNoiseFactor,
  formulaPointsCount, formulaRelTolDefault, formulaResampleMax,
} from './limits.ts';
import { readExpression } from './read.ts';

export interface FormulaCheckOptions {
  variables: readonly string[];
  /** Per variable [low, high]; formulaDomainDefault for a variable not listed. */
  domains?: Readonly<Record<string, readonly [number, number]>>;
  /** Same seed, same points. */
  seed: number;
  settings: ReadingSettings;
  /** Relative tolerance at each point; formulaRelTolDefault if not given. */
  relTol?: number;
  /** Absolute tolerance in the units of the answer, added to the relative one; formulaAbsTolDefault if not given. */
  absTol?: number;
}

/** Seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const correctCache = new Map<string, Expr>();

/** The author's formula, read once per (text, log base, variables); a formula that does not read is an author error. */
function correctFormula(correct: string, opts: FormulaCheckOptions): Expr {
  const key = `${opts.settings.logBase}\u0000${opts.variables.join('\u0000')}\u0000${correct}`;
  const cached = correctCache.get(key);
  if (cached !== undefined) return cached;
  const result = readExpression(correct, { settings: opts.settings, variables: opts.variables, mode: 'author' });
  if (!result.ok) throw new ExprError('bad_correct_answer', `the correct formula \`${correct}\` does not read: ${result.message}`);
  if (correctCache.size >= formulaCacheSizeMax) correctCache.clear();
  correctCache.set(key, result.expr);
  return result.expr;
}

interface Point {
  scope: Record<string, number>;
  value: number;
  noise: number;
}

/** formulaPointsCount points where the correct formula is defined, drawn from the seeded PRNG. */
function samplePoints(correct: Expr, opts: FormulaCheckOptions): Point[] {
  const rng = makeRng(opts.seed);
  const points: Point[] = [];
  for (let draw = 0; draw < formulaResampleMax && points.length < formulaPointsCount; draw++) {
    const scope: Record<string, number> = {};
    for (const v of opts.variables) {
      const [low, high] = opts.domains?.[v] ?? formulaDomainDefault;
      scope[v] = low + (high - low) * rng();
    }
    const { value, noise } = evaluateWithNoise(correct, scope);
    if (Number.isFinite(value) && Number.isFinite(noise)) points.push({ scope, value, noise });
  }
  if (points.length < formulaPointsCount) {
    throw new ExprError('too_few_points', `the correct formula is undefined at most points of its domain (${points.length} usable of ${formulaResampleMax} drawn): change the domains of ${opts.variables.join(', ') || 'its variables'}`);
  }
  return points;
}

function describe(scope: Record<string, number>): string {
  return Object.entries(scope).map(([v, x]) => `${v} = ${Number(x.toPrecision(4))}`).join(', ');
}

/** Compares the student's text with the author's correct formula (author syntax, same variables). */
export function checkFormula(answer: string, correct: string, opts: FormulaCheckOptions): PartResult {
  const student = readExpression(answer, { settings: opts.settings, variables: opts.variables, mode: 'student' });
  if (!student.ok) return { status: 'invalid', score: 0, correct: false, feedback: student.message, read: '', parsed: null };
  const relTol = opts.relTol ?? formulaRelTolDefault;
  const absTol = opts.absTol ?? formulaAbsTolDefault;
  const graded = (ok: boolean, feedback: string): PartResult => (
    { status: 'graded', score: ok ? 1 : 0, correct: ok, feedback, read: student.read, parsed: student.read });
  for (const point of samplePoints(correctFormula(correct, opts), opts)) {
    const { value, noise } = evaluateWithNoise(student.expr, point.scope);
    if (!Number.isFinite(value)) {
      return graded(false, `not equivalent to the correct answer: yours, read as ${student.read}, is undefined at ${describe(point.scope)}`);
    }
    const studentNoise = Number.isFinite(noise) ? noise : 0;
    const tolerance = relTol * Math.max(Math.abs(value), Math.abs(point.value)) + absTol
      + formulaNoiseFactor * (point.noise + studentNoise);
    if (!(Math.abs(value - point.value) <= tolerance)) {
      return graded(false, `not equivalent to the correct answer (yours was read as ${student.read})`);
    }
  }
  return graded(true, `correct (read as ${student.read})`);
}
