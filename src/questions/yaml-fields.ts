// Typed reading of YAML front matter with the line of every field, for QuestionFileError.
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import { QuestionFileError } from './types.ts';
import { yamlAliasCountMax } from './bounds.ts';

/** A YAML document as plain data, plus where each field sits in the file. */
export class Fields {
  private constructor(
    readonly file: string,
    readonly data: unknown,
    private readonly lines: Map<string, number>,
  ) {}

  /** Parses YAML text that starts at `firstLine` of `file` (1-based). */
  static parse(yamlText: string, file: string, firstLine: number): Fields {
    const counter = new LineCounter();
    const doc = parseDocument(yamlText, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
    const lineAt = (offset: number): number => counter.linePos(offset).line + firstLine - 1;
    const error = doc.errors[0];
    if (error) {
      throw new QuestionFileError(file, lineAt(error.pos[0]), 'front matter',
        `${error.message.split('\n')[0]}; fix the YAML syntax`);
    }
    const lines = new Map<string, number>();
    recordLines(doc.contents as Node | null, '', lines, lineAt);
    return new Fields(file, plainData(doc, file), lines);
  }

  /** Line of the field at `path`, else of its nearest parent, else 0. */
  line(path: string): number {
    for (let p = path; p !== ''; p = parentPath(p)) {
      const line = this.lines.get(p);
      if (line !== undefined) return line;
    }
    return this.lines.get('') ?? 0;
  }

  fail(path: string, detail: string): never {
    throw new QuestionFileError(this.file, this.line(path), path || 'front matter', detail);
  }
}

function plainData(doc: ReturnType<typeof parseDocument>, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: yamlAliasCountMax });
  } catch (e) {
    // Aliases are the only YAML feature that fails here (unset anchor, too many expansions).
    throw new QuestionFileError(file, 0, 'front matter', `${(e as Error).message}; write the value out instead of using * aliases`);
  }
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

function recordLines(node: Node | null, path: string, lines: Map<string, number>,
  lineAt: (offset: number) => number): void {
  if (!node) return;
  if (node.range && !lines.has(path)) lines.set(path, lineAt(node.range[0]));
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const child = path === '' ? key : `${path}.${key}`;
      if (pair.key.range) lines.set(child, lineAt(pair.key.range[0]));
      recordLines(pair.value as Node | null, child, lines, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => recordLines(item as Node | null, `${path}[${i}]`, lines, lineAt));
  }
}

/** A plain object (YAML mapping), or a failure naming what was expected. */
export function objectAt(f: Fields, value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    f.fail(path, 'must be a mapping of `key: value` lines');
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      f.fail(`${path ? path + '.' : ''}${key}`, `unknown field; allowed here: ${allowed.join(', ')}`);
    }
  }
  return obj;
}

export function listAt(f: Fields, value: unknown, path: string, countMax: number): unknown[] {
  if (!Array.isArray(value)) f.fail(path, 'must be a list (`- item` lines or `[a, b]`)');
  if (value.length > countMax) f.fail(path, `has ${value.length} items; at most ${countMax} are allowed`);
  return value;
}

export function stringAt(f: Fields, value: unknown, path: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value.trim() === '') f.fail(path, 'must be a non-empty text');
  return value;
}

export function numberAt(f: Fields, value: unknown, path: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) f.fail(path, 'must be a finite number');
  return value;
}

export function booleanAt(f: Fields, value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') f.fail(path, 'must be true or false');
  return value;
}

/** Names of params, computed values, parts and options: short identifiers. */
export const identifierPattern = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

export function identifierAt(f: Fields, value: unknown, path: string): string {
  const text = stringAt(f, value, path);
  if (!identifierPattern.test(text)) {
    f.fail(path, `\`${text}\` is not a valid name; use a letter then letters, digits or _ (32 at most)`);
  }
  return text;
}
