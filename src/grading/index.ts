// The pure grading core: deadlines, late credit, extensions, attempts, score projection.
// No I/O, no clock (time is always passed in), no randomness.
export * from './policy.ts';
export * from './timing.ts';
export * from './attempts.ts';
export * from './scores.ts';
export * from './outcome.ts';
