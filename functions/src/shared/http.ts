// The one HTTP adapter every API function uses: dispatch on the HTTP API v2 route key declared in the
// wiring, parse JSON, build the request context from the authorizer's claims, and map outcomes to
// responses. Domain errors become 400/401/403/404/409/423 with Chinese messages; anything else is a
// bare 500 whose detail goes to the log only.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  actorFromClaims,
  isDomainError,
  unauthenticated,
  validationError,
  type DomainError,
  type DomainErrorCode,
} from '@sifasuo/domain';
import { routeKey, routesOf } from '@sifasuo/wiring';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from './aws';
import { tryWriteAudit, type RequestContext } from './audit-writer';

export interface ApiRequest {
  ctx: RequestContext;
  body: unknown;
  query: Record<string, string | undefined>;
  path: Record<string, string | undefined>;
}

export interface ApiResult {
  status: number;
  body?: unknown;
}

export interface Route {
  /** Audit action recorded when a write is refused (successful writes audit inside their transaction). */
  audit?: { action: string; target: (req: ApiRequest) => { type: string; id: string } };
  handle: (req: ApiRequest) => Promise<ApiResult>;
}

const STATUS: Record<DomainErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
};

const json = (status: number, body?: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  },
  body: body === undefined ? '' : JSON.stringify(body),
});

const errorBody = (e: DomainError) => ({ code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) });

export const ok = (body: unknown): ApiResult => ({ status: 200, body });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
export const noContent = (): ApiResult => ({ status: 204 });

const parseBody = (event: APIGatewayProxyEventV2WithJWTAuthorizer): unknown => {
  if (!event.body) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError({ _: '请求体不是有效的 JSON' }, '请求体不是有效的 JSON');
  }
};

/** Actor from the JWT authorizer's claims (flattened to strings by API Gateway and by the local gateway). */
const actorOf = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  return claims ? actorFromClaims(claims) : undefined;
};

/**
 * Builds a function's handler from its routes. Every wiring route of the function must be handled
 * and no other: checked at module load, so a missing handler fails the first test, not a user.
 */
export const apiHandler = (functionId: string, routes: Record<string, Route>) => {
  const declared = routesOf(functionId).map(routeKey).sort();
  const handled = Object.keys(routes).sort();
  if (declared.join('|') !== handled.join('|')) {
    throw new Error(`${functionId}: routes handled ${handled.join(', ')} differ from the wiring's ${declared.join(', ')}`);
  }
  const open = new Set(routesOf(functionId).filter((r) => r.auth === 'none').map(routeKey));

  const dispatch = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => {
    const route = routes[event.routeKey];
    if (!route) return json(404, { code: 'NOT_FOUND', message: '接口不存在' });
    const ctx: RequestContext = {
      actor: actorOf(event),
      requestId: context?.awsRequestId ?? event.requestContext.requestId,
      sourceIp: event.requestContext.http.sourceIp,
      now: new Date(),
    };
    let req: ApiRequest | undefined;
    try {
      if (!open.has(event.routeKey) && !ctx.actor) throw unauthenticated();
      req = {
        ctx,
        body: parseBody(event),
        query: event.queryStringParameters ?? {},
        path: event.pathParameters ?? {},
      };
      const result = await route.handle(req);
      return json(result.status, result.body);
    } catch (e) {
      const domain = isDomainError(e);
      if (route.audit && req && event.requestContext.http.method !== 'GET') {
        const target = route.audit.target(req);
        await tryWriteAudit(ctx, {
          action: route.audit.action,
          targetType: target.type,
          targetId: target.id,
          outcome: !domain ? 'failed' : e.code === 'FORBIDDEN' ? 'denied' : 'rejected',
          reason: domain ? e.message : undefined,
        });
      }
      if (domain) return json(STATUS[e.code], errorBody(e));
      logger.error('request failed', { error: e as Error, routeKey: event.routeKey });
      return json(500, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
    }
  };

  return middy(dispatch).use(injectLambdaContext(logger, { clearState: true }));
};
