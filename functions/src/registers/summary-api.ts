// PLACEHOLDER until the summary part is built: every route answers 500.
import type { RouteTable } from '../shared/http';

type Keys = 'GET /api/registers/summary';
const KEYS: Keys[] = ['GET /api/registers/summary'];
export const summaryRoutes = Object.fromEntries(
  KEYS.map((k) => [k, { handle: async () => { throw new Error(`${k}: not built yet`); } }]),
) as unknown as RouteTable<Keys>;
