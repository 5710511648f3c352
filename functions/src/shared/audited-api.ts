// The adapter for API functions that audit: every refused request of a signed-in caller leaves a record.
import type { RouteKeysOf } from '@sifasuo/wiring';
import type { ContextWiring } from '@sifasuo/wiring/src/types';
import { writeAudit } from './audit-writer';
import { apiHandler, type Route } from './http';

export const auditedApiHandler = <F extends string>(
  wiring: Pick<ContextWiring, 'context' | 'routes'>,
  functionId: F,
  routes: { [K in RouteKeysOf<F>]: Route<K> },
) => apiHandler(wiring, functionId, routes, writeAudit);
