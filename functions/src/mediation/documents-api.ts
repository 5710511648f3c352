// mediation's documents (a function of its own: the PDF font and the workbook library stay out of the
// JSON routes' bundle). Each route loads and scope-checks through the use cases, hands the records to
// a pure renderer (documents/), and audits the download or the import.
import {
  canReviewMediation,
  canWriteOfficeRecords,
  conflict,
  forbidden,
  MAX_IMPORT_MEDIATORS,
  MEDIATION_AUDIT,
  readScope,
  shanghaiMonth,
  validationError,
  type Office,
} from '@sifasuo/domain';
import { mediation } from '@sifasuo/wiring/src/mediation';
import { writeAudit } from '../shared/audit-writer';
import { auditedApiHandler } from '../shared/audited-api';
import { bodyString, fileAnswer, ok, PDF_TYPE, XLSX_TYPE } from '../shared/http';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { officeRef, requireActor, writableOffice } from './access';
import { readableCase } from './cases';
import { agreementPdf } from './documents/agreement';
import { parseRosterWorkbook, rosterWorkbook } from './documents/roster';
import { statisticsWorkbook } from './documents/statistics';
import { roster } from './roster';
import { statistics } from './statistics';

/** What the caller's statistics cover, in words: an office, an area, or the county. */
const scopeLabel = async (ctx: RequestContext, offices: Office[], officeId?: string): Promise<string> => {
  const actor = requireActor(ctx);
  const bureau = await orgDirectory.bureau();
  if (officeId) return offices.find((o) => o.id === officeId)?.name ?? officeId;
  const scope = readScope(actor);
  if (scope.kind === 'office') return offices.find((o) => o.id === scope.officeId)?.name ?? scope.officeId;
  if (scope.kind === 'area') return `${offices.find((o) => o.id === scope.officeId)?.name ?? ''}所在片区`;
  return bureau.county;
};

const labelOf = (entries: { code: string; label: string }[], code: string) => entries.find((e) => e.code === code)?.label ?? code;

export const handler = auditedApiHandler(mediation, 'mediation-documents', {
  'GET /api/mediation/cases/{caseId}/agreement.pdf': {
    audit: { action: MEDIATION_AUDIT['case.agreement'], targetId: ({ path }) => path.caseId ?? '' },
    handle: async ({ ctx, path }) => {
      const actor = requireActor(ctx);
      const found = await readableCase(ctx, path.caseId);
      // The agreement carries the parties' full ID numbers: for those who keep or review the case.
      if (!canWriteOfficeRecords(actor, found.officeId) && !canReviewMediation(actor, officeRef(found))) throw forbidden('无权下载该案件的调解协议书');
      const closure = found.closure;
      if (!(found.status === 'closed' || found.status === 'reviewed') || closure?.result !== 'agreement') {
        throw conflict('只有调解成功并已结案的案件才能生成人民调解协议书');
      }
      if (closure.agreement?.form !== 'written') throw conflict('该案件达成的是口头协议，没有书面调解协议书');
      const [office, bureau, types, sources] = await Promise.all([
        orgDirectory.office(found.officeId),
        orgDirectory.bureau(),
        orgDirectory.dictionary('dispute-types'),
        orgDirectory.dictionary('case-sources'),
      ]);
      const bytes = await agreementPdf({
        case: found, office: office!, bureauName: bureau.name,
        disputeTypeLabel: labelOf(types, found.disputeType), sourceLabel: labelOf(sources, found.source),
      });
      await writeAudit(ctx, { action: MEDIATION_AUDIT['case.agreement'], targetId: found.id, outcome: 'success' });
      return fileAnswer({ contentType: PDF_TYPE, fileName: `人民调解协议书-${found.caseNo}.pdf`, bytes });
    },
  },

  'GET /api/mediation/statistics.xlsx': {
    audit: { action: MEDIATION_AUDIT['statistics.export'], targetId: ({ query }) => `${query.month ?? ''}${query.officeId ? `#${query.officeId}` : ''}` },
    handle: async ({ ctx, query }) => {
      const [stats, offices] = await Promise.all([statistics.month(ctx, query), orgDirectory.offices()]);
      const label = await scopeLabel(ctx, offices, query.officeId);
      const bytes = await statisticsWorkbook({ stats, scopeLabel: label, generatedAt: ctx.now });
      const target = `${query.month}${query.officeId ? `#${query.officeId}` : ''}`;
      await writeAudit(ctx, { action: MEDIATION_AUDIT['statistics.export'], targetId: target, outcome: 'success', after: { month: query.month, scope: label } });
      return fileAnswer({ contentType: XLSX_TYPE, fileName: `人民调解统计报表-${label}-${query.month}.xlsx`, bytes });
    },
  },

  'GET /api/mediation/mediators/export.xlsx': {
    audit: { action: MEDIATION_AUDIT['mediator.export'], targetId: ({ query }) => query.officeId ?? '' },
    handle: async ({ ctx, query }) => {
      const [{ mediators, committees }, offices] = await Promise.all([roster.mediatorsForExport(ctx, query.officeId), orgDirectory.offices()]);
      const bytes = await rosterWorkbook({ mediators, committees, offices });
      const label = await scopeLabel(ctx, offices, query.officeId);
      await writeAudit(ctx, { action: MEDIATION_AUDIT['mediator.export'], targetId: query.officeId ?? '', outcome: 'success', after: { scope: label, count: mediators.length } });
      return fileAnswer({ contentType: XLSX_TYPE, fileName: `人民调解员花名册-${label}-${shanghaiMonth(ctx.now)}.xlsx`, bytes });
    },
  },

  /**
   * All rows or none: a file with problems writes nothing and answers them (200, imported 0); a clean
   * file is written in one transaction, so at most MAX_IMPORT_MEDIATORS rows a file.
   */
  'POST /api/mediation/mediators/import': {
    audit: { action: MEDIATION_AUDIT['mediator.import'], targetId: ({ raw }) => bodyString(raw, 'officeId') },
    handle: async ({ ctx, body }) => {
      const office = await writableOffice(ctx, body.officeId);
      const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
      const committees = await roster.committeesOf(ctx, office.id);
      const parsed = await parseRosterWorkbook(bytes, { officeId: office.id, committees });
      if (parsed.problems.length) return ok({ imported: 0, problems: parsed.problems });
      if (parsed.rows.length === 0) throw validationError({ contentBase64: '文件中没有调解员数据' });
      if (parsed.rows.length > MAX_IMPORT_MEDIATORS) {
        throw validationError({ contentBase64: `一次最多导入${MAX_IMPORT_MEDIATORS}名调解员（文件中有${parsed.rows.length}名），请分成多个文件导入` });
      }
      const problems = await roster.importProblems(ctx, office.id, parsed.rows);
      if (problems.length) return ok({ imported: 0, problems });
      const created = await roster.importRows(ctx, office.id, parsed.rows);
      return ok({ imported: created.length, problems: [] });
    },
  },
});
