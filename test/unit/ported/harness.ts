// Runs test cases ported from other homework systems' own test suites against our checkers.
// Each case keeps the peer's verdict as the peer's suite states it; where we decide otherwise on
// purpose, the case says what we decide and names the rule, and every rule named here is
// explained in docs/questions.md ("Where we differ from other systems"). A case that disagrees
// without such a rule fails, and so does a recorded difference that no longer differs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkFormula, evaluateExpr, readExpression } from '../../../src/questions/expr/index.ts';
import { checkNumber } from '../../../src/questions/checkers/number.ts';
import { checkQuantity } from '../../../src/questions/checkers/quantity.ts';
import type { ReadingSettings } from '../../../src/questions/types.ts';

/** What a grader decided: full credit, none, partial credit, or refused to grade (no attempt used). */
export type Verdict = 'right' | 'wrong' | 'partial' | 'refused';

/** Rules by which we deliberately decide otherwise than a peer; each id appears in docs/questions.md. */
export const differenceRules = {
  'numeric-not-symbolic': 'formulas are compared by value at sample points, not by exact symbolic form (floats included)',
  'real-domain': 'formulas are compared on real numbers over the sampled domain; complex values are undefined',
  'ambiguous-refused': 'input that could mean two things (`sin 2x`, `x2`) is refused with a message saying how to write it, never guessed',
  'scientific-e': '`2e-3` is the number 0.002 (scientific notation), as on calculators',
  'sigfigs-student-last-place': 'significant figures are judged at the last place the student wrote, so a value on the other side of a power of ten is wrong',
  'sigfigs-rounded': 'a value with significant figures must be the correct value rounded, not truncated',
  'sigfigs-written-zero': 'a written zero counts every digit, as toPrecision writes it: 0.00 has 3 significant figures',
  'sigfigs-value-first': 'a right value with the wrong count of significant figures earns sigfigsCredit: neither full credit nor a refusal',
  'number-syntax': 'number answers accept what students type on phones and in other systems (unicode minus, ×10^n), and refuse what is ambiguous with a message',
  'units-leniency': 'unit answers accept names, plurals and common symbols, and judge the value after converting to the part\'s unit',
  'units-strict-kind': 'a unit of the wrong kind is graded wrong, with a message naming both kinds; an angle is its own kind, so Hz (1/s) and rad/s differ',
  'unit-table': 'units are those of our table (docs/questions.md lists them); others are refused as unknown, without an attempt used',
  'unreadable-refused': 'an answer that does not read as the part asks (a unit without a number, a number inside the unit, pi where figures are counted) is refused with a message and costs no attempt; peers grade it wrong',
  'units-missing-graded': 'a number without a unit in a quantity part is graded (it earns unitsMissingCredit if right), not refused',
} as const;
export type DifferenceRule = keyof typeof differenceRules;

interface CaseBase {
  /** Where the case is in the peer's tree: `path:line` (the line of the case itself). */
  at: string;
  /** The student's answer, in our notation (translation noted in `note`). */
  answer: string;
  /** The peer's verdict as its suite records it. */
  peer: Verdict;
  /** Set only when we deliberately decide otherwise: our verdict and the rule that says why. */
  ours?: { verdict: Verdict; rule: DifferenceRule };
  /** How the case was translated, when not word for word. */
  note?: string;
}

export interface FormulaCase extends CaseBase {
  kind: 'formula';
  /** The correct formula, author syntax. */
  correct: string;
  /** Default: the names of single letters used in either text, in order. */
  variables?: string[];
  domains?: Record<string, [number, number]>;
  relTol?: number;
  absTol?: number;
}

export interface NumberCase extends CaseBase {
  kind: 'number';
  /** The correct value, as an author expression (`1/3`, `2.5e-3`). */
  correct: string;
  relTol?: number;
  absTol?: number;
  sigfigs?: number | [number, number];
}

export interface QuantityCase extends CaseBase {
  kind: 'quantity';
  /** The correct value in `unit`, as an author expression. */
  correct: string;
  unit: string;
  relTol?: number;
  absTol?: number;
  sigfigs?: number | [number, number];
  /** The part asks for a difference (a temperature change): no offsets in conversion. */
  difference?: boolean;
}

export type PortedCase = FormulaCase | NumberCase | QuantityCase;

/** Defaults of a part when the peer's case sets nothing: our own documented defaults. */
const relTolNumberDefault = 0.01;

const settings: ReadingSettings = { logBase: 'e' };

function value(text: string): number {
  const read = readExpression(text, { settings, variables: [], mode: 'author' });
  if (!read.ok) throw new Error(`the ported correct value \`${text}\` does not read: ${read.message}`);
  return evaluateExpr(read.expr, {});
}

function sigfigRange(s: number | [number, number] | undefined) {
  if (s === undefined) return undefined;
  const [min, max] = Array.isArray(s) ? s : [s, s];
  return { min, max };
}

function lettersOf(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/(?<![A-Za-z])[a-df-z](?![A-Za-z(])/g)) names.add(m[0]);
  return [...names].sort();
}

/** Our verdict on a case. */
export function ourVerdict(c: PortedCase): Verdict {
  const r = (() => {
    switch (c.kind) {
      case 'formula':
        return checkFormula(c.answer, c.correct, {
          variables: c.variables ?? lettersOf(c.answer, c.correct), settings,
          ...(c.domains ? { domains: c.domains } : {}),
          ...(c.relTol !== undefined ? { relTol: c.relTol } : {}),
          ...(c.absTol !== undefined ? { absTol: c.absTol } : {}),
        });
      case 'number':
        return checkNumber(c.answer, value(c.correct), {
          absTol: c.absTol ?? 0, relTol: c.relTol ?? relTolNumberDefault, sigfigs: sigfigRange(c.sigfigs), sigfigsCredit: 0,
        }, settings);
      case 'quantity':
        return checkQuantity(c.answer, value(c.correct), {
          absTol: c.absTol ?? 0, relTol: c.relTol ?? relTolNumberDefault, sigfigs: sigfigRange(c.sigfigs), sigfigsCredit: 0,
          unit: c.unit, unitsMissingCredit: 0, difference: c.difference ?? false,
        }, settings);
    }
  })();
  if (r.status === 'invalid') return 'refused';
  return r.score === 1 ? 'right' : r.score === 0 ? 'wrong' : 'partial';
}

/** Every rule a case names is explained in docs/questions.md under its id. */
export function assertRulesDocumented(cases: readonly PortedCase[]): void {
  const docs = readFileSync(new URL('../../../docs/questions.md', import.meta.url), 'utf8');
  for (const rule of new Set(cases.flatMap((c) => (c.ours ? [c.ours.rule] : [])))) {
    assert.ok(docs.includes(`\`${rule}\``), `docs/questions.md must explain the rule \`${rule}\``);
  }
}

/** Checks every case; returns the failures as lines, so one run shows them all. */
export function disagreements(cases: readonly PortedCase[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    let ours: Verdict;
    try {
      ours = ourVerdict(c);
    } catch (e) {
      out.push(`${c.at}: \`${c.answer}\` vs \`${c.correct}\`: threw ${(e as Error).message}`);
      continue;
    }
    const expected = c.ours?.verdict ?? c.peer;
    if (c.ours !== undefined && c.ours.verdict === c.peer) {
      out.push(`${c.at}: records a difference (${c.ours.rule}) but its verdict equals the peer's; remove \`ours\``);
    } else if (ours !== expected) {
      const why = c.ours ? ` (recorded difference, rule ${c.ours.rule})` : ` (peer: ${c.peer})`;
      out.push(`${c.at}: \`${c.answer}\` vs \`${c.correct}\`${'unit' in c ? ` ${c.unit}` : ''}: ours ${ours}, expected ${expected}${why}`);
    }
  }
  return out;
}

/** The assertion a ported suite makes: no disagreement, every rule documented, no duplicate source line. */
export function assertPorted(cases: readonly PortedCase[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    assert.match(c.at, /^[\w./-]+:\d+$/, `${c.at}: a case cites path:line`);
    assert.ok(!seen.has(`${c.at} ${c.answer}`), `${c.at}: the same case is listed twice`);
    seen.add(`${c.at} ${c.answer}`);
  }
  const problems = disagreements(cases);
  assert.deepEqual(problems, [], `${problems.length} of ${cases.length} ported cases disagree:\n${problems.join('\n')}`);
  assertRulesDocumented(cases);
}
