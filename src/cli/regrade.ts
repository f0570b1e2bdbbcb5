// `steadfast regrade --course ID [--dry-run]`: recompute a course's scores from the attempt log.
import { QuestionBank } from '../app/bank.ts';
import { regradeCourse } from '../app/regrade.ts';
import { allCourses } from '../store/courses.ts';
import { dataDirDefault, openDatabase } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { resolve } from 'node:path';

const help = `Usage: steadfast regrade [--course ID] [--dry-run] [--json]

Recomputes the score projection from every stored submission, with each question's current
version (after a fix) and the current deadlines, late credit, extensions and outage record.
Reports what changes per student. --dry-run changes nothing. Without --course, every course.
Uses DATABASE_URL, or the embedded database under DATA_DIR (default ./data) — stop \`npm start\` first
when using the embedded one.`;

export async function regradeCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help')) { console.log(help); return 0; }
  const dryRun = argv.includes('--dry-run');
  const json = argv.includes('--json');
  const ci = argv.indexOf('--course');
  const courseArg = ci >= 0 ? argv[ci + 1] : undefined;
  if (ci >= 0 && !courseArg) { console.error('--course needs a course id'); return 2; }
  const unknown = argv.filter((a, i) => a.startsWith('--') && !['--dry-run', '--json', '--course'].includes(a) && argv[i - 1] !== '--course');
  if (unknown.length > 0) { console.error(`unknown option ${unknown[0]}\n\n${help}`); return 2; }
  const db = await openDatabase({ dataDir: resolve(process.env.DATA_DIR || dataDirDefault), databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    await migrate(db.sql);
    const bank = new QuestionBank(db.sql);
    await bank.publishDir(resolve(process.env.QUESTIONS_DIR || 'questions'));
    const courses = courseArg ? [{ id: courseArg, title: courseArg }] : await allCourses(db.sql);
    for (const c of courses) {
      const report = await regradeCourse(db.sql, bank, c.id, dryRun);
      if (json) { console.log(JSON.stringify({ course: c.id, ...report })); continue; }
      console.log(`${c.title}: ${report.submissions} submissions, ${report.changes.length} scores ${dryRun ? 'would change' : 'changed'}`);
      for (const ch of report.changes) {
        console.log(`  ${ch.email}  ${ch.assignment}: ${(ch.before * 100).toFixed(1)}% -> ${(ch.after * 100).toFixed(1)}%`);
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}
