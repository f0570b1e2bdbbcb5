/**
 * An expression that cannot be read or evaluated. `code` is stable (clients and tests match on it);
 * `message` tells the reader what to write instead.
 */
export class ExprError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExprError';
  }
}
