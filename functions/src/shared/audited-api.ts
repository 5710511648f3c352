// The adapter for API functions that write: refused writes leave an audit record too.
import type { RouteKeysOf } from '@sifasuo/wiring';
import type { ContextWiring } from '@sifasuo/wiring/src/types';
import { tryWriteAudit } from './audit-writer';
import { apiHandler, type Route } from './http';

export const auditedApiHandler = <F extends string>(
  wiring: Pick<ContextWiring, 'context' | 'routes'>,
  functionId: F,
  routes: { [K in RouteKeysOf<F>]: Route<K> },
) => apiHandler(wiring, functionId, routes, (ctx, refusal) => tryWriteAudit(ctx, refusal));
