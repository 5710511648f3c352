// Scores, drill-down, deductions and bonuses: thin adapters to scores.ts.
import { ASSESSMENT_AUDIT } from '@sifasuo/domain';
import { created, ok, type RouteTable } from '../shared/http';
import { addAdjustment, drilldown, listAdjustments, monthScores, withdrawAdjustment } from './scores';

export const scoreRoutes: RouteTable<'GET /api/assessment/scores' | 'GET /api/assessment/drilldown' | 'GET /api/assessment/deductions' | 'POST /api/assessment/deductions' | 'POST /api/assessment/deductions/{adjustmentId}/withdraw'> = {
  'GET /api/assessment/scores': { handle: async ({ ctx, query }) => ok(await monthScores(ctx, query)) },
  'GET /api/assessment/drilldown': { handle: async ({ ctx, query }) => ok(await drilldown(ctx, query)) },
  'GET /api/assessment/deductions': { handle: async ({ ctx, query }) => ok({ items: await listAdjustments(ctx, query) }) },
  'POST /api/assessment/deductions': {
    audit: { action: ASSESSMENT_AUDIT['adjustment.add'], targetId: () => 'new' },
    handle: async ({ ctx, body }) => created(await addAdjustment(ctx, body)),
  },
  'POST /api/assessment/deductions/{adjustmentId}/withdraw': {
    audit: { action: ASSESSMENT_AUDIT['adjustment.withdraw'], targetId: ({ path }) => path.adjustmentId ?? '' },
    handle: async ({ ctx, path, body }) => ok(await withdrawAdjustment(ctx, path.adjustmentId, body.reason)),
  },
};
