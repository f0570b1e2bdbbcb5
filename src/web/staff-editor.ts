// The assignment editor: create and edit an assignment's settings, its question slots and their
// points, search the question bank (title, topic, text) to add slots, and preview any question
// at any seed with its correct answers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readAssignmentInput, slotsPerAssignmentMax } from '../app/assignments.ts';
import { AppError, badRequest } from '../app/errors.ts';
import { correctAnswersShown, type PartType } from '../questions/index.ts';
import { prepareIfPublished } from '../app/prepare.ts';
import { insertAssignment, insertSlots, updateAssignment } from '../store/assignments.ts';
import { currentVersionOf, searchBank } from '../store/bank.ts';
import { slotsWithTitles, updateSlotPoints } from '../store/web-staff.ts';
import { bankQueryLengthMax, bankSearchResultsMax } from '../server/routes/bank.ts';
import type { ServerContext } from '../server/context.ts';
import { idParams } from '../server/schemas.ts';
import { html, trusted, type Html } from './html.ts';
import {
  blankForm, formOf, problemsByField, readForm, settingsFormHtml, settingsFormSchema, type Problems, type SettingsForm,
} from './staff-editor-form.ts';
import { csrfField, editorRoles, points, sendStaffPage, staffAssignment, staffCourse, type StaffAssignment, type StaffCourse } from './staff-common.ts';

/** What each kind of answer blank is called on staff pages. */
const partKindLabels: Record<PartType, string> = {
  number: 'Number', quantity: 'Number with unit', formula: 'Formula', choice: 'Choice', text: 'Text',
};

/** Most points one slot may be worth (as the JSON API allows). */
export const slotPointsMax = 10_000;
/** Largest seed a preview accepts (seeds are 31-bit). */
export const previewSeedMax = 2_147_483_647;

interface EditQuery { q?: string; preview?: string; seed?: number; saved?: string }
const questionIdText = { type: 'string', minLength: 1, maxLength: 200 } as const;
const editQuerySchema = {
  type: 'object', additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: bankQueryLengthMax }, preview: questionIdText,
    seed: { type: 'integer', minimum: 0, maximum: previewSeedMax }, saved: { type: 'string', enum: ['settings', 'points', 'slot'] },
  },
} as const;

/** Reads and checks the form; on a problem, the problems by field (the form is shown again as typed). */
async function checkedFields(ctx: ServerContext, form: SettingsForm, timeZone: string) {
  const { input, problems } = readForm(form, timeZone);
  if (!input) return { problems };
  try {
    return { fields: await readAssignmentInput(ctx.db.sql, input) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_assignment') return { problems: problemsByField(err.details as string[]) };
    throw err;
  }
}

function newPage(req: FastifyRequest, reply: FastifyReply, s: StaffCourse, form: SettingsForm, problems: Problems, status = 200) {
  return sendStaffPage(req, reply, s, {
    title: 'New assignment', section: 'overview', status,
    main: html`<h1>New assignment</h1>
      <p class="small">Save it first; then add questions from the bank and publish it.</p>
      ${settingsFormHtml(req, `/courses/${s.course.id}/assignments/new`, form, problems, s.course.settings.timeZone, 'Create assignment')}`,
  });
}

const savedText: Record<string, string> = { settings: 'Settings saved.', points: 'Points saved.', slot: 'Question added.' };

async function slotsSection(ctx: ServerContext, req: FastifyRequest, s: StaffAssignment): Promise<Html> {
  const slots = await slotsWithTitles(ctx.db.sql, s.a.id);
  return html`<section aria-labelledby="slots-h" id="slots">
    <h2 id="slots-h">Questions (${slots.length})</h2>
    ${slots.length === 0 ? html`<p>No questions yet: search the bank below and add some.</p>` : html`<form method="post" action="/assignments/${s.a.id}/points">
      ${csrfField(req)}
      <table class="data-table"><caption>Questions in order, with their points</caption>
        <thead><tr><th scope="col">#</th><th scope="col">Question</th><th scope="col">Points</th><th scope="col">Preview</th></tr></thead>
        <tbody>${slots.map((x) => html`<tr><td>${x.position}</td><td>${x.title} <span class="small">(${x.questionId})</span></td>
          <td><label class="visually-hidden" for="points-${x.id}">Points for question ${x.position}</label>
            <input type="number" id="points-${x.id}" name="points.${x.id}" value="${points(x.points)}" min="0" max="${slotPointsMax}" step="any" required></td>
          <td><a href="?preview=${encodeURIComponent(x.questionId)}&amp;seed=1#preview">Preview<span class="visually-hidden"> question ${x.position}</span></a></td></tr>`)}</tbody>
      </table>
      <button type="submit">Save points</button>
    </form>`}
  </section>`;
}

async function bankSection(ctx: ServerContext, req: FastifyRequest, s: StaffAssignment, q: string | undefined): Promise<Html> {
  const results = q === undefined ? [] : await searchBank(ctx.db.sql, q.trim(), bankSearchResultsMax);
  return html`<section aria-labelledby="bank-h" id="bank">
    <h2 id="bank-h">Add questions from the bank</h2>
    <form method="get" action="/assignments/${s.a.id}/edit#bank" class="inline-fields" role="search" aria-label="Question bank">
      <div class="field"><label for="bank-q">Search by title, topic or text</label>
        <input type="search" id="bank-q" name="q" value="${q ?? ''}" maxlength="${bankQueryLengthMax}"></div>
      <button type="submit">Search</button>
    </form>
    ${q === undefined ? null : results.length === 0 ? html`<p role="status">No question matches “${q}”: try a shorter word or a topic.</p>` : html`
      <table class="data-table"><caption>${results.length} question${results.length === 1 ? '' : 's'} found${results.length === bankSearchResultsMax ? ' (the first ones; narrow the search)' : ''}</caption>
        <thead><tr><th scope="col">Question</th><th scope="col">Topics</th><th scope="col">Preview</th><th scope="col">Add with points</th></tr></thead>
        <tbody>${results.map((r, i) => html`<tr><td>${r.title} <span class="small">(${r.id})</span></td><td>${r.topics.join(', ')}</td>
          <td><a href="?q=${encodeURIComponent(q)}&amp;preview=${encodeURIComponent(r.id)}&amp;seed=1#preview">Preview<span class="visually-hidden"> ${r.title}</span></a></td>
          <td><form method="post" action="/assignments/${s.a.id}/slots" class="inline-fields">${csrfField(req)}
            <input type="hidden" name="questionId" value="${r.id}">
            <label class="visually-hidden" for="add-points-${i}">Points for ${r.title}</label>
            <input type="number" id="add-points-${i}" name="points" value="10" min="0" max="${slotPointsMax}" step="any" required>
            <button type="submit">Add<span class="visually-hidden"> ${r.title}</span></button></form></td></tr>`)}</tbody>
      </table>`}
  </section>`;
}

async function previewSection(ctx: ServerContext, s: StaffAssignment, query: EditQuery): Promise<Html | null> {
  if (query.preview === undefined) return null;
  const seed = query.seed ?? 1;
  const version = await currentVersionOf(ctx.db.sql, query.preview);
  const form = html`<form method="get" action="/assignments/${s.a.id}/edit#preview" class="inline-fields">
    ${query.q !== undefined ? html`<input type="hidden" name="q" value="${query.q}">` : null}
    <div class="field"><label for="preview-id">Question id</label><input type="text" id="preview-id" name="preview" value="${query.preview}" maxlength="200" required></div>
    <div class="field"><label for="preview-seed">Seed</label><input type="number" id="preview-seed" name="seed" value="${seed}" min="0" max="${previewSeedMax}" step="1" required></div>
    <button type="submit">Preview</button></form>`;
  if (!version) return html`<section id="preview" aria-labelledby="preview-h"><h2 id="preview-h">Preview</h2>${form}
    <p class="notice notice-error" role="alert">There is no question “${query.preview}” in the bank: search for it above and use its id.</p></section>`;
  const q = await ctx.bank.get(version);
  const v = ctx.bank.variant(q, seed);
  const right = correctAnswersShown(q, seed, { logBase: s.course.settings.logBase });
  return html`<section id="preview" aria-labelledby="preview-h"><h2 id="preview-h">Preview: ${v.title} (seed ${seed})</h2>${form}
    <div class="preview-box question-text">${trusted(v.html)}</div>
    <table class="data-table"><caption>Parts and their correct answers at this seed</caption>
      <thead><tr><th scope="col">Part</th><th scope="col">Kind</th><th scope="col">Correct answer</th></tr></thead>
      <tbody>${v.parts.map((p) => html`<tr><td>${p.label}</td><td>${partKindLabels[p.type]}</td><td>${trusted(right[p.id]?.html ?? '')}${p.type !== 'choice' && right[p.id] ? html` <span class="small">(typed <code>${right[p.id]!.text}</code>)</span>` : null}</td></tr>`)}</tbody></table>
  </section>`;
}

async function editPage(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, s: StaffAssignment, o: { query: EditQuery; form?: SettingsForm; problems?: Problems; status?: number }) {
  const tz = s.course.settings.timeZone;
  const [slots, bank, preview] = await Promise.all([slotsSection(ctx, req, s), bankSection(ctx, req, s, o.query.q), previewSection(ctx, s, o.query)]);
  return sendStaffPage(req, reply, s, {
    title: `Edit ${s.a.title}`, section: 'overview', status: o.status, styles: ['katex/katex.min.css'],
    main: html`<h1>Edit: ${s.a.title}</h1>
      ${o.query.saved ? html`<p class="notice" role="status">${savedText[o.query.saved]}</p>` : null}
      <p><a href="/assignments/${s.a.id}">Open it as a student sees it</a> · <a href="/assignments/${s.a.id}/extensions">Extensions</a> · <a href="/assignments/${s.a.id}/statistics">Statistics</a></p>
      <section aria-labelledby="settings-h"><h2 id="settings-h">Settings</h2>
      ${settingsFormHtml(req, `/assignments/${s.a.id}/edit`, o.form ?? formOf(s.a, tz), o.problems ?? {}, tz, 'Save settings')}</section>
      ${slots}${bank}${preview}`,
  });
}

export function staffEditorPages(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/courses/:id/assignments/new', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, editorRoles);
    return newPage(req, reply, s, blankForm(s.course.settings.timeZone), {});
  });

  app.post<{ Params: { id: string }; Body: SettingsForm }>('/courses/:id/assignments/new', { schema: { hide: true, params: idParams, body: settingsFormSchema } }, async (req, reply) => {
    const s = await staffCourse(ctx, req, req.params.id, editorRoles);
    const checked = await checkedFields(ctx, req.body, s.course.settings.timeZone);
    if (!checked.fields) return newPage(req, reply, s, req.body, checked.problems, 400);
    const a = await insertAssignment(ctx.db.sql, s.course.id, checked.fields, []);
    prepareIfPublished(ctx.db.sql, ctx.bank, a);
    return reply.redirect(`/assignments/${a.id}/edit?saved=settings`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: EditQuery }>('/assignments/:id/edit', { schema: { hide: true, params: idParams, querystring: editQuerySchema } }, async (req, reply) => {
    return editPage(ctx, req, reply, await staffAssignment(ctx, req, req.params.id, editorRoles), { query: req.query });
  });

  app.post<{ Params: { id: string }; Body: SettingsForm }>('/assignments/:id/edit', { schema: { hide: true, params: idParams, body: settingsFormSchema } }, async (req, reply) => {
    const s = await staffAssignment(ctx, req, req.params.id, editorRoles);
    const checked = await checkedFields(ctx, req.body, s.course.settings.timeZone);
    if (!checked.fields) return editPage(ctx, req, reply, s, { query: {}, form: req.body, problems: checked.problems, status: 400 });
    const saved = await updateAssignment(ctx.db.sql, s.a.id, checked.fields);
    if (saved) prepareIfPublished(ctx.db.sql, ctx.bank, saved);
    return reply.redirect(`/assignments/${s.a.id}/edit?saved=settings`, 303);
  });

  app.post<{ Params: { id: string }; Body: { questionId: string; points: number } }>('/assignments/:id/slots', {
    schema: {
      hide: true, params: idParams,
      body: { type: 'object', required: ['questionId', 'points'], additionalProperties: false, properties: { _csrf: { type: 'string' }, questionId: questionIdText, points: { type: 'number', minimum: 0, maximum: slotPointsMax } } },
    },
  }, async (req, reply) => {
    const s = await staffAssignment(ctx, req, req.params.id, editorRoles);
    if ((await currentVersionOf(ctx.db.sql, req.body.questionId)) === null) throw badRequest('unknown_question', `There is no question "${req.body.questionId}" in the bank: search the bank and add one of its results`);
    if ((await slotsWithTitles(ctx.db.sql, s.a.id)).length >= slotsPerAssignmentMax) {
      throw badRequest('too_many_slots', `An assignment holds at most ${slotsPerAssignmentMax} questions: make a second assignment`);
    }
    await insertSlots(ctx.db.sql, s.a.id, [{ questionId: req.body.questionId, points: req.body.points }]);
    prepareIfPublished(ctx.db.sql, ctx.bank, s.a);
    return reply.redirect(`/assignments/${s.a.id}/edit?saved=slot#slots`, 303);
  });

  app.post<{ Params: { id: string }; Body: Record<string, number | string> }>('/assignments/:id/points', {
    schema: {
      hide: true, params: idParams,
      body: {
        type: 'object', additionalProperties: false, maxProperties: slotsPerAssignmentMax + 1, properties: { _csrf: { type: 'string' } },
        patternProperties: { '^points\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$': { type: 'number', minimum: 0, maximum: slotPointsMax } },
      },
    },
  }, async (req, reply) => {
    const s = await staffAssignment(ctx, req, req.params.id, editorRoles);
    const changes = Object.entries(req.body).filter(([k]) => k.startsWith('points.')).map(([k, v]) => ({ slotId: k.slice('points.'.length), points: Number(v) }));
    await updateSlotPoints(ctx.db.sql, s.a.id, changes);
    return reply.redirect(`/assignments/${s.a.id}/edit?saved=points#slots`, 303);
  });
}
