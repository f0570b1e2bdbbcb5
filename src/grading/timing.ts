// Deadlines: whether an answer is accepted and for how much credit, judged by server time,
// with one exception for Steadfast's own outages (DESIGN §2 "Time is the server's").
import { type AssignmentPolicy, formatTime, hourMs, minuteMs, outageGraceMinutesMax } from './policy.ts';
import { onTimeReason } from './outcome.ts';

/** A window in which Steadfast could not accept answers (end null = ongoing). */
export interface OutageWindow { start: Date; end: Date | null; region: string }

export interface TimingInput {
  policy: AssignmentPolicy;
  /** Per-student extension: replaces dueAt for that student; late windows shift with it. */
  extensionDueAt: Date | null;
  /** When the server received the answer: the time that counts. */
  serverTime: Date;
  /** When the student's device captured it (untrusted; only used for the outage rule). */
  capturedAt: Date | null;
  outages: OutageWindow[];
  /** How long after an outage ends a captured-before-deadline answer still counts as on time. */
  outageGraceMinutes: number;
}

export type TimingDecision =
  | { accepted: true; credit: number; kind: 'on_time' | 'late' | 'outage_grace'; reason: string }
  | { accepted: false; kind: 'not_open' | 'closed'; reason: string };

/**
 * The student's deadline: the extension if it is later than the due date. An extension
 * earlier than the due date is ignored, so that granting one can never cost credit.
 */
export function effectiveDueAt(policy: AssignmentPolicy, extensionDueAt: Date | null): Date {
  if (extensionDueAt === null || extensionDueAt.getTime() <= policy.dueAt.getTime()) return policy.dueAt;
  return extensionDueAt;
}

/** Accept or refuse an answer by when it arrived, and say what credit it earns. */
export function judgeTiming(input: TimingInput): TimingDecision {
  assertTimingInput(input);
  const { policy } = input;
  const t = input.serverTime.getTime();
  if (t < policy.opensAt.getTime()) {
    return { accepted: false, kind: 'not_open', reason: `This assignment opens at ${formatTime(policy.opensAt)}: submit your answer after that.` };
  }
  const dueAt = effectiveDueAt(policy, input.extensionDueAt);
  const dueMs = dueAt.getTime();
  if (t <= dueMs) return { accepted: true, credit: 1, kind: 'on_time', reason: onTimeReason };
  if (outageGraceApplies(input, dueMs)) {
    return {
      accepted: true, credit: 1, kind: 'outage_grace',
      reason: `Counted as on time: your device saved this answer before the due date, while Steadfast was unreachable.`,
    };
  }
  const window = policy.lateWindows.find((w) => t <= dueMs + w.afterDueHours * hourMs);
  if (window !== undefined) {
    return {
      accepted: true, credit: window.credit, kind: 'late',
      reason: `Received ${formatDuration(t - dueMs)} after the due date (${formatTime(dueAt)}): this answer earns ${formatPercent(window.credit)} credit. If you had a reason, ask your instructor for an extension.`,
    };
  }
  const lastWindow = policy.lateWindows.at(-1);
  const closedAt = new Date(dueMs + (lastWindow?.afterDueHours ?? 0) * hourMs);
  return {
    accepted: false, kind: 'closed',
    reason: `This assignment closed at ${formatTime(closedAt)} and no longer accepts answers. If you had a reason, ask your instructor for an extension.`,
  };
}

/**
 * The outage rule: captured by the device during an outage, not after the deadline, and
 * received within the grace after that outage ended (or while it is still ongoing). Called only
 * once serverTime is past the deadline, so a capture in the server's future is already refused.
 * Any other capture time earns nothing extra, so forging it gains nothing.
 */
function outageGraceApplies(input: TimingInput, dueMs: number): boolean {
  if (input.capturedAt === null) return false;
  const capturedMs = input.capturedAt.getTime();
  const serverMs = input.serverTime.getTime();
  if (!Number.isFinite(capturedMs) || capturedMs > dueMs) return false;
  if (capturedMs < input.policy.opensAt.getTime()) return false;
  const graceMs = input.outageGraceMinutes * minuteMs;
  return input.outages.some((o) => {
    if (capturedMs < o.start.getTime()) return false;
    if (o.end === null) return true;
    return capturedMs <= o.end.getTime() && serverMs <= o.end.getTime() + graceMs;
  });
}

/** Inputs come from our own store and clock, so a bad one is a bug: fail loudly. */
function assertTimingInput(input: TimingInput): void {
  if (!Number.isFinite(input.serverTime.getTime())) throw new Error('judgeTiming: serverTime is not a valid date (a bug in the caller).');
  const g = input.outageGraceMinutes;
  if (!(Number.isFinite(g) && g >= 0 && g <= outageGraceMinutesMax)) {
    throw new Error(`judgeTiming: outageGraceMinutes ${g} is outside 0..${outageGraceMinutesMax} (validate course settings before use).`);
  }
}

function formatDuration(ms: number): string {
  const minutes = Math.ceil(ms / minuteMs);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(ms / hourMs);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

function formatPercent(credit: number): string {
  return `${Math.round(credit * 1000) / 10}%`;
}
