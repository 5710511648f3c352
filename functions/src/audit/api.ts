// audit context HTTP routes: the auditor's query and verification.
import { auditedApiHandler } from '../shared/audited-api';
import { ok } from '../shared/http';
import { audit } from './use-cases';
import { audit as auditWiring } from '@sifasuo/wiring/src/audit';

export const handler = auditedApiHandler(auditWiring, 'audit-api', {
  'GET /api/audit/records': { handle: async ({ ctx, query }) => ok(await audit.query(ctx, query)) },
  'GET /api/audit/summary': { handle: async ({ ctx, query }) => ok(await audit.summary(ctx, query)) },
  'GET /api/audit/digests': { handle: async ({ ctx, query }) => ok(await audit.digests(ctx, query)) },
});
