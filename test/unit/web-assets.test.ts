// The page weight budget (issue 3: a cheap phone on a bad connection): every script and stylesheet
// we serve, gzipped, fonts excluded, stays under scriptsAndStylesGzipBytesMax.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assets, assetUrl, scriptsAndStylesGzipBytesMax } from '../../src/web/static.ts';

test('scripts and styles, gzipped, fit the budget', () => {
  const code = [...assets.values()].filter((a) => a.type.startsWith('text/'));
  assert.ok(code.some((a) => a.path.endsWith('/question.js')) && code.some((a) => a.path.endsWith('katex.min.css')));
  const total = code.reduce((t, a) => t + a.gzip!.length, 0);
  assert.ok(total < scriptsAndStylesGzipBytesMax, `${total} bytes gzipped`);
});

test('asset URLs carry the content hash; an unknown name is a clear error', () => {
  assert.match(assetUrl('app.css'), /^\/static\/app\.css\?v=[0-9a-f]{12}$/);
  assert.throws(() => assetUrl('nope.css'), /no static asset "nope.css"/);
});
