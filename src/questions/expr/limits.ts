// Named bounds of the expression language and the formula checker (DESIGN §2: limits on everything).

/** Longest expression text read, in characters; longer input is refused before parsing. */
export const expressionLengthMax = 1000;
/** Deepest nesting of the expression tree (a chain `1+1+…` counts one level per operator). */
export const expressionDepthMax = 200;
/** Most nested parentheses, bars and function calls in the text (checked before mathjs parses). */
export const expressionNestingMax = 64;
/** Most tree nodes one evaluation may visit; a runaway expression stops with ExprError 'too_many_steps'. */
export const evalStepsMax = 100_000;
/** Points at which a student's formula is compared with the correct one. */
export const formulaPointsCount = 8;
/** Most points drawn while looking for ones where the correct formula is defined. */
export const formulaResampleMax = 64;
/** Default relative tolerance between the two formulas at a point (about 6 significant digits). */
export const formulaRelTolDefault = 1e-6;
/** Default absolute tolerance, in the units of the answer: none, the rounding noise floor is estimated per point. */
export const formulaAbsTolDefault = 0;
/** How many times the estimated rounding noise of both evaluations a difference may be and still count as equal. */
export const formulaNoiseFactor = 64;
/** Correct formulas kept parsed between checks; the cache is emptied when it reaches this size. */
export const formulaCacheSizeMax = 1000;
/** Default domain of every formula variable: points are drawn uniformly from it. */
export const formulaDomainDefault: readonly [number, number] = [-2, 2];
/** Most significant digits a quotient of literals may have to be folded for display (1/4 shows 0.25, 1/3 stays 1/3). */
export const foldedQuotientDigitsMax = 6;
/** Largest whole exponent of a power of literals folded for display (2^3 shows 8). */
export const foldedPowerExponentMax = 10;
/** Most passes of the display simplifier (each pass applies every identity once, bottom up). */
export const displayPassesMax = 8;
