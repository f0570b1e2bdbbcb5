// One `parts:` entry of a question file → PartSpec, with the type's own options checked.
import { readExpression } from './expr/index.ts';
import { defaultReadingSettings } from './types.ts';
import {
  choiceCredits, textMatchModes, type ChoiceCredit, type FeedbackSpec, type HintSpec, type PartBase,
  type PartSpec, type SigfigRange, type TextMatch,
} from './spec.ts';
import {
  Fields, booleanAt, identifierAt, listAt, numberAt, objectAt, stringAt,
} from './yaml-fields.ts';
import { choicesCountMax, hintsCountMax } from './bounds.ts';
import { patternProblem } from './checkers/text.ts';
import { unitProblem } from './units/index.ts';

const baseFields = ['id', 'type', 'label', 'weight', 'answer', 'hints', 'feedback'];
const typeFields: Record<PartSpec['type'], string[]> = {
  number: ['absTol', 'relTol', 'sigfigs', 'sigfigsCredit'],
  quantity: ['absTol', 'relTol', 'sigfigs', 'sigfigsCredit', 'unit', 'unitsMissingCredit', 'difference'],
  formula: ['variables', 'domains', 'relTol', 'absTol'],
  choice: ['options', 'multiple', 'shuffle', 'credit'],
  text: ['match', 'pattern', 'ignoreCase'],
};
/** Default relative tolerance of number and quantity parts (1%, as PrairieLearn). */
export const relTolDefault = 0.01;

export function readPart(f: Fields, value: unknown, path: string, names: readonly string[]): PartSpec {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(type in typeFields)) {
    f.fail(`${path}.type`, `must be one of ${Object.keys(typeFields).join(', ')}`);
  }
  const t = type as PartSpec['type'];
  const obj = objectAt(f, value, path, [...baseFields, ...typeFields[t]]);
  const id = identifierAt(f, obj.id, `${path}.id`);
  const weight = numberAt(f, obj.weight, `${path}.weight`, 1);
  if (weight < 0) f.fail(`${path}.weight`, 'must be 0 or more');
  const base: PartBase = {
    id, weight,
    label: stringAt(f, obj.label, `${path}.label`, `Part ${id}`),
    answer: answerText(f, obj.answer, `${path}.answer`),
    hints: readHints(f, obj.hints, `${path}.hints`),
    feedback: readFeedback(f, obj.feedback, `${path}.feedback`),
  };
  const part = typedPart(f, t, obj, path, base);
  checkAnswers(f, part, path, names);
  return part;
}

function answerText(f: Fields, value: unknown, path: string): string {
  if (Array.isArray(value)) return value.map((v, i) => stringAt(f, v, `${path}[${i}]`)).join(', ');
  return stringAt(f, value, path);
}

function typedPart(f: Fields, t: PartSpec['type'], obj: Record<string, unknown>, path: string, base: PartBase): PartSpec {
  const tolerances = {
    absTol: nonNegative(f, obj.absTol, `${path}.absTol`, 0),
    relTol: nonNegative(f, obj.relTol, `${path}.relTol`, relTolDefault),
  };
  switch (t) {
    case 'number':
    case 'quantity': {
      const sigfigs = readSigfigs(f, obj.sigfigs, `${path}.sigfigs`);
      const numeric = { ...base, ...tolerances, ...(sigfigs ? { sigfigs } : {}),
        sigfigsCredit: credit(f, obj.sigfigsCredit, `${path}.sigfigsCredit`) };
      if (t === 'number') return { ...numeric, type: t };
      const unit = stringAt(f, obj.unit, `${path}.unit`);
      const problem = unitProblem(unit);
      if (problem) f.fail(`${path}.unit`, problem);
      return { ...numeric, type: t, unit, unitsMissingCredit: credit(f, obj.unitsMissingCredit, `${path}.unitsMissingCredit`),
        difference: booleanAt(f, obj.difference, `${path}.difference`, false) };
    }
    case 'formula': return readFormula(f, obj, path, base);
    case 'choice': return readChoice(f, obj, path, base);
    case 'text': return readText(f, obj, path, base);
  }
}

function nonNegative(f: Fields, value: unknown, path: string, fallback: number): number {
  const n = numberAt(f, value, path, fallback);
  if (n < 0) f.fail(path, 'must be 0 or more');
  return n;
}

function credit(f: Fields, value: unknown, path: string): number {
  const n = numberAt(f, value, path, 0);
  if (n < 0 || n > 1) f.fail(path, 'must be a fraction of full credit, from 0 to 1');
  return n;
}

function readSigfigs(f: Fields, value: unknown, path: string): SigfigRange | undefined {
  if (value === undefined) return undefined;
  const [min, max] = Array.isArray(value) ? value : [value, value];
  const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 15;
  if (!ok(min) || !ok(max) || min > max || (Array.isArray(value) && value.length !== 2)) {
    f.fail(path, 'must be a count from 1 to 15 (`sigfigs: 3`) or a range (`sigfigs: [2, 4]`)');
  }
  return { min, max };
}

function readHints(f: Fields, value: unknown, path: string): HintSpec[] {
  return listAt(f, value ?? [], path, hintsCountMax).map((h, i) => {
    const obj = objectAt(f, h, `${path}[${i}]`, ['after', 'text']);
    const after = numberAt(f, obj.after, `${path}[${i}].after`, 0);
    if (!Number.isInteger(after) || after < 0) f.fail(`${path}[${i}].after`, 'must be a whole number of tries (0 or more)');
    return { after, text: stringAt(f, obj.text, `${path}[${i}].text`) };
  });
}

function readFeedback(f: Fields, value: unknown, path: string): FeedbackSpec[] {
  return listAt(f, value ?? [], path, hintsCountMax).map((h, i) => {
    const obj = objectAt(f, h, `${path}[${i}]`, ['answer', 'text']);
    return { answer: answerText(f, obj.answer, `${path}[${i}].answer`), text: stringAt(f, obj.text, `${path}[${i}].text`) };
  });
}

function readFormula(f: Fields, obj: Record<string, unknown>, path: string, base: PartBase): PartSpec {
  const variables = listAt(f, obj.variables ?? ['x'], `${path}.variables`, choicesCountMax)
    .map((v, i) => identifierAt(f, v, `${path}.variables[${i}]`));
  const domainsObj = objectAt(f, obj.domains ?? {}, `${path}.domains`, variables);
  const domains = Object.fromEntries(Object.entries(domainsObj).map(([name, d]) => {
    const p = `${path}.domains.${name}`;
    const range = listAt(f, d, p, 2).map((v, i) => numberAt(f, v, `${p}[${i}]`));
    if (range.length !== 2 || !(range[0]! < range[1]!)) f.fail(p, 'must be [low, high] with low < high');
    return [name, [range[0]!, range[1]!] as const];
  }));
  const tol = (key: 'relTol' | 'absTol') => obj[key] === undefined ? {} : { [key]: nonNegative(f, obj[key], `${path}.${key}`, 0) };
  return { ...base, type: 'formula', variables, domains, ...tol('relTol'), ...tol('absTol') };
}

function readChoice(f: Fields, obj: Record<string, unknown>, path: string, base: PartBase): PartSpec {
  const options = listAt(f, obj.options, `${path}.options`, choicesCountMax).map((o, i) => {
    const op = objectAt(f, o, `${path}.options[${i}]`, ['id', 'text']);
    return { id: identifierAt(f, op.id, `${path}.options[${i}].id`), text: stringAt(f, op.text, `${path}.options[${i}].text`) };
  });
  if (options.length < 2) f.fail(`${path}.options`, 'needs at least two options');
  if (new Set(options.map((o) => o.id)).size !== options.length) f.fail(`${path}.options`, 'option ids must be unique');
  const creditMode = stringAt(f, obj.credit, `${path}.credit`, 'each-correct-minus-wrong');
  if (!choiceCredits.includes(creditMode as ChoiceCredit)) f.fail(`${path}.credit`, `must be one of ${choiceCredits.join(', ')}`);
  return {
    ...base, type: 'choice', options,
    multiple: booleanAt(f, obj.multiple, `${path}.multiple`, false),
    shuffle: booleanAt(f, obj.shuffle, `${path}.shuffle`, true),
    credit: creditMode as ChoiceCredit,
  };
}

function readText(f: Fields, obj: Record<string, unknown>, path: string, base: PartBase): PartSpec {
  const match = stringAt(f, obj.match, `${path}.match`, 'case-insensitive');
  if (!textMatchModes.includes(match as TextMatch)) f.fail(`${path}.match`, `must be one of ${textMatchModes.join(', ')}`);
  const pattern = obj.pattern === undefined ? undefined : stringAt(f, obj.pattern, `${path}.pattern`);
  if ((match === 'pattern') !== (pattern !== undefined)) f.fail(`${path}.pattern`, 'give `pattern:` exactly when `match: pattern`');
  for (const [p, text] of [[`${path}.pattern`, pattern], ...base.feedback.map((fb, i) => [`${path}.feedback[${i}].answer`, fb.answer])]) {
    const problem = match === 'pattern' && text !== undefined ? patternProblem(text) : undefined;
    if (problem) f.fail(p!, problem);
  }
  return { ...base, type: 'text', match: match as TextMatch, ...(pattern ? { pattern } : {}),
    ignoreCase: booleanAt(f, obj.ignoreCase, `${path}.ignoreCase`, false) };
}

/** Author expressions must read; choice answers must name options. Templates are checked per seed. */
function checkAnswers(f: Fields, part: PartSpec, path: string, names: readonly string[]): void {
  const entries: [string, string][] = [[`${path}.answer`, part.answer],
    ...part.feedback.map((fb, i): [string, string] => [`${path}.feedback[${i}].answer`, fb.answer])];
  for (const [p, text] of entries) {
    if (part.type === 'number' || part.type === 'quantity') {
      const read = readExpression(text, { settings: defaultReadingSettings, variables: names, mode: 'author' });
      if (!read.ok) f.fail(p, `${read.message} (an answer is an expression over parameters and computed values)`);
    } else if (part.type === 'choice') {
      const ids = text.split(/[\s,]+/).filter(Boolean);
      const unknown = ids.find((id) => !part.options.some((o) => o.id === id));
      if (unknown !== undefined || ids.length === 0) f.fail(p, `must name option ids among ${part.options.map((o) => o.id).join(', ')}`);
      if (!part.multiple && ids.length !== 1) f.fail(p, 'names several options; add `multiple: true` or keep one');
    }
  }
}
