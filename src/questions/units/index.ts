// Units: reading unit text, dimensions, conversion and messages. Pure; our own table and parser
// (table.ts, read.ts), so what students may write is exactly what docs/questions.md lists.
import { namedDimensions } from './table.ts';
import { readUnit, type Unit, type UnitRead } from './read.ts';

export { readUnit, type Unit, type UnitRead };
export { units, prefixes, baseDimensions, type UnitDef } from './table.ts';

const namedUnits = namedDimensions.map(([name, text]) => {
  const read = readUnit(text);
  if (!read.ok) throw new Error(`named dimension unit \`${text}\` does not read: ${read.message}`);
  return [name, read.unit] as const;
});

export function sameDimension(a: Unit, b: Unit): boolean {
  return a.dim.every((e, i) => e === b.dim[i]);
}

/** "an acceleration" for m/s^2, undefined for units without a common name. */
export function dimensionName(unit: Unit): string | undefined {
  return namedUnits.find(([, ref]) => sameDimension(ref, unit))?.[0];
}

/**
 * `value` in unit `from` expressed in unit `to` (same dimension). A lone temperature scale
 * converts with its offset (20 °C is 293.15 K) unless `difference` (a change of 20 °C is 20 K).
 */
export function convert(value: number, from: Unit, to: Unit, difference = false): number {
  const offsets = !difference;
  const si = (value + (offsets ? from.offset : 0)) * from.factor;
  return si / to.factor - (offsets ? to.offset : 0);
}

/** For authors: why `text` is not a usable answer unit, or undefined when it is. */
export function unitProblem(text: string): string | undefined {
  const read = readUnit(text);
  return read.ok ? undefined : read.message;
}

/** A message for a unit of the wrong kind: "`kg` is a mass; this answer needs an acceleration such as m/s^2". */
export function wrongDimensionMessage(written: string, got: Unit, want: Unit, wantText: string): string {
  const gotName = dimensionName(got);
  const wantName = dimensionName(want) ?? 'a quantity';
  return gotName
    ? `\`${written}\` is ${gotName}; this answer needs ${wantName} such as ${wantText}`
    : `\`${written}\` does not measure ${wantName}; use units such as ${wantText}`;
}
