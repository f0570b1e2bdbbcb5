// docs/questions.md lists every unit and prefix students may write: the list there is the table
// in src/questions/units/table.ts, written out (this test fails, printing the right list, when not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { prefixes, units } from '../../src/questions/units/index.ts';

/** The units list as docs/questions.md shows it, between its marker comments. */
export function unitsMarkdown(): string {
  const kinds = [...new Set(units.map((u) => u.kind))];
  const rows = kinds.map((kind) => {
    const list = units.filter((u) => u.kind === kind).map((u) => {
      const symbols = u.symbols.map((s) => `\`${s}\``).join(' ');
      const names = u.names.join(', ');
      return `${symbols}${symbols ? ' ' : ''}(${names})${u.prefixable ? '*' : ''}`;
    });
    return `| ${kind} | ${list.join('; ')} |`;
  });
  const prefixRow = prefixes.map((p) => `${p.symbols.map((s) => `\`${s}\``).join(' ') || '—'} ${p.name} 10^${Math.round(Math.log10(p.factor))}`).join('; ');
  return ['| measures | units (* takes SI prefixes) |', '| --- | --- |', ...rows, `| prefixes | ${prefixRow} |`].join('\n');
}

test('docs/questions.md lists exactly the units of the table', () => {
  const docs = readFileSync(new URL('../../docs/questions.md', import.meta.url), 'utf8');
  const block = /<!-- units:start -->\n([\s\S]*?)\n<!-- units:end -->/.exec(docs)?.[1];
  assert.equal(block, unitsMarkdown(), `docs/questions.md between <!-- units:start --> and <!-- units:end --> should read:\n${unitsMarkdown()}`);
});
