// The declared books' Excel, both ways (a function of its own: the workbook library stays out of the
// JSON routes' bundle). The export is a year's book in the declaration's layout, within the caller's
// scope; the import takes an uploaded workbook into one office's book, all rows or none (import.ts).
import { canWriteOfficeRecords, readScope, REGISTERS_AUDIT, validationError, type Actor } from '@sifasuo/domain';
import { registers } from '@sifasuo/wiring/src/registers';
import { writeAudit } from '../shared/audit-writer';
import { auditedApiHandler } from '../shared/audited-api';
import { bodyString, fileAnswer, ok, XLSX_TYPE } from '../shared/http';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { declarationOf, maskEntry, requireActor } from './entries';
import { entriesRepository as repo } from './entries-repository';
import { imports } from './import';
import { registerTitle, registerWorkbook } from './workbook';

/** Whose book it is, in words: the office named, else the caller's scope (its office, its area, the county). */
const scopeName = async (actor: Actor, officeNames: Record<string, string>): Promise<string> => {
  const scope = readScope(actor);
  if (scope.kind === 'office') return officeNames[scope.officeId] ?? scope.officeId;
  if (scope.kind === 'area') return `${officeNames[scope.officeId] ?? scope.officeId}所在片区`;
  return (await orgDirectory.bureau()).county;
};

const exportBook = async (ctx: RequestContext, register: string, q: { officeId?: string; year: number }) => {
  const d = declarationOf(register);
  const actor = requireActor(ctx);
  const offices = await orgDirectory.offices();
  const officeNames = Object.fromEntries(offices.map((o) => [o.id, o.name]));
  if (q.officeId && !officeNames[q.officeId]) throw validationError({ officeId: `司法所 ${q.officeId} 不存在` });
  const found = await repo.allInScope(actor, d.id, { officeId: q.officeId, filedBetween: [`${q.year}-01-01`, `${q.year}-12-31`] });
  // The book in filing order; full ID numbers only for those who keep the office's books.
  const dateOf = (e: { filedOn: string; id: string }) => `${e.filedOn}#${String((e as Record<string, unknown>)[d.dateField])}#${e.id}`;
  const entries = found
    .filter((e) => e.status === 'active')
    .sort((a, b) => dateOf(a).localeCompare(dateOf(b)))
    .map((e) => (canWriteOfficeRecords(actor, e.officeId) ? e : maskEntry(d, e)));
  const officeName = q.officeId ? officeNames[q.officeId]! : await scopeName(actor, officeNames);
  const bytes = await registerWorkbook(d, entries, { officeName, ...(q.officeId ? {} : { officeNames }), year: q.year, generatedAt: ctx.now });
  const target = `${d.id}#${q.year}${q.officeId ? `#${q.officeId}` : ''}`;
  await writeAudit(ctx, { action: REGISTERS_AUDIT['entry.export'], targetId: target, outcome: 'success', after: { register: d.id, year: q.year, scope: officeName, count: entries.length } });
  return fileAnswer({ contentType: XLSX_TYPE, fileName: `${registerTitle(d, q.year, officeName)}.xlsx`, bytes });
};

export const handler = auditedApiHandler(registers, 'registers-documents', {
  'GET /api/registers/{register}/export.xlsx': {
    audit: { action: REGISTERS_AUDIT['entry.export'], targetId: ({ path, query }) => `${path.register ?? ''}#${query.year ?? ''}${query.officeId ? `#${query.officeId}` : ''}` },
    handle: async ({ ctx, path, query }) => exportBook(ctx, path.register, query),
  },
  'POST /api/registers/{register}/imports': {
    audit: { action: REGISTERS_AUDIT['entry.import'], targetId: ({ raw }) => bodyString(raw, 'uploadId') },
    handle: async ({ ctx, path, body }) => ok(await imports.run(ctx, path.register, body)),
  },
});
