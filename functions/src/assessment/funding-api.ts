// PLACEHOLDER (contract): replaced by the part's real route table.
import type { RouteTable } from '../shared/http';

const notYet = async (): Promise<never> => {
  throw new Error('not written yet');
};

export const fundingRoutes: RouteTable<'GET /api/assessment/funding' | 'POST /api/assessment/funding' | 'GET /api/assessment/funding/{fundingId}' | 'POST /api/assessment/funding/{fundingId}/approve'> = {
  'GET /api/assessment/funding': { handle: notYet },
  'POST /api/assessment/funding': { handle: notYet },
  'GET /api/assessment/funding/{fundingId}': { handle: notYet },
  'POST /api/assessment/funding/{fundingId}/approve': { handle: notYet },
};
