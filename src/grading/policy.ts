// Assignment policy: the instructor's rules for deadlines, late credit and attempts,
// and the validation that turns bad input into messages an instructor can act on.

/** An answer received up to `dueAt + afterDueHours` earns `credit` (0..1). */
export interface LateWindow { afterDueHours: number; credit: number }

export interface AssignmentPolicy {
  opensAt: Date;
  dueAt: Date;
  /** Checked in ascending `afterDueHours`; the first window that still covers the answer applies. */
  lateWindows: LateWindow[];
  /** Graded attempts per part; null = unlimited. */
  attemptsMax: number | null;
  /** Fraction (0..1) of the part's credit lost per earlier wrong graded attempt, floor at 0. */
  penaltyPerWrong: number;
  /** After this many wrong graded attempts on a question, the student may get a new variant. */
  newVariantAfterWrong: number | null;
}

/** Most graded attempts per part an instructor may set (beyond this, use unlimited). */
export const attemptsMaxLimit = 100;
/** Most late-credit windows per assignment. */
export const lateWindowsCountMax = 10;
/** Latest a late window may end after the due date, in hours (one year). */
export const lateWindowAfterDueHoursMax = 24 * 366;
/** Longest outage grace a course may set, in minutes (one week). */
export const outageGraceMinutesMax = 7 * 24 * 60;

export const hourMs = 3_600_000;
export const minuteMs = 60_000;

/** Every problem with `p`, as sentences an instructor can act on; empty when valid. */
export function validatePolicy(p: AssignmentPolicy): string[] {
  return [...validateDates(p), ...validateLateWindows(p.lateWindows), ...validateAttempts(p)];
}

/** Problems with a per-student extension to an assignment with policy `p`. */
export function validateExtension(p: AssignmentPolicy, extensionDueAt: Date): string[] {
  if (!isValidDate(extensionDueAt)) return ['The extension date is not a valid date: enter a date and time.'];
  if (extensionDueAt.getTime() <= p.dueAt.getTime()) {
    return [`The extension (${formatTime(extensionDueAt)}) must be later than the due date (${formatTime(p.dueAt)}): choose a later date.`];
  }
  return [];
}

/** Problems with a course's outage grace setting, in minutes. */
export function validateOutageGraceMinutes(minutes: number): string[] {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > outageGraceMinutesMax) {
    return [`The outage grace must be a whole number of minutes from 0 to ${outageGraceMinutesMax}: enter a value in that range.`];
  }
  return [];
}

function validateDates(p: AssignmentPolicy): string[] {
  if (!isValidDate(p.opensAt)) return ['The open date is not a valid date: enter a date and time.'];
  if (!isValidDate(p.dueAt)) return ['The due date is not a valid date: enter a date and time.'];
  if (p.dueAt.getTime() <= p.opensAt.getTime()) {
    return [`The due date (${formatTime(p.dueAt)}) must be after the open date (${formatTime(p.opensAt)}): move one of them.`];
  }
  return [];
}

function validateLateWindows(windows: readonly LateWindow[]): string[] {
  if (windows.length > lateWindowsCountMax) {
    return [`An assignment may have at most ${lateWindowsCountMax} late windows, not ${windows.length}: merge some of them.`];
  }
  const problems: string[] = [];
  windows.forEach((w, i) => {
    const name = `Late window ${i + 1}`;
    if (!(Number.isFinite(w.afterDueHours) && w.afterDueHours > 0 && w.afterDueHours <= lateWindowAfterDueHoursMax)) {
      problems.push(`${name}: hours after the due date must be more than 0 and at most ${lateWindowAfterDueHoursMax}: enter a value in that range.`);
    }
    if (!(Number.isFinite(w.credit) && w.credit >= 0 && w.credit <= 1)) {
      problems.push(`${name}: credit must be between 0 and 1 (0.8 means 80%): enter a value in that range.`);
    }
    const prev = windows[i - 1];
    if (prev === undefined) return;
    if (!(w.afterDueHours > prev.afterDueHours)) {
      problems.push(`${name} must end later than late window ${i}: list windows from shortest to longest.`);
    }
    if (w.credit > prev.credit) {
      problems.push(`${name} gives more credit than late window ${i}: lower its credit, since a later answer must not earn more.`);
    }
  });
  return problems;
}

function validateAttempts(p: AssignmentPolicy): string[] {
  const problems: string[] = [];
  if (p.attemptsMax !== null && !isCount(p.attemptsMax)) {
    problems.push(`Attempts per part must be a whole number from 1 to ${attemptsMaxLimit}, or unlimited: enter a value in that range.`);
  }
  if (!(Number.isFinite(p.penaltyPerWrong) && p.penaltyPerWrong >= 0 && p.penaltyPerWrong <= 1)) {
    problems.push('The penalty per wrong attempt must be between 0 and 1 (0.1 means 10% per wrong attempt): enter a value in that range.');
  }
  if (p.newVariantAfterWrong !== null && !isCount(p.newVariantAfterWrong)) {
    problems.push(`"New variant after wrong attempts" must be a whole number from 1 to ${attemptsMaxLimit}, or off: enter a value in that range.`);
  }
  return problems;
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= attemptsMaxLimit;
}

function isValidDate(d: Date): boolean {
  return d instanceof Date && Number.isFinite(d.getTime());
}

/** A time as students and instructors read it in messages: `2025-03-01 17:00 UTC`. */
export function formatTime(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
