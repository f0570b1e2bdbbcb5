// The units students and authors may write: SI units with their prefixes, and the other units
// of physics, chemistry and engineering courses. Pure data; docs/questions.md lists it (a test
// checks that the list there matches this table).

/** Exponents of the base dimensions, in the order of `baseDimensions`. */
export type Dimension = readonly number[];

/** m, kg, s, A, K, mol, cd, and plane angle (kept as its own dimension so rad and deg convert but neither is a bare number). */
export const baseDimensions = ['m', 'kg', 's', 'A', 'K', 'mol', 'cd', 'rad'] as const;

export interface UnitDef {
  /** Symbols, case-sensitive; the first is the one shown. */
  symbols: readonly string[];
  /** Names, case-insensitive: singular forms; plurals add `s` unless given in `plurals`. */
  names: readonly string[];
  plurals?: readonly string[];
  /** The unit in SI: value_SI = (value + offset) · factor. */
  factor: number;
  dim: Dimension;
  /** Temperature scales only: added before scaling, and only when the unit stands alone (never in J/°C). */
  offset?: number;
  /** SI prefixes may be put before the symbols and names (km, kilometre). */
  prefixable: boolean;
  /** What the unit measures, for the list in the docs. */
  kind: string;
}

const d = (m = 0, kg = 0, s = 0, A = 0, K = 0, mol = 0, cd = 0, rad = 0): Dimension => [m, kg, s, A, K, mol, cd, rad];

const LENGTH = d(1);
const MASS = d(0, 1);
const TIME = d(0, 0, 1);
const ENERGY = d(2, 1, -2);
const POWER = d(2, 1, -3);
const PRESSURE = d(-1, 1, -2);
const FORCE = d(1, 1, -2);
const VOLUME = d(3);
const SPEED = d(1, 0, -1);
const PER_SECOND = d(0, 0, -1);
const ANGLE = d(0, 0, 0, 0, 0, 0, 0, 1);
const TEMPERATURE = d(0, 0, 0, 0, 1);
const NONE = d();

const inchM = 0.0254;
const footM = 0.3048;
const poundKg = 0.45359237;
const poundForceN = poundKg * 9.80665;
const gallonM3 = 231 * inchM ** 3;

function si(symbol: string | string[], name: string | string[], factor: number, dim: Dimension, kind: string, plurals?: string[]): UnitDef {
  return { symbols: ([] as string[]).concat(symbol), names: ([] as string[]).concat(name), factor, dim, prefixable: true, kind, ...(plurals ? { plurals } : {}) };
}

function other(symbol: string | string[], name: string | string[], factor: number, dim: Dimension, kind: string, plurals?: string[]): UnitDef {
  return { ...si(symbol, name, factor, dim, kind, plurals), prefixable: false };
}

export const units: readonly UnitDef[] = [
  // SI base units (the kilogram is the prefixed gram).
  si('m', ['metre', 'meter'], 1, LENGTH, 'length'),
  si('g', ['gram', 'gramme'], 1e-3, MASS, 'mass'),
  si(['s', 'sec'], 'second', 1, TIME, 'time'),
  si(['A', 'amp'], 'ampere', 1, d(0, 0, 0, 1), 'electric current', ['amperes', 'amps']),
  si('K', 'kelvin', 1, TEMPERATURE, 'temperature'),
  si('mol', 'mole', 1, d(0, 0, 0, 0, 0, 1), 'amount of substance'),
  si('cd', 'candela', 1, d(0, 0, 0, 0, 0, 0, 1), 'luminous intensity'),
  // SI derived units.
  si('Hz', 'hertz', 1, PER_SECOND, 'frequency', ['hertz']),
  si('N', 'newton', 1, FORCE, 'force'),
  si('Pa', 'pascal', 1, PRESSURE, 'pressure'),
  si('J', 'joule', 1, ENERGY, 'energy'),
  si('W', 'watt', 1, POWER, 'power'),
  si('C', 'coulomb', 1, d(0, 0, 1, 1), 'electric charge'),
  si('V', 'volt', 1, d(2, 1, -3, -1), 'voltage'),
  si(['Ω', 'ohm'], 'ohm', 1, d(2, 1, -3, -2), 'resistance'),
  si('S', 'siemens', 1, d(-2, -1, 3, 2), 'conductance', ['siemens']),
  si('F', 'farad', 1, d(-2, -1, 4, 2), 'capacitance'),
  si('T', 'tesla', 1, d(0, 1, -2, -1), 'magnetic field'),
  si('Wb', 'weber', 1, d(2, 1, -2, -1), 'magnetic flux'),
  si('H', 'henry', 1, d(2, 1, -2, -2), 'inductance', ['henries', 'henrys']),
  si('lm', 'lumen', 1, d(0, 0, 0, 0, 0, 0, 1, 2), 'luminous flux'),
  si('lx', 'lux', 1, d(-2, 0, 0, 0, 0, 0, 1, 2), 'illuminance', ['lux']),
  si('Bq', 'becquerel', 1, PER_SECOND, 'radioactivity'),
  si('Gy', 'gray', 1, d(2, 0, -2), 'absorbed dose'),
  si('Sv', 'sievert', 1, d(2, 0, -2), 'equivalent dose'),
  other(['dpt'], ['dioptre', 'diopter'], 1, d(-1), 'optical power'),
  si('kat', 'katal', 1, d(0, 0, -1, 0, 0, 1), 'catalytic activity'),
  si('rad', 'radian', 1, ANGLE, 'angle'),
  si('sr', 'steradian', 1, d(0, 0, 0, 0, 0, 0, 0, 2), 'solid angle'),
  // Temperature scales: offsets apply to a lone temperature, never to a difference or inside J/°C.
  { ...other(['°C', 'degC', '℃'], ['degree Celsius', 'celsius', 'centigrade'], 1, TEMPERATURE, 'temperature', ['degrees Celsius', 'celsius', 'centigrade']), offset: 273.15 },
  { ...other(['°F', 'degF', '℉'], ['degree Fahrenheit', 'fahrenheit'], 5 / 9, TEMPERATURE, 'temperature', ['degrees Fahrenheit', 'fahrenheit']), offset: 459.67 },
  other(['°R', 'degR'], ['degree Rankine', 'rankine'], 5 / 9, TEMPERATURE, 'temperature', ['degrees Rankine', 'rankine']),
  // Time.
  other('min', 'minute', 60, TIME, 'time'),
  other(['h', 'hr'], 'hour', 3600, TIME, 'time'),
  other(['d', 'day'], 'day', 86400, TIME, 'time'),
  other(['wk'], 'week', 604800, TIME, 'time'),
  // The Julian year (365.25 days), as astronomy and the IAU use it; kyr, Myr, Gyr are common.
  si(['yr'], ['year', 'annum'], 31557600, TIME, 'time'),
  // Length.
  other(['in', 'inch'], 'inch', inchM, LENGTH, 'length', ['inches']),
  other(['ft'], 'foot', footM, LENGTH, 'length', ['feet']),
  other(['yd'], 'yard', 0.9144, LENGTH, 'length'),
  other(['mi'], 'mile', 1609.344, LENGTH, 'length'),
  other(['nmi', 'NM'], 'nautical mile', 1852, LENGTH, 'length'),
  other(['AU', 'au', 'ua'], 'astronomical unit', 149597870700, LENGTH, 'length'),
  other(['ly'], ['light-year', 'lightyear', 'light year'], 9460730472580800, LENGTH, 'length'),
  si(['pc'], 'parsec', 3.0856775814913673e16, LENGTH, 'length'),
  other(['Å'], ['angstrom', 'ångström'], 1e-10, LENGTH, 'length'),
  other([], 'micron', 1e-6, LENGTH, 'length'),
  // Mass.
  si(['t'], ['tonne', 'metric ton'], 1000, MASS, 'mass'),
  si(['u', 'Da', 'amu'], ['dalton', 'atomic mass unit'], 1.66053906892e-27, MASS, 'mass'),
  other(['me'], 'electron mass', 9.1093837139e-31, MASS, 'mass'),
  other(['lb', 'lbm', 'lbs'], 'pound', poundKg, MASS, 'mass'),
  other(['oz'], 'ounce', poundKg / 16, MASS, 'mass'),
  other(['slug'], 'slug', poundForceN / footM, MASS, 'mass'),
  other([], 'short ton', 2000 * poundKg, MASS, 'mass'),
  // Force, energy, power, pressure.
  si(['dyn'], 'dyne', 1e-5, FORCE, 'force'),
  other(['lbf'], 'pound-force', poundForceN, FORCE, 'force', ['pounds-force', 'pound-forces']),
  other(['kip'], 'kip', 1000 * poundForceN, FORCE, 'force'),
  other(['kgf'], 'kilogram-force', 9.80665, FORCE, 'force'),
  si(['eV'], ['electronvolt', 'electron volt'], 1.602176634e-19, ENERGY, 'energy'),
  si(['cal'], 'calorie', 4.184, ENERGY, 'energy'),
  other(['Cal'], ['food calorie'], 4184, ENERGY, 'energy'),
  si(['erg'], 'erg', 1e-7, ENERGY, 'energy'),
  other(['BTU', 'Btu'], 'British thermal unit', 1055.05585262, ENERGY, 'energy'),
  other(['hp'], 'horsepower', (550 * footM * poundForceN), POWER, 'power', ['horsepower']),
  other(['atm'], 'atmosphere', 101325, PRESSURE, 'pressure'),
  si(['bar'], 'bar', 1e5, PRESSURE, 'pressure'),
  other(['Torr', 'torr'], 'torr', 101325 / 760, PRESSURE, 'pressure', ['torr']),
  other(['mmHg'], 'millimetre of mercury', 133.322387415, PRESSURE, 'pressure', ['millimetres of mercury', 'millimeters of mercury']),
  other(['psi'], 'pound per square inch', poundForceN / inchM ** 2, PRESSURE, 'pressure', ['pounds per square inch']),
  // Volume and area.
  si(['L', 'l'], ['litre', 'liter'], 1e-3, VOLUME, 'volume'),
  other(['cc'], 'cubic centimetre', 1e-6, VOLUME, 'volume'),
  other(['gal'], 'gallon', gallonM3, VOLUME, 'volume'),
  other(['qt'], 'quart', gallonM3 / 4, VOLUME, 'volume'),
  other(['pt'], 'pint', gallonM3 / 8, VOLUME, 'volume'),
  other(['floz'], 'fluid ounce', gallonM3 / 128, VOLUME, 'volume'),
  other(['cup'], 'cup', gallonM3 / 16, VOLUME, 'volume'),
  other(['ha'], 'hectare', 1e4, d(2), 'area'),
  other([], 'acre', 4046.8564224, d(2), 'area'),
  si(['b'], 'barn', 1e-28, d(2), 'area'),
  // Speed.
  other(['c'], 'speed of light', 299792458, SPEED, 'speed'),
  other(['mph'], 'mile per hour', 1609.344 / 3600, SPEED, 'speed', ['miles per hour']),
  other(['kph', 'kmh'], 'kilometre per hour', 1 / 3.6, SPEED, 'speed', ['kilometres per hour', 'kilometers per hour']),
  other(['kn'], 'knot', 1852 / 3600, SPEED, 'speed'),
  // Angle and rotation.
  other(['°', 'deg'], 'degree', Math.PI / 180, ANGLE, 'angle'),
  other(['′', 'arcmin'], ['arcminute', 'minute of arc'], Math.PI / 10800, ANGLE, 'angle', ['arcminutes', 'minutes of arc']),
  other(['″', 'arcsec'], ['arcsecond', 'second of arc'], Math.PI / 648000, ANGLE, 'angle', ['arcseconds', 'seconds of arc']),
  other(['rev'], ['revolution', 'turn'], 2 * Math.PI, ANGLE, 'angle'),
  // A cycle is a count (cycles per second are hertz); a revolution is an angle (rev/s are rad/s).
  other([], 'cycle', 1, NONE, 'count'),
  other(['rpm'], 'revolution per minute', (2 * Math.PI) / 60, d(0, 0, -1, 0, 0, 0, 0, 1), 'angular speed', ['revolutions per minute']),
  // Electromagnetism (CGS), radiation, chemistry.
  si(['G', 'Gs'], 'gauss', 1e-4, d(0, 1, -2, -1), 'magnetic field', ['gauss']),
  si(['Mx'], 'maxwell', 1e-8, d(2, 1, -2, -1), 'magnetic flux'),
  si(['Ci'], 'curie', 3.7e10, PER_SECOND, 'radioactivity'),
  si(['rem'], 'rem', 0.01, d(2, 0, -2), 'equivalent dose'),
  other(['R'], 'roentgen', 2.58e-4, d(0, -1, 1, 1), 'exposure'),
  si(['M'], 'molar', 1000, d(-3, 0, 0, 0, 0, 1), 'concentration'),
  // Ratios.
  other(['%'], 'percent', 0.01, NONE, 'ratio'),
  other(['ppm'], 'part per million', 1e-6, NONE, 'ratio', ['parts per million']),
];

export interface PrefixDef { symbols: readonly string[]; name: string; factor: number }

/** The SI prefixes; `u`, `µ` (micro sign) and `μ` (Greek mu) are all micro. */
export const prefixes: readonly PrefixDef[] = [
  { symbols: ['Q'], name: 'quetta', factor: 1e30 }, { symbols: ['R'], name: 'ronna', factor: 1e27 },
  { symbols: ['Y'], name: 'yotta', factor: 1e24 }, { symbols: ['Z'], name: 'zetta', factor: 1e21 },
  { symbols: ['E'], name: 'exa', factor: 1e18 }, { symbols: ['P'], name: 'peta', factor: 1e15 },
  { symbols: ['T'], name: 'tera', factor: 1e12 }, { symbols: ['G'], name: 'giga', factor: 1e9 },
  { symbols: ['M'], name: 'mega', factor: 1e6 }, { symbols: ['k'], name: 'kilo', factor: 1e3 },
  { symbols: ['h'], name: 'hecto', factor: 1e2 }, { symbols: ['da'], name: 'deca', factor: 1e1 },
  { symbols: [], name: 'deka', factor: 1e1 },
  { symbols: ['d'], name: 'deci', factor: 1e-1 }, { symbols: ['c'], name: 'centi', factor: 1e-2 },
  { symbols: ['m'], name: 'milli', factor: 1e-3 }, { symbols: ['µ', 'u', 'μ'], name: 'micro', factor: 1e-6 },
  { symbols: ['n'], name: 'nano', factor: 1e-9 }, { symbols: ['p'], name: 'pico', factor: 1e-12 },
  { symbols: ['f'], name: 'femto', factor: 1e-15 }, { symbols: ['a'], name: 'atto', factor: 1e-18 },
  { symbols: ['z'], name: 'zepto', factor: 1e-21 }, { symbols: ['y'], name: 'yocto', factor: 1e-24 },
  { symbols: ['r'], name: 'ronto', factor: 1e-27 }, { symbols: ['q'], name: 'quecto', factor: 1e-30 },
];

/** Physical quantities named in messages, each with a unit to suggest (the first whose dimension matches is used). */
export const namedDimensions: readonly (readonly [string, string])[] = [
  ['a length', 'm'], ['a mass', 'kg'], ['a time', 's'], ['a speed', 'm/s'],
  ['an acceleration', 'm/s^2'], ['a force', 'N'], ['an energy', 'J'], ['a power', 'W'],
  ['a pressure', 'Pa'], ['a momentum', 'kg m/s'], ['an electric charge', 'C'],
  ['an electric current', 'A'], ['a voltage', 'V'], ['a resistance', 'ohm'],
  ['a capacitance', 'F'], ['an inductance', 'H'], ['a magnetic field', 'T'], ['a magnetic flux', 'Wb'],
  ['a frequency', 'Hz'], ['an area', 'm^2'], ['a volume', 'm^3'],
  ['a density', 'kg/m^3'], ['a temperature', 'K'], ['an angle', 'rad'], ['an angular speed', 'rad/s'],
  ['an amount of substance', 'mol'], ['a concentration', 'mol/L'], ['a dose (energy per mass)', 'Gy'],
  ['a torque', 'N m rad^-1'], ['a number without units', '%'],
];
