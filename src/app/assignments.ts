// What a student (or staff member trying it) sees of an assignment: their variants, rendered,
// with attempts left and scores so far. Correct answers only once released (or for staff).
import type { Sql } from 'postgres';
import { attemptState, newVariantAllowed, validatePolicy } from '../grading/index.ts';
import { correctAnswersShown, type Question, type Variant } from '../questions/index.ts';
import { slotsOf, type Assignment, type AssignmentFields } from '../store/assignments.ts';
import { currentVersionOf } from '../store/bank.ts';
import { issueVariants } from '../store/variants.ts';
import { defaultCourseSettings, findCourse, type CourseSettings, type Role } from '../store/courses.ts';
import { scoresOfSlots, submissionsOfVariants, type StoredPartResult } from '../store/submissions.ts';
import type { QuestionBank } from './bank.ts';
import { badRequest } from './errors.ts';
import { presentSubmissions } from './history.ts';

/** Most question slots in one assignment. */
export const slotsPerAssignmentMax = 100;

export interface QuestionView {
  slotId: string; position: number; points: number; variantId: string; questionId: string;
  title: string; text: string; html: string; score: number; newVariantAvailable: boolean;
  parts: {
    id: string; type: string; label: string; weight: number; attemptsLeft: number | null;
    options?: { id: string; html: string }[]; multiple?: boolean; expectsUnits?: boolean;
    lastAnswer: string | null; lastResult: StoredPartResult | null;
  }[];
  /** Per part, what a student could type for full credit (after release, or for staff). */
  correctAnswers?: Record<string, string>;
  /** The same, as safe HTML: numbers and formulas typeset, choices by their option texts. */
  correctAnswersHtml?: Record<string, string>;
}

function correctAnswersOf(q: Question, seed: number, logBase: CourseSettings['logBase']): Pick<QuestionView, 'correctAnswers' | 'correctAnswersHtml'> {
  const shown = Object.entries(correctAnswersShown(q, seed, { logBase }));
  return {
    correctAnswers: Object.fromEntries(shown.map(([id, a]) => [id, a.text])),
    correctAnswersHtml: Object.fromEntries(shown.map(([id, a]) => [id, a.html])),
  };
}

export async function questionsForUser(
  sql: Sql, bank: QuestionBank, a: Assignment, userId: string, role: Role,
): Promise<QuestionView[]> {
  const variants = await issueVariants(sql, a.id, userId);
  const [slots, logged, scoreBySlot, course] = await Promise.all([
    slotsOf(sql, a.id),
    submissionsOfVariants(sql, variants.map((v) => v.id)),
    scoresOfSlots(sql, userId, variants.map((v) => v.slotId)),
    findCourse(sql, a.courseId),
  ]);
  const logBase = (course?.settings ?? defaultCourseSettings).logBase;
  const history = await presentSubmissions(bank, logged, { logBase, attemptsMax: a.attemptsMax });
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const policy = a;
  const views: QuestionView[] = [];
  for (const v of variants) {
    const slot = slotById.get(v.slotId)!;
    const q = await bank.get(v.version);
    const variant = (v.rendered as Variant | null) ?? bank.variant(q, v.seed);
    const mine = history.filter((h) => h.variantId === v.id);
    let wrongOnQuestion = 0;
    const parts = variant.parts.map((p) => {
      const tries = mine.filter((h) => h.results[p.id]);
      const prior = tries.map((h) => h.results[p.id]!);
      const state = attemptState(prior, policy);
      wrongOnQuestion += state.wrongBefore;
      const last = tries.at(-1);
      return {
        ...p, attemptsLeft: state.attemptsLeft,
        lastAnswer: last ? last.answers[p.id]! : null, lastResult: last ? last.results[p.id]! : null,
      };
    });
    views.push({
      slotId: v.slotId, position: slot.position, points: slot.points, variantId: v.id, questionId: slot.questionId,
      title: variant.title, text: variant.text, html: variant.html, score: scoreBySlot.get(v.slotId) ?? 0,
      newVariantAvailable: newVariantAllowed(wrongOnQuestion, policy), parts,
      ...(role !== 'student' || a.answersReleased ? correctAnswersOf(q, v.seed, logBase) : {}),
    });
  }
  return views.sort((x, y) => x.position - y.position);
}

export interface AssignmentInput {
  title: string; opensAt: string; dueAt: string;
  lateWindows?: { afterDueHours: number; credit: number }[];
  attemptsMax?: number | null; penaltyPerWrong?: number; newVariantAfterWrong?: number | null;
  published?: boolean; answersReleased?: boolean;
  slots?: { questionId: string; points: number }[];
}

/** Checks an instructor's assignment input; throws one error that lists every problem. */
export async function readAssignmentInput(sql: Sql, input: AssignmentInput): Promise<AssignmentFields> {
  const fields: AssignmentFields = {
    title: input.title, opensAt: new Date(input.opensAt), dueAt: new Date(input.dueAt),
    lateWindows: input.lateWindows ?? [], attemptsMax: input.attemptsMax ?? null,
    penaltyPerWrong: input.penaltyPerWrong ?? 0, newVariantAfterWrong: input.newVariantAfterWrong ?? null,
    published: input.published ?? false, answersReleased: input.answersReleased ?? false,
  };
  const problems = validatePolicy(fields);
  for (const s of input.slots ?? []) {
    if ((await currentVersionOf(sql, s.questionId)) === null) {
      problems.push(`question "${s.questionId}" is not in the bank: search the bank for its id`);
    }
  }
  if (problems.length > 0) throw badRequest('invalid_assignment', `Fix the assignment: ${problems.join('; ')}`, problems);
  return fields;
}
