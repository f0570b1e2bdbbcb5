// Editing a question file does not change variants already issued: they keep the version they
// were pinned to; students who get the question afterwards get the new version.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { practiceOf, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
const bankDir = mkdtempSync(join(tmpdir(), 'steadfast-bank-'));
before(async () => { server = await startTestServer({ demoStudents: 2 }); });
after(async () => { await server?.close(); rmSync(bankDir, { recursive: true, force: true }); });

test('a new version of a question leaves issued variants pinned and reaches new students', async () => {
  const student = await server.login('student1@example.edu');
  const { courseId, assignment } = await practiceOf(student);
  const q = assignment.questions[0];
  cpSync('questions', bankDir, { recursive: true });
  const file = join(bankDir, `${q.questionId}.md`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n/, '\n---\nEDITED: a clearer wording.\n\n'));
  const report = await server.ctx.bank.publishDir(bankDir);
  assert.deepEqual(report.errors, []);

  const again = await practiceOf(student);
  const same = again.assignment.questions.find((x: any) => x.slotId === q.slotId);
  assert.equal(same.variantId, q.variantId);
  assert.equal(same.html, q.html, 'the issued variant still shows the version it was pinned to');
  assert.doesNotMatch(same.html, /EDITED/);

  const instructor = await server.login('instructor@example.edu');
  const roster = await instructor.post(`/api/courses/${courseId}/roster`, 'email,name\nlate.comer@example.edu,Late Comer\n', { 'content-type': 'text/csv' });
  const newcomer = await server.login('late.comer@example.edu', roster.body.newAccounts[0].temporaryPassword);
  const theirs = (await practiceOf(newcomer)).assignment.questions.find((x: any) => x.slotId === q.slotId);
  assert.match(theirs.html, /EDITED/, 'a student who gets the question now gets the new version');
});
