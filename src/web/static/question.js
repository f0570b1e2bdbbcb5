// The assignment page, enhanced: drafts kept in IndexedDB on every change, a live preview of how
// each answer is read, and Submit through the outbox with each part's state in words and an icon.
import { draftsStore, getAll, put, remove } from './idb.js';
import { Outbox, regionEndpoints } from './outbox.js';
import { localizeTimes } from './page.js';

/** Quiet time after the last keystroke before asking the server how an answer is read. */
export const previewDebounceMs = 300;
/** Quiet time after the last saved submission before the page's scores and feedback are refreshed. */
export const refreshDebounceMs = 250;

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';
const csrfToken = meta('csrf-token');
const userId = meta('user-id');
const forms = [...document.querySelectorAll('form.question-form')];
const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

const stateWords = {
  saving: { icon: '⏳', text: () => 'saving…' },
  saved: { icon: '', text: () => 'saved ✓' },
  offline: { icon: '⚠', text: () => 'offline — kept on this device, will send when the site is back' },
  'signed-out': { icon: '⚠', text: () => 'kept on this device — sign in again to send it' },
  rejected: { icon: '✗', text: (detail) => `not accepted: ${detail?.message ?? 'the server refused this answer'}` },
};

function partElement(variantId, partId) {
  const form = forms.find((f) => f.dataset.variantId === variantId);
  return form?.querySelector(`.part[data-part-id="${CSS.escape(partId)}"]`) ?? null;
}

function showState(entry, state, detail) {
  const words = stateWords[state];
  for (const partId of Object.keys(entry.answers)) {
    const el = partElement(entry.variantId, partId)?.querySelector('.save-state');
    if (!el) continue;
    const text = `${words.icon} ${words.text(detail)} (captured ${timeFormat.format(new Date(entry.capturedAt))})`.trim();
    if (el.textContent === text) continue; // a live region: say each change once
    el.className = `save-state state-${state}`;
    el.textContent = text;
  }
  if (state === 'saved') { scheduleRefresh(); forgetDrafts(entry); }
  void updateSummary();
}

async function updateSummary() {
  const el = document.getElementById('outbox-summary');
  if (!el) return;
  const n = (await outbox.pending()).length;
  el.hidden = n === 0;
  el.textContent = n === 0 ? '' : `${n} answer${n === 1 ? ' is' : 's are'} kept on this device until the site confirms ${n === 1 ? 'it' : 'them'}.`;
}

// Scores, feedback, attempts left and history are rendered by the server: fetch the page and swap those regions.
let refreshTimer = null;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    const res = await fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } }).catch(() => null);
    if (!res?.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const el of fresh.querySelectorAll('[data-fresh][id]')) {
      const old = document.getElementById(el.id);
      if (old) old.replaceWith(document.importNode(el, true));
    }
    localizeTimes();
  }, refreshDebounceMs);
}

function partValue(part) {
  const inputs = [...part.querySelectorAll('input[name^="answer."]')];
  if (inputs[0]?.type === 'text') return inputs[0].value;
  return inputs.filter((i) => i.checked).map((i) => i.value).join(', ');
}

function setPartValue(part, value) {
  const inputs = [...part.querySelectorAll('input[name^="answer."]')];
  if (inputs[0]?.type === 'text') { inputs[0].value = value; return; }
  const chosen = new Set(value.split(/[\s,;]+/));
  for (const i of inputs) i.checked = chosen.has(i.value);
}

const draftKey = (form, part) => `${userId}:${form.dataset.variantId}:${part.dataset.partId}`;

async function restoreDrafts() {
  const drafts = new Map((await getAll(draftsStore)).map((d) => [d.key, d.value]));
  for (const form of forms) {
    for (const part of form.querySelectorAll('.part')) {
      const value = drafts.get(draftKey(form, part));
      if (value !== undefined && !part.querySelector('input:disabled')) setPartValue(part, value);
    }
  }
}

function forgetDrafts(entry) {
  const form = forms.find((f) => f.dataset.variantId === entry.variantId);
  if (!form) return;
  for (const [partId, answer] of Object.entries(entry.answers)) {
    const part = partElement(entry.variantId, partId);
    // Only when the field still holds what was sent: anything typed since stays a draft.
    if (part && partValue(part) === answer) void remove(draftsStore, draftKey(form, part));
  }
}

/** Shows pieces of text, every second one as <code>; built from text nodes so nothing typed becomes markup. */
function showWithCode(el, pieces) {
  el.replaceChildren(...pieces.map((piece, i) => {
    if (i % 2 === 0) return document.createTextNode(piece);
    const code = document.createElement('code');
    code.textContent = piece;
    return code;
  }));
}

const previewSeq = new WeakMap();
async function preview(form, part, input) {
  const out = part.querySelector('.preview');
  const seq = (previewSeq.get(input) ?? 0) + 1;
  previewSeq.set(input, seq);
  const answer = input.value.trim();
  if (answer === '') { out.textContent = ''; input.removeAttribute('aria-invalid'); return; }
  const res = await fetch(`/api/variants/${form.dataset.variantId}/preview`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify({ partId: part.dataset.partId, answer }),
  }).catch(() => null);
  if (previewSeq.get(input) !== seq) return; // a newer keystroke has its own preview coming
  const body = res ? await res.json().catch(() => null) : null;
  out.classList.toggle('preview-bad', body?.ok === false);
  if (!body || !res.ok) { out.textContent = 'Preview unavailable right now; your answer is checked when it is sent.'; return; }
  if (body.ok) { input.removeAttribute('aria-invalid'); showWithCode(out, ['You typed ', answer, ', read as ', body.read]); return; }
  input.setAttribute('aria-invalid', 'true');
  showWithCode(out, `⚠ ${body.message} (nothing was submitted yet)`.split('`'));
}

function watchInputs(form) {
  const timers = new WeakMap();
  form.addEventListener('input', (event) => {
    const input = event.target;
    const part = input.closest('.part');
    if (!part) return;
    void put(draftsStore, { key: draftKey(form, part), value: partValue(part), savedAt: new Date().toISOString() });
    if (input.dataset.preview !== 'on') return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => void preview(form, part, input), previewDebounceMs));
  });
}

function formAnswers(form) {
  const answers = {};
  for (const part of form.querySelectorAll('.part')) {
    if (part.querySelector('input:disabled')) continue;
    const value = partValue(part);
    if (value.trim() !== '') answers[part.dataset.partId] = value;
  }
  return answers;
}

function watchSubmit(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = formAnswers(form);
    const problem = form.querySelector('.form-problem') ?? form.insertAdjacentElement('afterbegin', Object.assign(document.createElement('p'), { className: 'form-problem notice notice-error' }));
    problem.setAttribute('role', 'alert');
    problem.textContent = '';
    problem.hidden = true;
    if (Object.keys(answers).length === 0) { problem.hidden = false; problem.textContent = 'Fill in at least one part, then submit.'; return; }
    try {
      await outbox.add(form.dataset.variantId, answers);
    } catch (err) {
      problem.hidden = false;
      problem.textContent = `${err.message}. Nothing was lost: your typing is kept as a draft.`;
    }
  });
}

const outbox = new Outbox({ userId, csrfToken, endpoints: [location.origin], onState: showState });
for (const form of forms) { watchInputs(form); watchSubmit(form); }
await restoreDrafts();
for (const entry of await outbox.pending()) showState(entry, 'saving');
outbox.endpoints = await regionEndpoints();
outbox.kick(true);
