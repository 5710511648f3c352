// Health check: no auth, no I/O — it says the API and this function are up.
import { apiHandler, ok } from '../shared/http';
import { platform as platformWiring } from '@sifasuo/wiring/src/platform';

export const handler = apiHandler(platformWiring, 'platform-api', {
  'GET /api/health': { handle: async ({ ctx }) => ok({ status: 'ok', time: ctx.now.toISOString() }) },
});
