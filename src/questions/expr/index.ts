// The safe expression language (docs/questions.md "Notation") and the formula checker. Pure.
export type { Expr } from './ast.ts';
export { ExprError } from './errors.ts';
export { readExpression, type ReadOptions, type ReadResult } from './read.ts';
export { evaluateExpr } from './evaluate.ts';
export { checkFormula, makeRng, type FormulaCheckOptions } from './check.ts';
export { roundDigitsMax } from './functions.ts';
export * from './limits.ts';
