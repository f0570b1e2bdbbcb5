// `npm run bench -- check [--seconds N]`: formula checks per second on one core (this thread) over a
// fixed mix of answers: correct, wrong, invalid and multi-variable. Last line: BENCH check checks_per_s=<n>.
import { checkFormula, type FormulaCheckOptions } from '../src/questions/expr/index.ts';

/** Default measuring time, after the warm-up. */
export const checkBenchSecondsDefault = 3;
/** Checks run before measuring, so the JIT has compiled the hot paths. */
export const checkBenchWarmupCount = 2000;
/** Upper bound on measured checks, whatever the time. */
export const checkBenchChecksMax = 50_000_000;

interface Case { answer: string; correct: string; variables: string[]; domains?: FormulaCheckOptions['domains'] }

const mix: Case[] = [
  { answer: '(x+1)^2', correct: 'x^2 + 2*x + 1', variables: ['x'] },
  { answer: '1/2x', correct: '1/(2*x)', variables: ['x'] },
  { answer: 'sinx', correct: 'sin(x)', variables: ['x'] },
  { answer: 'sin^2(x) + cos(x)^2', correct: '1', variables: ['x'] },
  { answer: '3x^2 y - 2xy + e^(x y)', correct: '3*x^2*y - 2*x*y + exp(x*y)', variables: ['x', 'y'] },
  { answer: 'ln(y^2) + |x|', correct: '2*ln(y) + abs(x)', variables: ['x', 'y'], domains: { y: [1, 3] } },
  { answer: 'x2 + 1', correct: 'x^2 + 1', variables: ['x'] },
  { answer: 'sqrt(x)', correct: 'sqrt(x)', variables: ['x'] },
];

function runOne(i: number): void {
  const c = mix[i % mix.length];
  checkFormula(c.answer, c.correct, { variables: c.variables, domains: c.domains, settings: { logBase: 10 } });
}

export async function run(args: string[]): Promise<void> {
  const at = args.indexOf('--seconds');
  const seconds = at >= 0 ? Number(args[at + 1]) : checkBenchSecondsDefault;
  if (!(seconds > 0)) throw new Error('--seconds takes a positive number, e.g. --seconds 3');
  for (let i = 0; i < checkBenchWarmupCount; i++) runOne(i);
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let count = 0;
  while (count < checkBenchChecksMax && (count % 256 !== 0 || performance.now() < deadline)) runOne(count++);
  const elapsedS = (performance.now() - start) / 1000;
  console.log(`mix of ${mix.length} answers (correct, wrong, invalid, two variables), ${count} checks in ${elapsedS.toFixed(2)} s`);
  console.log(`BENCH check checks_per_s=${Math.round(count / elapsedS)}`);
}
