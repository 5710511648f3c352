// The live month, the county's heat map and the leader's alerts: reads within the caller's scope.
import type { RouteTable } from '../shared/http';
import { ok } from '../shared/http';
import { live } from './live';

export const liveRoutes: RouteTable<'GET /api/assessment/live' | 'GET /api/assessment/radar' | 'GET /api/assessment/alerts'> = {
  'GET /api/assessment/live': { handle: async ({ ctx, query }) => ok(await live.month(ctx, query)) },
  'GET /api/assessment/radar': { handle: async ({ ctx, query }) => ok(await live.radar(ctx, query)) },
  'GET /api/assessment/alerts': { handle: async ({ ctx }) => ok(await live.alerts(ctx)) },
};
