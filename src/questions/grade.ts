// One answer to one part of a variant → PartResult, by the part's checker.
import { checkFormula } from './expr/index.ts';
import type { PartResult, ReadingSettings } from './types.ts';
import type { PartSpec, QuestionSpec } from './spec.ts';
import { authorValue, substitute, type VariantValues } from './values.ts';
import { checkNumber } from './checkers/number.ts';
import { checkQuantity } from './checkers/quantity.ts';
import { checkChoice, readChoiceIds } from './checkers/choice.ts';
import { checkText } from './checkers/text.ts';
import { answerProblem } from './answer-text.ts';

export interface GradeContext { spec: QuestionSpec; values: VariantValues; seed: number; settings: ReadingSettings }

/** Grades `answer` against `expected`: the part's own answer, or an anticipated wrong one. */
export function checkPart(ctx: GradeContext, part: PartSpec, expected: string, answer: string, field: string): PartResult {
  const { spec, values, seed, settings } = ctx;
  switch (part.type) {
    case 'number': return checkNumber(answer, authorValue(spec, expected, values, field, seed), part, settings);
    case 'quantity': return checkQuantity(answer, authorValue(spec, expected, values, field, seed), part, settings);
    case 'formula': {
      const correct = substitute(spec, expected, values, field, seed, 'formula');
      return checkFormula(answer, correct, {
        variables: part.variables, domains: part.domains, settings,
        ...(part.relTol !== undefined ? { relTol: part.relTol } : {}),
        ...(part.absTol !== undefined ? { absTol: part.absTol } : {}),
      });
    }
    case 'choice': return checkChoice(answer, readChoiceIds(expected), part);
    case 'text': {
      const wanted = part.match === 'pattern' ? expected : substitute(spec, expected, values, field, seed);
      return checkText(answer, wanted, part);
    }
  }
}

/** What a part's correct answer is matched against: its pattern in pattern mode, else `answer`. */
export function expectedOf(part: PartSpec): string {
  return part.type === 'text' && part.pattern !== undefined ? part.pattern : part.answer;
}

/** The full verdict: the part's checker, then the author's feedback for an anticipated wrong answer. */
export function gradePart(ctx: GradeContext, part: PartSpec, answer: string): PartResult {
  const problem = answerProblem(answer);
  if (problem) return { status: 'invalid', score: 0, correct: false, feedback: problem, read: '', parsed: null };
  const result = checkPart(ctx, part, expectedOf(part), answer, `parts.${part.id}.answer`);
  if (result.status !== 'graded' || result.correct) return result;
  const lenient = part.type === 'number' || part.type === 'quantity' ? { ...part, sigfigs: undefined } : part;
  const hit = part.feedback.findIndex((fb, i) =>
    checkPart(ctx, lenient, fb.answer, answer, `parts.${part.id}.feedback[${i}].answer`).correct);
  if (hit < 0) return result;
  const text = substitute(ctx.spec, part.feedback[hit]!.text, ctx.values, `parts.${part.id}.feedback[${hit}].text`, ctx.seed);
  return { ...result, feedback: text };
}
