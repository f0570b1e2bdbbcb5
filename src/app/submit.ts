// The submission path (DESIGN §4): authorize, judge the time, grade with the pure core, and store
// the submission with its score projection in one statement. A repeated id returns what was stored.
import type { Sql } from 'postgres';
import {
  attemptState, creditedScore, judgeTiming, projectQuestionScore,
} from '../grading/index.ts';
import { answerLengthMax, gradeAnswer, hintsFor, type Question } from '../questions/index.ts';
import {
  presentContextOfVariant, storeSubmission, submissionsOfVariants, type LoggedSubmission, type StoredPartResult,
  type StoredSubmission, type SubmitContext, type SubmitDecision,
} from '../store/submissions.ts';
import type { QuestionBank } from './bank.ts';
import { presentSubmissions } from './history.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors.ts';

// Tab and newline are ordinary in text answers; any other C0/C1 control character is not typing.
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Most parts one submission may answer. */
export const submissionPartsMax = 50;

export interface SubmissionInput {
  id: string;
  variantId: string;
  answers: Record<string, string>;
  capturedAt: Date | null;
}
export interface Provenance { region: string; node: string }

export interface SubmissionBody {
  id: string;
  variantId: string;
  answers: Record<string, string>;
  results: Record<string, StoredPartResult>;
  timing: StoredSubmission['timing'];
  serverTime: string;
  capturedAt: string | null;
}

export function submissionBody(s: StoredSubmission): SubmissionBody {
  return {
    id: s.id, variantId: s.variantId, answers: s.answers, results: s.results, timing: s.timing,
    serverTime: s.serverTime.toISOString(), capturedAt: s.capturedAt ? s.capturedAt.toISOString() : null,
  };
}

/** Stores one submission exactly once; returns the stored body (the first one for a repeated id). */
export async function submit(
  sql: Sql, bank: QuestionBank, userId: string, input: SubmissionInput, where: Provenance,
): Promise<{ body: SubmissionBody; fresh: boolean }> {
  const outcome = await storeSubmission(sql, input.id, input.variantId, where,
    async (ctx) => decide(ctx, bank, await bank.get(ctx.variant.version), userId, input, where));
  if (outcome === null) throw notFound('That question variant');
  if ('error' in outcome) throw outcome.error;
  if (outcome.fresh) return { body: submissionBody(outcome.stored), fresh: true };
  return { body: await repeatOf(sql, bank, outcome.stored, userId), fresh: false };
}

/** The body first returned for a repeated id, explained as it was then. */
async function repeatOf(sql: Sql, bank: QuestionBank, s: LoggedSubmission, userId: string): Promise<SubmissionBody> {
  if (s.userId !== userId) {
    throw conflict('submission_id_taken', 'This submission id belongs to another submission: make a new UUID for each submission');
  }
  const [history, ctx] = await Promise.all([submissionsOfVariants(sql, [s.variantId]), presentContextOfVariant(sql, s.variantId)]);
  const upToIt = history.slice(0, history.findIndex((h) => h.id === s.id) + 1);
  return submissionBody((await presentSubmissions(bank, upToIt, ctx)).at(-1)!);
}


function decide(
  ctx: SubmitContext, bank: QuestionBank, q: Question, userId: string, input: SubmissionInput, where: Provenance,
): SubmitDecision {
  try {
    return { store: true, ...grade(ctx, bank, q, userId, input, where) };
  } catch (error) {
    if (error instanceof AppError) return { store: false, error };
    throw error;
  }
}

function grade(
  ctx: SubmitContext, bank: QuestionBank, q: Question, userId: string, input: SubmissionInput, where: Provenance,
) {
  if (ctx.variant.userId !== userId) throw forbidden('This question variant belongs to another student: open the assignment from your own course page');
  if (!ctx.assignment.published) throw notFound('That assignment');
  if (!ctx.newest) throw conflict('variant_replaced', 'You have a newer version of this question: reload the page and answer that one');
  const variant = bank.variant(q, ctx.variant.seed);
  checkParts(variant.parts.map((p) => p.id), input.answers);
  const policy = ctx.assignment;
  const timing = judgeTiming({
    policy, extensionDueAt: ctx.extensionDueAt, serverTime: ctx.serverTime, capturedAt: input.capturedAt,
    outages: ctx.outages, outageGraceMinutes: ctx.settings.outageGraceMinutes,
  });
  if (!timing.accepted) throw new AppError(409, `assignment_${timing.kind}`, timing.reason);
  const results: Record<string, StoredPartResult> = {};
  const best = { ...ctx.bestPerPart };
  for (const [partId, answer] of Object.entries(input.answers)) {
    const prior = ctx.prior.map((p) => p.parts[partId]).filter((r) => r !== undefined);
    const state = attemptState(prior, policy);
    if (!state.canSubmit) throw conflict('no_attempts_left', state.reason ?? `No attempts are left for part ${partId}`);
    const r = gradeAnswer(q, ctx.variant.seed, partId, answer, { logBase: ctx.settings.logBase });
    const graded = r.status === 'graded';
    const credited = graded
      ? creditedScore(r.score, { wrongBefore: state.wrongBefore, penaltyPerWrong: policy.penaltyPerWrong, timingCredit: timing.credit })
      : 0;
    const triesNow = state.attemptsUsed + (graded ? 1 : 0);
    results[partId] = {
      status: r.status, score: r.score, credited, correct: r.correct, feedback: r.feedback, read: r.read, parsed: r.parsed,
      hints: hintsFor(q, ctx.variant.seed, partId, triesNow),
      attemptsLeft: state.attemptsLeft === null ? null : state.attemptsLeft - (graded ? 1 : 0),
    };
    if (graded) best[partId] = Math.max(best[partId] ?? 0, credited);
  }
  const attempts = Object.entries(best).map(([partId, credited]) => ({ partId, credited, serverTime: ctx.serverTime }));
  const fraction = projectQuestionScore(variant.parts, attempts).fraction;
  const submission: StoredSubmission = {
    id: input.id, variantId: input.variantId, userId, answers: input.answers, results,
    timing: { kind: timing.kind, credit: timing.credit, reason: timing.reason },
    serverTime: ctx.serverTime, capturedAt: input.capturedAt, region: where.region, node: where.node,
  };
  return { submission, fraction, bestPerPart: best };
}

function checkParts(partIds: string[], answers: Record<string, string>): void {
  const given = Object.keys(answers);
  if (given.length === 0) throw badRequest('no_answers', 'The submission has no answers: fill in at least one part');
  if (given.length > submissionPartsMax) throw badRequest('too_many_parts', `A submission answers at most ${submissionPartsMax} parts`);
  const unknown = given.filter((p) => !partIds.includes(p));
  if (unknown.length > 0) {
    throw badRequest('unknown_part', `This question has no part ${unknown.map((p) => `"${p}"`).join(', ')}: its parts are ${partIds.join(', ')}`);
  }
  for (const [partId, text] of Object.entries(answers)) {
    if (text.length > answerLengthMax) {
      throw badRequest('answer_too_long', `The answer to part ${partId} is longer than ${answerLengthMax} characters: shorten it`);
    }
    if (controlCharacters.test(text)) {
      throw badRequest('binary_answer', `The answer to part ${partId} contains control characters: type it as plain text`);
    }
  }
}
