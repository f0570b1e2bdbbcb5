// Every page: show <time data-local> in the reader's own time zone, and register the service
// worker that keeps pages and the outbox usable offline.
const localFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
});

/** Rewrites every <time data-local> under root in local time (the server wrote the course's zone). */
export function localizeTimes(root = document) {
  for (const t of root.querySelectorAll('time[data-local]')) {
    const d = new Date(t.getAttribute('datetime'));
    if (!Number.isNaN(d.getTime())) t.textContent = localFormat.format(d);
  }
}

async function keepOffline() {
  const reg = await navigator.serviceWorker.register('/sw.js');
  if (navigator.serviceWorker.controller) return; // this page and its assets came through the worker
  await navigator.serviceWorker.ready;
  // First visit: the page, fonts and scripts were loaded before the worker ran; have it keep them now.
  const assets = performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('/static/'));
  reg.active?.postMessage({ keep: [location.pathname, ...assets] });
}

// Answers left in the outbox (a closed tab, a restarted browser) are sent from whatever page opens
// next; the assignment page runs its own outbox, with every part's state on screen.
async function sendLeftovers(userId) {
  const { Outbox, regionEndpoints } = await import('./outbox.js');
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  new Outbox({ userId, csrfToken, endpoints: await regionEndpoints(), onState: () => {} }).kick(true);
}

localizeTimes();
const userId = document.querySelector('meta[name="user-id"]')?.content;
if (userId && !document.querySelector('form.question-form')) sendLeftovers(userId).catch(() => { /* retried on the next page */ });
if ('serviceWorker' in navigator) keepOffline().catch(() => { /* pages still work online */ });
