// The assessment context's calls: rubrics, monthly runs and their notice, scores and the drill-down,
// deductions and bonuses, the live month, the county's heat map and alerts, the year-end funding.
import type { RequestBody, RequestQuery } from '@sifasuo/wiring';
import { call, download } from '../kit/api';

type Body<K extends Parameters<typeof call>[0]> = RequestBody<K>;

export const assessmentApi = {
  rubric: (year: number, query: RequestQuery<'GET /api/assessment/rubrics/{year}'> = {}) =>
    call('GET /api/assessment/rubrics/{year}', { path: { year: String(year) }, query }),
  saveRubric: (year: number, body: Body<'PUT /api/assessment/rubrics/{year}'>) =>
    call('PUT /api/assessment/rubrics/{year}', { path: { year: String(year) }, body }),

  runs: (query: RequestQuery<'GET /api/assessment/runs'>) => call('GET /api/assessment/runs', { query }).then((r) => r.items),
  run: (runId: string) => call('GET /api/assessment/runs/{runId}', { path: { runId } }),
  startRun: (body: Body<'POST /api/assessment/runs'>) => call('POST /api/assessment/runs', { body }),
  approveRun: (runId: string, body: Body<'POST /api/assessment/runs/{runId}/approve'>) =>
    call('POST /api/assessment/runs/{runId}/approve', { path: { runId }, body }),
  noticePdf: (runId: string) => download('GET /api/assessment/runs/{runId}/notice.pdf', { path: { runId } }),
  noticeXlsx: (runId: string) => download('GET /api/assessment/runs/{runId}/notice.xlsx', { path: { runId } }),

  scores: (query: RequestQuery<'GET /api/assessment/scores'>) => call('GET /api/assessment/scores', { query }),
  drilldown: (query: RequestQuery<'GET /api/assessment/drilldown'>) => call('GET /api/assessment/drilldown', { query }),
  adjustments: (query: RequestQuery<'GET /api/assessment/deductions'>) => call('GET /api/assessment/deductions', { query }).then((r) => r.items),
  addAdjustment: (body: Body<'POST /api/assessment/deductions'>) => call('POST /api/assessment/deductions', { body }),
  withdrawAdjustment: (adjustmentId: string, body: Body<'POST /api/assessment/deductions/{adjustmentId}/withdraw'>) =>
    call('POST /api/assessment/deductions/{adjustmentId}/withdraw', { path: { adjustmentId }, body }),

  live: (query: RequestQuery<'GET /api/assessment/live'> = {}) => call('GET /api/assessment/live', { query }),
  radar: (query: RequestQuery<'GET /api/assessment/radar'>) => call('GET /api/assessment/radar', { query }),
  alerts: () => call('GET /api/assessment/alerts').then((r) => r.items),

  fundings: (year: number) => call('GET /api/assessment/funding', { query: { year } }).then((r) => r.items),
  draftFunding: (body: Body<'POST /api/assessment/funding'>) => call('POST /api/assessment/funding', { body }),
  approveFunding: (fundingId: string, body: Body<'POST /api/assessment/funding/{fundingId}/approve'>) =>
    call('POST /api/assessment/funding/{fundingId}/approve', { path: { fundingId }, body }),
  fundingXlsx: (fundingId: string) => download('GET /api/assessment/funding/{fundingId}/export.xlsx', { path: { fundingId } }),

  areas: () => call('GET /api/org/areas').then((p) => p.items),
  departments: () => call('GET /api/org/departments').then((r) => r.items),
};
