// Issue 6 (hardening), end to end: generated bad input on every route the wiring declares with a body,
// a query or path parameters. Whatever is sent, the answer is a 4xx with the error body
// `{code, message, fields?}`, never a 5xx or a success; and every refusal of a signed-in caller leaves
// its audit record (found by the answer's x-request-id). Routes are read from the wiring, so a route
// declared later is fuzzed without touching this file.
//
// A route whose body schema its path chooses (`bodyByPath`, e.g. a register's entries) is fuzzed against
// each declared schema, under the path value that selects it.
//
// Safe beside the scope matrix on the generated suites' cloud: no body sent is valid for its route's
// schema (but for bodies carrying a file, whose file is no workbook), path values fail every id's shape,
// and routes with no input at all (logout would end the admin's session) are not called.
import fc from 'fast-check';
import { routes, type RouteDecl } from '@sifasuo/wiring';
import { api, auditRecordsOf, login } from '../support/cloud';
import { badBody, badFileBody, badPathValue, fileFields, badQuery, rawBody, type RawBody } from '../support/fuzz-inputs';

/** Fixed so a failure reproduces: the same seed generates the same requests. */
const SEED = 20_240_606;
/**
 * Per route: JSON bodies and raw texts (body routes), path values (each path parameter), query strings,
 * bodies with a bad file. Sized for the 67 routes of org, auth, audit and mediation: about 2,800
 * requests, whose refusals' audit records are read back well inside one test's 30 s on a loaded machine
 * (twice as many took over 30 s). Bodies are checked by the adapter before any handler, so breadth over
 * routes matters more than depth per route.
 */
const RUNS = { body: 36, raw: 6, path: 20, query: 24, file: 30 };
/** Requests in flight at once: enough to keep the local cloud busy on 2 cores without queueing for long. */
const CONCURRENCY = 8;
/** Requests a hook sends: about 1 s on an idle machine, so a hook stays far inside its 30 s on a loaded one. */
const BATCH = 100;
/** A route's body, query or path parameter is what this suite fuzzes. */
const paramsOf = (r: RouteDecl) => [...r.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
const fuzzed = routes.filter((r) => r.body || r.query || paramsOf(r).length > 0);
/** What a body carrying a file holds besides it: an office both callers may write to, a file name. */
const USABLE_FIELD_VALUES = ['人民调解员花名册.xlsx', '0101'];

type Kind = 'body' | 'path' | 'query' | 'file';
type Caller = 'admin' | 'staff-0101';

interface FuzzRequest {
  kind: Kind;
  route: string;
  method: string;
  path: string;
  caller?: Caller;
  body?: unknown;
  raw?: RawBody;
}

interface Outcome {
  request: FuzzRequest;
  status: number;
  body: unknown;
  requestId: string | null;
  ms: number;
}

/** Stable per route and kind, so adding a route does not change the requests of the others. */
const seedFor = (kind: Kind, routeKey: string) => {
  let h = SEED;
  for (const c of `${kind} ${routeKey}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
};
const sample = <T>(arb: fc.Arbitrary<T>, kind: Kind, key: string, numRuns: number) => fc.sample(arb, { seed: seedFor(kind, key), numRuns });

/** A path placeholder that names nothing (the '~'), for requests that fuzz something else. */
const placeholderPath = (r: RouteDecl) => r.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => `fuzz~${name}`);
/** One in four signed-in requests is the office's staff, the rest the county admin. */
const callerFor = (r: RouteDecl, i: number): Caller | undefined => (r.auth === 'none' ? undefined : i % 4 === 3 ? 'staff-0101' : 'admin');

/** Bodies per schema of a route whose body schema its path chooses (`bodyByPath`): each declared one is fuzzed. */
const MIN_RUNS_PER_PATH_SCHEMA = 8;

/**
 * The schemas a route's body is checked with and the path that reaches each: its own body schema under
 * placeholders, or — with `bodyByPath` — each declared schema under its path value (a placeholder there
 * would be refused as unknown before the body is looked at).
 */
const bodySchemasOf = (r: RouteDecl): { schema: NonNullable<RouteDecl['body']>; path: string; label: string }[] => {
  if (!r.bodyByPath) return r.body ? [{ schema: r.body, path: placeholderPath(r), label: '' }] : [];
  const { param, schemas } = r.bodyByPath;
  return Object.entries(schemas).map(([value, schema]) => ({
    schema, label: ` ${param}=${value}`,
    path: r.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => (name === param ? encodeURIComponent(value) : `fuzz~${name}`)),
  }));
};

function bodyRequests(r: RouteDecl): FuzzRequest[] {
  const key = `${r.method} ${r.path}`;
  const targets = bodySchemasOf(r);
  const runs = targets.length > 1 || r.bodyByPath ? Math.max(MIN_RUNS_PER_PATH_SCHEMA, Math.ceil(RUNS.body / targets.length)) : RUNS.body;
  return targets.flatMap(({ schema, path, label }) => {
    const json = sample(badBody(schema), 'body', `${key}${label}`, runs).map((body, i) => ({ kind: 'body' as const, route: key, method: r.method, path, caller: callerFor(r, i), body }));
    const raw = sample(rawBody(schema), 'body', `${key}${label} raw`, RUNS.raw).map((raw, i) => ({ kind: 'body' as const, route: key, method: r.method, path, caller: callerFor(r, i), raw }));
    return [...json, ...raw];
  });
}

function pathRequests(r: RouteDecl): FuzzRequest[] {
  const params = paramsOf(r);
  if (params.length === 0) return [];
  const key = `${r.method} ${r.path}`;
  // Each request makes one parameter bad and leaves the others as placeholders that name nothing either.
  const values = sample(fc.tuple(fc.constantFrom(...params), badPathValue), 'path', key, RUNS.path * params.length);
  // A write carries a body its schema refuses, so even a path that did name something could not change it.
  const bodies = r.body ? sample(badBody(r.body), 'path', key, values.length) : [];
  return values.map(([param, value], i) => ({
    kind: 'path' as const, route: key, method: r.method, caller: callerFor(r, i), body: bodies[i],
    path: r.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => (name === param ? encodeURIComponent(value) : `fuzz~${name}`)),
  }));
}

/** A body its schema takes, with a file that is no workbook: the file's reading must refuse it, not fail. */
function fileRequests(r: RouteDecl): FuzzRequest[] {
  const bodies = r.body && badFileBody(r.body, USABLE_FIELD_VALUES);
  if (!bodies) return [];
  const key = `${r.method} ${r.path}`;
  return sample(bodies, 'file', key, RUNS.file).map((body, i) => ({ kind: 'file' as const, route: key, method: r.method, path: placeholderPath(r), caller: callerFor(r, i), body }));
}

function queryRequests(r: RouteDecl): FuzzRequest[] {
  if (!r.query) return [];
  const key = `${r.method} ${r.path}`;
  const body = r.body ? sample(badBody(r.body), 'query', key, 1)[0] : undefined;
  return sample(badQuery(r.query), 'query', key, RUNS.query).map((qs, i) => ({
    kind: 'query' as const, route: key, method: r.method, caller: callerFor(r, i), body, path: `${placeholderPath(r)}?${qs}`,
  }));
}

const short = (v: unknown, max = 300) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text === undefined ? String(v) : text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
};

/** The error body every refusal has: `{code, message, fields?}` with string values, nothing else. */
const isErrorBody = (body: unknown): boolean => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { code, message, fields, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (typeof code !== 'string' || !code || typeof message !== 'string' || !message) return false;
  if (fields === undefined) return true;
  return !!fields && typeof fields === 'object' && !Array.isArray(fields) && Object.values(fields).every((f) => typeof f === 'string');
};

/** Runs `work` over `items`, at most `size` at a time. */
async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

describe('fuzz: bad input on every route is refused, never a 5xx (issue 6)', () => {
  const tokens = {} as Record<Caller, string>;
  const outcomes: Outcome[] = [];
  const sent: Record<Kind, number> = { body: 0, path: 0, query: 0, file: 0 };
  let busyMs = 0;

  const send = async (requests: FuzzRequest[]) => {
    const started = Date.now();
    await pool(requests, CONCURRENCY, async (request) => {
      const token = request.caller && tokens[request.caller];
      const sentAt = Date.now();
      try {
        const r = await api(request.path, {
          method: request.method, token,
          ...(request.raw ? { rawBody: request.raw.text, headers: { 'content-type': request.raw.contentType } } : request.body !== undefined ? { body: request.body } : {}),
        });
        outcomes.push({ request, status: r.status, body: r.body, requestId: r.headers.get('x-request-id'), ms: Date.now() - sentAt });
      } catch (err) {
        // No retry: a dropped connection is a finding like a 500.
        outcomes.push({ request, status: 0, body: `request failed: ${String(err)}`, requestId: null, ms: Date.now() - sentAt });
      }
      sent[request.kind]++;
    });
    busyMs += Date.now() - started;
  };

  beforeAll(async () => {
    tokens.admin = await login('admin');
    tokens['staff-0101'] = await login('staff-0101');
  });
  // Sent in batches, one hook each, so no hook nears the 30-s budget on a busy machine.
  const requests = [...fuzzed.flatMap(bodyRequests), ...fuzzed.flatMap(pathRequests), ...fuzzed.flatMap(queryRequests), ...fuzzed.flatMap(fileRequests)];
  for (let i = 0; i < requests.length; i += BATCH) {
    const batch = requests.slice(i, i + BATCH);
    beforeAll(() => send(batch));
  }
  afterAll(() => {
    const total = sent.body + sent.path + sent.query + sent.file;
    const statuses: Record<number, number> = {};
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    // Requests and their mean answer time by the path's context segment (`/api/<context>/…`): where the time goes.
    const byContext: Record<string, { requests: number; meanMs: number }> = {};
    for (const o of outcomes) {
      const c = (byContext[o.request.route.split('/')[2]!] ??= { requests: 0, meanMs: 0 });
      c.meanMs += (o.ms - c.meanMs) / ++c.requests;
    }
    for (const c of Object.values(byContext)) c.meanMs = Math.round(c.meanMs);
    console.log(
      `fuzz: seed ${SEED}, ${fuzzed.length} routes, ${total} requests (bodies ${sent.body}, path values ${sent.path}, queries ${sent.query}, files ${sent.file}) ` +
        `in ${(busyMs / 1000).toFixed(1)} s at concurrency ${CONCURRENCY}; answers by status ${JSON.stringify(statuses)}; by context ${JSON.stringify(byContext)}`,
    );
  });

  it('covers every route with a body, a query or path parameters', () => {
    const perRoute = new Map<string, number>();
    for (const o of outcomes) perRoute.set(o.request.route, (perRoute.get(o.request.route) ?? 0) + 1);
    const thin = fuzzed.map((r) => `${r.method} ${r.path}`).filter((key) => (perRoute.get(key) ?? 0) < 20);
    expect(thin).toEqual([]);
    // A body carrying a file is sent with files that are no workbook, too.
    const fileOutcomes = outcomes.filter((o) => o.request.kind === 'file');
    const withoutBadFiles = fuzzed
      .filter((r) => r.body && fileFields(r.body).length > 0)
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => fileOutcomes.filter((o) => o.request.route === key).length < 20);
    expect(withoutBadFiles).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(2_000);
  });

  it('answers every bad request with a 4xx and the error body {code, message, fields?}', () => {
    const bad = outcomes
      .filter((o) => o.status < 400 || o.status > 499 || !isErrorBody(o.body))
      .map((o) => ({
        route: o.request.route, kind: o.request.kind, caller: o.request.caller ?? '-', path: short(o.request.path, 200),
        input: o.request.raw ? `${o.request.raw.contentType}: ${short(o.request.raw.text)}` : short(o.request.body),
        status: o.status, answer: short(o.body),
      }));
    expect({ failures: bad.length, first: bad.slice(0, 10) }).toEqual({ failures: 0, first: [] });
  });

  it('leaves an audit record for every refusal of a signed-in caller (its x-request-id)', async () => {
    // 401 has no caller to record; routes without sign-in have none either.
    const refused = outcomes.filter((o) => o.request.caller && o.status >= 400 && o.status <= 499 && o.status !== 401);
    const withoutId = refused.filter((o) => !o.requestId).map((o) => `${o.request.route} → ${o.status}`);
    expect({ withoutRequestId: withoutId.length, first: withoutId.slice(0, 10) }).toEqual({ withoutRequestId: 0, first: [] });

    const missing: string[] = [];
    for (const actor of ['admin', 'staff-0101'] as const) {
      const mine = refused.filter((o) => o.request.caller === actor && o.requestId);
      const recorded = new Set((await auditRecordsOf(actor, mine.map((o) => o.requestId!))).map((r) => r.requestId));
      for (const o of mine) if (!recorded.has(o.requestId!)) missing.push(`${actor} ${o.request.route} → ${o.status} (${o.requestId})`);
    }
    expect({ unaudited: missing.length, first: missing.slice(0, 10) }).toEqual({ unaudited: 0, first: [] });
  });
});
