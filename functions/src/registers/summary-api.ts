// The homes' cards: a thin adapter to summary.ts.
import type { RouteTable } from '../shared/http';
import { ok } from '../shared/http';
import { summary } from './summary';

export const summaryRoutes: RouteTable<'GET /api/registers/summary'> = {
  'GET /api/registers/summary': { handle: async ({ ctx }) => ok(await summary(ctx)) },
};
