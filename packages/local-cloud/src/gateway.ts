// The local API gateway: one HTTP server that does what API Gateway HTTP API + the Cognito JWT
// authorizer + CloudFront do in AWS — routes `/api/*` to the function modules as payload v2.0 events,
// serves the built portal with an SPA fallback, and exposes the local cloud's own `/__local/*` admin.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { routeKey, type RouteDecl } from '@sifasuo/wiring';
import { ACCOUNT } from './config';
import { FunctionTimeoutError, type LambdaRuntime } from './lambda';
import { HOST, log } from './util';

export const MAX_BODY_BYTES = 1024 * 1024;

interface CompiledRoute {
  decl: RouteDecl;
  key: string;
  regex: RegExp;
  params: string[];
  specificity: number;
}

export function compileRoutes(routes: readonly RouteDecl[]): CompiledRoute[] {
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

/** API Gateway hands JWT claims to the function as strings: arrays become `[a b]`, numbers text. */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) out[k] = `[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(' ')}]`;
    else if (typeof v === 'object') out[k] = JSON.stringify(v);
    else out[k] = String(v);
  }
  return out;
}

/**
 * What the AWS HTTP API JWT authorizer checks: RS256 signature by a key of the JWKS, `iss`, `exp`
 * (required) and `nbf`; then `aud` must be one of the configured audiences when the token has an
 * `aud` claim (ID tokens), and only a token without `aud` (access tokens) is matched by `client_id`.
 * Returns the claims, or undefined for any token API Gateway would answer 401.
 */
export async function verifyAuthorizerToken(
  token: string,
  key: JWTVerifyGetKey,
  opts: { issuer: string; audience: readonly string[] },
): Promise<JWTPayload | undefined> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, { issuer: opts.issuer, algorithms: ['RS256'], requiredClaims: ['exp'] }));
  } catch {
    return undefined;
  }
  return audienceMatches(payload, opts.audience) ? payload : undefined;
}

/** `aud` decides when present (even if `client_id` would match); `client_id` only when there is no `aud`. */
export function audienceMatches(payload: JWTPayload, audience: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return aud.some((a) => audience.includes(a));
  }
  return typeof payload.client_id === 'string' && audience.includes(payload.client_id);
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

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => !failed && resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface GatewayOptions {
  port: number;
  routes: readonly RouteDecl[];
  runtime: LambdaRuntime;
  cognito: { endpoint: string; userPoolId: string; userPoolClientId: string };
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

export async function startGateway(opts: GatewayOptions): Promise<GatewayHandle> {
  const compiled = compileRoutes(opts.routes);
  const { endpoint, userPoolId, userPoolClientId } = opts.cognito;
  // cognito-local signs with one fixed key: fetch it once, up front, and keep it. A refetch under
  // load (jose's default: every 10 minutes, 5 s timeout) must not turn valid tokens into 401s.
  const jwks = createRemoteJWKSet(new URL(`${endpoint}/${userPoolId}/.well-known/jwks.json`), {
    cacheMaxAge: Infinity,
    timeoutDuration: 30_000,
  });
  await jwks.reload();
  const issuer = `${endpoint}/${userPoolId}`;

  async function authorize(header: string | undefined): Promise<JWTPayload | undefined> {
    if (!header) return undefined;
    const token = header.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    return verifyAuthorizerToken(token, jwks, { issuer, audience: [userPoolClientId] });
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
    let claims: JWTPayload | undefined;
    if (route.decl.auth === 'jwt') {
      claims = await authorize(req.headers.authorization);
      if (!claims) {
        req.resume();
        return sendJson(res, 401, { message: 'Unauthorized' }, { ...idHeader, 'www-authenticate': 'Bearer' });
      }
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
    const textual = isTextual(req.headers['content-type']);
    const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
      version: '2.0',
      routeKey: route.key,
      rawPath,
      rawQueryString: rawQuery,
      ...(cookies ? { cookies } : {}),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(route.params.length ? { pathParameters } : {}),
      requestContext: {
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
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ? flattenClaims(claims) : {}, scopes: null as unknown as string[] } },
      },
      ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !textual,
    };
    if (route.decl.auth !== 'jwt') delete (event.requestContext as { authorizer?: unknown }).authorizer;

    let result: unknown;
    try {
      result = await opts.runtime.invoke(route.decl.function, event);
    } catch (err) {
      const what = err instanceof FunctionTimeoutError ? err.message : (err as Error)?.stack ?? String(err);
      log(`${route.key} → ${route.decl.function} failed: ${what}`);
      return sendJson(res, 500, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' }, idHeader);
    }
    writeResult(res, result, idHeader);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, rawPath: string) {
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
    res.writeHead(200, {
      'content-type': type,
      'content-length': stat.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
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
  server.keepAliveTimeout = 5000;
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

/** Writes a Lambda proxy result the way HTTP API payload v2 interprets it. */
function writeResult(res: ServerResponse, result: unknown, extra: Record<string, string>) {
  const structured =
    result !== null && typeof result === 'object' && 'statusCode' in (result as Record<string, unknown>)
      ? (result as { statusCode: number; headers?: Record<string, unknown>; body?: string; isBase64Encoded?: boolean; cookies?: string[] })
      : undefined;
  if (!structured) {
    // No statusCode: API Gateway treats the whole return value as a JSON 200 body.
    return sendJson(res, 200, result ?? null, extra);
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
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode, headers);
  res.end(body);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `12/Mar/2020:19:03:58 +0000`, the requestContext.time format. */
function formatClf(d: Date) {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
