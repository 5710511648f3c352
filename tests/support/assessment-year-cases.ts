// The scope matrix's cases of the assessment's live month, heat map, alerts, year-end funding and
// documents (tests/generated/scope-matrix.test.ts; see route-cases.ts). What they ask about is made
// once, on first use, by the leader: an approved run of a month no demo data falls in (the notice's
// subject, and the approved month a funding draft needs) and a funding draft; a request the rules let
// approve acts on a fresh draft. The expected answers come from the domain's predicates the use cases call.
import { canApproveAssessment, canAssess, canDraftFunding, canReadOffice, ownOfficeId, readScope, shanghaiMonth, type Actor } from '@sifasuo/domain';
import { api, eventually } from './cloud';
import type { CaseOf, MatrixEnv, Subject } from './route-cases';

export type AssessmentYearRouteKey =
  | 'GET /api/assessment/live'
  | 'GET /api/assessment/radar'
  | 'GET /api/assessment/alerts'
  | 'GET /api/assessment/funding'
  | 'POST /api/assessment/funding'
  | 'GET /api/assessment/funding/{fundingId}'
  | 'POST /api/assessment/funding/{fundingId}/approve'
  | 'GET /api/assessment/funding/{fundingId}/export.xlsx'
  | 'GET /api/assessment/runs/{runId}/notice.pdf'
  | 'GET /api/assessment/runs/{runId}/notice.xlsx';

/** A month of a year no demo data and no other matrix case falls in. */
const YEAR = 2016;
const MONTH = `${YEAR}-06`;

const as = async <T = any>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
  const r = await api<T>(path, { method, token, body });
  if (r.status >= 300) throw new Error(`matrix: preparing with ${method} ${path} answered ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
  return r.body;
};

/** The month's run, started, scored and approved by the leader (once). */
let approved: Promise<string> | undefined;
const approvedRun = (env: MatrixEnv) =>
  (approved ??= (async () => {
    const { runId } = await as<{ runId: string }>(env.leader, 'POST', '/api/assessment/runs', { month: MONTH });
    await eventually(async () => (await as(env.leader, 'GET', `/api/assessment/runs/${runId}`)).status === 'scored', 180_000, 500);
    await as(env.leader, 'POST', `/api/assessment/runs/${runId}/approve`, {});
    return runId;
  })());

const DRAFT = { year: YEAR, mode: 'pool', poolFen: 1_000_000, threshold: 0, annual: {} };
const newDraft = async (env: MatrixEnv): Promise<string> => {
  await approvedRun(env);
  return (await as<{ id: string }>(env.leader, 'POST', '/api/assessment/funding', DRAFT)).id;
};
let draft: Promise<string> | undefined;
/** A draft the reads and refusals ask about (left a draft: only the leader's approvals act on fresh ones). */
const standingDraft = (env: MatrixEnv) => (draft ??= newDraft(env));

// ---- The answers ---------------------------------------------------------------------------------

/** A caller with no office scope reads none of it. */
const scoped = (a: Actor) => (readScope(a).kind === 'none' ? 403 : 200);
/** The live month of the office named (or the caller's own): 400 with neither, 404 out of scope. */
const liveMonth = (a: Actor, s: Subject) =>
  readScope(a).kind === 'none' ? 403 : !s.office ? (ownOfficeId(a) ? 200 : 400) : canReadOffice(a, s.office) ? 200 : 404;
/** Allocations: those who draft them, and the leader. */
const readsFunding = (a: Actor) => (canDraftFunding(a) || canApproveAssessment(a) ? 200 : 403);
/** A published run's notice: assessors, and every reader with an office scope (it is published county-wide). */
const readsNotice = (a: Actor) => (canAssess(a) || readScope(a).kind !== 'none' ? 200 : 403);
/** An office's row (a cell, an alert) the caller may see. */
const officeInScope = (a: Actor, item: { officeId: string }, _s: Subject, env: MatrixEnv) =>
  canReadOffice(a, { id: item.officeId, areaId: env.areaOf(item.officeId) ?? '' });

export const ASSESSMENT_YEAR_CASES: { [K in AssessmentYearRouteKey]: CaseOf<K> } = {
  'GET /api/assessment/live': {
    subjects: 'office-filters',
    request: ({ subject }) => ({ path: '/api/assessment/live', query: subject.office ? { officeId: subject.office.id } : undefined }),
    expected: liveMonth,
  },
  'GET /api/assessment/radar': {
    subjects: 'none',
    request: () => ({ path: '/api/assessment/radar', query: { year: shanghaiMonth(new Date()).slice(0, 4) } }),
    expected: scoped,
    visible: officeInScope,
    items: (body) => [...body.cells, ...body.offices.map((o: { id: string }) => ({ officeId: o.id }))],
  },
  'GET /api/assessment/alerts': { subjects: 'none', request: () => ({ path: '/api/assessment/alerts' }), expected: scoped, visible: officeInScope },

  'GET /api/assessment/funding': {
    subjects: 'none',
    request: async ({ env }) => {
      await standingDraft(env);
      return { path: '/api/assessment/funding', query: { year: String(YEAR) } };
    },
    expected: readsFunding,
  },
  'POST /api/assessment/funding': {
    subjects: 'none',
    request: async ({ env }) => {
      await approvedRun(env);
      return { path: '/api/assessment/funding', body: DRAFT };
    },
    expected: (a) => (canDraftFunding(a) ? 201 : 403),
  },
  'GET /api/assessment/funding/{fundingId}': {
    subjects: 'none',
    request: async ({ env }) => ({ path: `/api/assessment/funding/${await standingDraft(env)}` }),
    expected: readsFunding,
  },
  'POST /api/assessment/funding/{fundingId}/approve': {
    subjects: 'none',
    // The leader approves a fresh draft (the standing one stays a draft for the others' requests).
    request: async ({ caller, env }) => ({
      path: `/api/assessment/funding/${canApproveAssessment(caller.actor) ? await newDraft(env) : await standingDraft(env)}/approve`,
      body: {},
    }),
    expected: (a) => (canApproveAssessment(a) ? 200 : 403),
  },
  'GET /api/assessment/funding/{fundingId}/export.xlsx': {
    subjects: 'none',
    request: async ({ env }) => ({ path: `/api/assessment/funding/${await standingDraft(env)}/export.xlsx` }),
    expected: readsFunding,
    file: 'xlsx',
  },
  'GET /api/assessment/runs/{runId}/notice.pdf': {
    subjects: 'none',
    request: async ({ env }) => ({ path: `/api/assessment/runs/${await approvedRun(env)}/notice.pdf` }),
    expected: readsNotice,
    file: 'pdf',
  },
  'GET /api/assessment/runs/{runId}/notice.xlsx': {
    subjects: 'none',
    request: async ({ env }) => ({ path: `/api/assessment/runs/${await approvedRun(env)}/notice.xlsx` }),
    expected: readsNotice,
    file: 'xlsx',
  },
};
