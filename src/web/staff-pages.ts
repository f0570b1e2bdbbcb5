// The instructor and TA pages, registered together (see docs/web.md, "Instructors and TAs").
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server/context.ts';
import { staffCoursePages } from './staff-course.ts';
import { staffEditorPages } from './staff-editor.ts';
import { staffGradePages } from './staff-grades.ts';
import { staffToolPages } from './staff-tools.ts';

export function staffPages(app: FastifyInstance, ctx: ServerContext): void {
  staffCoursePages(app, ctx);
  staffEditorPages(app, ctx);
  staffGradePages(app, ctx);
  staffToolPages(app, ctx);
}
