// PLACEHOLDER until the books' Excel export and import are built: every route answers 500.
import { registers } from '@sifasuo/wiring/src/registers';
import { auditedApiHandler } from '../shared/audited-api';
import type { Route } from '../shared/http';

const pending: Route<never> = { handle: async () => { throw new Error('not built yet'); } };
export const handler = auditedApiHandler(registers, 'registers-documents', {
  'GET /api/registers/{register}/export.xlsx': pending as never,
  'POST /api/registers/{register}/imports': pending as never,
});
