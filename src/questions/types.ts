// The public shapes of the question core. Pure data: no I/O anywhere in src/questions/.
// The store keeps Question.source pinned by Question.version, so a variant issued once
// is always regenerated from the same text (DESIGN §2).

export type PartType = 'number' | 'quantity' | 'formula' | 'choice' | 'text';

/** Course-level settings that change how answers are read. */
export interface ReadingSettings {
  /** What `log(x)` means: base 10 or natural log. `ln` is always natural. */
  logBase: 10 | 'e';
}

export const defaultReadingSettings: ReadingSettings = { logBase: 'e' };

/** A question file, parsed and validated. Opaque to callers outside src/questions/. */
export interface Question {
  /** Stable id: front matter `id`, else the file name without extension. */
  id: string;
  title: string;
  topics: string[];
  /** Content hash of `source` (hex); a variant is (version, seed). */
  version: string;
  /** The file text exactly as loaded. */
  source: string;
  /** The parsed specification; its shape belongs to src/questions/. */
  spec: unknown;
}

export interface VariantPart {
  id: string;
  type: PartType;
  /** Visible, accessible label for the answer blank. */
  label: string;
  /** Relative weight within the question (weights of a question sum to > 0). */
  weight: number;
  /** Choice parts: the options in the order this variant shows them. */
  options?: { id: string; html: string }[];
  /** Choice parts: several options may be selected. */
  multiple?: boolean;
  /** Quantity parts: a unit is expected with the number. */
  expectsUnits?: boolean;
}

export interface Variant {
  questionId: string;
  version: string;
  seed: number;
  title: string;
  /** Markdown with every {{expression}} substituted; TeX left as $...$. */
  text: string;
  /** Sanitized HTML of `text` with math rendered by KaTeX (server-side, no script). */
  html: string;
  parts: VariantPart[];
}

/** The verdict on one answer to one part. */
export interface PartResult {
  /**
   * 'graded': the answer was read and scored (an attempt is used).
   * 'invalid': it could not be read (syntax, unknown function, wrong kind of input);
   * it costs no attempt and `feedback` says how to fix it.
   */
  status: 'graded' | 'invalid';
  /** 0..1 before any attempt penalty or late credit. */
  score: number;
  correct: boolean;
  feedback: string;
  /** How the answer was read, for the student ("1/(2x)" read as "(1/2)·x"). */
  read: string;
  /** JSON-serializable parsed form, stored in the attempt log. */
  parsed: unknown;
}

/** An error in a question file: file, line (1-based, 0 if unknown) and field. */
export class QuestionFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${field}: ${detail}`);
    this.name = 'QuestionFileError';
  }
}
