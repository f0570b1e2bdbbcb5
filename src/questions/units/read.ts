// Unit text → a unit: symbols with SI prefixes (`km`, `µs`), names in any case and number
// (`newtons`, `Joule`, `kilometres per hour`), products by space, `*`, `·`, `.` or `-`, quotients
// by `/` or `per`, powers by `^n`, `squared`, `cubed`, `square`, `cubic`, and glued symbols that
// split one way only (`kgm/s^2`). Anything else is refused with a message saying what to write.
import { unitExponentMax, unitLengthMax, unitNestingMax } from '../bounds.ts';
import { baseDimensions, prefixes, units, type Dimension, type UnitDef } from './table.ts';

/** A unit read from text: value_SI = (value + offset) · factor. */
export interface Unit {
  factor: number;
  dim: Dimension;
  /** Non-zero only for a lone temperature scale (°C, °F) to the first power. */
  offset: number;
  /** The unit as we show it back: `kg m/s^2`. */
  text: string;
}

export type UnitRead = { ok: true; unit: Unit } | { ok: false; message: string };

class UnitError extends Error {}

interface Simple { factor: number; def: UnitDef; symbol: string }

const bySymbol = new Map<string, UnitDef>();
const byName = new Map<string, UnitDef>();
for (const def of units) {
  for (const s of def.symbols) bySymbol.set(s, def);
  for (const n of [...def.names, ...def.names.map((x) => `${x}s`), ...(def.plurals ?? [])]) byName.set(nameKey(n), def);
}
const prefixSymbols = prefixes.flatMap((p) => p.symbols.map((symbol) => ({ symbol, factor: p.factor })))
  .sort((a, b) => b.symbol.length - a.symbol.length);
const prefixNames = prefixes.map((p) => ({ name: p.name, factor: p.factor, symbol: p.symbols[0] ?? 'da' }));
/** Most words in one unit name ("millimetres of mercury"). */
const nameWordsMax = Math.max(...[...byName.keys()].map((k) => k.split(' ').length));
const symbolLengthMax = Math.max(...[...bySymbol.keys()].map((s) => s.length)) + 2;
const reservedWords = new Set(['per', 'squared', 'cubed', 'square', 'cubic', 'sq']);

function nameKey(name: string): string {
  return name.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
}

type Gap = 'none' | 'space' | 'hyphen';
type Token =
  | { kind: 'word'; text: string; gap: Gap }
  | { kind: 'num'; text: string }
  | { kind: 'op'; text: '*' | '/' | '^' | '(' | ')' };

const wordPattern = /[\p{L}°℃℉′″%]+/uy;
const operatorOf: Readonly<Record<string, '*' | '/' | '^' | '(' | ')'>> = {
  '*': '*', '·': '*', '⋅': '*', '×': '*', '.': '*', '/': '/', '^': '^', '(': '(', '[': '(', '{': '(', ')': ')', ']': ')', '}': ')',
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let gap: Gap = 'none';
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    wordPattern.lastIndex = i;
    const word = wordPattern.exec(text)?.[0];
    if (/\s/.test(ch)) {
      if (gap === 'none') gap = 'space';
      i++;
      continue;
    }
    if (ch === '-' && tokens.at(-1)?.kind === 'word' && gap === 'none' && /[\p{L}°%]/u.test(text[i + 1] ?? '')) {
      gap = 'hyphen'; // N-m, light-year: a hyphen between words joins a name or multiplies
      i++;
      continue;
    }
    if (word !== undefined) {
      const digits = /^\d+/.exec(text.slice(i + word.length))?.[0];
      if (digits !== undefined) throw new UnitError(`write powers of units with ^, as in \`${word}^${digits}\``);
      tokens.push({ kind: 'word', text: word, gap });
      i += word.length;
    } else if (/\d/.test(ch)) {
      const num = /^\d+/.exec(text.slice(i))![0];
      tokens.push({ kind: 'num', text: num });
      i += num.length;
    } else if (ch === '-' || ch === '+' || ch === '−') {
      tokens.push({ kind: 'num', text: ch === '+' ? '+' : '-' });
      i++;
    } else if (operatorOf[ch] !== undefined) {
      tokens.push({ kind: 'op', text: operatorOf[ch]! });
      i++;
    } else {
      throw new UnitError(`the character \`${ch}\` cannot be part of a unit: write units like m/s^2, kg, N, kJ, ohm`);
    }
    gap = 'none';
  }
  return tokens;
}

/** A unit symbol with an optional SI prefix: `km`, `µs`, `MeV`, `dam`. */
function prefixedSymbol(text: string): Simple | undefined {
  const exact = bySymbol.get(text);
  if (exact !== undefined) return { factor: exact.factor, def: exact, symbol: text };
  for (const p of prefixSymbols) {
    if (!text.startsWith(p.symbol)) continue;
    const def = bySymbol.get(text.slice(p.symbol.length));
    if (def?.prefixable) return { factor: p.factor * def.factor, def, symbol: text };
  }
  return undefined;
}

/** A unit name with an optional prefix name, any case: `Newtons`, `kilometres`, also `micromol`, `kiloohm`. */
function prefixedName(key: string): Simple | undefined {
  const exact = byName.get(key);
  if (exact !== undefined) return { factor: exact.factor, def: exact, symbol: exact.symbols[0] ?? key };
  for (const p of prefixNames) {
    if (!key.startsWith(p.name)) continue;
    const rest = key.slice(p.name.length);
    // A prefix name is a whole word, so it cannot be misread: `kilofeet` is as plain as `kilometres`.
    const def = byName.get(rest) ?? (rest.length >= 3 ? bySymbol.get(rest) : undefined);
    if (def !== undefined) return { factor: p.factor * def.factor, def, symbol: def.symbols[0] === undefined ? key : `${p.symbol}${def.symbols[0]}` };
  }
  return undefined;
}

/** An unprefixed symbol: the pieces after the first of glued symbols. */
function plainSymbol(text: string): Simple | undefined {
  const def = bySymbol.get(text);
  return def === undefined ? undefined : { factor: def.factor, def, symbol: text };
}

/**
 * Glued symbols (`kgm`, `kWh`, `mAh`, `Nm`): only the first piece may carry a prefix (so `cups`
 * is never centi-dalton picoseconds); the split into fewest pieces, if only one has that few.
 */
function splitSymbols(text: string): Simple[] | undefined {
  const n = text.length;
  // best[k]: fewest pieces for text.slice(k); ways[k]: how many splits reach that count (capped at 2).
  const best = new Array<number>(n + 1).fill(Infinity);
  const ways = new Array<number>(n + 1).fill(0);
  const next = new Array<number>(n + 1).fill(0);
  best[n] = 0; ways[n] = 1;
  for (let k = n - 1; k >= 0; k--) {
    for (let end = k + 1; end <= Math.min(n, k + symbolLengthMax); end++) {
      if (best[end] === Infinity || (k === 0 ? prefixedSymbol : plainSymbol)(text.slice(k, end)) === undefined) continue;
      const count = best[end]! + 1;
      if (count < best[k]!) { best[k] = count; ways[k] = ways[end]!; next[k] = end; }
      else if (count === best[k]) ways[k] = Math.min(2, ways[k]! + ways[end]!);
    }
  }
  if (best[0] === Infinity) return undefined;
  if (ways[0]! > 1) throw new UnitError(`\`${text}\` can be read as different units: put a space between the units, as in \`kg m\``);
  const pieces: Simple[] = [];
  for (let k = 0; k < n; k = next[k]!) pieces.push((k === 0 ? prefixedSymbol : plainSymbol)(text.slice(k, next[k]!))!);
  return pieces;
}

/** Every symbol and prefixed symbol, by its lower case: what a student who mistyped the case meant. */
const byLowerCase = new Map<string, string[]>();
for (const symbol of [...bySymbol.keys(), ...prefixSymbols.flatMap((p) => units.filter((u) => u.prefixable).flatMap((u) => u.symbols.map((s) => p.symbol + s)))]) {
  const list = byLowerCase.get(symbol.toLowerCase()) ?? [];
  if (!list.includes(symbol)) list.push(symbol);
  byLowerCase.set(symbol.toLowerCase(), list);
}

/** `KG`, `Kj`: symbols are case-sensitive (mm and Mm differ), so the case is never guessed, only suggested. */
function wrongCase(word: string): UnitError | undefined {
  const meant = byLowerCase.get(word.toLowerCase());
  if (meant === undefined) return undefined;
  const list = meant.slice(0, 3).map((s) => `\`${s}\``).join(' or ');
  return new UnitError(`\`${word}\` is not a unit: unit symbols are case-sensitive; did you mean ${list}?`);
}

function unknownWord(word: string): UnitError {
  return new UnitError(`\`${word}\` is not a unit we know; write units like m/s^2, kg, N, kJ, ohm`);
}

/** A product of units: its factor and dimension, and each unit with its power (to show it and find offsets). */
interface Term { factor: number; dim: number[]; parts: [Simple, number][] }

function emptyTerm(): Term {
  return { factor: 1, dim: baseDimensions.map(() => 0), parts: [] };
}

function combine(into: Term, t: Term, power: number): void {
  into.factor *= t.factor ** power;
  t.dim.forEach((e, i) => { into.dim[i] = into.dim[i]! + e * power; });
  for (const [u, p] of t.parts) into.parts.push([u, p * power]);
}

function simpleTerm(s: Simple): Term {
  return { factor: s.factor, dim: [...s.def.dim], parts: [[s, 1]] };
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[], private readonly text: string) {}

  parse(): Term {
    const t = this.product(0);
    if (this.i < this.tokens.length) {
      const tok = this.tokens[this.i]!;
      throw new UnitError(tok.kind === 'op' && tok.text === ')' ? 'a `)` has no matching `(`: remove it' : `\`${this.text}\` is not a unit we can read; write units like m/s^2, kg m/s, J/(kg K)`);
    }
    return t;
  }

  /** Factors multiplied, divided (`/` takes the next factor; `per` takes everything up to the next `per`). */
  private product(depth: number): Term {
    if (depth > unitNestingMax) throw new UnitError(`the unit has more than ${unitNestingMax} nested brackets: simplify it`);
    const out = emptyTerm();
    let count = 0;
    /** A factor came after `/`: a later one glued on by space or `*` would be a guess (`J/kg K`). */
    let divided = false;
    let perSeen = false;
    let per = emptyTerm();
    for (;;) {
      const tok = this.tokens[this.i];
      if (tok === undefined || (tok.kind === 'op' && tok.text === ')')) break;
      if (tok.kind === 'word' && tok.text.toLowerCase() === 'per') {
        if (count === 0 && !perSeen) throw new UnitError('`per` needs a unit before it, as in `metres per second`');
        if (perSeen) combine(out, per, -1);
        per = emptyTerm(); perSeen = true; this.i++;
        continue;
      }
      let power = 1;
      let implicit = count > 0;
      if (tok.kind === 'op' && (tok.text === '*' || tok.text === '/')) {
        if (count === 0) throw new UnitError(`the unit cannot start with \`${tok.text}\`: write it like m/s`);
        if (tok.text === '/') {
          if (perSeen) throw new UnitError('write either `/` or `per`, not both');
          power = -1;
        } else if (divided) {
          throw new UnitError(this.ambiguousQuotient());
        }
        implicit = false;
        this.i++;
      } else if (implicit && divided && !perSeen) {
        throw new UnitError(this.ambiguousQuotient());
      }
      const factor = this.factor(depth);
      if (power === -1) divided = true;
      combine(perSeen ? per : out, factor.term, power * factor.power);
      count++;
    }
    if (perSeen) {
      if (per.parts.length === 0) throw new UnitError('`per` needs a unit after it, as in `metres per second`');
      combine(out, per, -1);
    }
    if (count === 0) throw new UnitError('a unit is missing: write one, such as m/s^2');
    return out;
  }

  private ambiguousQuotient(): string {
    return `\`${this.text.trim()}\` is ambiguous after \`/\`: write the denominator in brackets, as in \`J/(kg K)\`, or put the other units before the \`/\``;
  }

  /** One factor with its power: a unit (possibly several words), `1`, or a bracketed product. */
  private factor(depth: number): { term: Term; power: number } {
    const tok = this.tokens[this.i];
    let term: Term;
    let prefixPower = 1;
    if (tok?.kind === 'word' && ['square', 'sq', 'cubic'].includes(tok.text.toLowerCase())) {
      prefixPower = tok.text.toLowerCase() === 'cubic' ? 3 : 2;
      this.i++;
    }
    const at = this.tokens[this.i];
    if (at === undefined) throw new UnitError('the unit ends too early: finish it, as in m/s^2');
    if (at.kind === 'op' && at.text === '(') {
      this.i++;
      term = this.product(depth + 1);
      if (this.tokens[this.i]?.kind !== 'op' || (this.tokens[this.i] as { text: string }).text !== ')') {
        throw new UnitError('a bracket is not closed: add `)`');
      }
      this.i++;
    } else if (at.kind === 'num' && at.text === '1') {
      this.i++;
      term = emptyTerm();
    } else if (at.kind === 'word') {
      term = this.words();
    } else {
      throw new UnitError(at.kind === 'num' ? 'a number cannot be part of the unit: write the number first, then the unit, as in `9.8 m/s^2`'
        : `\`${at.text}\` needs a unit before it`);
    }
    return { term, power: prefixPower * this.power() };
  }

  /** The longest run of words that is a unit name, else one word as symbol(s). */
  private words(): Term {
    const start = this.i;
    for (let count = Math.min(nameWordsMax, this.tokens.length - start); count >= 1; count--) {
      const run = this.tokens.slice(start, start + count);
      // Words after the first may be reserved ones inside a name: "pounds per square inch".
      if (!run.every((t, k) => t.kind === 'word' && (k === 0 ? !reservedWords.has(t.text.toLowerCase()) : t.gap !== 'none'))) continue;
      const simple = prefixedName(nameKey(run.map((t) => (t as { text: string }).text).join(' ')));
      if (simple === undefined) continue;
      this.i += count;
      return simpleTerm(simple);
    }
    const word = (this.tokens[start] as { text: string }).text;
    if (reservedWords.has(word.toLowerCase())) throw new UnitError(`\`${word}\` needs a unit before it, as in \`metres per second squared\``);
    this.i++;
    const simple = prefixedSymbol(word);
    if (simple !== undefined) return simpleTerm(simple);
    const caseSlip = wrongCase(word);
    if (caseSlip !== undefined) throw caseSlip;
    const pieces = splitSymbols(word);
    if (pieces === undefined) throw unknownWord(word);
    const out = emptyTerm();
    for (const p of pieces) combine(out, simpleTerm(p), 1);
    return out;
  }

  /** `^n`, `^-n`, `^(n)`, `squared`, `cubed` after a factor. */
  private power(): number {
    const tok = this.tokens[this.i];
    if (tok?.kind === 'word' && (tok.text.toLowerCase() === 'squared' || tok.text.toLowerCase() === 'cubed')) {
      this.i++;
      return tok.text.toLowerCase() === 'squared' ? 2 : 3;
    }
    if (tok?.kind !== 'op' || tok.text !== '^') return 1;
    this.i++;
    const open = this.tokens[this.i]?.kind === 'op' && (this.tokens[this.i] as { text: string }).text === '(';
    if (open) this.i++;
    let sign = 1;
    const s = this.tokens[this.i];
    if (s?.kind === 'num' && (s.text === '-' || s.text === '+')) { sign = s.text === '-' ? -1 : 1; this.i++; }
    const n = this.tokens[this.i];
    if (n?.kind !== 'num' || !/^\d+$/.test(n.text)) throw new UnitError('after `^` write a whole number, as in `m/s^2` or `s^-1`');
    this.i++;
    if (open) {
      const close = this.tokens[this.i];
      if (close?.kind !== 'op' || close.text !== ')') throw new UnitError('a power in brackets is not closed: write it like `s^(-2)`');
      this.i++;
    }
    const power = sign * Number(n.text);
    if (Math.abs(power) > unitExponentMax) throw new UnitError(`a unit power is at most ${unitExponentMax}: check the exponent`);
    return power;
  }
}

function shown(parts: [Simple, number][]): string {
  const merged = new Map<string, number>();
  for (const [u, p] of parts) merged.set(u.symbol, (merged.get(u.symbol) ?? 0) + p);
  const list = [...merged].filter(([, p]) => p !== 0);
  const write = (s: string, p: number) => (p === 1 ? s : `${s}^${p}`);
  const up = list.filter(([, p]) => p > 0).map(([s, p]) => write(s, p));
  const down = list.filter(([, p]) => p < 0).map(([s, p]) => write(s, -p));
  const top = up.length > 0 ? up.join(' ') : '1';
  if (down.length === 0) return up.join(' ');
  return `${top}/${down.length === 1 ? down[0] : `(${down.join(' ')})`}`;
}

/** Reads unit text; never throws. */
export function readUnit(text: string): UnitRead {
  const trimmed = text.trim();
  if (trimmed.length > unitLengthMax) return { ok: false, message: `the unit is longer than ${unitLengthMax} characters; write it shorter, like m/s^2` };
  if (trimmed === '') return { ok: false, message: 'a unit is missing: write one, such as m/s^2' };
  try {
    const term = new Parser(tokenize(trimmed), trimmed).parse();
    const [only, power] = term.parts.length === 1 ? term.parts[0]! : [undefined, 0];
    const offset = power === 1 ? (only?.def.offset ?? 0) : 0;
    return { ok: true, unit: { factor: term.factor, dim: term.dim, offset, text: shown(term.parts) } };
  } catch (e) {
    if (e instanceof UnitError) return { ok: false, message: e.message };
    throw e;
  }
}
