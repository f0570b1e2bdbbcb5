// The allow-list of functions. Nothing outside this table can ever be called by an expression.

/** Who may use a function: every reader, or only question authors (computed values, correct answers). */
export type FunctionScope = 'student' | 'author';

export interface FunctionSpec {
  /** Canonical name, used in the tree, in `read` and when evaluating. */
  name: string;
  scope: FunctionScope;
  argsMin: number;
  argsMax: number;
  apply: (args: number[]) => number;
  /** TeX of the function name, applied to `\left(…\right)`. */
  tex: string;
  /** Name of the inverse, so `sin^-1(x)` reads as `asin(x)` (WeBWorK's rule). */
  inverse?: string;
}

/** Mathematical modulo: the result has the sign of the divisor (mod(-1, 3) = 2). */
function mod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

/** round(x) or round(x, digits): half away from zero, digits a whole number from 0 to roundDigitsMax. */
export const roundDigitsMax = 15;
function round(args: number[]): number {
  const digits = args.length > 1 ? args[1] : 0;
  if (!Number.isInteger(digits) || digits < 0 || digits > roundDigitsMax) return NaN;
  const scale = 10 ** digits;
  return (Math.sign(args[0]) * Math.round(Math.abs(args[0]) * scale)) / scale;
}

function unary(name: string, f: (x: number) => number, tex: string, inverse?: string): FunctionSpec {
  return { name, scope: 'student', argsMin: 1, argsMax: 1, apply: (a) => f(a[0]), tex, inverse };
}

function authorOnly(name: string, argsMin: number, argsMax: number, apply: (a: number[]) => number): FunctionSpec {
  return { name, scope: 'author', argsMin, argsMax, apply, tex: `\\operatorname{${name}}` };
}

const specs: FunctionSpec[] = [
  unary('sin', Math.sin, '\\sin', 'asin'),
  unary('cos', Math.cos, '\\cos', 'acos'),
  unary('tan', Math.tan, '\\tan', 'atan'),
  unary('sec', (x) => 1 / Math.cos(x), '\\sec', 'asec'),
  unary('csc', (x) => 1 / Math.sin(x), '\\csc', 'acsc'),
  unary('cot', (x) => 1 / Math.tan(x), '\\cot', 'acot'),
  unary('asin', Math.asin, '\\sin^{-1}'),
  unary('acos', Math.acos, '\\cos^{-1}'),
  unary('atan', Math.atan, '\\tan^{-1}'),
  unary('asec', (x) => Math.acos(1 / x), '\\sec^{-1}'),
  unary('acsc', (x) => Math.asin(1 / x), '\\csc^{-1}'),
  unary('acot', (x) => Math.PI / 2 - Math.atan(x), '\\cot^{-1}'),
  unary('sinh', Math.sinh, '\\sinh', 'asinh'),
  unary('cosh', Math.cosh, '\\cosh', 'acosh'),
  unary('tanh', Math.tanh, '\\tanh', 'atanh'),
  unary('asinh', Math.asinh, '\\sinh^{-1}'),
  unary('acosh', Math.acosh, '\\cosh^{-1}'),
  unary('atanh', Math.atanh, '\\tanh^{-1}'),
  unary('exp', Math.exp, '\\exp'),
  unary('ln', Math.log, '\\ln'),
  unary('log10', Math.log10, '\\log_{10}'),
  unary('sqrt', Math.sqrt, '\\sqrt'),
  unary('abs', Math.abs, '\\operatorname{abs}'),
  authorOnly('sign', 1, 1, (a) => Math.sign(a[0])),
  authorOnly('floor', 1, 1, (a) => Math.floor(a[0])),
  authorOnly('ceil', 1, 1, (a) => Math.ceil(a[0])),
  authorOnly('round', 1, 2, round),
  authorOnly('min', 1, 16, (a) => Math.min(...a)),
  authorOnly('max', 1, 16, (a) => Math.max(...a)),
  authorOnly('mod', 2, 2, (a) => mod(a[0], a[1])),
  authorOnly('atan2', 2, 2, (a) => Math.atan2(a[0], a[1])),
];

const byName = new Map<string, FunctionSpec>(specs.map((s) => [s.name, s]));

/** Other spellings accepted for a function (WeBWorK's `arcsin`, …). `log` is resolved by the course setting. */
const aliases = new Map<string, string>([
  ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'],
  ['arcsec', 'asec'], ['arccsc', 'acsc'], ['arccot', 'acot'],
  ['arcsinh', 'asinh'], ['arccosh', 'acosh'], ['arctanh', 'atanh'],
  ['sgn', 'sign'],
]);

/** The function a name stands for in the given mode, or undefined. */
export function lookupFunction(name: string, mode: FunctionScope, logBase: 10 | 'e'): FunctionSpec | undefined {
  const canonical = name === 'log' ? (logBase === 10 ? 'log10' : 'ln') : (aliases.get(name) ?? name);
  const spec = byName.get(canonical);
  if (spec === undefined || (spec.scope === 'author' && mode === 'student')) return undefined;
  return spec;
}

/** The function with this canonical name (as stored in a tree), any scope. */
export function functionByName(name: string): FunctionSpec | undefined {
  return byName.get(name);
}

/** Every spelling a reader in this mode may use, for messages. */
export function functionNames(mode: FunctionScope): string[] {
  const names = specs.filter((s) => mode === 'author' || s.scope === 'student').map((s) => s.name);
  return [...names, 'log', ...[...aliases.keys()].filter((a) => lookupFunction(a, mode, 10) !== undefined)];
}
