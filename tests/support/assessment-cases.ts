// The scope matrix's cases of the assessment's rubrics, runs, scores, drill-down and adjustments
// (tests/generated/scope-matrix.test.ts; see route-cases.ts). Runs the matrix starts are of 2020, a
// year no demo data falls in: 2020-01 is started by every assessor (a start while it runs resumes it),
// 2020-02 once (a run that stays whatever state it reaches), 2020-03 is started and scored again for
// every approval that the rules let succeed, 2020-04 is published (the drill-down's), and 2020-05 has no
// run (deductions may be added and withdrawn). Expected answers come from the domain's predicates.
import {
  canApproveAssessment,
  canAssess,
  canEditRubric,
  canReadOffice,
  canReadReferenceData,
  DEFAULT_SECTIONS,
  deductibleSections,
  readScope,
  type Actor,
  type AssessmentRun,
} from '@sifasuo/domain';
import type { RouteKey } from '@sifasuo/wiring';
import { api, eventually } from './cloud';
import type { CaseOf, MatrixEnv, RouteCase, Subject } from './route-cases';

type PipelineRouteKey = Extract<
  RouteKey,
  | 'GET /api/assessment/rubrics/{year}' | 'PUT /api/assessment/rubrics/{year}'
  | 'GET /api/assessment/runs' | 'POST /api/assessment/runs' | 'GET /api/assessment/runs/{runId}' | 'POST /api/assessment/runs/{runId}/approve'
  | 'GET /api/assessment/scores' | 'GET /api/assessment/drilldown'
  | 'GET /api/assessment/deductions' | 'POST /api/assessment/deductions' | 'POST /api/assessment/deductions/{adjustmentId}/withdraw'
>;

const YEAR = 2020;
const RESUMED_MONTH = '2020-01';
const STARTED_MONTH = '2020-02';
const APPROVED_MONTH = '2020-03';
const PUBLISHED_MONTH = '2020-04';
const OPEN_MONTH = '2020-05';
/** A deduction in B (人民调解): the mediation department's and the leader's section. */
const DEDUCTED_ITEM = 'B1';
const DEDUCTED_SECTION = DEFAULT_SECTIONS.find((s) => s.id === 'B')!;

const as = async <T = any>(token: string, method: string, path: string, body?: unknown, ok = 300): Promise<T> => {
  const r = await api<T>(path, { method, token, body });
  if (r.status >= ok) throw new Error(`matrix: preparing with ${method} ${path} answered ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
  return r.body;
};

/** Starts the month's next run as the leader and waits until it is scored (49 offices through the queue). */
const scoredRun = async (env: MatrixEnv, month: string): Promise<AssessmentRun> => {
  const { runId } = await as<{ runId: string }>(env.leader, 'POST', '/api/assessment/runs', { month });
  return eventually(async () => {
    const run = await as<AssessmentRun>(env.leader, 'GET', `/api/assessment/runs/${runId}`);
    return run.status === 'scored' ? run : undefined;
  }, 120_000, 500);
};
let startedRunId: Promise<string> | undefined;
const startedRunOf = (env: MatrixEnv) => (startedRunId ??= as<{ runId: string }>(env.leader, 'POST', '/api/assessment/runs', { month: STARTED_MONTH }).then((r) => r.runId));
let publishedRun: Promise<AssessmentRun> | undefined;
const publishedRunOf = (env: MatrixEnv) =>
  (publishedRun ??= scoredRun(env, PUBLISHED_MONTH).then((run) => as<AssessmentRun>(env.leader, 'POST', `/api/assessment/runs/${run.runId}/approve`, {})));

/** A deduction of the office in B1 of the open month, added by the leader. */
const newDeduction = (env: MatrixEnv, officeId: string) =>
  as<{ id: string }>(env.leader, 'POST', '/api/assessment/deductions', {
    month: OPEN_MONTH, officeId, item: DEDUCTED_ITEM, points: 1, reason: `矩阵测试扣分 ${env.unique()}`, evidence: '矩阵测试',
  });

/** Lists and figures in scope: no read scope, or a filter naming an office out of it, is a 403. */
const inScope = (a: Actor, s: Subject) => (readScope(a).kind === 'none' ? 403 : s.office && !canReadOffice(a, s.office) ? 403 : 200);
const officeFilter = (s: Subject): Record<string, string> => (s.office ? { officeId: s.office.id } : {});
const published = (r: AssessmentRun) => r.status === 'approved' || r.approvedAt !== undefined;
const mayDeductIn = (a: Actor) => canAssess(a) && deductibleSections(a, DEFAULT_SECTIONS).includes(DEDUCTED_SECTION.id);

export const ASSESSMENT_PIPELINE_CASES: { [K in PipelineRouteKey]: CaseOf<K> } = {
  'GET /api/assessment/rubrics/{year}': {
    subjects: 'none', request: () => ({ path: `/api/assessment/rubrics/${YEAR}` }), expected: (a) => (canReadReferenceData(a) ? 200 : 403),
  },
  'PUT /api/assessment/rubrics/{year}': {
    // The current rubric saved again as the next version: the runs of the year score alike.
    subjects: 'none',
    request: async ({ env }) => {
      const { current } = await as(env.admin, 'GET', `/api/assessment/rubrics/${YEAR}`);
      return { path: `/api/assessment/rubrics/${YEAR}`, body: { version: current.version, sections: current.sections, items: current.items, bonus: current.bonus, note: `矩阵测试修订 ${env.unique()}` } };
    },
    expected: (a) => (canEditRubric(a) ? 200 : 403),
  },
  'GET /api/assessment/runs': {
    subjects: 'none',
    request: () => ({ path: '/api/assessment/runs', query: { year: String(YEAR) } }),
    expected: () => 200,
    items: (body) => body.items,
    visible: (a, run: AssessmentRun) => canAssess(a) || published(run),
  },
  'POST /api/assessment/runs': {
    subjects: 'none', request: () => ({ path: '/api/assessment/runs', body: { month: RESUMED_MONTH } }), expected: (a) => (canAssess(a) ? 202 : 403),
  },
  'GET /api/assessment/runs/{runId}': {
    // Never approved: the assessors' alone.
    subjects: 'none',
    request: async ({ env }) => ({ path: `/api/assessment/runs/${await startedRunOf(env)}` }),
    expected: (a) => (canAssess(a) ? 200 : 404),
  },
  'POST /api/assessment/runs/{runId}/approve': {
    // The leader approves a freshly scored run; anyone else is refused before the run is read.
    subjects: 'none',
    request: async ({ caller, env }) => {
      const runId = canApproveAssessment(caller.actor) ? (await scoredRun(env, APPROVED_MONTH)).runId : await startedRunOf(env);
      return { path: `/api/assessment/runs/${runId}/approve`, body: { comment: '矩阵测试审批' } };
    },
    expected: (a) => (canApproveAssessment(a) ? 200 : 403),
  },
  'GET /api/assessment/scores': {
    subjects: 'office-filters',
    request: async ({ subject, env }) => {
      await publishedRunOf(env);
      return { path: '/api/assessment/scores', query: { month: PUBLISHED_MONTH, ...officeFilter(subject) } };
    },
    expected: inScope,
    items: (body) => body.items,
    visible: (a, item: { officeId: string; areaId: string }, s) =>
      canReadOffice(a, { id: item.officeId, areaId: item.areaId }) && (!s.office || item.officeId === s.office.id),
  },
  'GET /api/assessment/drilldown': {
    subjects: 'offices',
    request: async ({ subject, env }) => {
      await publishedRunOf(env);
      return { path: '/api/assessment/drilldown', query: { month: PUBLISHED_MONTH, officeId: subject.office!.id, item: 'A1' } };
    },
    expected: (a, s) => (canReadOffice(a, s.office!) ? 200 : 404),
  },
  'GET /api/assessment/deductions': {
    subjects: 'office-filters',
    request: ({ subject }) => ({ path: '/api/assessment/deductions', query: { month: OPEN_MONTH, ...officeFilter(subject) } }),
    expected: (a, s) => (canAssess(a) ? 200 : inScope(a, s)),
    items: (body) => body.items,
    visible: (a, item: { officeId: string; status: string }, s, env) =>
      (!s.office || item.officeId === s.office.id) &&
      (canAssess(a) || (item.status === 'active' && canReadOffice(a, { id: item.officeId, areaId: env.areaOf(item.officeId) ?? '' }))),
  },
  'POST /api/assessment/deductions': {
    subjects: 'offices',
    request: ({ subject, env }) => ({
      path: '/api/assessment/deductions',
      body: { month: OPEN_MONTH, officeId: subject.office!.id, item: DEDUCTED_ITEM, points: 1, reason: `矩阵测试扣分 ${env.unique()}`, evidence: '矩阵测试' },
    }),
    expected: (a) => (!canAssess(a) || !mayDeductIn(a) ? 403 : 201),
  },
  'POST /api/assessment/deductions/{adjustmentId}/withdraw': {
    // A fresh deduction of an office each time (the rules may let the caller withdraw it).
    subjects: 'none',
    request: async ({ env }) => ({ path: `/api/assessment/deductions/${(await newDeduction(env, '0101')).id}/withdraw`, body: { reason: '矩阵测试撤销' } }),
    expected: (a) => (!canAssess(a) || !mayDeductIn(a) ? 403 : 200),
  },
} satisfies Record<PipelineRouteKey, RouteCase>;
