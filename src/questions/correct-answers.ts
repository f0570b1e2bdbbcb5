// The correct answer of each part as people see it: text a student could type for full credit
// (rounded to the fewest figures that still grade right, formulas simplified) and HTML for pages
// (numbers and formulas typeset by KaTeX, choices by their option texts). Pure.
import { checkFormula, readExpression } from './expr/index.ts';
import { displayTex, displayText, simplifyForDisplay } from './expr/display.ts';
import type { PartSpec } from './spec.ts';
import type { GradeContext } from './grade.ts';
import { authorValue, substitute } from './values.ts';
import { formatCorrectNumber } from './checkers/tolerance.ts';
import { renderInline, renderMath } from './render.ts';
import { correctFiguresMax, correctFiguresMin } from './bounds.ts';

export interface CorrectAnswer {
  /** What a student could type for full credit. */
  text: string;
  /** Safe HTML to show it. */
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `9.81`, `1.5e-7` as TeX. */
function numberTex(text: string): string {
  const [mantissa, exponent] = text.split('e');
  return exponent === undefined ? mantissa! : `${mantissa} \\times 10^{${Number(exponent)}}`;
}

/** `m/s^2` as HTML with superscript powers. */
export function unitHtml(unit: string): string {
  return escapeHtml(unit).replace(/\^\(?(-?\d+)\)?/g, '<sup>$1</sup>');
}

function formulaAnswer(ctx: GradeContext, p: Extract<PartSpec, { type: 'formula' }>): CorrectAnswer {
  const correct = substitute(ctx.spec, p.answer, ctx.values, `parts.${p.id}.answer`, ctx.seed, 'formula');
  const read = readExpression(correct, { settings: ctx.settings, variables: p.variables, mode: 'author' });
  if (!read.ok) return { text: correct, html: `<code>${escapeHtml(correct)}</code>` };
  const shown = simplifyForDisplay(read.expr);
  const opts = { variables: p.variables, domains: p.domains, settings: ctx.settings,
    ...(p.relTol !== undefined ? { relTol: p.relTol } : {}), ...(p.absTol !== undefined ? { absTol: p.absTol } : {}) };
  // The fewest figures at which the shown formula is still graded right.
  for (let figures = correctFiguresMin; figures <= correctFiguresMax; figures++) {
    const text = displayText(shown, { figures });
    if (checkFormula(text, correct, opts).correct) return { text, html: renderMath(displayTex(shown, { figures }), false) };
  }
  return { text: correct, html: renderMath(read.tex, false) };
}

/** The correct answer of part `p` in the variant of `ctx`; `options` in the order this variant shows them. */
export function correctAnswerOf(ctx: GradeContext, p: PartSpec, options: readonly { id: string; text: string }[]): CorrectAnswer {
  const field = `parts.${p.id}.answer`;
  switch (p.type) {
    case 'number': {
      const text = formatCorrectNumber(authorValue(ctx.spec, p.answer, ctx.values, field, ctx.seed), p);
      return { text, html: renderMath(numberTex(text), false) };
    }
    case 'quantity': {
      const number = formatCorrectNumber(authorValue(ctx.spec, p.answer, ctx.values, field, ctx.seed), p);
      return { text: `${number} ${p.unit}`, html: `${renderMath(numberTex(number), false)} ${unitHtml(p.unit)}` };
    }
    case 'formula': return formulaAnswer(ctx, p);
    case 'choice': {
      const ids = p.answer.split(/[\s,]+/);
      const chosen = options.filter((o) => ids.includes(o.id));
      const html = chosen.map((o) => renderInline(substitute(ctx.spec, o.text, ctx.values, `parts.${p.id}.options.${o.id}`, ctx.seed)));
      return { text: chosen.map((o) => o.id).join(', '), html: html.join('; ') };
    }
    case 'text': {
      const text = substitute(ctx.spec, p.answer, ctx.values, field, ctx.seed);
      return { text, html: escapeHtml(text) };
    }
  }
}
