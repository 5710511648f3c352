// The adapter for API functions that write: refused writes leave an audit record too.
import type { RouteKeysOf } from '@sifasuo/wiring';
import { tryWriteAudit } from './audit-writer';
import { apiHandler, type Route } from './http';

export const auditedApiHandler = <F extends string>(functionId: F, routes: { [K in RouteKeysOf<F>]: Route<K> }) =>
  apiHandler(functionId, routes, (ctx, refusal) => tryWriteAudit(ctx, refusal));
