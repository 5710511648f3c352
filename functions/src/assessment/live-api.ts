// PLACEHOLDER (contract): replaced by the part's real route table.
import type { RouteTable } from '../shared/http';

const notYet = async (): Promise<never> => {
  throw new Error('not written yet');
};

export const liveRoutes: RouteTable<'GET /api/assessment/live' | 'GET /api/assessment/radar' | 'GET /api/assessment/alerts'> = {
  'GET /api/assessment/live': { handle: notYet },
  'GET /api/assessment/radar': { handle: notYet },
  'GET /api/assessment/alerts': { handle: notYet },
};
