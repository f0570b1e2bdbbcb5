// checkFormula: a student's formula against the author's, compared at points drawn from a PRNG
// seeded by the correct formula itself, so the same pair always gets the same verdict.
import type { PartResult, ReadingSettings } from '../types.ts';
import type { Expr } from './ast.ts';
import { ExprError } from './errors.ts';
import { evaluateWithNoise } from './evaluate.ts';
import {
  formulaAbsTolDefault, formulaCacheSizeMax, formulaDomainDefault, formulaNoiseFactor,
  formulaPointsCount, formulaRelTolDefault, formulaResampleMax,
} from './limits.ts';
import { readExpression } from './read.ts';
import { renderRead } from './render.ts';

export interface FormulaCheckOptions {
  variables: readonly string[];
  /** Per variable [low, high]; formulaDomainDefault for a variable not listed. */
  domains?: Readonly<Record<string, readonly [number, number]>>;
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

/** FNV-1a over a text: the seed of a formula's sample points. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Point {
  scope: Record<string, number>;
  value: number;
  noise: number;
}

/** The author's formula read once, with its sample points. */
interface Prepared { points: Point[] }

const preparedCache = new Map<string, Prepared>();

/** The author's formula and its points, cached per (text, log base, variables, domains); a formula that does not read is an author error. */
function prepare(correct: string, opts: FormulaCheckOptions): Prepared {
  const domains = opts.variables.map((v) => opts.domains?.[v] ?? formulaDomainDefault);
  const key = `${opts.settings.logBase}\u0000${opts.variables.join('\u0000')}\u0000${domains.join('\u0000')}\u0000${correct}`;
  const cached = preparedCache.get(key);
  if (cached !== undefined) return cached;
  const result = readExpression(correct, { settings: opts.settings, variables: opts.variables, mode: 'author' });
  if (!result.ok) throw new ExprError('bad_correct_answer', `the correct formula \`${correct}\` does not read: ${result.message}`);
  const prepared = { points: samplePoints(result.expr, opts.variables, domains) };
  if (preparedCache.size >= formulaCacheSizeMax) preparedCache.clear();
  preparedCache.set(key, prepared);
  return prepared;
}

/**
 * formulaPointsCount points where the correct formula is defined. The PRNG is seeded by the
 * formula's canonical reading and domains, never by the variant: a verdict depends only on the pair.
 */
function samplePoints(correct: Expr, variables: readonly string[], domains: readonly (readonly [number, number])[]): Point[] {
  const rng = makeRng(hashText(`${renderRead(correct)}\u0000${variables.join(',')}\u0000${domains.join(';')}`));
  const points: Point[] = [];
  for (let draw = 0; draw < formulaResampleMax && points.length < formulaPointsCount; draw++) {
    const scope: Record<string, number> = {};
    variables.forEach((v, i) => {
      const [low, high] = domains[i]!;
      scope[v] = low + (high - low) * rng();
    });
    const { value, noise } = evaluateWithNoise(correct, scope);
    if (Number.isFinite(value) && Number.isFinite(noise)) points.push({ scope, value, noise });
  }
  if (points.length < formulaPointsCount) {
    throw new ExprError('too_few_points', `the correct formula is undefined at most points of its domain (${points.length} usable of ${formulaResampleMax} drawn): change the domains of ${variables.join(', ') || 'its variables'}`);
  }
  return points;
}

function describe(scope: Record<string, number>): string {
  return Object.entries(scope).map(([v, x]) => `${v} = ${Number(x.toPrecision(4))}`).join(', ');
}

function domainText(opts: FormulaCheckOptions): string {
  if (opts.variables.length === 0) return '';
  return ` at any ${opts.variables.map((v) => {
    const [low, high] = opts.domains?.[v] ?? formulaDomainDefault;
    return `${v} from ${low} to ${high}`;
  }).join(' and ')} that was tried`;
}

/** Compares the student's text with the author's correct formula (author syntax, same variables). */
export function checkFormula(answer: string, correct: string, opts: FormulaCheckOptions): PartResult {
  const student = readExpression(answer, { settings: opts.settings, variables: opts.variables, mode: 'student' });
  if (!student.ok) return { status: 'invalid', score: 0, correct: false, feedback: student.message, read: '', parsed: null };
  const relTol = opts.relTol ?? formulaRelTolDefault;
  const absTol = opts.absTol ?? formulaAbsTolDefault;
  const graded = (ok: boolean, feedback: string): PartResult => (
    { status: 'graded', score: ok ? 1 : 0, correct: ok, feedback, read: student.read, parsed: student.read });
  const { points } = prepare(correct, opts);
  const values = points.map((point) => evaluateWithNoise(student.expr, point.scope));
  const undefinedAt = values.findIndex(({ value }) => !Number.isFinite(value));
  if (undefinedAt >= 0 && values.every(({ value }) => !Number.isFinite(value))) {
    // Undefined wherever it was tried (1/0, sqrt(-2)): a slip to correct, not an answer to grade.
    return { status: 'invalid', score: 0, correct: false, read: student.read, parsed: null,
      feedback: `yours, read as ${student.read}, has no value${domainText(opts)}: check for a division by zero or a root or logarithm of a negative number` };
  }
  if (undefinedAt >= 0) {
    return graded(false, `not equivalent to the correct answer: yours, read as ${student.read}, is undefined at ${describe(points[undefinedAt]!.scope)}`);
  }
  const equalEverywhere = points.every((point, i) => {
    const { value, noise } = values[i]!;
    const studentNoise = Number.isFinite(noise) ? noise : 0;
    const tolerance = relTol * Math.max(Math.abs(value), Math.abs(point.value)) + absTol
      + formulaNoiseFactor * (point.noise + studentNoise);
    return Math.abs(value - point.value) <= tolerance;
  });
  return equalEverywhere ? graded(true, `correct (read as ${student.read})`)
    : graded(false, `not equivalent to the correct answer (yours was read as ${student.read})`);
}
