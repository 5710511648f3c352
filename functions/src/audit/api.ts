// audit context HTTP routes: the auditor's query and verification.
import { apiHandler, ok } from '../shared/http';
import { audit } from './use-cases';

export const handler = apiHandler('audit-api', {
  'GET /api/audit/records': { handle: async ({ ctx, query }) => ok(await audit.query(ctx, query)) },
  'GET /api/audit/digests': { handle: async ({ ctx, query }) => ok(await audit.digests(ctx, query)) },
});
