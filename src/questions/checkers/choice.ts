// Choice parts: one or several option ids; partial-credit modes for several.
import type { PartResult } from '../types.ts';
import type { ChoiceCredit, ChoicePartSpec } from '../spec.ts';
import { graded, invalid } from './result.ts';

/** Option ids named in an answer: separated by commas or spaces, in any order. */
export function readChoiceIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export function checkChoice(text: string, correctIds: readonly string[], part: Pick<ChoicePartSpec, 'options' | 'multiple' | 'credit'>): PartResult {
  const chosen = readChoiceIds(text);
  const known = part.options.map((o) => o.id);
  const unknown = chosen.filter((id) => !known.includes(id));
  if (unknown.length > 0) return invalid(`\`${unknown[0]}\` is not one of the options; choose among ${known.join(', ')}`);
  if (chosen.length === 0) return invalid(part.multiple ? 'choose at least one option' : 'choose one option');
  if (!part.multiple && chosen.length > 1) return invalid('choose only one option');
  const read = known.filter((id) => chosen.includes(id)).join(', ');
  return graded(choiceScore(chosen, correctIds, known, part.credit), '', read, chosen.slice().sort());
}

/** Score 0..1 of the chosen set; the same for every order of `chosen`. */
export function choiceScore(chosen: readonly string[], correct: readonly string[], all: readonly string[], credit: ChoiceCredit): number {
  const hits = chosen.filter((id) => correct.includes(id)).length;
  const wrongPicks = chosen.length - hits;
  switch (credit) {
    case 'all-or-nothing':
      return hits === correct.length && wrongPicks === 0 ? 1 : 0;
    case 'each-correct-minus-wrong':
      return Math.max(0, (hits - wrongPicks) / correct.length);
    case 'each-option': {
      const rightCalls = all.filter((id) => chosen.includes(id) === correct.includes(id)).length;
      return rightCalls / all.length;
    }
  }
}
