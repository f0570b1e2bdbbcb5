// The page templating and the sign-in return path: nothing interpolated becomes markup,
// and `next` never leaves the site.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeHtml, html, trusted } from '../../src/web/html.ts';
import { safeNext } from '../../src/web/errors.ts';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

test('every interpolated string is escaped, in text and in attributes', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
    const out = String(html`<p title="${s}">${s}</p>`);
    const inner = out.slice('<p title="'.length, -'</p>'.length);
    assert.ok(!/[<>"']/.test(inner.replace('">', '')), out);
    assert.equal(unescape(escapeHtml(s)), s);
  }));
});

test('hostile markup is shown as text; Html made by the tag or trusted() is kept; arrays and empties render', () => {
  const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">';
  assert.equal(String(html`<td>${hostile}</td>`), '<td>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</td>');
  assert.equal(String(html`<ul>${['a&b', html`<li>${'<i>'}</li>`]}</ul>`), '<ul>a&amp;b<li>&lt;i&gt;</li></ul>');
  assert.equal(String(html`${null}${undefined}${false}${0}`), '0');
  assert.equal(String(html`<div>${trusted('<b>ok</b>')}</div>`), '<div><b>ok</b></div>');
});

test('safeNext keeps same-site paths and sends everything else home', () => {
  for (const ok of ['/', '/courses/1', '/assignments/x?y=1#z']) assert.equal(safeNext(ok), ok);
  for (const bad of [undefined, '', '//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/a b', `/${'x'.repeat(600)}`]) {
    assert.equal(safeNext(bad), '/', String(bad));
  }
  fc.assert(fc.property(fc.string(), (s) => {
    const next = safeNext(s);
    assert.ok(next === '/' || (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')));
  }));
});
