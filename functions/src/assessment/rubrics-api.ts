// PLACEHOLDER (contract): replaced by the part's real route table.
import type { RouteTable } from '../shared/http';

const notYet = async (): Promise<never> => {
  throw new Error('not written yet');
};

export const rubricRoutes: RouteTable<'GET /api/assessment/rubrics/{year}' | 'PUT /api/assessment/rubrics/{year}'> = {
  'GET /api/assessment/rubrics/{year}': { handle: notYet },
  'PUT /api/assessment/rubrics/{year}': { handle: notYet },
};
