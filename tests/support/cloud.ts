// Helpers for tests that run against the local cloud started by the jest global setup
// (tests/support/global-setup.mjs): its ready info, an HTTP client for the gateway, login, and AWS SDK
// clients pointed at the emulators.
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord, LoginStep, SessionTokens } from '@sifasuo/domain';
import type { ReadyInfo } from '@sifasuo/local-cloud';
// The config module alone: the package index would load the emulators into every test worker.
import { localCredentials, REGION } from '@sifasuo/local-cloud/src/config';
import { resourceName } from '@sifasuo/wiring';

/** The ready file the local cloud writes (`--ready-file`). */
export type CloudInfo = ReadyInfo;

let info: CloudInfo | undefined;
export function cloud(): CloudInfo {
  if (!info) {
    // Each project has its own cloud (see global-setup.mjs); jest.config.js names the project.
    const project = (globalThis as { SIFASUO_PROJECT?: string }).SIFASUO_PROJECT ?? 'integration';
    const file = process.env.SIFASUO_CLOUD ?? process.env[`SIFASUO_CLOUD_${project.toUpperCase()}`];
    if (!file) {
      throw new Error(
        'SIFASUO_CLOUD is not set: the local cloud is started by tests/support/global-setup.mjs only when the run ' +
          'includes the integration or e2e project (e.g. `npx jest --selectProjects integration`).',
      );
    }
    info = JSON.parse(readFileSync(file, 'utf8')) as CloudInfo;
  }
  return info;
}

/** Physical name of a wiring resource in the local stage (`sifasuo-local-<id>`). */
export const localName = (id: string) => resourceName('local', id);

export interface ApiOptions {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (e.g. malformed JSON). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Another local cloud than the run's (a test's own county). */
  baseUrl?: string;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the local gateway: `api('/api/org/offices', { token })`. JSON bodies are parsed. */
export async function api<T = any>(path: string, opts: ApiOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${opts.baseUrl ?? cloud().url}${path}`, { method: opts.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if (!text) parsed = undefined;
  else if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/**
 * Signs in through `POST /api/auth/login` (default: the demo password) and returns the session's
 * tokens. The demo county requires no second factor; a test that turns it on signs in step by step.
 */
export async function signIn(username: string, password?: string): Promise<SessionTokens> {
  const pw = password ?? cloud().demoPassword;
  if (!pw) throw new Error('login: no password given and the local cloud has no demo password (not seeded)');
  const r = await api<LoginStep>('/api/auth/login', { method: 'POST', body: { username, password: pw } });
  if (r.status !== 200 || r.body?.status !== 'signed-in') throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.tokens;
}

/** Signs in and returns the access token. */
export async function login(username: string, password?: string): Promise<string> {
  return (await signIn(username, password)).accessToken;
}

/** A test's own account (made by the admin unless it exists from an earlier run), its password set; answers its access token. */
export async function accountToken(admin: string, user: { username: string; displayName: string; roles: readonly string[]; officeId?: string; departmentId?: string }, password: string): Promise<string> {
  const made = await api('/api/org/users', { method: 'POST', token: admin, body: user });
  if (made.status !== 201 && made.status !== 409) throw new Error(`account ${user.username}: ${made.status} ${JSON.stringify(made.body)}`);
  const set = await api(`/api/auth/accounts/${user.username}/password`, { method: 'PUT', token: admin, body: { password } });
  if (set.status !== 204) throw new Error(`password of ${user.username}: ${set.status} ${JSON.stringify(set.body)}`);
  return login(user.username, password);
}

/** What the emulators accept (s3rver insists on these), and the region the local cloud uses. */
export const credentials = localCredentials;
export const region = REGION;
const clients: Array<{ destroy(): void }> = [];
const lazy = <T extends { destroy(): void }>(make: () => T) => {
  let c: T | undefined;
  return (): T => {
    if (!c) {
      c = make();
      clients.push(c);
    }
    return c;
  };
};

let raw: DynamoDBClient | undefined;
export const dynamo = lazy(() => {
  raw = new DynamoDBClient({ region, credentials, endpoint: cloud().endpoints.dynamodb });
  clients.push(raw);
  return DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
});
export const sqs = lazy(() => new SQSClient({ region, credentials, endpoint: cloud().endpoints.sqs }));
export const eventBridge = lazy(() => new EventBridgeClient({ region, credentials, endpoint: cloud().endpoints.eventbridge }));
export const s3 = lazy(
  () =>
    new S3Client({
      region, credentials, endpoint: cloud().endpoints.s3, forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    }),
);

/** URL of a wiring queue (`dlq: true` for its dead-letter queue). */
export async function queueUrl(id: string, opts: { dlq?: boolean } = {}): Promise<string> {
  const r = await sqs().send(new GetQueueUrlCommand({ QueueName: `${localName(id)}${opts.dlq ? '-dlq' : ''}` }));
  return r.QueueUrl!;
}

/**
 * The audit records of the given requests (named by the `x-request-id` their answers carry), read
 * through the API as the auditor: `actor`'s records of the last `withinMs`, in the order of the ids.
 */
export async function auditRecordsOf(actor: string, requestIds: readonly string[], withinMs = 30 * 60_000): Promise<AuditRecord[]> {
  const token = await login('auditor');
  const window = { actor, from: new Date(Date.now() - withinMs).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), limit: '100' };
  const wanted = new Set(requestIds);
  const found: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const r = await api(`/api/audit/records?${new URLSearchParams({ ...window, ...(cursor ? { cursor } : {}) })}`, { token });
    if (r.status !== 200) throw new Error(`audit query answered ${r.status}: ${JSON.stringify(r.body)}`);
    found.push(...(r.body.items as AuditRecord[]).filter((x) => x.requestId && wanted.has(x.requestId)));
    cursor = r.body.cursor;
  } while (cursor);
  return requestIds.flatMap((id) => found.filter((x) => x.requestId === id));
}

/** Polls `probe` until it returns a truthy value (returned) or the timeout passes (throws). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`eventually: timed out after ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// Close SDK sockets when the test file is done so jest workers exit cleanly.
if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
}
