// Monthly runs: thin adapters to runs.ts.
import { ASSESSMENT_AUDIT } from '@sifasuo/domain';
import { accepted, bodyString, ok, type RouteTable } from '../shared/http';
import { approveRun, listRuns, readRun, startRun } from './runs';

export const runRoutes: RouteTable<'GET /api/assessment/runs' | 'POST /api/assessment/runs' | 'GET /api/assessment/runs/{runId}' | 'POST /api/assessment/runs/{runId}/approve'> = {
  'GET /api/assessment/runs': { handle: async ({ ctx, query }) => ok({ items: await listRuns(ctx, query.year) }) },
  'POST /api/assessment/runs': {
    audit: { action: ASSESSMENT_AUDIT['run.start'], targetId: ({ raw }) => bodyString(raw, 'month') },
    handle: async ({ ctx, body }) => accepted(await startRun(ctx, body.month)),
  },
  'GET /api/assessment/runs/{runId}': { handle: async ({ ctx, path }) => ok(await readRun(ctx, path.runId)) },
  'POST /api/assessment/runs/{runId}/approve': {
    audit: { action: ASSESSMENT_AUDIT['run.approve'], targetId: ({ path }) => path.runId ?? '' },
    handle: async ({ ctx, path }) => ok(await approveRun(ctx, path.runId)),
  },
};
