// The export of a register's year: every active entry filed in that Shanghai year within the caller's
// scope (one office, or all the caller may read, then with a 司法所 column), in filing order, as the
// official book (workbook.ts). Full ID numbers only for those who keep the office's books; audited.
import { canWriteOfficeRecords, readScope, REGISTERS_AUDIT, validationError, type Actor, type RegisterExportQuery } from '@sifasuo/domain';
import { writeAudit } from '../shared/audit-writer';
import { XLSX_TYPE, type FileContent } from '../shared/http';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { declarationOf, maskEntry, requireActor } from './entries';
import { entriesRepository as repo } from './entries-repository';
import { registerTitle, registerWorkbook } from './workbook';

/** Whose book it is, in words, when no office is named: the caller's office, its area, or the county. */
const scopeName = async (actor: Actor, officeNames: Record<string, string>): Promise<string> => {
  const scope = readScope(actor);
  if (scope.kind === 'office') return officeNames[scope.officeId] ?? scope.officeId;
  if (scope.kind === 'area') return `${officeNames[scope.officeId] ?? scope.officeId}所在片区`;
  return (await orgDirectory.bureau()).county;
};

/** The audit target of an export: register, year and the office if one is named. */
export const exportTarget = (register: string, year: unknown, officeId?: string) => `${register}#${year ?? ''}${officeId ? `#${officeId}` : ''}`;

export const exportBook = async (ctx: RequestContext, register: string, q: RegisterExportQuery): Promise<FileContent> => {
  const d = declarationOf(register);
  const actor = requireActor(ctx);
  const offices = await orgDirectory.offices();
  const officeNames = Object.fromEntries(offices.map((o) => [o.id, o.name]));
  if (q.officeId && !officeNames[q.officeId]) throw validationError({ officeId: `司法所 ${q.officeId} 不存在` });
  const found = await repo.allInScope(actor, d.id, { officeId: q.officeId, filedBetween: [`${q.year}-01-01`, `${q.year}-12-31`] });
  const order = (e: Record<string, unknown>) => `${String(e.filedOn)}#${String(e[d.dateField])}#${String(e.id)}`;
  const entries = found
    .filter((e) => e.status === 'active')
    .sort((a, b) => order(a).localeCompare(order(b)))
    .map((e) => (canWriteOfficeRecords(actor, e.officeId) ? e : maskEntry(d, e)));
  const officeName = q.officeId ? officeNames[q.officeId]! : await scopeName(actor, officeNames);
  const bytes = await registerWorkbook(d, entries, { officeName, ...(q.officeId ? {} : { officeNames }), year: q.year, generatedAt: ctx.now });
  await writeAudit(ctx, {
    action: REGISTERS_AUDIT['entry.export'], targetId: exportTarget(d.id, q.year, q.officeId), outcome: 'success',
    after: { register: d.id, year: q.year, scope: officeName, count: entries.length },
  });
  return { contentType: XLSX_TYPE, fileName: `${registerTitle(d, q.year, officeName)}.xlsx`, bytes };
};
