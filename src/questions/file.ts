// Question file → QuestionSpec: Markdown with YAML front matter, checked field by field.
import { readExpression } from './expr/index.ts';
import { defaultReadingSettings, QuestionFileError } from './types.ts';
import type { ComputedSpec, ParamSpec, QuestionSpec, Scalar } from './spec.ts';
import { templateProblem } from './values.ts';
import {
  Fields, identifierAt, listAt, numberAt, objectAt, stringAt,
} from './yaml-fields.ts';
import {
  choicesCountMax, computedCountMax, paramsCountMax, partsCountMax, questionFileBytesMax,
  rangeValuesCountMax,
} from './bounds.ts';
import { readPart } from './file-parts.ts';

const topFields = ['id', 'title', 'topics', 'params', 'computed', 'parts'] as const;
/** Names the expression language reserves; a parameter may not hide them. */
const reservedNames = new Set(['e', 'pi', 'i', 'inf', 'Infinity', 'NaN']);

export interface ParsedFile { id?: string; title: string; topics: string[]; spec: QuestionSpec; fields: Fields }

export function parseQuestionFile(text: string, file: string): ParsedFile {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > questionFileBytesMax) {
    throw new QuestionFileError(file, 0, 'file', `is ${bytes} bytes; split it, at most ${questionFileBytesMax} are allowed`);
  }
  const { yaml, body, bodyLine } = splitFrontMatter(text, file);
  const f = Fields.parse(yaml, file, 2);
  const top = objectAt(f, f.data ?? {}, '', topFields);
  const id = top.id === undefined ? undefined : questionIdAt(f, stringAt(f, top.id, 'id'));
  const title = stringAt(f, top.title, 'title');
  const topics = listAt(f, top.topics ?? [], 'topics', choicesCountMax).map((t, i) => stringAt(f, t, `topics[${i}]`));
  const params = readParams(f, top.params);
  const computed = readComputed(f, top.computed, params);
  const names = [...numericNames(params), ...computed.map((c) => c.name)];
  const parts = listAt(f, top.parts, 'parts', partsCountMax).map((p, i) => readPart(f, p, `parts[${i}]`, names));
  if (parts.length === 0) f.fail('parts', 'needs at least one part (an answer blank)');
  checkUnique(f, parts.map((p) => p.id), 'parts', 'part id');
  if (!parts.some((p) => p.weight > 0)) f.fail('parts', 'the part weights must add up to more than 0');
  const spec: QuestionSpec = { file, params, computed, parts, body, bodyLine };
  checkTemplates(f, spec, names);
  return { id, title, topics, spec, fields: f };
}

/** Every {{...}} must read now, so a typo is reported with its line rather than per seed. */
function checkTemplates(f: Fields, spec: QuestionSpec, names: readonly string[]): void {
  const numeric = new Set(names);
  const others = new Set(spec.params.flatMap((p) =>
    p.kind === 'shuffle' ? [p.name, ...p.values.map((_, i) => `${p.name}_${i + 1}`)] : [p.name]).filter((n) => !numeric.has(n)));
  const check = (text: string, path: string, line?: number): void => {
    const problem = templateProblem(text, names, others);
    if (problem && line !== undefined) throw new QuestionFileError(f.file, line, path, problem);
    if (problem) f.fail(path, problem);
  };
  spec.body.split('\n').forEach((text, i) => check(text, 'text', spec.bodyLine + i));
  spec.parts.forEach((p, i) => {
    const path = `parts[${i}]`;
    check(p.label, `${path}.label`);
    p.hints.forEach((h, j) => check(h.text, `${path}.hints[${j}].text`));
    p.feedback.forEach((fb, j) => check(fb.text, `${path}.feedback[${j}].text`));
    if (p.type === 'choice') p.options.forEach((o, j) => check(o.text, `${path}.options[${j}].text`));
    if (p.type === 'formula' || (p.type === 'text' && p.match !== 'pattern')) {
      check(p.answer, `${path}.answer`);
      p.feedback.forEach((fb, j) => check(fb.answer, `${path}.feedback[${j}].answer`));
    }
  });
}

/** Question ids may also have `-` (they default to file names): `free-fall-2`. */
export const questionIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function questionIdAt(f: Fields, id: string): string {
  if (!questionIdPattern.test(id)) f.fail('id', `\`${id.slice(0, 80)}\` is not a valid question id; use letters, digits, - and _ (64 at most) in \`id:\` or the file name`);
  return id;
}

function splitFrontMatter(text: string, file: string): { yaml: string; body: string; bodyLine: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    throw new QuestionFileError(file, 1, 'front matter', 'the file must start with a `---` line, then YAML, then `---`');
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) {
    throw new QuestionFileError(file, lines.length, 'front matter', 'no closing `---` line; end the YAML with `---`');
  }
  return { yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

function checkUnique(f: Fields, names: string[], path: string, what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) f.fail(path, `${what} \`${name}\` is used twice; names must be unique`);
    seen.add(name);
  }
}

function readParams(f: Fields, value: unknown): ParamSpec[] {
  if (value === undefined) return [];
  const obj = objectAt(f, value, 'params', Object.keys(value as object ?? {}));
  const names = Object.keys(obj);
  if (names.length > paramsCountMax) f.fail('params', `has ${names.length} parameters; at most ${paramsCountMax} are allowed`);
  const params = names.map((name) => readParam(f, name, obj[name]));
  for (const p of params) {
    if (p.kind !== 'choice' || p.with === undefined) continue;
    const leader = params.find((q) => q.name === p.with);
    if (!leader || leader.kind !== 'choice' || leader.with !== undefined || leader.values.length !== p.values.length) {
      f.fail(`params.${p.name}.with`, 'must name another `choice` parameter (without `with`) that has as many values');
    }
  }
  return params;
}

function readParam(f: Fields, name: string, value: unknown): ParamSpec {
  const path = `params.${name}`;
  identifierAt(f, name, path);
  if (reservedNames.has(name)) f.fail(path, `\`${name}\` is a constant of the expression language; pick another name`);
  const obj = objectAt(f, value, path, ['range', 'step', 'choice', 'with', 'shuffle']);
  if (obj.range !== undefined) {
    const range = listAt(f, obj.range, `${path}.range`, 2).map((v, i) => numberAt(f, v, `${path}.range[${i}]`));
    const [min, max] = range;
    if (range.length !== 2 || min === undefined || max === undefined || min > max) f.fail(`${path}.range`, 'must be [min, max] with min ≤ max');
    const step = numberAt(f, obj.step, `${path}.step`, 1);
    if (step <= 0 || (max - min) / step + 1 > rangeValuesCountMax) {
      f.fail(`${path}.step`, `must be > 0 and give at most ${rangeValuesCountMax} values`);
    }
    return { name, kind: 'range', min, max, step };
  }
  const kind = obj.choice !== undefined ? 'choice' : obj.shuffle !== undefined ? 'shuffle' : undefined;
  if (!kind) f.fail(path, 'needs one of `range: [min, max]`, `choice: [...]` or `shuffle: [...]`');
  const values = listAt(f, obj[kind], `${path}.${kind}`, choicesCountMax).map((v, i) => scalarAt(f, v, `${path}.${kind}[${i}]`));
  if (values.length === 0) f.fail(`${path}.${kind}`, 'needs at least one value');
  if (kind === 'shuffle') return { name, kind, values };
  const leader = obj.with === undefined ? undefined : identifierAt(f, obj.with, `${path}.with`);
  return { name, kind, values, ...(leader ? { with: leader } : {}) };
}

function scalarAt(f: Fields, value: unknown, path: string): Scalar {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return stringAt(f, value, path);
}

/** Names whose value is a number and may appear in expressions. */
function numericNames(params: ParamSpec[]): string[] {
  return params.flatMap((p) => {
    if (p.kind === 'range') return [p.name];
    if (p.kind === 'choice') return p.values.every((v) => typeof v === 'number') ? [p.name] : [];
    return p.values.every((v) => typeof v === 'number') ? p.values.map((_, i) => `${p.name}_${i + 1}`) : [];
  });
}

function readComputed(f: Fields, value: unknown, params: ParamSpec[]): ComputedSpec[] {
  if (value === undefined) return [];
  const obj = objectAt(f, value, 'computed', Object.keys(value as object ?? {}));
  const names = Object.keys(obj);
  if (names.length > computedCountMax) f.fail('computed', `has ${names.length} values; at most ${computedCountMax} are allowed`);
  const known = numericNames(params);
  const taken = new Set(params.map((p) => p.name));
  return names.map((name) => {
    const path = `computed.${name}`;
    identifierAt(f, name, path);
    if (taken.has(name) || reservedNames.has(name)) f.fail(path, `\`${name}\` is already taken; pick another name`);
    const text = stringAt(f, obj[name], path);
    const read = readExpression(text, { settings: defaultReadingSettings, variables: known, mode: 'author' });
    if (!read.ok) f.fail(path, `${read.message} (only parameters and earlier computed values can be used)`);
    known.push(name);
    taken.add(name);
    return { name, text, expr: read.expr };
  });
}

