// The one HTTP client of the portal: `call(routeKey, {path, query, body})` for every route the wiring
// declares. The key gives the method and the path (filled with `routePath`), and the wiring's contract
// types the path parameters, the query, the body (the domain's zod input) and the reply — so no path or
// body type is written by hand anywhere in the portal. Same-origin `/api`, the session's access token as
// `Bearer` except for the wiring's `auth: 'none'` routes (refreshed first when it is about to run out,
// and once more after a 401), typed errors from the server's `{code,message,fields}`; a session the
// server has ended ends here too, with the server's reason on the login page (kit/session.ts).
import type { FieldErrors, Page } from '@sifasuo/domain';
import {
  routeKey,
  routePath,
  routes,
  type PathParams,
  type RequestBody,
  type RequestQuery,
  type FileDownload,
  type ResponseOf,
  type RouteKey,
} from '@sifasuo/wiring';
import { freshAccessToken, logout, markActivity, recoverFromUnauthorized, SessionEnded } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** What a route takes: its path parameters, query and body, each required exactly when the route has one. */
export type CallArgs<K extends RouteKey> = ([keyof PathParams<K>] extends [never] ? { path?: undefined } : { path: PathParams<K> }) &
  ([RequestBody<K>] extends [undefined] ? { body?: undefined } : { body: RequestBody<K> }) & { query?: RequestQuery<K> };

/** `call(key)` alone where the route needs neither path parameters nor a body. */
export type CallRest<K extends RouteKey> = [keyof PathParams<K>] extends [never]
  ? [RequestBody<K>] extends [undefined]
    ? [args?: CallArgs<K>]
    : [args: CallArgs<K>]
  : [args: CallArgs<K>];

/** Routes the wiring serves without a session (login, health): sent without a token, their 401 is the answer itself. */
const PUBLIC = new Set<string>(routes.filter((r) => r.auth === 'none').map(routeKey));

const qs = (query?: object) => {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** The session is over (the page is leaving for the login page): a 401 whose message says why. */
const ended = (e: unknown): never => {
  if (e instanceof SessionEnded) throw new ApiError(401, 'UNAUTHENTICATED', e.message);
  throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : '无法连接服务器，请检查网络后重试');
};

const parse = async (res: Response): Promise<unknown> => {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** Sends a request the way every route is sent (token, one refresh after a 401); answers the response. */
const send = async <K extends RouteKey>(key: K, args: unknown, accept: string): Promise<Response> => {
  const { path, query, body } = (args ?? {}) as { path?: PathParams<K>; query?: object; body?: unknown };
  const method = key.slice(0, key.indexOf(' '));
  const anonymous = PUBLIC.has(key);
  const once = async (token?: string) => {
    const headers: Record<string, string> = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await fetch(`${routePath(key, (path ?? {}) as PathParams<K>)}${qs(query)}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
    }
  };

  let token: string | undefined;
  if (!anonymous) {
    token = await freshAccessToken().catch(ended);
    markActivity();
  }
  const res = await once(token);
  if (res.status !== 401 || !token) return res;
  // The access token was refused: refreshed once and sent again, or the session is over (the
  // server's own message, e.g. 已被管理员强制下线, goes to the login page).
  const refused = (await parse(res)) as { code?: string; message?: string } | undefined;
  const retry = await recoverFromUnauthorized(token, (refused?.code && refused.message) || undefined).catch(ended);
  const again = await once(retry);
  if (again.status === 401) {
    // Refused with fresh tokens too: the session is over.
    const body = (await parse(again)) as { code?: string; message?: string } | undefined;
    const message = (body?.code && body.message) || defaultMessage(401);
    logout('ended', message);
    throw new ApiError(401, 'UNAUTHENTICATED', message);
  }
  return again;
};

/** The server's `{code,message,fields}` refusal as an ApiError. */
const refusal = async (res: Response): Promise<ApiError> => {
  const err = ((await parse(res)) ?? {}) as { code?: string; message?: string; fields?: FieldErrors };
  // Only our own `{code,message}` errors carry text for users; API Gateway's bare `{"message":"Unauthorized"}`
  // or `{"message":"Service Unavailable"}` get the Chinese default for the status.
  const message = (err.code && err.message) || defaultMessage(res.status);
  return new ApiError(res.status, err.code ?? `HTTP_${res.status}`, message, err.fields);
};

export const call = async <K extends RouteKey>(key: K, ...[args]: CallRest<K>): Promise<ResponseOf<K>> => {
  const res = await send(key, args, 'application/json');
  if (res.status === 204) return undefined as ResponseOf<K>;
  if (res.ok) return (await parse(res)) as ResponseOf<K>;
  throw await refusal(res);
};

/** Routes declared with `fileReply()`: the ones `download` fetches. */
export type FileKey = { [K in RouteKey]: ResponseOf<K> extends FileDownload ? K : never }[RouteKey];

/** The file a route answers, with the name the server gives it (Content-Disposition, RFC 5987). */
export const fetchFile = async <K extends FileKey>(key: K, ...[args]: CallRest<K>): Promise<{ blob: Blob; fileName: string }> => {
  const res = await send(key, args, '*/*');
  if (!res.ok) throw await refusal(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return { blob: await res.blob(), fileName: encoded ? decodeURIComponent(encoded) : (plain ?? 'download') };
};

/** Fetches a route's file and saves it (the browser's download). */
export const download = async <K extends FileKey>(key: K, ...rest: CallRest<K>): Promise<string> => {
  const { blob, fileName } = await fetchFile(key, ...rest);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
};

const DEFAULT_MESSAGES: Record<number, string> = {
  401: '登录已失效，请重新登录',
  403: '无权访问该数据',
  404: '请求的数据不存在',
  413: '请求内容过大',
  429: '请求过于频繁，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
};
const defaultMessage = (status: number) =>
  DEFAULT_MESSAGES[status] ?? (status >= 500 ? '服务器内部错误，请稍后重试' : `请求失败（${status}）`);

/** GET routes that answer a `Page` and take `limit` and `cursor`: the ones `all` can follow to the end. */
export type PagedKey = {
  [K in RouteKey]: K extends `GET ${string}`
    ? ResponseOf<K> extends Page<unknown>
      ? string extends keyof RequestQuery<K>
        ? never
        : 'cursor' extends keyof RequestQuery<K>
          ? K
          : never
      : never
    : never;
}[RouteKey];

type ItemOf<K extends RouteKey> = ResponseOf<K> extends Page<infer T> ? T : never;

/** Every item of a paged route: follows `cursor` until the last page, 100 at a time. */
export const all = async <K extends PagedKey>(key: K, ...[args]: CallRest<K>): Promise<ItemOf<K>[]> => {
  const items: ItemOf<K>[] = [];
  let cursor: string | undefined;
  do {
    const query = { ...(args?.query as object | undefined), limit: 100, cursor };
    const page = (await (call as (k: RouteKey, a: object) => Promise<unknown>)(key, { ...args, query })) as Page<ItemOf<K>>;
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
};
