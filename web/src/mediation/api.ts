// The mediation context's calls: cases, screenings and disputes, submissions, committees and mediators,
// statistics, the homes' summary; the offices and dictionaries it reads are the org context's routes.
import type { DictionaryName } from '@sifasuo/domain';
import type { RequestBody, RequestQuery } from '@sifasuo/wiring';
import { all, call, download } from '../kit/api';

type Body<K extends Parameters<typeof call>[0]> = RequestBody<K>;

export const mediationApi = {
  cases: (query: RequestQuery<'GET /api/mediation/cases'>) => all('GET /api/mediation/cases', { query }),
  case: (caseId: string) => call('GET /api/mediation/cases/{caseId}', { path: { caseId } }),
  /** The case with its parties' full ID numbers (audited on the server). */
  revealCase: (caseId: string) => call('GET /api/mediation/cases/{caseId}', { path: { caseId }, query: { reveal: 'idNumber' } }),
  createCase: (body: Body<'POST /api/mediation/cases'>) => call('POST /api/mediation/cases', { body }),
  record: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/records'>) =>
    call('POST /api/mediation/cases/{caseId}/records', { path: { caseId }, body }),
  close: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/close'>) =>
    call('POST /api/mediation/cases/{caseId}/close', { path: { caseId }, body }),
  followUp: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/follow-up'>) =>
    call('POST /api/mediation/cases/{caseId}/follow-up', { path: { caseId }, body }),
  confirmation: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/confirmation'>) =>
    call('POST /api/mediation/cases/{caseId}/confirmation', { path: { caseId }, body }),
  enterOnline: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/enter-online'>) =>
    call('POST /api/mediation/cases/{caseId}/enter-online', { path: { caseId }, body }),
  review: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/review'>) =>
    call('POST /api/mediation/cases/{caseId}/review', { path: { caseId }, body }),
  withdraw: (caseId: string, body: Body<'POST /api/mediation/cases/{caseId}/withdraw'>) =>
    call('POST /api/mediation/cases/{caseId}/withdraw', { path: { caseId }, body }),
  downloadAgreement: (caseId: string) => download('GET /api/mediation/cases/{caseId}/agreement.pdf', { path: { caseId } }),

  statistics: (query: RequestQuery<'GET /api/mediation/statistics'>) => call('GET /api/mediation/statistics', { query }),
  downloadStatistics: (query: RequestQuery<'GET /api/mediation/statistics.xlsx'>) => download('GET /api/mediation/statistics.xlsx', { query }),
  trend: (query: RequestQuery<'GET /api/mediation/trend'>) => call('GET /api/mediation/trend', { query }),
  summary: () => call('GET /api/mediation/summary'),

  board: (month: string) => call('GET /api/mediation/screening-board', { query: { month } }),
  screenings: (query: RequestQuery<'GET /api/mediation/screenings'>) => all('GET /api/mediation/screenings', { query }),
  createScreening: (body: Body<'POST /api/mediation/screenings'>) => call('POST /api/mediation/screenings', { body }),
  withdrawScreening: (screeningId: string, body: Body<'POST /api/mediation/screenings/{screeningId}/withdraw'>) =>
    call('POST /api/mediation/screenings/{screeningId}/withdraw', { path: { screeningId }, body }),
  disputes: (query: RequestQuery<'GET /api/mediation/disputes'>) => all('GET /api/mediation/disputes', { query }),
  updateDispute: (disputeId: string, body: Body<'PUT /api/mediation/disputes/{disputeId}'>) =>
    call('PUT /api/mediation/disputes/{disputeId}', { path: { disputeId }, body }),
  reportDispute: (disputeId: string, body: Body<'POST /api/mediation/disputes/{disputeId}/report'>) =>
    call('POST /api/mediation/disputes/{disputeId}/report', { path: { disputeId }, body }),
  monthlyReport: (body: Body<'POST /api/mediation/monthly-reports'>) => call('POST /api/mediation/monthly-reports', { body }),

  submissions: (query: RequestQuery<'GET /api/mediation/submissions'>) => all('GET /api/mediation/submissions', { query }),
  createSubmission: (body: Body<'POST /api/mediation/submissions'>) => call('POST /api/mediation/submissions', { body }),
  updateSubmission: (submissionId: string, body: Body<'PUT /api/mediation/submissions/{submissionId}'>) =>
    call('PUT /api/mediation/submissions/{submissionId}', { path: { submissionId }, body }),
  returnSubmission: (submissionId: string, body: Body<'POST /api/mediation/submissions/{submissionId}/return'>) =>
    call('POST /api/mediation/submissions/{submissionId}/return', { path: { submissionId }, body }),
  adoptSubmission: (submissionId: string, body: Body<'POST /api/mediation/submissions/{submissionId}/adopt'>) =>
    call('POST /api/mediation/submissions/{submissionId}/adopt', { path: { submissionId }, body }),
  withdrawSubmission: (submissionId: string, body: Body<'POST /api/mediation/submissions/{submissionId}/withdraw'>) =>
    call('POST /api/mediation/submissions/{submissionId}/withdraw', { path: { submissionId }, body }),

  committees: (query: RequestQuery<'GET /api/mediation/committees'> = {}) => all('GET /api/mediation/committees', { query }),
  createCommittee: (body: Body<'POST /api/mediation/committees'>) => call('POST /api/mediation/committees', { body }),
  updateCommittee: (committeeId: string, body: Body<'PUT /api/mediation/committees/{committeeId}'>) =>
    call('PUT /api/mediation/committees/{committeeId}', { path: { committeeId }, body }),
  mediators: (query: RequestQuery<'GET /api/mediation/mediators'> = {}) => all('GET /api/mediation/mediators', { query }),
  createMediator: (body: Body<'POST /api/mediation/mediators'>) => call('POST /api/mediation/mediators', { body }),
  updateMediator: (mediatorId: string, body: Body<'PUT /api/mediation/mediators/{mediatorId}'>) =>
    call('PUT /api/mediation/mediators/{mediatorId}', { path: { mediatorId }, body }),
  exportRoster: (query: RequestQuery<'GET /api/mediation/mediators/export.xlsx'>) => download('GET /api/mediation/mediators/export.xlsx', { query }),
  importRoster: (body: Body<'POST /api/mediation/mediators/import'>) => call('POST /api/mediation/mediators/import', { body }),

  /** A dictionary's active entries (纠纷类型, 案件来源). */
  dictionary: (name: DictionaryName) => call('GET /api/org/dictionaries/{name}', { path: { name } }),
};
