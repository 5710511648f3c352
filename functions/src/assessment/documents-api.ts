// assessment's documents (a function of its own: the PDF font and the workbook library stay out of the
// JSON routes' bundle): the month's notice (通报, PDF and Excel) and the funding workbook. Each route
// loads and checks, hands the records to a pure renderer (notice.ts, funding-workbook.ts), and audits
// the download.
//
// Who reads a notice: the assessors (departments, the leader: canAssess) see a run in any state, as
// they see the run itself (runs.ts); any other reader with an office scope only a published one
// (approved, or approved and later corrected) — a draft answers as missing. The notice is published county-wide
// (every office reads every office's rank, as the printed 通报 is sent to all), so an office-scoped
// reader gets the whole county's notice, not only its own row.
import { ASSESSMENT_AUDIT, canAssess, forbidden, readScope } from '@sifasuo/domain';
import { assessment } from '@sifasuo/wiring/src/assessment';
import { writeAudit } from '../shared/audit-writer';
import { auditedApiHandler } from '../shared/audited-api';
import { fileAnswer, PDF_TYPE, XLSX_TYPE } from '../shared/http';
import { orgDirectory } from '../shared/org-directory';
import { requireActor } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import { funding } from './funding';
import { fundingWorkbook } from './funding-workbook';
import { monthText, noticePdf, noticeWorkbook } from './notice';
import { visibleRun } from './runs';
import { getRun, runScores } from './runs-repository';

/** The run and its scores as the caller may read them for the notice. */
const noticeOf = async (ctx: RequestContext, runId: string) => {
  const actor = requireActor(ctx);
  if (!canAssess(actor) && readScope(actor).kind === 'none') throw forbidden('无权查看考核通报');
  const run = visibleRun(actor, await getRun(runId));
  const [scores, bureau] = await Promise.all([runScores(run.runId), orgDirectory.bureau()]);
  return { run, scores, bureauName: bureau.name };
};

const noticeExport = async (ctx: RequestContext, runId: string, kind: 'pdf' | 'xlsx') => {
  const notice = await noticeOf(ctx, runId);
  const input = { ...notice, generatedAt: ctx.now };
  const bytes = kind === 'pdf' ? await noticePdf(input) : await noticeWorkbook(input);
  await writeAudit(ctx, { action: ASSESSMENT_AUDIT['notice.export'], targetId: notice.run.runId, outcome: 'success', after: { format: kind, status: notice.run.status } });
  const fileName = `${monthText(notice.run.month)}司法所工作考核通报（${notice.run.runId}）.${kind}`;
  return fileAnswer({ contentType: kind === 'pdf' ? PDF_TYPE : XLSX_TYPE, fileName, bytes });
};

export const handler = auditedApiHandler(assessment, 'assessment-documents', {
  'GET /api/assessment/runs/{runId}/notice.pdf': {
    audit: { action: ASSESSMENT_AUDIT['notice.export'], targetId: ({ path }) => path.runId ?? '' },
    handle: ({ ctx, path }) => noticeExport(ctx, path.runId, 'pdf'),
  },
  'GET /api/assessment/runs/{runId}/notice.xlsx': {
    audit: { action: ASSESSMENT_AUDIT['notice.export'], targetId: ({ path }) => path.runId ?? '' },
    handle: ({ ctx, path }) => noticeExport(ctx, path.runId, 'xlsx'),
  },
  'GET /api/assessment/funding/{fundingId}/export.xlsx': {
    audit: { action: ASSESSMENT_AUDIT['funding.export'], targetId: ({ path }) => path.fundingId ?? '' },
    handle: async ({ ctx, path }) => {
      const allocation = await funding.get(ctx, path.fundingId);
      const bureau = await orgDirectory.bureau();
      const bytes = await fundingWorkbook({ bureauName: bureau.name, allocation, generatedAt: ctx.now });
      await writeAudit(ctx, { action: ASSESSMENT_AUDIT['funding.export'], targetId: allocation.id, outcome: 'success', after: { year: allocation.year, status: allocation.status } });
      return fileAnswer({ contentType: XLSX_TYPE, fileName: `${allocation.year}年度司法所业绩考核经费分配表.xlsx`, bytes });
    },
  },
});
