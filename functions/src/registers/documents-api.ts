// The declared books' Excel, both ways (a function of its own: the workbook library stays out of the
// JSON routes' bundle): a year's book in the declaration's layout within the caller's scope (export.ts),
// and an uploaded workbook into one office's book, all rows or none (import.ts).
import { REGISTERS_AUDIT } from '@sifasuo/domain';
import { registers } from '@sifasuo/wiring/src/registers';
import { auditedApiHandler } from '../shared/audited-api';
import { bodyString, fileAnswer, ok } from '../shared/http';
import { exportBook, exportTarget } from './export';
import { imports } from './import';

export const handler = auditedApiHandler(registers, 'registers-documents', {
  'GET /api/registers/{register}/export.xlsx': {
    audit: { action: REGISTERS_AUDIT['entry.export'], targetId: ({ path, query }) => exportTarget(path.register ?? '', query.year, query.officeId) },
    handle: async ({ ctx, path, query }) => fileAnswer(await exportBook(ctx, path.register, query)),
  },
  'POST /api/registers/{register}/imports': {
    audit: { action: REGISTERS_AUDIT['entry.import'], targetId: ({ raw }) => bodyString(raw, 'uploadId') },
    handle: async ({ ctx, path, body }) => ok(await imports.run(ctx, path.register, body)),
  },
});
