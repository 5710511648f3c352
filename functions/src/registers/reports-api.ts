// PLACEHOLDER until the reports part is built: every route answers 500.
import type { RouteTable } from '../shared/http';

type Keys = 'POST /api/registers/reports' | 'GET /api/registers/reports' | 'GET /api/registers/reports/board' | 'GET /api/registers/reports/{reportId}' | 'PUT /api/registers/reports/{reportId}' | 'POST /api/registers/reports/{reportId}/return' | 'POST /api/registers/reports/{reportId}/withdraw';
const KEYS: Keys[] = ['POST /api/registers/reports', 'GET /api/registers/reports', 'GET /api/registers/reports/board', 'GET /api/registers/reports/{reportId}', 'PUT /api/registers/reports/{reportId}', 'POST /api/registers/reports/{reportId}/return', 'POST /api/registers/reports/{reportId}/withdraw'];
export const reportRoutes = Object.fromEntries(
  KEYS.map((k) => [k, { handle: async () => { throw new Error(`${k}: not built yet`); } }]),
) as unknown as RouteTable<Keys>;
