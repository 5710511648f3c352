// The wiring, declared once: every table, bucket, function, route, event, queue, rule, schedule and
// demo seed of the product as plain data, one file per context. This module joins them, checks that
// ids are unique and references resolve, and derives what the kit adds (outbox forwarders). The CDK
// app (infra/) and the local cloud (packages/local-cloud) both build from it, so the two worlds
// cannot drift. A new context is one file here plus one line in `contexts` below.
import type * as z from 'zod';
import { assessment } from './assessment';
import { audit } from './audit';
import { auth } from './auth';
import { factEvents, OUTBOX_FORWARDER_ENTRY } from './facts';
import { mediation } from './mediation';
import { org } from './org';
import { platform } from './platform';
import { registers } from './registers';
import {
  type BucketDecl,
  type ContextWiring,
  type CronDecl,
  type EventDecl,
  type EventPattern,
  type EventRuleDecl,
  type FunctionDecl,
  type QueueDecl,
  type RouteDecl,
  type ScheduleDecl,
  type TableDecl,
  bucketEnv,
  ENV,
  eventSource,
  resourceName,
  routeKey,
  tableEnv,
} from './types';

export * from './types';
export { factEvents, OUTBOX_FORWARDER_ENTRY } from './facts';

/** Every context, in the order their demo seeds run: the one line that joins a context. */
export const contexts = [platform, org, auth, audit, mediation, registers, assessment] as const;

/** The forwarder the kit gives every outbox table: it publishes the table's outbox items to the bus. */
export const outboxForwarderId = (tableId: string) => `${tableId}-outbox`;
export const OUTBOX_BATCH_SIZE = 100;

/** Adds the kit's parts to a set of declarations: a stream and a forwarder for each outbox table. */
export const withKit = (tablesIn: readonly TableDecl[], functionsIn: readonly FunctionDecl[]) => {
  const tables = tablesIn.map((t) =>
    t.outbox ? { ...t, stream: { consumer: outboxForwarderId(t.id), batchSize: OUTBOX_BATCH_SIZE } } : t,
  );
  const forwarders: FunctionDecl[] = tablesIn.filter((t) => t.outbox).map((t) => ({
    id: outboxForwarderId(t.id), context: t.context, kind: 'stream', entry: OUTBOX_FORWARDER_ENTRY,
    tables: [], publishesEvents: true, timeoutSeconds: 30, memoryMb: 256,
  }));
  return { tables, functions: [...functionsIn, ...forwarders] };
};

const all = <K extends keyof ContextWiring>(key: K) =>
  contexts.flatMap((c) => (c[key] ?? []) as never[]) as unknown as NonNullable<ContextWiring[K]>;

const joined = withKit(all('tables') as readonly TableDecl[], all('functions') as readonly FunctionDecl[]);

export const tables: readonly TableDecl[] = joined.tables;
export const buckets: readonly BucketDecl[] = all('buckets') as readonly BucketDecl[];
export const functions: readonly FunctionDecl[] = joined.functions;
export const routes = contexts.flatMap((c) => c.routes as readonly AnyRoute[]);
export const queues: readonly QueueDecl[] = all('queues') as readonly QueueDecl[];
export const eventRules: readonly EventRuleDecl[] = all('eventRules') as readonly EventRuleDecl[];
export const schedules: readonly ScheduleDecl[] = all('schedules') as readonly ScheduleDecl[];
/** Every declared event: the contexts' own and the kit's fact events. */
export const events: readonly EventDecl[] = [...contexts.flatMap((c) => Object.values(c.events ?? {}) as EventDecl[]), ...Object.values(factEvents)];
/** Demo seed functions, in context order (local only; never deployed). */
export const seeds: readonly string[] = contexts.flatMap((c) => (c.seed ? [c.seed] : []));


/**
 * The EventBridge pattern of a rule: its events' names, from their contexts — or, for the kit's fact
 * events, from every context with an outbox table among `tables`.
 */
export const patternOf = (rule: EventRuleDecl, withTables: readonly TableDecl[] = tables): EventPattern => {
  const outboxContexts = [...new Set(withTables.filter((t) => t.outbox).map((t) => t.context))];
  const sources = rule.events.flatMap((e) => (e.context ? [e.context] : outboxContexts)).map(eventSource);
  return { source: [...new Set(sources)].sort(), detailType: [...new Set(rule.events.map((e) => e.name))].sort() };
};

/** Throws on duplicate ids and dangling references; run at load, so a bad declaration fails every test. */
export const checkWiring = (w: {
  tables: readonly TableDecl[]; buckets: readonly BucketDecl[]; functions: readonly FunctionDecl[]; routes: readonly RouteDecl[];
  queues: readonly QueueDecl[]; eventRules: readonly EventRuleDecl[]; schedules: readonly ScheduleDecl[]; events: readonly EventDecl[];
  seeds?: readonly string[];
  /** Context names (default: the joined contexts). */
  contexts?: readonly string[];
}) => {
  const problems: string[] = [];
  const unique = (what: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${what} ${id}`);
      seen.add(id);
    }
  };
  unique('table', w.tables.map((t) => t.id));
  unique('bucket', w.buckets.map((b) => b.id));
  unique('function', w.functions.map((f) => f.id));
  unique('route', w.routes.map(routeKey));
  unique('queue', w.queues.map((q) => q.id));
  unique('event rule', w.eventRules.map((r) => r.id));
  unique('schedule', w.schedules.map((s) => s.id));
  unique('event', w.events.map((e) => `${e.context ?? '*'}:${e.name}`));
  const fn = (id: string, kind: FunctionDecl['kind'], from: string) => {
    const f = w.functions.find((x) => x.id === id);
    if (!f) problems.push(`${from}: no function ${id}`);
    else if (f.kind !== kind) problems.push(`${from}: function ${id} is a ${f.kind}, not a ${kind}`);
  };
  for (const r of w.routes) fn(r.function, 'api', routeKey(r));
  for (const q of w.queues) {
    fn(q.consumer, 'consumer', `queue ${q.id}`);
    if (!Number.isInteger(q.batchSize) || q.batchSize < 1 || q.batchSize > 10_000) problems.push(`queue ${q.id}: batchSize ${q.batchSize} is not 1–10,000`);
    if (q.batchSize > 10 && !q.batchingWindowSeconds) problems.push(`queue ${q.id}: a batch of more than 10 needs batchingWindowSeconds`);
    const window = q.batchingWindowSeconds;
    if (window !== undefined && (!Number.isInteger(window) || window < 1 || window > 300)) problems.push(`queue ${q.id}: batchingWindowSeconds ${window} is not 1–300`);
  }
  for (const s of w.schedules) fn(s.function, 'schedule', `schedule ${s.id}`);
  for (const s of w.seeds ?? []) fn(s, 'seed', 'seed');
  for (const t of w.tables) if (t.stream) fn(t.stream.consumer, 'stream', `table ${t.id}`);
  const authorizers = w.functions.filter((f) => f.kind === 'authorizer');
  if (authorizers.length > 1) problems.push(`more than one authorizer: ${authorizers.map((f) => f.id).join(', ')}`);
  if (!authorizers.length && w.routes.some((r) => r.auth === 'jwt')) problems.push('routes need the session authorizer, and no function is one');
  for (const r of w.eventRules) {
    if (!w.queues.some((q) => q.id === r.targetQueue)) problems.push(`rule ${r.id}: no queue ${r.targetQueue}`);
    for (const e of r.events) if (!w.events.includes(e)) problems.push(`rule ${r.id}: event ${e.name} is not declared`);
  }
  const names = new Set(w.contexts ?? contexts.map((c) => c.context));
  for (const c of names) if (!/^[a-z]+$/.test(c)) problems.push(`context name ${c} is not lower-case letters`);
  for (const x of [...w.tables, ...w.functions]) if (!names.has(x.context)) problems.push(`${x.id}: no context ${x.context}`);
  for (const e of w.events) if (e.context && !names.has(e.context)) problems.push(`event ${e.name}: no context ${e.context}`);
  for (const f of w.functions) {
    for (const t of f.tables) if (!w.tables.some((x) => x.id === t.table)) problems.push(`function ${f.id}: no table ${t.table}`);
    for (const b of f.buckets ?? []) if (!w.buckets.some((x) => x.id === b.bucket)) problems.push(`function ${f.id}: no bucket ${b.bucket}`);
  }
  if (problems.length) throw new Error(`wiring: ${problems.join('; ')}`);
};

checkWiring({ tables, buckets, functions, routes, queues, eventRules, schedules, events, seeds });

// ---- The typed contract: route keys, bodies, queries, path parameters and replies. ----

type AnyRoute = (typeof contexts)[number]['routes'][number];
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** Every declared route key, e.g. `'GET /api/org/offices/{officeId}'`. */
export type RouteKey = KeyOf<AnyRoute>;
export type RouteOf<K extends RouteKey> = K extends `${infer M} ${infer P}` ? Extract<AnyRoute, { method: M; path: P }> : never;
/** Route keys served by one API function. */
export type RouteKeysOf<F extends string> = KeyOf<Extract<AnyRoute, { function: F }>>;

type BodySchema<K extends RouteKey> = RouteOf<K> extends RouteDecl<any, any, any, infer B, any, any> ? B : never;
type QuerySchema<K extends RouteKey> = RouteOf<K> extends RouteDecl<any, any, any, any, infer Q, any> ? Q : never;
/** What a client sends as the JSON body (before defaults and transforms). */
export type RequestBody<K extends RouteKey> = BodySchema<K> extends z.ZodType ? z.input<BodySchema<K>> : undefined;
/** What the handler receives: the body as the declared schema parsed it. */
export type ParsedBody<K extends RouteKey> = BodySchema<K> extends z.ZodType ? z.output<BodySchema<K>> : undefined;
export type RequestQuery<K extends RouteKey> = QuerySchema<K> extends z.ZodType ? z.input<QuerySchema<K>> : Record<string, never>;
export type ParsedQuery<K extends RouteKey> = QuerySchema<K> extends z.ZodType ? z.output<QuerySchema<K>> : Record<string, never>;
export type ResponseOf<K extends RouteKey> = RouteOf<K> extends RouteDecl<any, any, any, any, any, infer R> ? R : never;

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;
export type PathParams<K extends RouteKey> = { [N in ParamNames<RouteOf<K>['path']>]: string };

/** The path of a route with its parameters filled in (each one URL-encoded). */
export const routePath = <K extends RouteKey>(key: K, params: PathParams<K>): string =>
  key.slice(key.indexOf(' ') + 1).replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name] ?? ''));

// ---- Lookups and names both worlds share. ----

/** A cron for EventBridge Scheduler: `cron(10 1 * * ? *)`. */
export const awsCron = (c: CronDecl) => `cron(${c.minute} ${c.hour} ${c.dayOfMonth} ${c.month} ${c.dayOfWeek} *)`;
/** Five-field Unix cron for the local runner: `10 1 * * *`. */
export const unixCron = (c: CronDecl) =>
  [c.minute, c.hour, c.dayOfMonth, c.month, c.dayOfWeek === '?' ? '*' : c.dayOfWeek].join(' ');


export const tableById = (id: string): TableDecl => {
  const found = tables.find((t) => t.id === id);
  if (!found) throw new Error(`wiring: no table ${id}`);
  return found;
};

/** Routes served by one API function. */
export const routesOf = (functionId: string) => routes.filter((r) => r.function === functionId);

/** Functions AWS runs: everything but the local demo seeds. */
export const deployedFunctions = () => functions.filter((f) => f.kind !== 'seed');

/** Physical names where they differ from `resourceName(stage, id)` (in AWS: generated or global names). */
export interface PhysicalNames {
  /** KMS key ARN in AWS; `file:<path>` locally. */
  signingKey: string;
  eventBus?: string;
  table?: (id: string) => string;
  bucket?: (id: string) => string;
}

/** The function that checks session tokens for every `jwt` route. */
export const authorizerFunction = (): FunctionDecl => functions.find((f) => f.kind === 'authorizer')!;

/** Environment a function gets for a stage: table and bucket names, bus, signing key — in both worlds. */
export const functionEnvironment = (stage: string, names: PhysicalNames, fn?: Pick<FunctionDecl, 'signing'>): Record<string, string> => ({
  [ENV.stage]: stage,
  [ENV.eventBus]: names.eventBus ?? resourceName(stage, 'bus'),
  ...(fn?.signing ? { [ENV.signingKey]: names.signingKey } : {}),
  ...Object.fromEntries(tables.map((t) => [tableEnv(t.id), names.table?.(t.id) ?? resourceName(stage, t.id)])),
  ...Object.fromEntries(buckets.map((b) => [bucketEnv(b.id), names.bucket?.(b.id) ?? resourceName(stage, b.id)])),
});
