// The question core's public API: load files, make variants, grade answers. Pure.
import { createHash } from 'node:crypto';
import { defaultReadingSettings } from './types.ts';
import type { PartResult, Question, ReadingSettings, Variant, VariantPart } from './types.ts';
import type { PartSpec, QuestionSpec } from './spec.ts';
import { parseQuestionFile, questionIdAt } from './file.ts';
import { drawValues, shuffled, streamSeed, substitute, type VariantValues } from './values.ts';
import { checkPart, gradePart, type GradeContext } from './grade.ts';
import { answerProblem } from './answer-text.ts';
import { renderInline, renderMarkdown } from './render.ts';
import { correctAnswerOf, type CorrectAnswer } from './correct-answers.ts';
import { makeRng, readExpression } from './expr/index.ts';
import { validateSeedsCount } from './bounds.ts';

export * from './types.ts';
export * from './bounds.ts';
export { seedMax } from './values.ts';
export type { CorrectAnswer } from './correct-answers.ts';

/** Most problems validateQuestion reports for one question before it stops looking. */
export const validateProblemsMax = 20;

/** Parses and checks a question file; throws QuestionFileError(file, line, field, detail). */
export function loadQuestion(text: string, file: string): Question {
  const parsed = parseQuestionFile(text, file);
  const id = parsed.id ?? questionIdAt(parsed.fields, (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, ''));
  const version = createHash('sha256').update(text, 'utf8').digest('hex');
  return { id, title: parsed.title, topics: parsed.topics, version, source: text, spec: parsed.spec };
}

/**
 * Feedback texts are Markdown with TeX (authors write `$h = \tfrac12 g t^2$`, checkers quote the
 * answer in backticks); this renders one as safe HTML, even when it quotes a student's answer.
 */
export function renderFeedbackHtml(feedback: string): string {
  return renderInline(feedback);
}

function specOf(q: Question): QuestionSpec {
  return q.spec as QuestionSpec;
}

function context(q: Question, seed: number, settings: ReadingSettings = defaultReadingSettings): GradeContext {
  return { spec: specOf(q), values: drawValues(specOf(q), q.version, seed), seed, settings };
}

/** The variant (version, seed): always the same for the same pair. */
export function makeVariant(q: Question, seed: number): Variant {
  const ctx = context(q, seed);
  const text = substitute(ctx.spec, ctx.spec.body, ctx.values, 'text', seed);
  return {
    questionId: q.id, version: q.version, seed, title: q.title, text,
    html: renderMarkdown(text),
    parts: ctx.spec.parts.map((p) => variantPart(q, p, ctx.values, seed)),
  };
}

function variantPart(q: Question, p: PartSpec, values: VariantValues, seed: number): VariantPart {
  const spec = specOf(q);
  const base = { id: p.id, type: p.type, label: substitute(spec, p.label, values, `parts.${p.id}.label`, seed), weight: p.weight };
  if (p.type === 'quantity') return { ...base, expectsUnits: true };
  if (p.type !== 'choice') return base;
  const options = optionOrder(q, p, seed).map((o) => ({
    id: o.id, html: renderInline(substitute(spec, o.text, values, `parts.${p.id}.options.${o.id}`, seed)),
  }));
  return { ...base, options, multiple: p.multiple };
}

function optionOrder(q: Question, p: Extract<PartSpec, { type: 'choice' }>, seed: number): { id: string; text: string }[] {
  return p.shuffle ? shuffled(p.options, makeRng(streamSeed(q.version, seed, `options:${p.id}`))) : p.options;
}

function findPart(q: Question, partId: string): PartSpec | undefined {
  return specOf(q).parts.find((p) => p.id === partId);
}

function unknownPart(q: Question, partId: string): PartResult {
  const ids = specOf(q).parts.map((p) => p.id).join(', ');
  return { status: 'invalid', score: 0, correct: false, feedback: `this question has no part \`${partId.slice(0, 40)}\`; its parts are ${ids}`, read: '', parsed: null };
}

export function gradeAnswer(q: Question, seed: number, partId: string, answer: string, settings: ReadingSettings): PartResult {
  const part = findPart(q, partId);
  if (!part) return unknownPart(q, partId);
  return gradePart(context(q, seed, settings), part, answer);
}

/** Per part, the correct answer: text a student could type for full credit, and HTML to show it. */
export function correctAnswersShown(q: Question, seed: number, settings: ReadingSettings = defaultReadingSettings): Record<string, CorrectAnswer> {
  const ctx = context(q, seed, settings);
  return Object.fromEntries(ctx.spec.parts.map((p) => [p.id, correctAnswerOf(ctx, p, p.type === 'choice' ? optionOrder(q, p, seed) : [])]));
}

/** Per part, an answer text a student could type for full credit. */
export function correctAnswers(q: Question, seed: number, settings: ReadingSettings = defaultReadingSettings): Record<string, string> {
  return Object.fromEntries(Object.entries(correctAnswersShown(q, seed, settings)).map(([id, a]) => [id, a.text]));
}

/** Hints (safe HTML) unlocked after `triesSoFar` graded tries; none for an unknown part. */
export function hintsFor(q: Question, seed: number, partId: string, triesSoFar: number): string[] {
  const part = findPart(q, partId);
  if (!part) return [];
  const ctx = context(q, seed);
  return part.hints.filter((h) => triesSoFar >= h.after)
    .map((h, i) => renderInline(substitute(ctx.spec, h.text, ctx.values, `parts.${partId}.hints[${i}]`, seed)));
}

/** "How we read your answer", without saying whether it is right. */
export function previewAnswer(q: Question, seed: number, partId: string, answer: string, settings: ReadingSettings):
  { ok: true; read: string } | { ok: false; message: string } {
  const part = findPart(q, partId);
  if (!part) return { ok: false, message: unknownPart(q, partId).feedback };
  const problem = answerProblem(answer);
  if (problem) return { ok: false, message: problem };
  if (part.type === 'formula') {
    const read = readExpression(answer, { settings, variables: part.variables, mode: 'student' });
    return read.ok ? { ok: true, read: read.read } : { ok: false, message: read.message };
  }
  const result = checkPart(context(q, seed, settings), part, part.answer, answer, `parts.${partId}.answer`);
  return result.status === 'graded' ? { ok: true, read: result.read } : { ok: false, message: result.feedback };
}

/**
 * Problems of a question, as sentences: for each seed the variant must render, and every
 * part's correct answer must grade fully correct and match none of its anticipated wrong answers.
 */
export function validateQuestion(q: Question, seedsCount = validateSeedsCount): string[] {
  const problems: string[] = [];
  for (let seed = 0; seed < seedsCount && problems.length < validateProblemsMax; seed++) {
    try {
      makeVariant(q, seed);
      problems.push(...seedProblems(q, seed));
    } catch (e) {
      problems.push(`seed ${seed}: ${(e as Error).message}`);
    }
  }
  return [...new Set(problems)].slice(0, validateProblemsMax);
}

function seedProblems(q: Question, seed: number): string[] {
  const answers = correctAnswers(q, seed);
  const ctx = context(q, seed);
  return ctx.spec.parts.flatMap((p) => {
    const answer = answers[p.id]!;
    const r = gradePart(ctx, p, answer);
    const out = r.correct ? [] : [`seed ${seed}, part ${p.id}: the correct answer \`${answer}\` grades ${r.status} with score ${r.score} (${r.feedback})`];
    p.feedback.forEach((fb, i) => {
      if (checkPart(ctx, p, fb.answer, answer, `parts.${p.id}.feedback[${i}].answer`).correct) {
        out.push(`seed ${seed}, part ${p.id}: feedback[${i}] anticipates the correct answer \`${answer}\`; make it a wrong one`);
      }
    });
    return out;
  });
}
