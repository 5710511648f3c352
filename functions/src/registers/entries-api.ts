// PLACEHOLDER until the entries part is built: every route answers 500.
import type { RouteTable } from '../shared/http';

type Keys = 'GET /api/registers' | 'GET /api/registers/{register}/entries' | 'POST /api/registers/{register}/entries' | 'GET /api/registers/{register}/entries/{entryId}' | 'PUT /api/registers/{register}/entries/{entryId}' | 'POST /api/registers/{register}/entries/{entryId}/withdraw' | 'POST /api/registers/uploads';
const KEYS: Keys[] = ['GET /api/registers', 'GET /api/registers/{register}/entries', 'POST /api/registers/{register}/entries', 'GET /api/registers/{register}/entries/{entryId}', 'PUT /api/registers/{register}/entries/{entryId}', 'POST /api/registers/{register}/entries/{entryId}/withdraw', 'POST /api/registers/uploads'];
export const entryRoutes = Object.fromEntries(
  KEYS.map((k) => [k, { handle: async () => { throw new Error(`${k}: not built yet`); } }]),
) as unknown as RouteTable<Keys>;
