// The shapes every context's wiring is written in, and the small constructors that keep a
// declaration typed down to its literal route keys and event names.
import type * as z from 'zod';

export const APP = 'sifasuo';

/**
 * A bounded context's name (`org`, `mediation`, …): lower-case letters. The joined wiring checks that
 * every declaration names a context that is joined, so a new context is added in one place.
 */
export type ContextName = string;

/** Source of every domain event we publish: `sifasuo.<context>`. */
export const eventSource = (context: ContextName) => `${APP}.${context}`;

/** Global secondary index names, one definition: each has `<name>PK` / `<name>SK` string keys. */
export const GSI1 = 'GSI1';
export const GSI2 = 'GSI2';
export const GSI3 = 'GSI3';
export type IndexName = typeof GSI1 | typeof GSI2 | typeof GSI3;
/** The indexes of a table of office-scoped records (`scopedKeys` in functions/src/shared/scope.ts): by office, area, county. */
export const SCOPED_INDEXES = [GSI1, GSI2, GSI3] as const;
export const indexKeys = (index: IndexName) => ({ pk: `${index}PK`, sk: `${index}SK` }) as const;

/** Physical resource names: `sifasuo-<stage>-<id>` in AWS and locally (stage `local`). */
export const resourceName = (stage: string, id: string) => `${APP}-${stage}-${id}`;

const envName = (prefix: string, id: string) => `${prefix}_${id.replace(/-/g, '_').toUpperCase()}`;
/** The variable through which functions learn a table's physical name: `org` → `TABLE_ORG`. */
export const tableEnv = (id: string) => envName('TABLE', id);
/** The variable through which functions learn a bucket's physical name: `audit-vault` → `BUCKET_AUDIT_VAULT`. */
export const bucketEnv = (id: string) => envName('BUCKET', id);

export const ENV = {
  stage: 'STAGE',
  eventBus: 'EVENT_BUS_NAME',
  /**
   * The key that signs and verifies session tokens: a KMS key ARN in AWS (it never leaves KMS), or
   * `file:<path>` of a PEM key locally (one per data folder). Only functions declaring `signing` get it.
   */
  signingKey: 'SIGNING_KEY',
  /**
   * In AWS, CloudFront sends this secret in a header on every request to the API; the adapter refuses
   * requests without it, so nobody bypasses CloudFront (and its viewer address can be trusted).
   */
  originSecret: 'ORIGIN_SECRET',
  /** Set only by the local cloud: S3 path-style + checksum settings s3rver needs. */
  localS3: 'LOCAL_S3',
} as const;

/** The header in which CloudFront hands the API the origin secret (`ENV.originSecret`). */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';
/** How long API Gateway (and the local gateway) may reuse the authorizer's answer for one token. */
export const AUTHORIZER_CACHE_SECONDS = 30;

/** HTTP API v2 route key, e.g. `GET /api/org/offices/{officeId}`: what handlers dispatch on. */
export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Table and bucket ids are the wiring's own names (`org`, `audit-vault`); physical names derive from them. */
export type TableId = string;
export type BucketId = string;

export interface TableDecl {
  id: TableId;
  context: ContextName;
  indexes: readonly IndexName[];
  /** Holds personal data: encrypted with the customer-managed key (all tables are, this marks why). */
  personalData: boolean;
  /** Append-only: functions may only PutItem (no Update/Delete), enforced by IAM in AWS. */
  appendOnly?: boolean;
  /** DynamoDB stream (new and old images) and the function that consumes it. */
  stream?: { consumer: string; batchSize: number };
  /**
   * The table holds outbox items (events written in the same transaction as the record behind them).
   * The kit gives it a stream and a forwarder function that publishes them to the bus.
   */
  outbox?: boolean;
}

export interface BucketDecl {
  id: BucketId;
  /** S3 Object Lock (WORM) in AWS; s3rver has none, so writers put with If-None-Match and check first. */
  objectLock: boolean;
  /** Object Lock default retention (compliance mode for the audit vault). */
  retentionDays?: number;
  /**
   * A bucket browsers upload into by presigned PUT (imports, attachments): CORS for the portal's
   * origin; what arrives under `incoming/` expires after `expireDays` unless a record keeps it (the
   * uploads kit copies it under `kept/`).
   */
  uploads?: { expireDays: number };
}

/**
 * The key prefixes of an uploads bucket: what browsers PUT (expires after `expireDays`) and what a
 * record keeps (never expires). The uploads kit, the grants and the lifecycle rule all use these.
 */
export const UPLOAD_PREFIXES = { incoming: 'incoming/', kept: 'kept/' } as const;

/**
 * The CORS rule of an uploads bucket, for the portal's origins (AWS: the CDK; locally: s3rver): the
 * page PUTs and GETs by presigned URL and sets one header, the content type the ticket signs. A
 * browser reuses a preflight's answer for `maxAgeSeconds`.
 */
export const UPLOADS_CORS = {
  methods: ['PUT', 'GET'], headers: ['content-type'], exposeHeaders: ['ETag'], maxAgeSeconds: 3000,
} as const;

export type TableAccess = 'read' | 'readwrite' | 'append';

/** The grant every function that records audit entries needs (the audit table, append only). */
export const AUDITED = { table: 'audit', access: 'append' } as const;

export interface FunctionDecl {
  id: string;
  context: ContextName;
  /**
   * `seed` functions fill a local demo county and are never deployed to AWS. The one `authorizer`
   * checks the session token of every `jwt` route (API Gateway caches its answer per token).
   */
  kind: 'api' | 'authorizer' | 'consumer' | 'stream' | 'schedule' | 'seed';
  /** Module path from the repository root; the module exports `handler`. */
  entry: string;
  tables: ReadonlyArray<{ table: string; access: TableAccess }>;
  /**
   * `write-once`: PutObject of new keys only (Object Lock keeps every version); `read`: GetObject/List;
   * `upload` (an uploads bucket): presigns browsers' PUTs and GETs, reads what arrived and copies it
   * to `kept/` — PutObject and GetObject under UPLOAD_PREFIXES only.
   */
  buckets?: ReadonlyArray<{ bucket: string; access: 'write-once' | 'read' | 'upload' }>;
  /** The session-token key: `sign` (KMS Sign and GetPublicKey) or `verify` (GetPublicKey only). */
  signing?: 'sign' | 'verify';
  publishesEvents?: boolean;
  /**
   * Package files (`<package>/<path>`) shipped beside the bundle, for data a bundle cannot inline
   * (a font); the code finds them with the documents kit's `bundledFilePath`.
   */
  bundleFiles?: readonly string[];
  timeoutSeconds: number;
  memoryMb: number;
}

/** The CJK font of the documents kit (functions/src/shared/pdf.ts): Noto Sans SC Regular, from npm. */
export const CJK_FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A response type carried by the declaration only (nothing at run time). */
export type Reply<T> = { readonly __reply?: T };
export const reply = <T>(): Reply<T> => ({});
/** A route that answers with a file (PDF, Excel) rather than JSON; the portal downloads it. */
export interface FileDownload {
  readonly __file: true;
}
export const fileReply = () => reply<FileDownload>();

export interface RouteDecl<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  F extends string = string,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  R = unknown,
> {
  method: M;
  /** API Gateway path syntax: `/api/org/offices/{officeId}`. */
  path: P;
  function: F;
  /** `none` only for health, sign-in steps and the JWKS; everything else sits behind the session authorizer. */
  auth: 'jwt' | 'none';
  /** The JSON body's schema (from @sifasuo/domain): the adapter parses with it before the handler runs. */
  body?: B;
  /**
   * A body whose schema depends on a path parameter (a declared register's fields): the adapter parses
   * with `schemas[path[param]]` (an unknown value is a 404 on `what`), and `body` only types the result.
   */
  bodyByPath?: BodyByPath;
  /** The query string's schema; without one a route takes no query parameters. */
  query?: Q;
  response?: Reply<R>;
}

export interface BodyByPath {
  param: string;
  /** What the parameter names, for the 404: 台账. */
  what: string;
  schemas: Readonly<Record<string, z.ZodType>>;
}

export const route = <
  const M extends HttpMethod,
  const P extends string,
  const F extends string,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  R = void,
>(
  method: M,
  path: P,
  fn: F,
  spec: { auth?: 'jwt' | 'none'; body?: B; bodyByPath?: BodyByPath; query?: Q; response?: Reply<R> } = {},
): RouteDecl<M, P, F, B, Q, R> => ({
  method, path, function: fn, auth: spec.auth ?? 'jwt', body: spec.body, query: spec.query, response: spec.response ?? {},
  ...(spec.bodyByPath ? { bodyByPath: spec.bodyByPath } : {}),
});

/** A domain event: its name (EventBridge detail-type) and the schema of its detail. */
export interface EventDecl<N extends string = string, S extends z.ZodType = z.ZodType> {
  name: N;
  detail: S;
  /** The context that publishes it; absent for kit events any outbox table may carry (facts). */
  context?: ContextName;
}

export const event = <const N extends string, S extends z.ZodType>(context: ContextName | undefined, name: N, detail: S): EventDecl<N, S> =>
  ({ name, detail, ...(context ? { context } : {}) });

export interface QueueDecl {
  id: string;
  consumer: string;
  /** Messages to one invocation: at most 10, or up to 10,000 with a batching window. */
  batchSize: number;
  /**
   * Seconds Lambda may wait to fill a batch of more than 10 (AWS requires one then). Locally a batch
   * also closes at the first empty receive: an empty local queue means nothing more is on its way.
   */
  batchingWindowSeconds?: number;
  /** Deliveries before a message moves to the queue's DLQ. */
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
}

/** Routes declared events to a queue; the EventBridge pattern is derived from the events. */
export interface EventRuleDecl {
  id: string;
  events: readonly EventDecl[];
  targetQueue: string;
}

/** The EventBridge pattern subset we use: exact matches on source and detail-type. */
export interface EventPattern {
  source: readonly string[];
  detailType: readonly string[];
}

/** A cron in the fields both worlds share; minute/hour are wall-clock in `timezone`. */
export interface CronDecl {
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  /** `?` when dayOfMonth is set, as EventBridge requires. */
  dayOfWeek: string;
}

export interface ScheduleDecl {
  id: string;
  function: string;
  cron: CronDecl;
  timezone: 'Asia/Shanghai';
  description: string;
}

/**
 * Everything one bounded context declares. `seed` names the context's demo-data function (kind
 * `seed`), which the local cloud runs once per data folder in the order contexts are joined.
 */
export interface ContextWiring<Routes extends readonly RouteDecl[] = readonly RouteDecl[], Events extends Record<string, EventDecl> = Record<string, EventDecl>> {
  context: ContextName;
  tables?: readonly TableDecl[];
  buckets?: readonly BucketDecl[];
  functions: readonly FunctionDecl[];
  routes: Routes;
  events?: Events;
  queues?: readonly QueueDecl[];
  eventRules?: readonly EventRuleDecl[];
  schedules?: readonly ScheduleDecl[];
  seed?: string;
}

/** Keeps a context's route keys and event names literal, so the joined wiring can type them. */
export const defineContext = <const Routes extends readonly RouteDecl[], const Events extends Record<string, EventDecl> = {}>(
  c: ContextWiring<Routes, Events>,
) => c;

/**
 * What the local cloud hands a seed function. `demo: 'full'` is the demo county as people try it
 * (`npm start`): a year of records where a context keeps a history. `'small'` is the least that still
 * shows every page — for clouds that are thrown away (tests, the bench), which start many times a day
 * and would otherwise wait for thousands of writes. Seeds without history ignore it.
 */
export interface SeedEvent {
  seed: true;
  demo: 'full' | 'small';
  /**
   * The data folder's demo clock (ISO instant), fixed at its first start: every seed builds its demo
   * from this same instant, so one context's seed can regenerate exactly the records (ids) another wrote.
   */
  clock?: string;
}

/**
 * What a seed function answers: the demo logins it created, if any (printed by `npm start`). A seed
 * creates only what is absent, so it may run again on the same data folder.
 */
export interface SeedResult {
  demoPassword?: string;
  logins?: Array<{ username: string; role: string; unit: string }>;
  /** One line for the start-up log, e.g. "49 offices, 131 staff". */
  summary?: string;
}
