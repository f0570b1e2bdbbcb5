// One question of an assignment page: its sanitized, KaTeX-rendered text, a form with a labelled
// input (or fieldset) per part, per-part feedback, attempts left, hints, and the attempt history.
// Regions marked data-fresh are what client scripts swap in after an answer is saved.
import { randomUUID } from 'node:crypto';
import type { QuestionView } from '../app/assignments.ts';
import type { SubmissionBody } from '../app/submit.ts';
import { answerLengthMax, renderFeedbackHtml } from '../questions/index.ts';
import type { StoredPartResult } from '../store/submissions.ts';
import { html, trusted, type Html } from './html.ts';

type Part = QuestionView['parts'][number];
export interface QuestionContext {
  assignmentId: string; csrfToken: string; timeZone: string; acceptsAnswers: boolean;
  history: SubmissionBody[]; problem: string | null;
}

/** Rendered feedback kept per process: the same texts recur across students, and rendering (Markdown + KaTeX) costs ~0.4 ms. */
export const feedbackHtmlCacheMax = 5_000;
const feedbackHtmlCache = new Map<string, Html>();

function feedbackHtml(feedback: string): Html {
  let hit = feedbackHtmlCache.get(feedback);
  if (!hit) {
    if (feedbackHtmlCache.size >= feedbackHtmlCacheMax) feedbackHtmlCache.delete(feedbackHtmlCache.keys().next().value!);
    hit = trusted(renderFeedbackHtml(feedback));
    feedbackHtmlCache.set(feedback, hit);
  }
  return hit;
}

const pts = (x: number) => String(Math.round(x * 100) / 100);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const domId = (n: number, i: number) => `q${n}-p${i}`;

function verdict(r: StoredPartResult): Html {
  if (r.status === 'invalid') return html`<span class="verdict verdict-invalid"><span aria-hidden="true">⚠</span> Could not read this answer (no attempt used)</span>`;
  if (r.correct) return html`<span class="verdict verdict-right"><span aria-hidden="true">✓</span> Correct</span>`;
  if (r.score > 0) return html`<span class="verdict verdict-partial"><span aria-hidden="true">◐</span> Partly right (${pct(r.score)})</span>`;
  return html`<span class="verdict verdict-wrong"><span aria-hidden="true">✗</span> Not right</span>`;
}

function resultHtml(p: Part, correct: string | undefined): Html {
  // `correct` is safe HTML from the question core (KaTeX, option texts), never student text.
  const r = p.lastResult;
  return html`${r ? html`<p>${verdict(r)}${r.status === 'graded' && r.credited !== r.score ? html` · credit ${pct(r.credited)}` : null}</p>
    ${p.lastAnswer !== null ? html`<p class="small">You answered <code>${p.lastAnswer}</code>${r.read && r.read !== p.lastAnswer ? html`, read as <code>${r.read}</code>` : null}.</p>` : null}
    ${r.feedback ? html`<div class="feedback">${feedbackHtml(r.feedback)}</div>` : null}
    ${r.hints.length > 0 ? html`<div class="hints"><p><strong>Hint${r.hints.length > 1 ? 's' : ''}:</strong></p><ul>${r.hints.map((h) => html`<li>${trusted(h)}</li>`)}</ul></div>` : null}` : null}
  ${correct !== undefined ? html`<p class="small correct-answer">Correct answer: ${trusted(correct)}</p>` : null}`;
}

function attemptsText(p: Part): string {
  if (p.attemptsLeft === null) return 'Unlimited attempts';
  return p.attemptsLeft === 0 ? 'No attempts left' : `Attempts left: ${p.attemptsLeft}`;
}

function inputHtml(p: Part, id: string, disabled: boolean): Html {
  const name = `answer.${p.id}`;
  if (p.type === 'choice') {
    const kind = p.multiple ? 'checkbox' : 'radio';
    const chosen = new Set((p.lastAnswer ?? '').split(/[\s,;]+/));
    return html`<fieldset class="choices" ${disabled ? 'disabled' : null}>
      <legend>${p.label}${p.multiple ? ' (choose all that apply)' : ''}</legend>
      ${(p.options ?? []).map((o, k) => html`<div class="choice">
        <input type="${kind}" id="${id}-o${k}" name="${name}" value="${o.id}" ${chosen.has(o.id) ? 'checked' : null}>
        <label for="${id}-o${k}">${trusted(o.html)}</label></div>`)}
    </fieldset>`;
  }
  return html`<label for="${id}">${p.label}${p.expectsUnits ? ' (with units)' : ''}</label>
    <input type="text" id="${id}" name="${name}" value="${p.lastAnswer ?? ''}" maxlength="${answerLengthMax}"
      autocomplete="off" autocapitalize="off" spellcheck="false" data-preview="${p.type !== 'text' ? 'on' : 'off'}"
      aria-describedby="${id}-preview ${id}-attempts" ${disabled ? 'disabled' : null}>
    <p class="preview small" id="${id}-preview" aria-live="polite"></p>`;
}

function partHtml(q: QuestionView, p: Part, i: number, acceptsAnswers: boolean): Html {
  const id = domId(q.position, i);
  return html`<div class="part" data-part-id="${p.id}" data-dom-id="${id}">
    ${inputHtml(p, id, !acceptsAnswers || p.attemptsLeft === 0)}
    <p class="small attempts" id="${id}-attempts" data-fresh>${attemptsText(p)}</p>
    <p class="save-state" id="${id}-state" role="status"></p>
    <div class="result" id="${id}-result" data-fresh>${resultHtml(p, q.correctAnswersHtml?.[p.id])}</div>
  </div>`;
}

function historyHtml(q: QuestionView, history: SubmissionBody[]): Html {
  const n = q.position;
  return html`<details class="history" id="q${n}-history" data-fresh>
    <summary>Your attempts at question ${n} (${history.length})</summary>
    ${history.length === 0 ? html`<p>No attempts yet.</p>` : html`<table>
      <caption class="visually-hidden">Attempts at question ${n}, oldest first</caption>
      <thead><tr><th scope="col">Received</th>${q.parts.map((p) => html`<th scope="col">Part ${p.id}</th>`)}<th scope="col">Timing</th></tr></thead>
      <tbody>${history.map((s) => html`<tr>
        <td><time datetime="${s.serverTime}" data-local>${s.serverTime.slice(0, 16).replace('T', ' ')} UTC</time></td>
        ${q.parts.map((p) => {
          const r = s.results[p.id];
          return html`<td>${r ? html`<code>${s.answers[p.id] ?? ''}</code> ${verdict(r)}` : html`<span class="small">not answered</span>`}</td>`;
        })}
        <td class="small">${s.timing.reason}</td></tr>`)}</tbody></table>`}
  </details>`;
}

function newVariantForm(q: QuestionView, ctx: QuestionContext): Html {
  return html`<form method="post" action="/assignments/${ctx.assignmentId}/new-variant" class="new-variant">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <input type="hidden" name="variantId" value="${q.variantId}">
    <p class="small">After several wrong tries you may start this question again with new numbers (your best score is kept).</p>
    <button type="submit">New version of question ${q.position}</button>
  </form>`;
}

/** The question's section; `ctx.problem` is a refusal to show at its form (no-JS submit). */
export function questionHtml(q: QuestionView, ctx: QuestionContext): Html {
  const n = q.position;
  return html`<section class="question" id="question-${n}" aria-labelledby="q${n}-title" data-variant-id="${q.variantId}">
    <h2 id="q${n}-title">Question ${n}: ${q.title} <span class="small">(${pts(q.points)} points)</span></h2>
    <p class="score" id="q${n}-score" data-fresh>Score: ${pts(q.score * q.points)} of ${pts(q.points)} points</p>
    <div class="question-text">${trusted(q.html)}</div>
    ${ctx.problem ? html`<p class="notice notice-error" role="alert">${ctx.problem}</p>` : null}
    <form method="post" action="/assignments/${ctx.assignmentId}/submit" class="question-form" id="answer-${q.variantId}" data-variant-id="${q.variantId}">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      <input type="hidden" name="variantId" value="${q.variantId}">
      <input type="hidden" name="submissionId" value="${randomUUID()}">
      ${q.parts.map((p, i) => partHtml(q, p, i, ctx.acceptsAnswers))}
      <div class="actions"><button type="submit" ${ctx.acceptsAnswers ? null : 'disabled'}>Submit question ${n}</button></div>
    </form>
    ${q.newVariantAvailable && ctx.acceptsAnswers ? newVariantForm(q, ctx) : null}
    ${historyHtml(q, ctx.history)}
  </section>`;
}
