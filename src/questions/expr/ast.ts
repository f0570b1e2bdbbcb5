// Our own expression tree: plain JSON, stored in the attempt log and evaluated by evaluate.ts.

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow';

export type Expr =
  | { op: 'num'; value: number }
  | { op: 'var'; name: string }
  | { op: 'const'; name: 'pi' | 'e' }
  | { op: 'neg'; arg: Expr }
  | { op: BinaryOp; left: Expr; right: Expr }
  /** `fn` is a canonical name from functions.ts (`log` is already resolved to `log10` or `ln`). */
  | { op: 'call'; fn: string; args: Expr[] };
