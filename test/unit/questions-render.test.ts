import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadQuestion, makeVariant, renderFeedbackHtml } from '../../src/questions/index.ts';

const hostile = `---
title: "<script>alert('title')</script>"
params:
  who: {choice: ["<img src=x onerror=alert(1)>", "[click](javascript:alert(2))"]}
parts:
  - id: c
    type: choice
    label: "<b onmouseover=alert(3)>label</b>"
    answer: a
    options:
      - {id: a, text: "<script>alert(4)</script> $x$"}
      - {id: b, text: "[x](javascript:alert(5)) $\\\\href{javascript:alert(6)}{y}$"}
---
Hello <script>alert(7)</script> {{who}}

<div onclick="alert(8)">raw</div> <a href="javascript:alert(9)">a</a>

[link](javascript:alert(10)) [data](data:text/html;base64,PHNjcmlwdD4=) ![img](javascript:alert(11))

$\\href{javascript:alert(12)}{click}$ and $$\\url{javascript:alert(13)}$$ and $\\htmlId{x}{y}$

<iframe src="https://example.com"></iframe> <svg onload=alert(14)>
`;

/** No element, attribute or URL in `html` can run script (raw `<` in text is escaped, so every tag is real). */
function assertSafe(html: string): void {
  for (const [tag, name = ''] of html.matchAll(/<([a-zA-Z][\w-]*)[^>]*>/g)) {
    assert.doesNotMatch(name, /^(script|iframe|svg|img|div|b|object|embed|style|form|input)$/i, tag);
    assert.doesNotMatch(tag, /\son\w+\s*=/i, `an event-handler attribute: ${tag}`);
    assert.doesNotMatch(tag, /(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i, tag);
    assert.doesNotMatch(tag, /\sid\s*=/i, tag);
  }
}

test('the safety check itself catches script', () => {
  for (const bad of ['<script>x</script>', '<p onclick="x">', '<a href="javascript:x">', '<span id="x">']) {
    assert.throws(() => assertSafe(bad), assert.AssertionError, `not caught: ${bad}`);
  }
});

test('hostile question text renders as inert HTML for every variant', () => {
  const q = loadQuestion(hostile, 'hostile.md');
  for (const seed of [0, 1, 2, 3]) {
    const v = makeVariant(q, seed);
    assertSafe(v.html);
    for (const o of v.parts[0]!.options!) assertSafe(o.html);
    assert.match(v.html, /&lt;script&gt;/, 'raw HTML is shown as text');
  }
});

test('math is rendered by KaTeX with accessible MathML', () => {
  const q = loadQuestion('---\ntitle: m\nparts:\n  - {id: a, type: text, answer: x}\n---\nEnergy $E = mc^2$ costs $5 or $6.\n\n$$\\int_0^1 x\\,dx$$\n', 'm.md');
  const { html } = makeVariant(q, 0);
  assert.equal(html.match(/class="katex"/g)?.length, 2);
  assert.match(html, /<math xmlns/);
  assert.match(html, /class="katex-display"/);
  assert.match(html, /costs \$5 or \$6/, 'money is not math');
});

test('property: feedback quoting any student text renders safely', () => {
  fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('<', '$', '`', '[x](', '<img ', '\\href{'), (s, lead) => {
    assertSafe(renderFeedbackHtml(`\`${lead}${s}\` is not a unit we know; ${lead}${s}`));
  }), { numRuns: 1000 });
});
