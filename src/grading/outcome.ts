// The stored form of a submission's outcome: what was decided, in as few bytes as the log can
// hold it (docs/operations.md, "Storage"). Per part: a status letter and the score, then the
// credited score when it differs — "c1" (correct, full credit), "w0" (wrong), "w.5 .4" (half
// right, 0.4 after a penalty or late credit), "i" (unreadable: no attempt used). The timing
// decision is kept under the key "@" — [kind, credit, reason] — unless it was plainly on time.
// Pure: no I/O. Part ids are identifiers (letters first), so "@" can never be a part.

/** What a submission decided for one part. */
export interface DecidedPart {
  status: 'graded' | 'invalid';
  /** The grader's score, 0..1 (0 when invalid). */
  score: number;
  /** The score after the wrong-attempt penalty and the timing credit (0 when invalid). */
  credited: number;
  correct: boolean;
}

export type TimingKind = 'on_time' | 'late' | 'outage_grace';
export interface StoredTiming { kind: TimingKind; credit: number; reason: string }

export type EncodedOutcome = Record<string, string | [string, number, string]>;

/** The reason stored for an answer that came in on time (it is not written to each row). */
export const onTimeReason = 'Received on time.';
const timingKey = '@';

export class OutcomeDecodeError extends Error {}

function number(x: number): string {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`a score must be a finite number ≥ 0, not ${x}`);
  return String(x).replace(/^0\./, '.');
}

export function encodePart(p: DecidedPart): string {
  if (p.status === 'invalid') return 'i';
  const head = (p.correct ? 'c' : 'w') + number(p.score);
  return p.credited === p.score ? head : `${head} ${number(p.credited)}`;
}

export function decodePart(text: string): DecidedPart {
  if (text === 'i') return { status: 'invalid', score: 0, credited: 0, correct: false };
  const m = /^([cw])([0-9.e+-]+)(?: ([0-9.e+-]+))?$/.exec(text);
  const score = m ? Number(m[2]) : NaN;
  const credited = m?.[3] === undefined ? score : Number(m[3]);
  if (!m || !Number.isFinite(score) || !Number.isFinite(credited)) {
    throw new OutcomeDecodeError(`a stored part outcome reads "${text.slice(0, 40)}": expected c|w<score>[ <credited>] or i`);
  }
  return { status: 'graded', score, credited, correct: m[1] === 'c' };
}

export function encodeOutcome(parts: Record<string, DecidedPart>, timing: StoredTiming): EncodedOutcome {
  const out: EncodedOutcome = {};
  for (const [id, p] of Object.entries(parts)) {
    if (id === timingKey) throw new RangeError(`"${timingKey}" is not a part id`);
    out[id] = encodePart(p);
  }
  if (!(timing.kind === 'on_time' && timing.credit === 1 && timing.reason === onTimeReason)) {
    out[timingKey] = [timing.kind, timing.credit, timing.reason];
  }
  return out;
}

export function decodeOutcome(stored: EncodedOutcome): { parts: Record<string, DecidedPart>; timing: StoredTiming } {
  const parts: Record<string, DecidedPart> = {};
  let timing: StoredTiming = { kind: 'on_time', credit: 1, reason: onTimeReason };
  for (const [id, value] of Object.entries(stored)) {
    if (id === timingKey) {
      if (!Array.isArray(value) || value.length !== 3 || typeof value[1] !== 'number' || typeof value[2] !== 'string'
        || !['on_time', 'late', 'outage_grace'].includes(value[0])) {
        throw new OutcomeDecodeError(`a stored timing decision reads ${JSON.stringify(value).slice(0, 80)}: expected [kind, credit, reason]`);
      }
      timing = { kind: value[0] as TimingKind, credit: value[1], reason: value[2] };
    } else if (typeof value === 'string') {
      parts[id] = decodePart(value);
    } else {
      throw new OutcomeDecodeError(`the stored outcome of part ${id} is not a string`);
    }
  }
  return { parts, timing };
}
