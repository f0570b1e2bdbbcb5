// Assignments are prepared ahead of the start-of-class spike: every student's variants issued and
// rendered once, and what a student is served is exactly the variant the question core makes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeVariant } from '../../src/questions/index.ts';
import { practiceOf, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
before(async () => { server = await startTestServer({ demoStudents: 5 }); });
after(async () => { await server?.close(); });

const preparedOf = async (assignmentId: string) => (await server.ctx.db.sql`
  SELECT count(*)::int AS variants, count(v.rendered)::int AS rendered, count(DISTINCT v.user_id)::int AS students
  FROM variants v JOIN slots s ON s.id = v.slot_id WHERE s.assignment_id = ${assignmentId}`)[0]!;

test('the demo assignments are prepared for every student, and pages serve the prepared variant', async () => {
  const student = await server.login('student2@example.edu');
  const { assignment } = await practiceOf(student);
  const p = await preparedOf(assignment.id);
  assert.equal(p.students, 5);
  assert.equal(p.rendered, p.variants);
  for (const q of assignment.questions) {
    const [v] = await server.ctx.db.sql`SELECT version, seed FROM variants WHERE id = ${q.variantId}`;
    const fresh = makeVariant(await server.ctx.bank.get(v!.version), v!.seed);
    assert.equal(q.html, fresh.html);
    assert.deepEqual(q.parts.map((x: any) => x.id), fresh.parts.map((x) => x.id));
  }
});

test('publishing an assignment prepares it in the background', async () => {
  const instructor = await server.login('instructor@example.edu');
  const courseId = (await instructor.get('/api/courses')).body[0].id;
  const r = await instructor.post(`/api/courses/${courseId}/assignments`, {
    title: 'Prepared quiz', opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    dueAt: new Date(Date.now() + 86_400_000).toISOString(), published: true,
    slots: [{ questionId: 'units-prefixes', points: 1 }, { questionId: 'energy-kinetic', points: 1 }],
  });
  assert.equal(r.status, 201);
  let p = await preparedOf(r.body.id);
  for (let i = 0; i < 120 && !(p.variants === 10 && p.rendered === 10); i++) { await sleep(250); p = await preparedOf(r.body.id); }
  assert.deepEqual({ ...p }, { variants: 10, rendered: 10, students: 5 });
});
