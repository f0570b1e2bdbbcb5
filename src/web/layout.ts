// The page layout every page shares: skip link, landmarks, the signed-in user's sign-out form,
// the CSRF token for client scripts, and a <time> helper that client scripts show in local time.
import type { User } from '../store/users.ts';
import { assets, assetUrl, staticPrefix } from './static.ts';
import { html, trusted, type Html, type HtmlValue } from './html.ts';

export const siteName = 'Steadfast';
/** Date formatters kept (time zone × format); a course has one zone, so a handful is plenty. */
export const timeZoneFormattersMax = 64;

export interface PageOptions {
  title: string;
  user: User | null;
  csrfToken?: string | null;
  main: HtmlValue;
  /** Module scripts from src/web/static/ (by file name). */
  scripts?: string[];
  /** Extra CSS from src/web/static/ or KaTeX (e.g. 'katex/katex.min.css'). */
  styles?: string[];
}

export function layout(o: PageOptions): Html {
  const scripts = ['page.js', ...(o.scripts ?? [])];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${siteName}</title>
${o.csrfToken ? html`<meta name="csrf-token" content="${o.csrfToken}">` : null}
${o.user ? html`<meta name="user-id" content="${o.user.id}">` : null}
${(o.styles ?? []).map((s) => html`<link rel="stylesheet" href="${assetUrl(s)}">`)}
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script type="importmap">${importMap()}</script>
${scripts.map((s) => html`<script type="module" src="${assetUrl(s)}"></script>`)}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="site-name" href="/">${siteName}</a>
  ${o.user ? userNav(o.user, o.csrfToken ?? '') : null}
</header>
<main id="main" tabindex="-1">
${o.main}
</main>
<footer class="site-footer"><p>${siteName}: homework that keeps your answers, even when the site is down.</p></footer>
</body>
</html>`;
}

// Scripts import each other by plain name ('./idb.js'); the map points those at the hashed, long-cached URLs.
let importMapJson: Html | null = null;
function importMap(): Html {
  if (!importMapJson) {
    const scripts = [...assets.values()].filter((a) => a.path.endsWith('.js') && a.path.startsWith(staticPrefix) && !a.path.endsWith('/sw.js'));
    const imports = Object.fromEntries(scripts.map((a) => [a.path, `${a.path}?v=${a.hash}`]));
    importMapJson = trusted(JSON.stringify({ imports }).replace(/</g, '\\u003c'));
  }
  return importMapJson;
}

function userNav(user: User, csrfToken: string): Html {
  return html`<nav aria-label="Account">
    <span class="who">${user.name}</span>
    <form method="post" action="/logout" class="inline-form">
      <input type="hidden" name="_csrf" value="${csrfToken}">
      <button type="submit" class="link-button">Sign out</button>
    </form>
  </nav>`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const displayFormat: Intl.DateTimeFormatOptions = {
  weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
};

/** A date formatter for a time zone, kept (at most timeZoneFormattersMax of them) because making one is slow. */
export function formatterFor(timeZone: string, options: Intl.DateTimeFormatOptions = displayFormat): Intl.DateTimeFormat {
  const key = `${timeZone} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size >= timeZoneFormattersMax) formatters.clear();
    f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** A date in the course time zone; page.js rewrites it in the reader's own zone. */
export function timeHtml(d: Date, timeZone: string): Html {
  let text: string;
  try { text = formatterFor(timeZone).format(d); } catch { text = formatterFor('UTC').format(d); }
  return html`<time datetime="${d.toISOString()}" data-local>${text}</time>`;
}
