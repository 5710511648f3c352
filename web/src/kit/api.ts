// The one HTTP client of the portal: same-origin `/api`, Bearer idToken, typed errors from the server's
// `{code,message,fields}`, and a 401 (or an expired/idle session) ends the session on the spot.
import type {
  Area,
  AuditRecord,
  Department,
  Dictionary,
  DictionaryName,
  FieldErrors,
  Office,
  Page,
  Staff,
  User,
} from '@sifasuo/domain';
import { getSession, logout, markActivity, sessionProblem, type Me } from './session';

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

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Login and other calls made without a session. */
  anonymous?: boolean;
}

const qs = (query?: Query) => {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const request = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!opts.anonymous) {
    const problem = sessionProblem();
    if (problem) {
      logout(problem);
      throw new ApiError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    headers.Authorization = `Bearer ${getSession()!.idToken}`;
    markActivity();
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${qs(opts.query)}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (res.ok) return data as T;
  const err = (data ?? {}) as { code?: string; message?: string; fields?: FieldErrors };
  // Only our own `{code,message}` errors carry text for users; API Gateway's bare `{"message":"Unauthorized"}`
  // or `{"message":"Service Unavailable"}` get the Chinese default for the status.
  const message = (err.code && err.message) || defaultMessage(res.status);
  const error = new ApiError(res.status, err.code ?? `HTTP_${res.status}`, message, err.fields);
  if (res.status === 401 && !opts.anonymous) logout('unauthenticated');
  throw error;
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

/** Follows `cursor` until the last page. */
export const all = async <T>(path: string, query: Query = {}): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await request<Page<T>>('GET', path, { query: { ...query, limit: 100, cursor } });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
};

export interface LoginResult {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  user: Me;
}

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) =>
    request<LoginResult>('POST', '/auth/login', { body: { username, password }, anonymous: true }),
  me: () => request<Me>('GET', '/auth/me'),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<void>('POST', '/auth/password', { body: { oldPassword, newPassword } }),

  departments: () => request<Page<Department>>('GET', '/org/departments').then((p) => p.items),
  areas: () => request<Page<Area>>('GET', '/org/areas').then((p) => p.items),
  offices: () => all<Office>('/org/offices'),
  office: (id: string) => request<Office>('GET', `/org/offices/${enc(id)}`),
  updateOffice: (id: string, body: unknown) => request<Office>('PUT', `/org/offices/${enc(id)}`, { body }),

  staff: (officeId: string) => all<Staff>(`/org/offices/${enc(officeId)}/staff`),
  createStaff: (officeId: string, body: unknown) => request<Staff>('POST', `/org/offices/${enc(officeId)}/staff`, { body }),
  updateStaff: (id: string, body: unknown) => request<Staff>('PUT', `/org/staff/${enc(id)}`, { body }),
  revealStaff: (id: string) => request<Staff>('GET', `/org/staff/${enc(id)}`, { query: { reveal: 'idNumber' } }),

  users: () => all<User>('/org/users'),
  createUser: (body: unknown) => request<User>('POST', '/org/users', { body }),
  updateUser: (username: string, body: unknown) => request<User>('PUT', `/org/users/${enc(username)}`, { body }),
  resetPassword: (username: string, password: string) =>
    request<void>('POST', `/org/users/${enc(username)}/password`, { body: { password } }),

  dictionaries: () => request<Page<Dictionary>>('GET', '/org/dictionaries').then((p) => p.items),
  updateDictionary: (name: DictionaryName, body: unknown) => request<Dictionary>('PUT', `/org/dictionaries/${enc(name)}`, { body }),

  auditRecords: (query: Query) => request<Page<AuditRecord>>('GET', '/audit/records', { query }),
};
