// PLACEHOLDER (contract): replaced by the part's real route table.
import type { RouteTable } from '../shared/http';

const notYet = async (): Promise<never> => {
  throw new Error('not written yet');
};

export const scoreRoutes: RouteTable<'GET /api/assessment/scores' | 'GET /api/assessment/drilldown' | 'GET /api/assessment/deductions' | 'POST /api/assessment/deductions' | 'POST /api/assessment/deductions/{adjustmentId}/withdraw'> = {
  'GET /api/assessment/scores': { handle: notYet },
  'GET /api/assessment/drilldown': { handle: notYet },
  'GET /api/assessment/deductions': { handle: notYet },
  'POST /api/assessment/deductions': { handle: notYet },
  'POST /api/assessment/deductions/{adjustmentId}/withdraw': { handle: notYet },
};
