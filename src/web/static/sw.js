// Service worker: keeps the app shell and the pages a student opened usable offline.
// Pages are network-first (a fresh page whenever the site answers, the saved copy when it does not);
// hashed assets under /static/ are cache-first. The API is never cached: the outbox handles it.
const shellCache = 'steadfast-shell-v1';
const pagesCache = 'steadfast-pages-v1';
/** Pages kept for offline reading; the oldest saved is dropped beyond this. */
const pagesCachedMax = 30;
/** Assets kept; the oldest are dropped beyond this (new deploys bring new hashes). */
const assetsCachedMax = 200;
/** A page request that has not answered after this long is served from the saved copy if there is one. */
const pageNetworkTimeoutMs = 5_000;
const cachedPagePattern = /^\/($|courses\/|assignments\/)/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (![shellCache, pagesCache].includes(name)) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function trim(cacheName, max) {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}

async function savePage(request, response) {
  const cache = await caches.open(pagesCache);
  await cache.delete(request, { ignoreSearch: true }); // re-insert so the newest is last
  await cache.put(request, response);
  await trim(pagesCache, pagesCachedMax);
}

async function pageNetworkFirst(event) {
  try {
    const response = await fetch(event.request, { signal: AbortSignal.timeout(pageNetworkTimeoutMs) });
    if (response.ok && !response.redirected) event.waitUntil(savePage(event.request, response.clone()));
    return response;
  } catch {
    const saved = await caches.match(event.request, { cacheName: pagesCache, ignoreSearch: true });
    return saved ?? new Response(
      '<!doctype html><html lang="en"><title>Offline · Steadfast</title><main><h1>You are offline</h1><p>This page was not saved on this device. Answers you already submitted are kept here and will be sent when the site is back: reopen the assignment you were working on.</p></main></html>',
      { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

async function assetCacheFirst(request) {
  const saved = await caches.match(request, { cacheName: shellCache });
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(shellCache);
    await cache.put(request, response.clone());
    await trim(shellCache, assetsCachedMax);
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== location.origin) return;
  if (event.request.method === 'POST' && url.pathname === '/logout') {
    event.waitUntil(caches.delete(pagesCache)); // the next person on this device must not read these pages
    return;
  }
  if (event.request.method !== 'GET') return;
  if (url.pathname.startsWith('/static/')) { event.respondWith(assetCacheFirst(event.request)); return; }
  if (event.request.mode === 'navigate' && cachedPagePattern.test(url.pathname)) event.respondWith(pageNetworkFirst(event));
});

// A page loaded before this worker took control asks it to keep that page and its assets.
self.addEventListener('message', (event) => {
  const { keep } = event.data ?? {};
  if (!Array.isArray(keep)) return;
  event.waitUntil((async () => {
    for (const href of keep.slice(0, assetsCachedMax)) {
      const url = new URL(href, location.origin);
      if (url.origin !== location.origin) continue;
      if (url.pathname.startsWith('/static/')) await assetCacheFirst(new Request(url)).catch(() => {});
      else if (cachedPagePattern.test(url.pathname)) {
        const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
        if (response?.ok && !response.redirected) await savePage(new Request(url), response);
      }
    }
  })());
});
