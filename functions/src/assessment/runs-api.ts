// PLACEHOLDER (contract): replaced by the part's real route table.
import type { RouteTable } from '../shared/http';

const notYet = async (): Promise<never> => {
  throw new Error('not written yet');
};

export const runRoutes: RouteTable<'GET /api/assessment/runs' | 'POST /api/assessment/runs' | 'GET /api/assessment/runs/{runId}' | 'POST /api/assessment/runs/{runId}/approve'> = {
  'GET /api/assessment/runs': { handle: notYet },
  'POST /api/assessment/runs': { handle: notYet },
  'GET /api/assessment/runs/{runId}': { handle: notYet },
  'POST /api/assessment/runs/{runId}/approve': { handle: notYet },
};
