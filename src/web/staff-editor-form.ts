// The assignment settings form: its values as typed (so nothing is lost when a field is wrong),
// reading them into an assignment, and every problem shown next to the field it belongs to.
import type { FastifyRequest } from 'fastify';
import type { AssignmentInput } from '../app/assignments.ts';
import { attemptsMaxLimit, lateWindowsCountMax } from '../grading/index.ts';
import type { Assignment } from '../store/assignments.ts';
import { titleLengthMax } from '../server/schemas.ts';
import { html, type Html } from './html.ts';
import { csrfField, fieldError, fromLocalInput, inputField, toLocalInput } from './staff-common.ts';

/** Empty late-window rows offered beyond the ones already set. */
export const lateWindowRowsSpare = 2;
/** Longest text accepted in a numeric or date field of the form. */
export const formNumberLengthMax = 40;

export interface SettingsForm {
  title: string; opensAt: string; dueAt: string; attemptsMax: string; penaltyPerWrong: string; newVariantAfterWrong: string;
  published?: string; answersReleased?: string; [late: `late${number}${'Hours' | 'Credit'}`]: string;
}
export type Problems = Partial<Record<'form' | 'title' | 'opensAt' | 'dueAt' | 'late' | 'attemptsMax' | 'penaltyPerWrong' | 'newVariantAfterWrong', string>>;

const numberText = { type: 'string', maxLength: formNumberLengthMax } as const;
export const settingsFormSchema = {
  type: 'object', required: ['title', 'opensAt', 'dueAt'], additionalProperties: false,
  properties: {
    _csrf: { type: 'string' }, title: { type: 'string', maxLength: titleLengthMax }, opensAt: numberText, dueAt: numberText,
    attemptsMax: numberText, penaltyPerWrong: numberText, newVariantAfterWrong: numberText,
    published: { type: 'string', maxLength: 10 }, answersReleased: { type: 'string', maxLength: 10 },
  },
  patternProperties: { '^late([1-9]|10)(Hours|Credit)$': numberText },
} as const;

const dayMs = 86_400_000;
const optionalNumber = (n: number | null) => (n === null ? '' : String(n));

/** The form for a new assignment: opens now, due in a week (course time zone). */
export function blankForm(timeZone: string, now = new Date()): SettingsForm {
  return {
    title: '', opensAt: toLocalInput(now, timeZone), dueAt: toLocalInput(new Date(now.getTime() + 7 * dayMs), timeZone),
    attemptsMax: '3', penaltyPerWrong: '0', newVariantAfterWrong: '',
  };
}

export function formOf(a: Assignment, timeZone: string): SettingsForm {
  const form: SettingsForm = {
    title: a.title, opensAt: toLocalInput(a.opensAt, timeZone), dueAt: toLocalInput(a.dueAt, timeZone),
    attemptsMax: optionalNumber(a.attemptsMax), penaltyPerWrong: String(a.penaltyPerWrong),
    newVariantAfterWrong: optionalNumber(a.newVariantAfterWrong),
    ...(a.published ? { published: 'on' } : {}), ...(a.answersReleased ? { answersReleased: 'on' } : {}),
  };
  a.lateWindows.forEach((w, i) => { form[`late${i + 1}Hours`] = String(w.afterDueHours); form[`late${i + 1}Credit`] = String(w.credit); });
  return form;
}

/** A number typed in the form; '' gives `empty`, anything unreadable gives NaN (the policy check names it). */
const readNumber = (text: string | undefined, empty: number | null): number | null =>
  text === undefined || text.trim() === '' ? empty : Number(text.trim());

/** The form as an assignment input, or the problems that stop it being one. */
export function readForm(form: SettingsForm, timeZone: string): { input: AssignmentInput | null; problems: Problems } {
  const problems: Problems = {};
  const title = form.title.trim();
  if (title === '') problems.title = 'Give the assignment a title.';
  const opensAt = fromLocalInput(form.opensAt, timeZone);
  const dueAt = fromLocalInput(form.dueAt, timeZone);
  if (!opensAt) problems.opensAt = 'Enter the open date and time (for example 2025-03-01 09:00).';
  if (!dueAt) problems.dueAt = 'Enter the due date and time (for example 2025-03-08 23:59).';
  const lateWindows: { afterDueHours: number; credit: number }[] = [];
  for (let i = 1; i <= lateWindowsCountMax; i++) {
    const hours = form[`late${i}Hours`]?.trim() ?? '';
    const credit = form[`late${i}Credit`]?.trim() ?? '';
    if (hours === '' && credit === '') continue;
    if (hours === '' || credit === '') { problems.late = `Late window ${i}: fill in both the hours and the credit, or clear both.`; continue; }
    lateWindows.push({ afterDueHours: Number(hours), credit: Number(credit) });
  }
  if (Object.keys(problems).length > 0 || !opensAt || !dueAt) return { input: null, problems };
  return {
    problems,
    input: {
      title, opensAt: opensAt.toISOString(), dueAt: dueAt.toISOString(), lateWindows,
      attemptsMax: readNumber(form.attemptsMax, null), penaltyPerWrong: readNumber(form.penaltyPerWrong, 0) ?? 0,
      newVariantAfterWrong: readNumber(form.newVariantAfterWrong, null),
      published: form.published === 'on', answersReleased: form.answersReleased === 'on',
    },
  };
}

// The policy check's sentences start with what they are about; this puts each next to its field.
const problemFields: [RegExp, keyof Problems][] = [
  [/^The open date/, 'opensAt'], [/^The due date/, 'dueAt'], [/^(Late window|An assignment may have at most)/, 'late'],
  [/^Attempts per part/, 'attemptsMax'], [/^The penalty/, 'penaltyPerWrong'], [/^"New variant/, 'newVariantAfterWrong'],
];

/** The policy check's problems (one sentence each), by field. */
export function problemsByField(sentences: readonly string[]): Problems {
  const problems: Problems = {};
  for (const sentence of sentences) {
    const field = problemFields.find(([pattern]) => pattern.test(sentence))?.[1] ?? 'form';
    problems[field] = problems[field] ? `${problems[field]} ${sentence}` : sentence;
  }
  return problems;
}

function lateWindowsFieldset(form: SettingsForm, problem: string | undefined): Html {
  const used = Array.from({ length: lateWindowsCountMax }, (_, i) => i + 1).filter((i) => form[`late${i}Hours`] || form[`late${i}Credit`]);
  const rows = Math.min(lateWindowsCountMax, Math.max(0, ...used) + lateWindowRowsSpare);
  return html`<fieldset ${problem ? html`aria-describedby="f-late-error"` : null}>
    <legend>Late windows</legend>
    <p class="hint">An answer received up to the given hours after the due date earns the given credit (0.8 means 80%). List them from shortest to longest; leave a row empty to skip it.</p>
    ${Array.from({ length: rows }, (_, k) => k + 1).map((i) => html`<div class="field-row">
      ${inputField({ name: `late${i}Hours`, label: `Late window ${i}: hours after the due date`, type: 'number', value: form[`late${i}Hours`] ?? '', attrs: html`min="0" step="any"` })}
      ${inputField({ name: `late${i}Credit`, label: `Late window ${i}: credit (0 to 1)`, type: 'number', value: form[`late${i}Credit`] ?? '', attrs: html`min="0" max="1" step="any"` })}
    </div>`)}
    ${fieldError('f-late', problem)}
  </fieldset>`;
}

function checkbox(name: 'published' | 'answersReleased', label: string, hint: string, form: SettingsForm): Html {
  return html`<div class="check"><input type="checkbox" id="f-${name}" name="${name}" aria-describedby="f-${name}-hint" ${form[name] === 'on' ? 'checked' : null}>
    <label for="f-${name}">${label}</label></div><p class="hint" id="f-${name}-hint">${hint}</p>`;
}

/** The settings form; `timeZone` is named on every date so no one guesses whose clock it is. */
export function settingsFormHtml(req: FastifyRequest, action: string, form: SettingsForm, problems: Problems, timeZone: string, submitText: string): Html {
  const zone = `in the course time zone, ${timeZone}`;
  return html`<form method="post" action="${action}" class="stack settings-form" novalidate>
    ${csrfField(req)}
    ${problems.form ? html`<p class="notice notice-error" role="alert">${problems.form}</p>` : null}
    ${Object.keys(problems).length > 0 && !problems.form ? html`<p class="notice notice-error" role="alert">Some fields need fixing: see the messages next to them. Nothing you typed was lost.</p>` : null}
    ${inputField({ name: 'title', label: 'Title', type: 'text', value: form.title, problem: problems.title, attrs: html`required maxlength="${titleLengthMax}"` })}
    <div class="field-row">
      ${inputField({ name: 'opensAt', label: 'Opens', type: 'datetime-local', value: form.opensAt, hint: zone, problem: problems.opensAt, attrs: html`required` })}
      ${inputField({ name: 'dueAt', label: 'Due', type: 'datetime-local', value: form.dueAt, hint: zone, problem: problems.dueAt, attrs: html`required` })}
    </div>
    ${lateWindowsFieldset(form, problems.late)}
    <div class="field-row">
      ${inputField({ name: 'attemptsMax', label: 'Attempts per part', type: 'number', value: form.attemptsMax, hint: `1 to ${attemptsMaxLimit}; empty for unlimited`, problem: problems.attemptsMax, attrs: html`min="1" max="${attemptsMaxLimit}" step="1"` })}
      ${inputField({ name: 'penaltyPerWrong', label: 'Penalty per wrong attempt', type: 'number', value: form.penaltyPerWrong, hint: '0 to 1; 0.1 takes 10% per earlier wrong attempt', problem: problems.penaltyPerWrong, attrs: html`min="0" max="1" step="any"` })}
      ${inputField({ name: 'newVariantAfterWrong', label: 'New variant after wrong attempts', type: 'number', value: form.newVariantAfterWrong, hint: 'a fresh version of the question after this many wrong attempts; empty for never', problem: problems.newVariantAfterWrong, attrs: html`min="1" max="${attemptsMaxLimit}" step="1"` })}
    </div>
    ${checkbox('published', 'Published', 'Students see published assignments from their open date.', form)}
    ${checkbox('answersReleased', 'Correct answers released', 'Students see the correct answers of their variants.', form)}
    <button type="submit">${submitText}</button>
  </form>`;
}
