// Every limit of the question core, in one place (DESIGN §2 "Limits on everything").

/** Longest student answer to one part, in characters; longer is refused, not graded. */
export const answerLengthMax = 1000;
/** Largest question file, in bytes (UTF-8). */
export const questionFileBytesMax = 64 * 1024;
/** Most YAML alias expansions in one front matter (guards against "billion laughs"). */
export const yamlAliasCountMax = 100;
/** Most parts (answer blanks) in one question. */
export const partsCountMax = 20;
/** Most seeded random parameters in one question. */
export const paramsCountMax = 30;
/** Most computed values in one question. */
export const computedCountMax = 50;
/** Most values in one `choice:` or `shuffle:` parameter, and most options in a choice part. */
export const choicesCountMax = 26;
/** Most hints, and most anticipated-wrong-answer feedback entries, per part. */
export const hintsCountMax = 10;
/** Most distinct values a `range:` parameter may take (keeps steps sane). */
export const rangeValuesCountMax = 1_000_000;
/** Most `{{expression}}` substitutions in one question text. */
export const substitutionsCountMax = 200;
/** Longest text-part regex pattern, in characters. */
export const patternLengthMax = 200;
/** Longest answer a text part will match, in characters (bounds regex work). */
export const textAnswerLengthMax = 200;
/** Longest unit text in a quantity answer, in characters. */
export const unitLengthMax = 40;
/** Most places tried where the unit of a quantity answer could start (`15/pi kN/mm^2`). */
export const quantitySplitsMax = 8;
/** Most nested brackets in a unit (`J/(kg (K))`). */
export const unitNestingMax = 8;
/** Largest power of one unit (`m^12`); a larger one is refused. */
export const unitExponentMax = 12;
/** Fewest and most significant figures a correct answer is shown with when the part sets none: the fewest that still grade right. */
export const correctFiguresMin = 3;
export const correctFiguresMax = 12;
/** Most decimals `{{fixed(v, d)}}` and most figures `{{sigfigs(v, n)}}` may ask for. */
export const helperDigitsMax = 15;
/** Seeds `validateQuestion` and `steadfast question validate` try by default. */
export const validateSeedsCount = 100;
/** KaTeX: largest size in em an author may ask for (\rule, \kern). */
export const mathSizeMaxEm = 20;
/** KaTeX: most macro expansions in one formula. */
export const mathExpandMax = 1000;
