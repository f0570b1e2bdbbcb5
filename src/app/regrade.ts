// Regrade: recompute the score projection of a course from its attempt log, with each
// question's current version (a fixed question) and the current policies, extensions and
// outages. The log itself is never changed; only the projection is.
import type { Sql } from 'postgres';
import {
  attemptState, creditedScore, diffScores, judgeTiming, projectQuestionScore, type RegradeChange, type ScoreRow,
} from '../grading/index.ts';
import { gradeAnswer } from '../questions/index.ts';
import { assignmentsOfCourse, extensionsOf, type Assignment } from '../store/assignments.ts';
import { currentVersionOf } from '../store/bank.ts';
import { findCourse } from '../store/courses.ts';
import { courseSubmissionsForRegrade, scoresOfCourse, slotAndUserNames } from '../store/gradebook.ts';
import { outageWindows, upsertScore } from '../store/submissions.ts';
import type { QuestionBank } from './bank.ts';
import { notFound } from './errors.ts';

export interface RegradeReport {
  dryRun: boolean;
  submissions: number;
  changes: (RegradeChange & { email: string; assignment: string })[];
}

interface Projection { userId: string; slotId: string; fraction: number; perPart: Record<string, number> }

export async function regradeCourse(sql: Sql, bank: QuestionBank, courseId: string, dryRun: boolean): Promise<RegradeReport> {
  const course = await findCourse(sql, courseId);
  if (!course) throw notFound('That course');
  const assignments = new Map((await assignmentsOfCourse(sql, courseId, false)).map((a) => [a.id, a]));
  const extensions = new Map<string, Date>();
  for (const a of assignments.values()) {
    for (const x of await extensionsOf(sql, a.id)) extensions.set(`${a.id}:${x.userId}`, x.dueAt);
  }
  const outages = await outageWindows(sql);
  const rows = await courseSubmissionsForRegrade(sql, courseId);
  const groups = new Map<string, typeof rows[number][]>();
  for (const r of rows) {
    const key = `${r.user_id}:${r.slot_id}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const after: Projection[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const a = assignments.get(first.assignment_id)!;
    const version = (await currentVersionOf(sql, (await bank.get(first.version)).id)) ?? first.version;
    const q = await bank.get(version);
    const parts = bank.variant(q, first.seed).parts;
    after.push(projectGroup(group, a, {
      extensionDueAt: extensions.get(`${a.id}:${first.user_id}`) ?? null, outages,
      grace: course.settings.outageGraceMinutes,
      grade: (seed, partId, answer) => gradeAnswer(q, seed, partId, answer, { logBase: course.settings.logBase }),
      parts,
    }));
  }
  const asRow = (p: { userId: string; slotId: string; fraction: number }): ScoreRow =>
    ({ studentId: p.userId, slotId: p.slotId, fraction: p.fraction });
  const changes = diffScores((await scoresOfCourse(sql, courseId)).map(asRow), after.map(asRow));
  if (!dryRun) {
    for (const p of after) await upsertScore(sql, p.userId, p.slotId, p.fraction, p.perPart);
  }
  return { dryRun, submissions: rows.length, changes: await describeChanges(sql, changes) };
}

interface GroupContext {
  extensionDueAt: Date | null;
  outages: { start: Date; end: Date | null; region: string }[];
  grace: number;
  grade: (seed: number, partId: string, answer: string) => ReturnType<typeof gradeAnswer>;
  parts: { id: string; weight: number }[];
}

function projectGroup(group: Record<string, any>[], a: Assignment, c: GroupContext): Projection {
  const policy = a;
  const best: Record<string, number> = {};
  const priorByVariantPart = new Map<string, { status: 'graded' | 'invalid'; correct: boolean }[]>();
  for (const s of group) {
    const timing = judgeTiming({
      policy, extensionDueAt: c.extensionDueAt, serverTime: s.server_time, capturedAt: s.captured_at,
      outages: c.outages, outageGraceMinutes: c.grace,
    });
    for (const [partId, answer] of Object.entries(s.answers as Record<string, string>)) {
      if (!c.parts.some((p) => p.id === partId)) continue;
      const key = `${s.variant_id}:${partId}`;
      const prior = priorByVariantPart.get(key) ?? [];
      const r = c.grade(s.seed, partId, answer);
      const credit = timing.accepted ? timing.credit : 0;
      if (r.status === 'graded') {
        const credited = creditedScore(r.score, { wrongBefore: attemptState(prior, policy).wrongBefore, penaltyPerWrong: policy.penaltyPerWrong, timingCredit: credit });
        best[partId] = Math.max(best[partId] ?? 0, credited);
      }
      priorByVariantPart.set(key, [...prior, { status: r.status, correct: r.correct }]);
    }
  }
  const attempts = Object.entries(best).map(([partId, credited]) => ({ partId, credited, serverTime: new Date(0) }));
  return {
    userId: group[0].user_id, slotId: group[0].slot_id,
    fraction: projectQuestionScore(c.parts, attempts).fraction, perPart: best,
  };
}

async function describeChanges(sql: Sql, changes: RegradeChange[]): Promise<RegradeReport['changes']> {
  if (changes.length === 0) return [];
  const names = await slotAndUserNames(sql, changes.map((c) => c.studentId), changes.map((c) => c.slotId));
  return changes.map((c) => ({ ...c, email: names.emails.get(c.studentId) ?? '', assignment: names.titles.get(c.slotId) ?? '' }));
}
