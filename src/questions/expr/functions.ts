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
  unary('sech', (x) => 1 / Math.cosh(x), '\\operatorname{sech}', 'asech'),
  unary('csch', (x) => 1 / Math.sinh(x), '\\operatorname{csch}', 'acsch'),
  unary('coth', (x) => 1 / Math.tanh(x), '\\coth', 'acoth'),
  unary('asinh', Math.asinh, '\\sinh^{-1}'),
  unary('acosh', Math.acosh, '\\cosh^{-1}'),
  unary('atanh', Math.atanh, '\\tanh^{-1}'),
  unary('asech', (x) => Math.acosh(1 / x), '\\operatorname{sech}^{-1}'),
  unary('acsch', (x) => Math.asinh(1 / x), '\\operatorname{csch}^{-1}'),
  unary('acoth', (x) => Math.atanh(1 / x), '\\coth^{-1}'),
  unary('exp', Math.exp, '\\exp'),
  unary('ln', Math.log, '\\ln'),
  unary('log10', Math.log10, '\\log_{10}'),
  unary('log2', Math.log2, '\\log_{2}'),
  unary('sqrt', Math.sqrt, '\\sqrt'),
  unary('abs', Math.abs, '\\operatorname{abs}'),
  unary('sign', Math.sign, '\\operatorname{sign}'),
  { name: 'min', scope: 'student', argsMin: 1, argsMax: 16, apply: (a) => Math.min(...a), tex: '\\min' },
  { name: 'max', scope: 'student', argsMin: 1, argsMax: 16, apply: (a) => Math.max(...a), tex: '\\max' },
  { name: 'atan2', scope: 'student', argsMin: 2, argsMax: 2, apply: (a) => Math.atan2(a[0], a[1]), tex: '\\operatorname{atan2}' },
  // Piecewise-constant functions defeat comparison at sample points, so only authors use them.
  authorOnly('floor', 1, 1, (a) => Math.floor(a[0])),
  authorOnly('ceil', 1, 1, (a) => Math.ceil(a[0])),
  authorOnly('round', 1, 2, round),
  authorOnly('mod', 2, 2, (a) => mod(a[0], a[1])),
];

const byName = new Map<string, FunctionSpec>(specs.map((s) => [s.name, s]));

/** Other spellings accepted for a function (WeBWorK's `arcsin`, STACK's `lg`, …). `log` is resolved by the course setting. */
const aliases = new Map<string, string>([
  ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'],
  ['arcsec', 'asec'], ['arccsc', 'acsc'], ['arccot', 'acot'],
  ['arcsinh', 'asinh'], ['arccosh', 'acosh'], ['arctanh', 'atanh'],
  ['arcsech', 'asech'], ['arccsch', 'acsch'], ['arccoth', 'acoth'],
  ['cosec', 'csc'], ['arccosec', 'acsc'], ['cosech', 'csch'], ['ctg', 'cot'], ['tg', 'tan'],
  ['arctan2', 'atan2'], ['lg', 'log10'], ['sgn', 'sign'],
]);

/**
 * The function a name stands for in the given mode, or undefined. Names are read in any case
 * (`Sin`, `Abs`, `LN`: phones capitalize, other systems write `Abs`); a variable of the same
 * name is looked up before this and wins.
 */
export function lookupFunction(name: string, mode: FunctionScope, logBase: 10 | 'e'): FunctionSpec | undefined {
  const lower = name.toLowerCase();
  const canonical = lower === 'log' ? (logBase === 10 ? 'log10' : 'ln') : (aliases.get(lower) ?? lower);
  const spec = byName.get(canonical);
  if (spec === undefined || (spec.scope === 'author' && mode === 'student')) return undefined;
  return spec;
}

/** Whether a name is a function only authors may use (to say so instead of "unknown"). */
export function isAuthorFunction(name: string): boolean {
  return lookupFunction(name, 'author', 10) !== undefined && lookupFunction(name, 'student', 10) === undefined;
}

/** The function with this canonical name (as stored in a tree), any scope. */
export function functionByName(name: string): FunctionSpec | undefined {
  return byName.get(name);
}

/** Every spelling a reader in this mode may use (or only the canonical names and `log`), for messages. */
export function functionNames(mode: FunctionScope, withAliases = true): string[] {
  const names = specs.filter((s) => mode === 'author' || s.scope === 'student').map((s) => s.name);
  const others = withAliases ? [...aliases.keys()].filter((a) => lookupFunction(a, mode, 10) !== undefined) : [];
  return [...names, 'log', ...others];
}
