// mediation: dispute screenings, cases, agreements, typical cases and news, committees and mediators,
// statistics. Its facts leave through the table's outbox; documents (PDF, Excel) have a function of
// their own so the JSON routes stay light.
import {
  adoptSubmissionInput,
  caseListQuery,
  caseRecordInput,
  closeCaseInput,
  committeeInput,
  committeeQuery,
  confirmationInput,
  createCaseInput,
  createScreeningInput,
  createSubmissionInput,
  disputeQuery,
  followUpInput,
  mediatorInput,
  mediatorQuery,
  monthlyReportInput,
  returnSubmissionInput,
  reviewInput,
  rosterExportQuery,
  rosterImportInput,
  screeningBoardQuery,
  screeningQuery,
  statisticsQuery,
  submissionQuery,
  trendQuery,
  updateCommitteeInput,
  updateDisputeInput,
  updateMediatorInput,
  updateSubmissionInput,
  versionInput,
  withdrawInput,
  caseQuery,
  type Committee,
  type Dispute,
  type ImportResult,
  type MediationCase,
  type MediationSummary,
  type MediationTrend,
  type Mediator,
  type MonthlyReport,
  type MonthlyStatistics,
  type Page,
  type Screening,
  type ScreeningBoard,
  type ScreeningDetail,
  type Submission,
} from '@sifasuo/domain';
import { AUDITED, CJK_FONT_FILE, defineContext, fileReply, reply, route, SCOPED_INDEXES } from './types';

/** Offices (name, area, class) and dictionaries are the org context's; mediation reads them, never writes. */
const READS_ORG = { table: 'org', access: 'read' } as const;
const OWN_TABLE = { table: 'mediation', access: 'readwrite' } as const;

export const mediation = defineContext({
  context: 'mediation',
  tables: [{ id: 'mediation', context: 'mediation', indexes: SCOPED_INDEXES, personalData: true, outbox: true }],
  functions: [
    {
      id: 'mediation-api', context: 'mediation', kind: 'api', entry: 'functions/src/mediation/api.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], timeoutSeconds: 10, memoryMb: 512,
    },
    {
      // PDF (with its CJK font) and Excel: heavier libraries and more memory than the JSON routes need.
      id: 'mediation-documents', context: 'mediation', kind: 'api', entry: 'functions/src/mediation/documents-api.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], bundleFiles: [CJK_FONT_FILE], timeoutSeconds: 30, memoryMb: 1024,
    },
    {
      id: 'mediation-demo-seed', context: 'mediation', kind: 'seed', entry: 'functions/src/mediation/seed.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], timeoutSeconds: 300, memoryMb: 1024,
    },
  ],
  routes: [
    // Cases (受理 → 调解 → 结案 → 回访 / 司法确认 / 网上录入 → 审核).
    route('POST', '/api/mediation/cases', 'mediation-api', { body: createCaseInput, response: reply<MediationCase>() }),
    route('GET', '/api/mediation/cases', 'mediation-api', { query: caseListQuery, response: reply<Page<MediationCase>>() }),
    route('GET', '/api/mediation/cases/{caseId}', 'mediation-api', { query: caseQuery, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/records', 'mediation-api', { body: caseRecordInput, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/close', 'mediation-api', { body: closeCaseInput, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/follow-up', 'mediation-api', { body: followUpInput, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/confirmation', 'mediation-api', { body: confirmationInput, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/enter-online', 'mediation-api', { body: versionInput, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/review', 'mediation-api', { body: reviewInput, response: reply<MediationCase>() }),
    route('POST', '/api/mediation/cases/{caseId}/withdraw', 'mediation-api', { body: withdrawInput, response: reply<MediationCase>() }),
    route('GET', '/api/mediation/cases/{caseId}/agreement.pdf', 'mediation-documents', { response: fileReply() }),
    // Statistics, generated from the records: JSON for the pages and charts, the official workbook.
    route('GET', '/api/mediation/statistics', 'mediation-api', { query: statisticsQuery, response: reply<MonthlyStatistics>() }),
    route('GET', '/api/mediation/statistics.xlsx', 'mediation-documents', { query: statisticsQuery, response: fileReply() }),
    route('GET', '/api/mediation/trend', 'mediation-api', { query: trendQuery, response: reply<MediationTrend>() }),
    // Screenings (排查), the disputes they find, the month's report.
    route('POST', '/api/mediation/screenings', 'mediation-api', { body: createScreeningInput, response: reply<Screening>() }),
    route('GET', '/api/mediation/screenings', 'mediation-api', { query: screeningQuery, response: reply<Page<Screening>>() }),
    route('GET', '/api/mediation/screenings/{screeningId}', 'mediation-api', { response: reply<ScreeningDetail>() }),
    route('POST', '/api/mediation/screenings/{screeningId}/withdraw', 'mediation-api', { body: withdrawInput, response: reply<Screening>() }),
    route('GET', '/api/mediation/screening-board', 'mediation-api', { query: screeningBoardQuery, response: reply<ScreeningBoard>() }),
    route('GET', '/api/mediation/disputes', 'mediation-api', { query: disputeQuery, response: reply<Page<Dispute>>() }),
    route('PUT', '/api/mediation/disputes/{disputeId}', 'mediation-api', { body: updateDisputeInput, response: reply<Dispute>() }),
    route('POST', '/api/mediation/disputes/{disputeId}/report', 'mediation-api', { body: versionInput, response: reply<Dispute>() }),
    route('POST', '/api/mediation/monthly-reports', 'mediation-api', { body: monthlyReportInput, response: reply<MonthlyReport>() }),
    // Typical cases and one-sentence news.
    route('POST', '/api/mediation/submissions', 'mediation-api', { body: createSubmissionInput, response: reply<Submission>() }),
    route('GET', '/api/mediation/submissions', 'mediation-api', { query: submissionQuery, response: reply<Page<Submission>>() }),
    route('PUT', '/api/mediation/submissions/{submissionId}', 'mediation-api', { body: updateSubmissionInput, response: reply<Submission>() }),
    route('POST', '/api/mediation/submissions/{submissionId}/return', 'mediation-api', { body: returnSubmissionInput, response: reply<Submission>() }),
    route('POST', '/api/mediation/submissions/{submissionId}/adopt', 'mediation-api', { body: adoptSubmissionInput, response: reply<Submission>() }),
    route('POST', '/api/mediation/submissions/{submissionId}/withdraw', 'mediation-api', { body: versionInput, response: reply<Submission>() }),
    // Committees (调委会) and the mediator roster (人民调解员花名册).
    route('GET', '/api/mediation/committees', 'mediation-api', { query: committeeQuery, response: reply<Page<Committee>>() }),
    route('POST', '/api/mediation/committees', 'mediation-api', { body: committeeInput, response: reply<Committee>() }),
    route('PUT', '/api/mediation/committees/{committeeId}', 'mediation-api', { body: updateCommitteeInput, response: reply<Committee>() }),
    route('GET', '/api/mediation/mediators', 'mediation-api', { query: mediatorQuery, response: reply<Page<Mediator>>() }),
    route('POST', '/api/mediation/mediators', 'mediation-api', { body: mediatorInput, response: reply<Mediator>() }),
    route('PUT', '/api/mediation/mediators/{mediatorId}', 'mediation-api', { body: updateMediatorInput, response: reply<Mediator>() }),
    route('GET', '/api/mediation/mediators/export.xlsx', 'mediation-documents', { query: rosterExportQuery, response: fileReply() }),
    route('POST', '/api/mediation/mediators/import', 'mediation-documents', { body: rosterImportInput, response: reply<ImportResult>() }),
    // The homes' cards.
    route('GET', '/api/mediation/summary', 'mediation-api', { response: reply<MediationSummary>() }),
  ],
  seed: 'mediation-demo-seed',
});
