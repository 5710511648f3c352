// The one HTTP adapter every API function uses: dispatch on the HTTP API v2 route key declared in the
// wiring, parse the JSON body and the query with the route's declared schemas (so handlers get typed,
// validated input), build the request context from the session authorizer's answer, and map outcomes to
// responses. Domain errors become 400/401/403/404/409/415/423 with Chinese messages; anything else is a
// bare 500 whose detail goes to the log only. Nothing a caller sends can make a 500: the body must say
// it is JSON, its size and nesting are bounded before it is parsed, and what runs on a refused body is
// total. Where the function passes a recorder (`audited-api.ts`), every refusal of a signed-in caller —
// reads included — is audited before it is answered, and a refusal that cannot be recorded is not
// answered as one: the request fails (500), and the log line raises the alarm (AUDIT_WRITE_FAILED).
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { actorFromAuthorizer, isDomainError, notFound, parseInput, unauthenticated } from '@sifasuo/domain';
import type { ParsedBody, ParsedQuery, PathParams, ResponseOf, RouteKey, RouteKeysOf } from '@sifasuo/wiring';
// Leaf modules only: a bundle carries its own context's routes and schemas, not the joined wiring.
import { ORIGIN_SECRET_HEADER, routeKey, type ContextWiring, type RouteDecl } from '@sifasuo/wiring/src/types';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, Context } from 'aws-lambda';
import { logger, originSecret } from './aws';
import { AUDIT_FAILED, errorResponse, fileResponse, INTERNAL, json, type ApiResult } from './http-results';
import { refusalRecord, type RefusalAudit, type RefusalRecorder } from './http-refusals';
import { parseJsonBody } from './json-body';
import type { RequestContext } from './request-context';

// Handlers import what they return and declare from here, the adapter's one door.
export { accepted, created, fileAnswer, noContent, ok, PDF_TYPE, XLSX_TYPE, type ApiResult, type FileContent } from './http-results';
export { bodyString, type RawRequest, type RefusalAudit, type RefusalRecorder } from './http-refusals';

export interface ApiRequest<K extends RouteKey = RouteKey> {
  ctx: RequestContext;
  body: ParsedBody<K>;
  query: ParsedQuery<K>;
  path: PathParams<K>;
}

export interface Route<K extends RouteKey> {
  /** How a refusal is recorded (successful writes audit inside their transaction). */
  audit?: RefusalAudit;
  handle: (req: ApiRequest<K>) => Promise<ApiResult<ResponseOf<K>>>;
}

/** The routes of a part of a function (a context's API split over modules), each key handled once. */
export type RouteTable<K extends RouteKey> = { [P in K]: Route<P> };

/** The longest id a path may name (ids are short codes, usernames and ULIDs; keys must stay far below DynamoDB's limits). */
export const MAX_PATH_PARAMETER_LENGTH = 128;

/** The schema a route's body is parsed with: its own, or the one its path parameter selects (`bodyByPath`). */
const bodySchemaOf = (decl: RouteDecl, path: Record<string, string | undefined>) => {
  if (!decl.bodyByPath) return decl.body!;
  const { param, what, schemas } = decl.bodyByPath;
  const key = path[param] ?? '';
  if (!Object.hasOwn(schemas, key)) throw notFound(what);
  return schemas[key]!;
};

type ApiEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown> | undefined>;

/**
 * The session behind the request, from the authorizer's context (auth/authorizer.ts): an active one
 * gives the actor, a refused one its reason. API Gateway may reuse an answer for 30 s, so the token's
 * own expiry is checked again here.
 */
const sessionOf = (event: ApiEvent, now: Date): { actor?: ReturnType<typeof actorFromAuthorizer>; refused?: string } => {
  const context = event.requestContext.authorizer?.lambda;
  if (!context) return {};
  const actor = actorFromAuthorizer(context);
  if (!actor) return { refused: typeof context.reason === 'string' ? context.reason : undefined };
  if (actor.expiresAt * 1000 <= now.getTime()) return { refused: '登录令牌已过期' };
  return { actor };
};

/**
 * Where the request came from. Behind CloudFront (AWS), only a request carrying the origin secret is
 * served, and the viewer's address is the one CloudFront forwards (`ip:port`); locally the peer's.
 */
const sourceOf = (event: ApiEvent): { ip?: string; bypassed: boolean } => {
  const secret = originSecret();
  if (!secret) return { ip: event.requestContext.http.sourceIp, bypassed: false };
  if (event.headers?.[ORIGIN_SECRET_HEADER] !== secret) return { bypassed: true };
  const viewer = event.headers?.['cloudfront-viewer-address'];
  return { ip: viewer ? viewer.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') : event.requestContext.http.sourceIp, bypassed: false };
};

/**
 * Builds a function's handler from its routes, given its context's wiring. Every route the wiring
 * gives the function must be handled and no other: the compiler checks it, and so does module load
 * (for code the compiler did not see).
 */
export const apiHandler = <F extends string>(
  wiring: Pick<ContextWiring, 'context' | 'routes'>,
  functionId: F,
  routes: { [K in RouteKeysOf<F>]: Route<K> },
  recordRefusal?: RefusalRecorder,
) => {
  // Logs carry the context as the service name, as the consumers' do.
  const log = logger.createChild({ serviceName: wiring.context });
  const declared = wiring.routes.filter((r) => r.function === functionId);
  const handled = Object.keys(routes).sort();
  if (declared.map(routeKey).sort().join('|') !== handled.join('|')) {
    throw new Error(`${functionId}: routes handled ${handled.join(', ')} differ from the wiring's ${declared.map(routeKey).join(', ')}`);
  }
  const byKey = new Map(declared.map((r) => [routeKey(r), r]));
  const table = routes as unknown as Record<string, Route<RouteKey>>;

  const dispatch = async (event: ApiEvent, context: Context) => {
    const route = table[event.routeKey];
    const decl = byKey.get(event.routeKey);
    if (!route || !decl) return json(404, { code: 'NOT_FOUND', message: '接口不存在' });
    const now = new Date();
    const source = sourceOf(event);
    // Not through CloudFront: answered like an unknown route, telling a prober nothing.
    if (source.bypassed) return json(403, { code: 'FORBIDDEN', message: '请通过门户访问' });
    const session = decl.auth === 'none' ? {} : sessionOf(event, now);
    const ctx: RequestContext = {
      actor: session.actor,
      sessionId: session.actor?.sessionId,
      requestId: context?.awsRequestId ?? event.requestContext.requestId,
      sourceIp: source.ip,
      userAgent: event.headers?.['user-agent'],
      now,
    };
    const answer = (status: number, body?: unknown) => json(status, body, ctx.requestId);
    const path = event.pathParameters ?? {};
    const rawQuery = event.queryStringParameters ?? {};
    let raw: unknown;
    try {
      if (decl.auth !== 'none' && !ctx.actor) throw unauthenticated(session.refused);
      // No record has an id this long, and a key this long is one DynamoDB refuses (a 500): not found.
      if (Object.values(path).some((v) => (v ?? '').length > MAX_PATH_PARAMETER_LENGTH)) throw notFound('记录');
      // Only a route that takes a body reads one: it must be JSON (415), bounded and well-formed (400).
      raw = decl.body ? parseJsonBody(event) : undefined;
      const body = decl.body ? parseInput(bodySchemaOf(decl, path), raw) : undefined;
      // A route without a query schema takes no parameters; unknown ones are ignored, as browsers add them.
      const query = decl.query ? parseInput(decl.query, rawQuery) : {};
      const result = await route.handle({ ctx, body, query, path } as ApiRequest<RouteKey>);
      if (result.file) return fileResponse(result.file, ctx.requestId);
      return answer(result.status, result.body);
    } catch (e) {
      const domain = isDomainError(e);
      if (recordRefusal && ctx.actor) {
        const request = `${event.requestContext.http.method} ${event.rawPath ?? event.requestContext.http.path}`;
        try {
          await recordRefusal(ctx, {
            ...refusalRecord(route.audit, { ctx, path, query: rawQuery, raw }, request),
            outcome: !domain ? 'failed' : e.code === 'FORBIDDEN' || e.hiddenBecause ? 'denied' : 'rejected',
            reason: domain ? (e.hiddenBecause ?? e.message) : undefined,
          });
        } catch (auditError) {
          // The metric filter on this marker raises the alarm (infra/lib/service-stack.ts).
          log.error('AUDIT_WRITE_FAILED: a refusal could not be recorded', { error: auditError as Error, routeKey: event.routeKey });
          return answer(500, AUDIT_FAILED);
        }
      }
      if (domain) return errorResponse(e, ctx.requestId);
      log.error('request failed', { error: e as Error, routeKey: event.routeKey });
      return answer(500, INTERNAL);
    }
  };

  return middy(dispatch).use(injectLambdaContext(log, { clearState: true }));
};
