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

localizeTimes();
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => { /* pages still work online */ });
