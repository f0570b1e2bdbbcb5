// Preparing an assignment ahead of the start-of-class spike: every student's variants are issued
// and rendered (math typeset) once, and stored, so that when the whole class opens the page at
// once the servers only read. Students who enrol later are served lazily, as before.
import type { Sql } from 'postgres';
import { issueVariantsToCourse, storeRendered, unrenderedVariants } from '../store/variants.ts';
import type { QuestionBank } from './bank.ts';

/** Variants rendered and stored per batch; a batch yields to other work between. */
export const prepareBatchSize = 100;
/** At most this many variants are prepared per assignment (students × slots). */
export const prepareVariantsMax = 200_000;

export async function prepareAssignment(sql: Sql, bank: QuestionBank, assignmentId: string): Promise<{ issued: number; rendered: number }> {
  const issued = await issueVariantsToCourse(sql, assignmentId);
  let rendered = 0;
  while (rendered < prepareVariantsMax) {
    const batch = await unrenderedVariants(sql, assignmentId, prepareBatchSize);
    if (batch.length === 0) break;
    const out = [];
    for (const v of batch) out.push({ id: v.id, rendered: bank.variant(await bank.get(v.version), v.seed) });
    await storeRendered(sql, out);
    rendered += batch.length;
    await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
  }
  return { issued, rendered };
}

/**
 * After an instructor saves a published assignment (settings or slots), prepares it in the
 * background; a failure only means pages render on first view.
 */
export function prepareIfPublished(sql: Sql, bank: QuestionBank, a: { id: string; published: boolean },
  log: (line: string) => void = (line) => console.log(`[steadfast] ${line}`)): void {
  if (!a.published) return;
  const assignmentId = a.id;
  prepareAssignment(sql, bank, assignmentId).then(
    (r) => log(`assignment ${assignmentId} prepared: ${r.issued} variants issued, ${r.rendered} rendered`),
    (err) => log(`assignment ${assignmentId} not prepared ahead (pages will render on first view): ${err instanceof Error ? err.message : String(err)}`),
  );
}
