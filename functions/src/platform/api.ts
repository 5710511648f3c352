// Health check: no auth, no I/O — it says the API and this function are up.
import { apiHandler, ok } from '../shared/http';

export const handler = apiHandler('platform-api', {
  'GET /api/health': { handle: async ({ ctx }) => ok({ status: 'ok', time: ctx.now.toISOString() }) },
});
