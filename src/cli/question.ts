// `steadfast question validate|render|grade`: the author's tools for question files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  correctAnswers, defaultReadingSettings, gradeAnswer, loadQuestion, makeVariant, questionFileBytesMax,
  QuestionFileError, seedMax, validateQuestion, validateSeedsCount, type Question, type ReadingSettings,
} from '../questions/index.ts';

/** Most question files `validate` reads from one folder tree. */
export const bankFilesMax = 10_000;

const usage: Record<string, string> = {
  question: `usage: steadfast question <command> ...
  validate DIR                 check every question file (*.md) under DIR
  render FILE --seed N         show one variant of a question
  grade FILE --seed N --answer PART=TEXT ...   grade answers to one variant
Run \`steadfast question <command> --help\` for the options of a command.`,
  validate: `usage: steadfast question validate DIR [--seeds N] [--json]
Loads every *.md file under DIR (README.md excepted), reports schema errors with file, line
and field, renders every question for N seeds (default ${validateSeedsCount}) and checks that its correct
answers grade fully correct. Exit status 1 when there is any problem.`,
  render: `usage: steadfast question render FILE --seed N [--json]
Prints the variant (title, text, HTML, parts) and the correct answers for seed N.`,
  grade: `usage: steadfast question grade FILE --seed N --answer PART=TEXT [--answer PART=TEXT ...] [--log-base 10|e] [--json]
Grades each answer against the variant for seed N and prints, per part: score (0..1),
correct, feedback and how the answer was read.`,
};

interface Args { positional: string[]; seed?: number; seeds?: number; answers: [string, string][]; json: boolean; help: boolean; logBase: ReadingSettings['logBase'] }

class UsageError extends Error {}

export async function questionCommand(argv: string[]): Promise<number> {
  const [command = '--help', ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') return print(usage.question!);
    const args = parseArgs(rest);
    if (!(command in usage) || command === 'question') throw new UsageError(`unknown command \`${command}\`\n${usage.question}`);
    if (args.help) return print(usage[command]!);
    if (command === 'validate') return validateCommand(args);
    return variantCommand(command as 'render' | 'grade', args);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`${e.message}\n`); return 2; }
    if (e instanceof QuestionFileError) { process.stderr.write(`${e.message}\n`); return 1; }
    throw e;
  }
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], answers: [], json: false, help: false, logBase: defaultReadingSettings.logBase };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') args.json = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--seed') args.seed = wholeNumber(arg, value(), seedMax);
    else if (arg === '--seeds') args.seeds = wholeNumber(arg, value(), 100_000);
    else if (arg === '--log-base') args.logBase = logBase(value());
    else if (arg === '--answer') args.answers.push(answerArg(value(), args.answers));
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}; see --help`);
    else args.positional.push(arg);
  }
  return args;
}

function wholeNumber(name: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}, not \`${text}\``);
  return n;
}

function logBase(text: string): ReadingSettings['logBase'] {
  if (text === '10') return 10;
  if (text === 'e') return 'e';
  throw new UsageError('--log-base must be 10 or e');
}

function answerArg(text: string, earlier: [string, string][]): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--answer must look like PART=TEXT, not \`${text}\``);
  if (earlier.some(([part]) => part === text.slice(0, eq))) throw new UsageError(`part ${text.slice(0, eq)} has two --answer options; give one per part`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

function readQuestion(file: string): Question {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new UsageError(`\`${file}\` is not a file; give the path of a question file (.md)`);
  const size = stat.size;
  if (size > questionFileBytesMax) throw new QuestionFileError(file, 0, 'file', `is ${size} bytes; at most ${questionFileBytesMax} are allowed`);
  return loadQuestion(readFileSync(file, 'utf8'), file);
}

function variantCommand(command: 'render' | 'grade', args: Args): number {
  const [file, ...extra] = args.positional;
  if (!file || extra.length > 0) throw new UsageError(usage[command]!);
  if (args.seed === undefined) throw new UsageError(`--seed N is required\n${usage[command]}`);
  if (command === 'grade' && args.answers.length === 0) throw new UsageError(`give at least one --answer PART=TEXT\n${usage.grade}`);
  const q = readQuestion(file);
  const variant = makeVariant(q, args.seed);
  const settings: ReadingSettings = { logBase: args.logBase };
  if (command === 'render') {
    const answers = correctAnswers(q, args.seed);
    if (args.json) return print(JSON.stringify({ variant, correctAnswers: answers }, null, 2));
    const parts = variant.parts.map((p) => `  ${p.id} (${p.type}, weight ${p.weight}): ${p.label} — correct: ${answers[p.id]}`);
    return print([`${variant.title} [${q.id}, seed ${args.seed}]`, '', variant.text.trim(), '', 'parts:', ...parts].join('\n'));
  }
  const results = Object.fromEntries(args.answers.map(([part, text]) => [part, gradeAnswer(q, args.seed!, part, text, settings)]));
  if (args.json) return print(JSON.stringify({ variant, results }, null, 2));
  return print(Object.entries(results).map(([part, r]) =>
    `${part}: ${r.status === 'invalid' ? 'not read' : `score ${r.score}${r.correct ? ' (correct)' : ''}`} — ${r.feedback}${r.read ? ` [read as ${r.read}]` : ''}`).join('\n'));
}

function validateCommand(args: Args): number {
  const [dir, ...extra] = args.positional;
  if (!dir || extra.length > 0) throw new UsageError(usage.validate!);
  const seeds = args.seeds ?? validateSeedsCount;
  const problems: { file: string; line: number; field: string; detail: string }[] = [];
  const ids = new Map<string, string>();
  const files = questionFiles(dir);
  for (const file of files) {
    try {
      const q = readQuestion(file);
      const other = ids.get(q.id);
      if (other) problems.push({ file, line: 0, field: 'id', detail: `\`${q.id}\` is also the id of ${other}; ids must be unique` });
      ids.set(q.id, file);
      for (const detail of validateQuestion(q, seeds)) problems.push({ file, line: 0, field: 'variants', detail });
    } catch (e) {
      if (!(e instanceof QuestionFileError)) throw e;
      problems.push({ file: e.file, line: e.line, field: e.field, detail: e.detail });
    }
  }
  const summary = `validated ${files.length} question files under ${dir} (${seeds} seeds each): ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  if (args.json) print(JSON.stringify({ files: files.length, seeds, problems }, null, 2));
  else for (const p of problems) process.stderr.write(`${relative('.', p.file) || p.file}:${p.line}: ${p.field}: ${p.detail}\n`);
  process.stdout.write(`${summary}\n`);
  return problems.length === 0 && files.length > 0 ? 0 : 1;
}

function questionFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`\`${dir}\` is not a folder; give the folder of question files`);
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name !== 'README.md') out.push(path);
      if (out.length > bankFilesMax) throw new UsageError(`more than ${bankFilesMax} question files under ${dir}; validate a smaller folder`);
    }
  };
  walk(dir);
  return out;
}
