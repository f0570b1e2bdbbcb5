// HTML templating: a tagged template that escapes every interpolation unless it is already
// Html (made by this tag or marked with `trusted`). Arrays are joined; null/undefined/false render nothing.

/** A fragment of HTML known to be safe to emit as is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: escapes &, <, >, " and '. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** html`<p>${userText}</p>`: every interpolation is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/**
 * Marks HTML made elsewhere as safe: only for HTML the question core has sanitized (question
 * text, options, feedback, hints). Never pass anything a user typed.
 */
export function trusted(sanitizedHtml: string): Html {
  return new Html(sanitizedHtml);
}
