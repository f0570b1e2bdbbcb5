// The demo course loaded on first start: Physics 101 with an instructor, students, three
// assignments over the demo bank, a "Practice" assignment with unlimited attempts (used by
// the drills), and a few past submissions so the gradebook is not empty.
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { correctAnswers } from '../questions/index.ts';
import { backdateAssignment, insertAssignment, updateAssignment, type Assignment, type AssignmentFields } from '../store/assignments.ts';
import { searchBank } from '../store/bank.ts';
import { insertCourse, upsertEnrollment } from '../store/courses.ts';
import { insertUser, usersCount } from '../store/users.ts';
import { withAdvisoryLock } from '../store/locks.ts';
import { issueVariants } from '../store/variants.ts';
import type { QuestionBank } from './bank.ts';
import { hashPassword } from './passwords.ts';
import { prepareAssignment } from './prepare.ts';
import { submit } from './submit.ts';

export const demoPassword = 'steadfast-demo';
export const demoInstructorEmail = 'instructor@example.edu';
export const demoStudentsDefault = 20;
export const demoStudentsMax = 10_000;
/** Students of the demo who already answered the first (past) assignment. */
const demoPastSubmitters = 8;
const demoLockKey = 7_346_120_012;
const dayMs = 86_400_000;

export const demoStudentEmail = (i: number) => `student${i}@example.edu`;

/** Loads the demo unless the database already has users; safe when several servers start together. */
export async function loadDemoIfEmpty(sql: Sql, bank: QuestionBank, students: number, log: (l: string) => void): Promise<boolean> {
  return withAdvisoryLock(sql, demoLockKey, async () => {
    if ((await usersCount(sql)) > 0) return false;
    await loadDemo(sql, bank, students);
    log(`demo course "Physics 101" loaded: ${demoInstructorEmail} and ${demoStudentEmail(1)} … ${demoStudentEmail(students)}, password "${demoPassword}" (demo data only)`);
    return true;
  });
}

async function loadDemo(sql: Sql, bank: QuestionBank, studentsCount: number): Promise<void> {
  // One hash for every demo account: they share a published password anyway, and it keeps start-up fast.
  const passwordHash = await hashPassword(demoPassword);
  const course = await insertCourse(sql, 'Physics 101', { timeZone: 'America/Toronto' });
  const instructor = await insertUser(sql, { email: demoInstructorEmail, name: 'Ada Instructor', passwordHash });
  await upsertEnrollment(sql, course.id, instructor.id, 'instructor');
  const ta = await insertUser(sql, { email: 'ta@example.edu', name: 'Tom Assistant', passwordHash });
  await upsertEnrollment(sql, course.id, ta.id, 'ta');
  const students = [];
  for (let i = 1; i <= studentsCount; i++) {
    const s = await insertUser(sql, { email: demoStudentEmail(i), name: `Student ${String(i).padStart(2, '0')}`, passwordHash });
    await upsertEnrollment(sql, course.id, s.id, 'student');
    students.push(s);
  }
  // The demo bank tags each question with the assignment it belongs to (topic "assignment-N").
  const bankEntries = await searchBank(sql, '', 1_000);
  const tagged = (n: number) => bankEntries.filter((q) => q.topics.includes(`assignment-${n}`)).map((q) => q.id).sort();
  const [hw1, hw2, hw3] = [tagged(1), tagged(2), tagged(3)];
  const now = Date.now();
  const open = (title: string, questionIds: string[], dueInDays: number, extra: Partial<AssignmentFields> = {}) =>
    insertAssignment(sql, course.id, {
      title, opensAt: new Date(now - dayMs), dueAt: new Date(now + dueInDays * dayMs), lateWindows: [],
      attemptsMax: 5, penaltyPerWrong: 0, newVariantAfterWrong: null, published: true, answersReleased: false, ...extra,
    }, questionIds.map((questionId) => ({ questionId, points: 10 })));
  const first = await open('Homework 1: Units and kinematics', hw1, 7, { lateWindows: [{ afterDueHours: 24, credit: 0.8 }, { afterDueHours: 168, credit: 0.5 }] });
  const hw2a = await open('Homework 2: Forces and energy', hw2, 2, { lateWindows: [{ afterDueHours: 24, credit: 0.8 }, { afterDueHours: 168, credit: 0.5 }], penaltyPerWrong: 0.1, newVariantAfterWrong: 3 });
  const hw3a = await open('Homework 3: Calculus and circuits', hw3, 9, { attemptsMax: 3 });
  const practice = await open('Practice', [...hw1.slice(0, 2), ...hw2.slice(0, 1)], 365, { attemptsMax: null });
  for (const a of [hw2a, hw3a, practice]) await prepareAssignment(sql, bank, a.id);
  await answerPastAssignment(sql, bank, first, students.slice(0, demoPastSubmitters).map((s) => s.id));
  // Homework 1 happened in the past: due ten days ago, past its last late window, answers released.
  await backdateAssignment(sql, first.id, 17 * dayMs);
  await updateAssignment(sql, first.id, { ...first, opensAt: new Date(first.opensAt.getTime() - 17 * dayMs), dueAt: new Date(first.dueAt.getTime() - 17 * dayMs), answersReleased: true });
}

/** Some students answer every question, alternately right and wrong, through the real submission path. */
async function answerPastAssignment(sql: Sql, bank: QuestionBank, a: Assignment, studentIds: string[]): Promise<void> {
  for (const [i, userId] of studentIds.entries()) {
    for (const v of await issueVariants(sql, a.id, userId)) {
      const q = await bank.get(v.version);
      const right = correctAnswers(q, v.seed);
      const answers = Object.fromEntries(Object.entries(right).map(([part, text], j) => [part, (i + j) % 3 === 0 ? '0' : text]));
      await submit(sql, bank, userId, { id: randomUUID(), variantId: v.id, answers, capturedAt: null }, { region: 'demo', node: 'demo' });
    }
  }
}
