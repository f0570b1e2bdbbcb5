// Unit text → mathjs Unit, on a PRIVATE mathjs instance: only Unit parsing, never evaluation,
// and nothing here can change the instance (no createUnit, no config).
import { create, all, type Unit } from 'mathjs';
import { unitLengthMax } from '../bounds.ts';

const math = create(all);

/** Physical quantities we can name in messages, each with a unit to suggest. */
const namedDimensions: readonly [string, string][] = [
  ['a length', 'm'], ['a mass', 'kg'], ['a time', 's'], ['a speed', 'm/s'],
  ['an acceleration', 'm/s^2'], ['a force', 'N'], ['an energy', 'J'], ['a power', 'W'],
  ['a pressure', 'Pa'], ['a momentum', 'kg m/s'], ['an electric charge', 'C'],
  ['an electric current', 'A'], ['a voltage', 'V'], ['a resistance', 'ohm'],
  ['a capacitance', 'F'], ['a frequency', 'Hz'], ['an area', 'm^2'], ['a volume', 'm^3'],
  ['a density', 'kg/m^3'], ['a temperature', 'K'], ['an angle', 'rad'],
];
const namedUnits = namedDimensions.map(([name, unit]) => [name, math.unit(unit)] as const);

// Symbols students type that mathjs spells in ASCII.
const spellings: readonly [RegExp, string][] = [[/Ω/g, 'ohm'], [/[µμ]/g, 'u'], [/°C/g, 'degC'], [/°F/g, 'degF'], [/°/g, 'deg'], [/[·⋅×]/g, '*']];

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `s²` and `s⁻¹` as phones type them → `s^2`, `s^-1`. */
function plainPowers(text: string): string {
  return text.replace(/⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (run) =>
    `^${[...run].map((c) => (c === '⁻' ? '-' : String(superscripts.indexOf(c)))).join('')}`);
}

export type UnitRead = { ok: true; unit: Unit; text: string } | { ok: false; message: string };

export function readUnit(text: string): UnitRead {
  const spelled = spellings.reduce((t, [from, to]) => t.replace(from, to), plainPowers(text.trim()));
  if (spelled.length > unitLengthMax) return { ok: false, message: `the unit is longer than ${unitLengthMax} characters; write it shorter, like m/s^2` };
  if (/^[\d.]/.test(spelled)) return { ok: false, message: `write one number, then the unit, as in \`9.8 m/s^2\`` };
  try {
    const unit = math.Unit.parse(spelled);
    if (unit.value !== null) return { ok: false, message: `write one number, then the unit, as in \`9.8 m/s^2\`` };
    return { ok: true, unit, text: spelled };
  } catch {
    const powers = /[a-zA-Z]\d/.test(spelled) ? ' (write powers with ^, as in s^2)' : '';
    return { ok: false, message: `\`${text.trim()}\` is not a unit we know${powers}; write units like m/s^2, kg, N, kJ, ohm` };
  }
}

/** For authors: why `text` is not a usable answer unit, or undefined when it is. */
export function unitProblem(text: string): string | undefined {
  const read = readUnit(text);
  return read.ok ? undefined : read.message;
}

/** "an acceleration" for m/s^2, undefined for units without a common name. */
export function dimensionName(unit: Unit): string | undefined {
  return namedUnits.find(([, ref]) => ref.equalBase(unit))?.[0];
}

export function sameDimension(a: Unit, b: Unit): boolean {
  return a.equalBase(b);
}

/** `value` in unit `from` expressed in unit `to` (same dimension; offsets such as degC honoured). */
export function convert(value: number, from: Unit, to: Unit): number {
  return math.unit(value, from.formatUnits() || from.toString()).toNumber(to.formatUnits() || to.toString());
}

/** A message for a unit of the wrong kind: "`kg` is a mass; this answer needs an acceleration such as m/s^2". */
export function wrongDimensionMessage(written: string, got: Unit, want: Unit, wantText: string): string {
  const gotName = dimensionName(got);
  const wantName = dimensionName(want) ?? 'a quantity';
  return gotName
    ? `\`${written}\` is ${gotName}; this answer needs ${wantName} such as ${wantText}`
    : `\`${written}\` does not measure ${wantName}; use units such as ${wantText}`;
}
