// A variant's values: seeded parameters, computed values, and {{expression}} substitution.
import { evaluateExpr, makeRng, readExpression } from './expr/index.ts';
import { defaultReadingSettings, QuestionFileError } from './types.ts';
import type { ParamSpec, QuestionSpec, Scalar } from './spec.ts';
import { formatNumber } from './checkers/decimal.ts';
import { substitutionsCountMax } from './bounds.ts';
import { helperCall, helperProblem } from './template-helpers.ts';

/** Seeds are unsigned 32-bit integers. */
export const seedMax = 2 ** 32 - 1;

export interface VariantValues {
  /** Every named value: numbers, author strings, shuffled lists. */
  named: Map<string, Scalar | Scalar[]>;
  /** The numeric ones, for expressions. */
  numbers: Record<string, number>;
}

/** A stream seed for (version, seed, purpose): the same triple always gives the same stream. */
export function streamSeed(version: string, seed: number, purpose: string): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > seedMax) {
    throw new RangeError(`seed ${seed} is not a whole number from 0 to ${seedMax}`);
  }
  let h = parseInt(version.slice(0, 8) || '0', 16) >>> 0;
  for (const c of purpose) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return (h ^ seed) >>> 0;
}

export function drawValues(spec: QuestionSpec, version: string, seed: number): VariantValues {
  const rng = makeRng(streamSeed(version, seed, 'params'));
  const named = new Map<string, Scalar | Scalar[]>();
  const indexes = new Map<string, number>();
  for (const p of spec.params) {
    if (p.kind === 'choice' && p.with !== undefined) continue;
    const value = drawParam(p, rng);
    if (p.kind === 'choice') indexes.set(p.name, p.values.indexOf(value as Scalar));
    named.set(p.name, value);
  }
  for (const p of spec.params) {
    if (p.kind === 'choice' && p.with !== undefined) named.set(p.name, p.values[indexes.get(p.with)!]!);
  }
  const numbers: Record<string, number> = {};
  for (const [name, value] of named) {
    if (typeof value === 'number') numbers[name] = value;
    if (Array.isArray(value)) value.forEach((v, i) => { if (typeof v === 'number') numbers[`${name}_${i + 1}`] = v; });
  }
  for (const c of spec.computed) {
    const value = evaluateOrFail(spec, c.expr, numbers, `computed.${c.name}`, seed);
    numbers[c.name] = value;
    named.set(c.name, value);
  }
  return { named, numbers };
}

function drawParam(p: ParamSpec, rng: () => number): Scalar | Scalar[] {
  const pick = (n: number) => Math.min(n - 1, Math.floor(rng() * n));
  switch (p.kind) {
    case 'range': {
      const count = Math.floor((p.max - p.min) / p.step + 1e-9) + 1;
      const places = Math.min(12, Math.max(decimalPlaces(p.step), decimalPlaces(p.min)));
      return Number((p.min + pick(count) * p.step).toFixed(places));
    }
    case 'choice': return p.values[pick(p.values.length)]!;
    case 'shuffle': return shuffled(p.values, rng);
  }
}

function decimalPlaces(n: number): number {
  const [mantissa = '', exponent = '0'] = String(n).split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

/** A seeded Fisher-Yates shuffle; `items` is left as it is. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(rng() * (i + 1)));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function evaluateOrFail(spec: QuestionSpec, expr: Parameters<typeof evaluateExpr>[0],
  numbers: Record<string, number>, field: string, seed: number): number {
  let value: number;
  try {
    value = evaluateExpr(expr, numbers);
  } catch (e) {
    throw new QuestionFileError(spec.file, 0, field, `with seed ${seed}: ${(e as Error).message}`);
  }
  if (!Number.isFinite(value)) {
    throw new QuestionFileError(spec.file, 0, field, `is ${value} with seed ${seed}; narrow the parameter ranges or fix the expression`);
  }
  return value;
}

/** The value of an author expression under a variant's values. */
export function authorValue(spec: QuestionSpec, text: string, values: VariantValues, field: string, seed: number): number {
  const read = readExpression(text, { settings: defaultReadingSettings, variables: Object.keys(values.numbers), mode: 'author' });
  if (!read.ok) throw new QuestionFileError(spec.file, 0, field, read.message);
  return evaluateOrFail(spec, read.expr, values.numbers, field, seed);
}

/**
 * Replaces each {{expression}} in `template`. 'display' shows numbers for people (6 figures);
 * 'formula' keeps full precision and brackets negatives, for splicing into an expression.
 */
export function substitute(spec: QuestionSpec, template: string, values: VariantValues, field: string,
  seed: number, style: 'display' | 'formula' = 'display'): string {
  let count = 0;
  return template.replace(/\{\{([^{}]*)\}\}/g, (_, inner: string) => {
    if (++count > substitutionsCountMax) {
      throw new QuestionFileError(spec.file, 0, field, `has more than ${substitutionsCountMax} {{...}} substitutions; use fewer`);
    }
    const name = inner.trim();
    const call = helperCall(name);
    if (call !== undefined) {
      const at = `${field} {{${name}}}`;
      const value = authorValue(spec, call.args[0]!, values, at, seed);
      const digits = call.args[1] === undefined ? 0 : authorValue(spec, call.args[1], values, at, seed);
      const problem = helperProblem(call.name, call.helper, call.args, digits);
      if (problem) throw new QuestionFileError(spec.file, 0, at, problem);
      return call.helper.format(value, digits);
    }
    const own = values.named.get(name);
    if (typeof own === 'string') return own;
    if (Array.isArray(own)) return own.map(String).join(', ');
    const value = typeof own === 'number' ? own : authorValue(spec, name, values, `${field} {{${name}}}`, seed);
    if (style === 'display') return formatNumber(value);
    const text = formatNumber(value, 12);
    return value < 0 ? `(${text})` : text;
  });
}

/** For authors at load time: the first {{...}} in `template` that does not read, or undefined. */
export function templateProblem(template: string, numericNames: readonly string[], otherNames: ReadonlySet<string>): string | undefined {
  for (const m of template.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const inner = m[1]!.trim();
    if (otherNames.has(inner)) continue;
    const call = helperCall(inner);
    const problem = call ? helperProblem(call.name, call.helper, call.args) : undefined;
    if (problem) return `{{${inner}}}: ${problem}`;
    for (const text of call ? call.args : [inner]) {
      const read = readExpression(text, { settings: defaultReadingSettings, variables: numericNames, mode: 'author' });
      if (!read.ok) return `{{${inner}}}: ${read.message}`;
    }
  }
  return undefined;
}
