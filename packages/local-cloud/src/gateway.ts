// The local API gateway: one HTTP server that does what API Gateway HTTP API + its Lambda (REQUEST,
// payload 2.0, simple response) authorizer + CloudFront do in AWS — routes `/api/*` to the function
// modules as payload v2.0 events after the authorizer let them through, serves the built portal with
// an SPA fallback, and exposes the local cloud's own `/__local/*` admin.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayRequestAuthorizerEventV2,
} from 'aws-lambda';
import { routeKey, type RouteDecl } from '@sifasuo/wiring';
import { CompressedFiles, compressesAnswer, encode, negotiateEncoding, varyOnEncoding } from './compression';
import { ACCOUNT, REGION } from './config';
import { FunctionTimeoutError, type LambdaRuntime } from './lambda';
import { HOST, log } from './util';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A route as the gateway serves it. `authorizer` names a Lambda authorizer other than the wiring's one
 * (API Gateway lets each route have its own); only test wiring uses it.
 */
export type GatewayRoute = RouteDecl & { authorizer?: string };

interface CompiledRoute {
  decl: GatewayRoute;
  key: string;
  regex: RegExp;
  params: string[];
  specificity: number;
}

export function compileRoutes(routes: readonly GatewayRoute[]): CompiledRoute[] {
  return routes
    .map((decl) => {
      const params: string[] = [];
      const pattern = decl.path
        .split('/')
        .map((seg) => {
          const m = /^\{([^}+]+)(\+?)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(m[1]!);
          return m[2] ? '(.+)' : '([^/]+)';
        })
        .join('/');
      const literal = decl.path.split('/').filter((s) => s && !s.startsWith('{')).length;
      return { decl, key: routeKey(decl), regex: new RegExp(`^${pattern}$`), params, specificity: literal * 100 - params.length };
    })
    .sort((a, b) => b.specificity - a.specificity);
}

export function matchRoute(compiled: CompiledRoute[], method: string, rawPath: string) {
  for (const r of compiled) {
    if (r.decl.method !== method) continue;
    const m = r.regex.exec(rawPath);
    if (!m) continue;
    const pathParameters: Record<string, string> = {};
    r.params.forEach((name, i) => {
      const raw = m[i + 1]!;
      try {
        pathParameters[name] = decodeURIComponent(raw);
      } catch {
        pathParameters[name] = raw;
      }
    });
    return { route: r, pathParameters };
  }
  return undefined;
}

/** What a simple-response authorizer answered: allowed or not, and the context for the function. */
export interface AuthorizerAnswer {
  isAuthorized: boolean;
  context: Record<string, unknown>;
}

/**
 * The answer of a payload 2.0 simple-response authorizer, or undefined when it is not one (API Gateway
 * answers 500 then): `isAuthorized` must be a boolean, `context` (optional) an object.
 */
export function simpleResponse(result: unknown): AuthorizerAnswer | undefined {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return undefined;
  const { isAuthorized, context } = result as { isAuthorized?: unknown; context?: unknown };
  if (typeof isAuthorized !== 'boolean') return undefined;
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) return undefined;
  return { isAuthorized, context: (context ?? {}) as Record<string, unknown> };
}

/**
 * API Gateway's authorizer cache: one answer (allow or deny, never an error) per authorizer and identity
 * source value, reused for `ttlSeconds` (0: never cached). Bounded: when full, expired answers go
 * first, then the oldest.
 */
export class AuthorizerCache {
  private readonly entries = new Map<string, { answer: AuthorizerAnswer; expiresAt: number }>();

  constructor(
    readonly ttlSeconds: number,
    readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get size() {
    return this.entries.size;
  }

  get(key: string): AuthorizerAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.answer;
  }

  set(key: string, answer: AuthorizerAnswer) {
    if (this.ttlSeconds <= 0 || this.maxEntries <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const now = this.now();
      for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
      // Insertion order is expiry order (one TTL for all), so the first entries are the oldest.
      for (const k of this.entries.keys()) {
        if (this.entries.size < this.maxEntries) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, { answer, expiresAt: this.now() + this.ttlSeconds * 1000 });
  }
}

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|javascript|x-www-form-urlencoded|graphql))/i;
const isTextual = (contentType: string | undefined) => !contentType || TEXT_TYPES.test(contentType.trim());

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
};

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

/**
 * Sends an answer as CloudFront passes it on to the viewer: compressed (brotli or gzip, as the
 * request's Accept-Encoding allows) when its type and size call for it, with `Vary: Accept-Encoding`.
 */
async function sendCompressible(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer) {
  const type = headers['content-type'];
  const encoded = headers['content-encoding'];
  if (status === 204 || status === 304 || !compressesAnswer(Array.isArray(type) ? type[0] : type, body.length, Array.isArray(encoded) ? encoded[0] : encoded)) {
    res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    return res.end(body);
  }
  const vary = headers.vary;
  const varied = { ...headers, vary: varyOnEncoding(Array.isArray(vary) ? vary.join(', ') : vary) };
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  if (!encoding) {
    res.writeHead(status, { ...varied, 'content-length': String(body.length) });
    return res.end(body);
  }
  const compressed = await encode(body, encoding);
  res.writeHead(status, { ...varied, 'content-encoding': encoding, 'content-length': String(compressed.length) });
  res.end(compressed);
}

class BodyTooLarge extends Error {}

/**
 * The request's body, or BodyTooLarge past the limit. A body too large is still read to its end (and
 * dropped) before the refusal: answering while the client is still sending makes it fail with EPIPE
 * instead of reading the 413.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      tooLarge ||= size > MAX_BODY_BYTES;
      if (!tooLarge) chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export interface GatewayOptions {
  port: number;
  routes: readonly GatewayRoute[];
  runtime: LambdaRuntime;
  authorizer: {
    /** The function that checks every `jwt` route (the wiring's `authorizerFunction()`). */
    functionId: string;
    /** How long an answer is reused for one `Authorization` value; 0 turns the cache off. */
    cacheSeconds: number;
    /** Answers kept at most (default 1000). */
    maxEntries?: number;
  };
  webDist: string;
  /** Handles `/__local/*`; returns false when it does not know the path. */
  admin: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

export interface GatewayHandle {
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** The answers API Gateway gives itself when the authorizer does not let a request through. */
const UNAUTHORIZED = { status: 401, body: { message: 'Unauthorized' } } as const;
const FORBIDDEN = { status: 403, body: { message: 'Forbidden' } } as const;
const AUTHORIZER_FAILED = { status: 500, body: { message: 'Internal Server Error' } } as const;

type AuthorizerOutcome = { allowed: true; context: Record<string, unknown> } | { allowed: false; status: number; body: unknown };

export async function startGateway(opts: GatewayOptions): Promise<GatewayHandle> {
  const compiled = compileRoutes(opts.routes);
  const compressedFiles = new CompressedFiles();
  const cache = new AuthorizerCache(opts.authorizer.cacheSeconds, opts.authorizer.maxEntries);

  /**
   * The route's Lambda authorizer, as HTTP API runs a REQUEST authorizer with the identity source
   * `$request.header.Authorization`: a missing or empty header is 401 without invoking anything; else
   * the cached answer for that header value, or the function's (allow and deny are cached, errors not).
   */
  async function authorize(route: CompiledRoute, event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerOutcome> {
    const identity = event.identitySource[0];
    if (!identity) return { allowed: false, ...UNAUTHORIZED };
    const functionId = route.decl.authorizer ?? opts.authorizer.functionId;
    const key = `${functionId}\n${identity}`;
    let answer = cache.get(key);
    if (!answer) {
      let result: unknown;
      try {
        // What Lambda hands API Gateway is the result as JSON.
        result = JSON.parse(JSON.stringify((await opts.runtime.invoke(functionId, event)) ?? null));
      } catch (err) {
        const what = err instanceof FunctionTimeoutError ? err.message : (err as Error)?.stack ?? String(err);
        log(`${route.key}: authorizer ${functionId} failed: ${what}`);
        return { allowed: false, ...AUTHORIZER_FAILED };
      }
      answer = simpleResponse(result);
      if (!answer) {
        log(`${route.key}: authorizer ${functionId} gave no simple response ({"isAuthorized": boolean, "context"?: {…}}): ${JSON.stringify(result)?.slice(0, 200)}`);
        return { allowed: false, ...AUTHORIZER_FAILED };
      }
      cache.set(key, answer);
    }
    // Each event gets a copy, as each Lambda invocation gets its own JSON: a handler changing it changes no other request's.
    return answer.isAuthorized ? { allowed: true, context: structuredClone(answer.context) } : { allowed: false, ...FORBIDDEN };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, rawPath: string, rawQuery: string) {
    const method = (req.method ?? 'GET').toUpperCase();
    const match = matchRoute(compiled, method, rawPath);
    const requestId = randomUUID();
    const idHeader = { 'apigw-requestid': requestId };
    if (!match) {
      req.resume();
      return sendJson(res, 404, { code: 'NOT_FOUND', message: '接口不存在' }, idHeader);
    }
    const { route, pathParameters } = match;

    // What the authorizer and the function both see of the request.
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || k === 'cookie') continue;
      headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    }
    const cookieHeader = req.headers.cookie;
    const cookies = cookieHeader ? cookieHeader.split(/;\s*/).filter(Boolean) : undefined;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const now = new Date();
    const requestContext: APIGatewayEventRequestContextV2 = {
      accountId: ACCOUNT,
      apiId: 'local',
      domainName: headers.host ?? `${HOST}`,
      domainPrefix: (headers.host ?? HOST).split('.')[0]!,
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.key,
      stage: '$default',
      time: formatClf(now),
      timeEpoch: now.getTime(),
    };
    const request = {
      routeKey: route.key,
      rawPath,
      rawQueryString: rawQuery,
      ...(cookies ? { cookies } : {}),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(route.params.length ? { pathParameters } : {}),
    };

    let authorizer: APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>['requestContext']['authorizer'] | undefined;
    if (route.decl.auth === 'jwt') {
      const identity = headers.authorization?.trim() ? headers.authorization : undefined;
      const outcome = await authorize(route, {
        version: '2.0',
        type: 'REQUEST',
        routeArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${requestContext.apiId}/${requestContext.stage}/${method}${rawPath}`,
        identitySource: identity ? [identity] : [],
        ...request,
        requestContext,
      } as APIGatewayRequestAuthorizerEventV2);
      if (!outcome.allowed) {
        req.resume();
        return sendJson(res, outcome.status, outcome.body, idHeader);
      }
      authorizer = { lambda: outcome.context };
    }

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendJson(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大（上限 1 MB）' }, { ...idHeader, connection: 'close' });
      }
      throw err;
    }
    const textual = isTextual(req.headers['content-type']);
    const event: APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>> = {
      version: '2.0',
      ...request,
      requestContext: { ...requestContext, ...(authorizer ? { authorizer } : {}) } as APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>['requestContext'],
      ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !textual,
    };

    let result: unknown;
    try {
      result = await opts.runtime.invoke(route.decl.function, event);
    } catch (err) {
      const what = err instanceof FunctionTimeoutError ? err.message : (err as Error)?.stack ?? String(err);
      log(`${route.key} → ${route.decl.function} failed: ${what}`);
      return sendJson(res, 500, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' }, idHeader);
    }
    await writeResult(req, res, result, idHeader);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, rawPath: string) {
    const method = req.method ?? 'GET';
    req.resume();
    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' });
    const root = opts.webDist;
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      const html =
        '<!doctype html><meta charset="utf-8"><title>司法所工作管理系统</title>' +
        '<p>门户尚未构建：请运行 <code>npm run build -w web</code> 后刷新。</p>' +
        '<p>The portal is not built yet: run <code>npm run build -w web</code>.</p>';
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(method === 'HEAD' ? undefined : html);
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return sendJson(res, 400, { code: 'VALIDATION', message: '路径无效' });
    }
    const file = normalize(join(root, normalize(`/${decoded}`)));
    if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 404, { code: 'NOT_FOUND', message: '页面不存在' });
    let target = file;
    let stat = existsSync(target) ? statSync(target) : undefined;
    if (stat?.isDirectory()) {
      target = join(target, 'index.html');
      stat = existsSync(target) ? statSync(target) : undefined;
    }
    if (!stat?.isFile()) {
      // SPA fallback for client-side routes; a missing asset (has an extension) stays a 404.
      if (extname(decoded) && !decoded.endsWith('.html')) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('Not Found');
      }
      target = index;
      stat = statSync(index);
    }
    const type = CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
    const immutable = /[\\/]assets[\\/]/.test(target.slice(root.length));
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    const compressible = compressesAnswer(type, stat.size);
    if (compressible) headers.vary = varyOnEncoding(undefined);
    const encoding = compressible && method === 'GET' ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
    if (encoding) {
      const file = target;
      const body = await compressedFiles.get(file, `${stat.mtimeMs}:${stat.size}`, encoding, () => readFile(file));
      res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) });
      return res.end(body);
    }
    res.writeHead(200, { ...headers, 'content-length': String(stat.size) });
    if (method === 'HEAD') return res.end();
    createReadStream(target).pipe(res);
  }

  const server = createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const rawQuery = q >= 0 ? rawUrl.slice(q + 1) : '';
    const work = async () => {
      const url = new URL(rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}`, `http://${HOST}`);
      if (rawPath === '/api' || rawPath.startsWith('/api/')) return handleApi(req, res, url, rawPath, rawQuery);
      if (rawPath.startsWith('/__local/')) {
        if (await opts.admin(req, res, rawPath)) return;
        req.resume();
        return sendJson(res, 404, { code: 'NOT_FOUND', message: '接口不存在' });
      }
      return serveStatic(req, res, rawPath);
    };
    work().catch((err) => {
      log(`gateway error on ${req.method} ${rawPath}: ${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
      else res.destroy();
    });
  });
  // Idle keep-alive connections are closed by the client, never by us: a server closing one at 5 s races
  // a client whose own (4 s) timer could not fire because its event loop was busy (a test generating
  // thousands of inputs): it sends on the socket we just closed ("other side closed"). 0 = no timeout.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    server,
    port,
    url: `http://${HOST}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes a Lambda proxy result the way HTTP API payload v2 interprets it (and CloudFront compresses it). */
async function writeResult(req: IncomingMessage, res: ServerResponse, result: unknown, extra: Record<string, string>) {
  const structured =
    result !== null && typeof result === 'object' && 'statusCode' in (result as Record<string, unknown>)
      ? (result as { statusCode: number; headers?: Record<string, unknown>; body?: string; isBase64Encoded?: boolean; cookies?: string[] })
      : undefined;
  if (!structured) {
    // No statusCode: API Gateway treats the whole return value as a JSON 200 body.
    return sendCompressible(req, res, 200, { 'content-type': 'application/json; charset=utf-8', ...extra }, Buffer.from(JSON.stringify(result ?? null)));
  }
  const headers: Record<string, string | string[]> = { ...extra };
  for (const [k, v] of Object.entries(structured.headers ?? {})) {
    if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
  }
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body =
    structured.body === undefined || structured.body === null
      ? Buffer.alloc(0)
      : Buffer.from(String(structured.body), structured.isBase64Encoded ? 'base64' : 'utf8');
  await sendCompressible(req, res, structured.statusCode, headers, body);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `12/Mar/2020:19:03:58 +0000`, the requestContext.time format. */
function formatClf(d: Date) {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
