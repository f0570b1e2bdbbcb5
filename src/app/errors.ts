// Errors users can act on: a stable code, an HTTP status, and a sentence that says what to do.

export class AppError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) =>
  new AppError(404, 'not_found', `${what} was not found: check the link, or ask your instructor if it should exist`);
export const forbidden = (why: string) => new AppError(403, 'forbidden', why);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
