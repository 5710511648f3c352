// Plans and reports, the area director's return, the month's board: thin adapters to reports.ts.
import type { RouteTable } from '../shared/http';
import { created, ok } from '../shared/http';
import { onOffice, onPath } from './workflow-audit';
import { reports } from './reports';

type Keys =
  | 'POST /api/registers/reports' | 'GET /api/registers/reports' | 'GET /api/registers/reports/board' | 'GET /api/registers/reports/{reportId}'
  | 'PUT /api/registers/reports/{reportId}' | 'POST /api/registers/reports/{reportId}/return' | 'POST /api/registers/reports/{reportId}/withdraw';

export const reportRoutes: RouteTable<Keys> = {
  'POST /api/registers/reports': { audit: onOffice('report.submit'), handle: async ({ ctx, body }) => created(await reports.submit(ctx, body)) },
  'GET /api/registers/reports': { handle: async ({ ctx, query }) => ok(await reports.list(ctx, query)) },
  'GET /api/registers/reports/board': { handle: async ({ ctx, query }) => ok(await reports.board(ctx, query)) },
  'GET /api/registers/reports/{reportId}': { handle: async ({ ctx, path }) => ok(await reports.get(ctx, path.reportId)) },
  'PUT /api/registers/reports/{reportId}': { audit: onPath('report.update', 'reportId'), handle: async ({ ctx, path, body }) => ok(await reports.update(ctx, path.reportId, body)) },
  'POST /api/registers/reports/{reportId}/return': {
    audit: onPath('report.return', 'reportId'), handle: async ({ ctx, path, body }) => ok(await reports.return(ctx, path.reportId, body)),
  },
  'POST /api/registers/reports/{reportId}/withdraw': {
    audit: onPath('report.withdraw', 'reportId'), handle: async ({ ctx, path, body }) => ok(await reports.withdraw(ctx, path.reportId, body)),
  },
};
