// The wiring, declared once: every table, bucket, function, route, queue, event rule and schedule of
// the product as plain data. The CDK app (infra/) and the local cloud (packages/local-cloud) both
// build from this module, so the two worlds cannot drift. Adding a route is one edit here plus the
// handler in functions/src/<context>/.

export const APP = 'sifasuo';
/** Source of every domain event we publish: `sifasuo.<context>`. */
export const eventSource = (context: ContextName) => `${APP}.${context}`;

export type ContextName = 'platform' | 'auth' | 'org' | 'audit';

export interface TableDecl {
  id: TableId;
  context: ContextName;
  /** Environment variable through which functions learn the physical table name. */
  env: string;
  /** Global secondary indexes; each has `<name>PK` / `<name>SK` string keys. */
  indexes: readonly string[];
  /** Holds personal data: encrypted with the customer-managed key (all tables are, this marks why). */
  personalData: boolean;
  /** Append-only: functions may only PutItem (no Update/Delete), enforced by IAM in AWS. */
  appendOnly?: boolean;
  /** DynamoDB stream (new and old images) and the function that consumes it. */
  stream?: { consumer: string; batchSize: number };
}

export type TableId = 'org' | 'audit';

export const tables: readonly TableDecl[] = [
  { id: 'org', context: 'org', env: 'TABLE_ORG', indexes: ['GSI1'], personalData: true },
  {
    id: 'audit', context: 'audit', env: 'TABLE_AUDIT', indexes: ['GSI1', 'GSI2'], personalData: true, appendOnly: true,
    // PutItem could still overwrite a record: the stream copies every insert to the WORM vault and
    // reports any change or removal as tampering, with the old image kept.
    stream: { consumer: 'audit-vault', batchSize: 100 },
  },
];

export type BucketId = 'archive' | 'audit-vault';

export interface BucketDecl {
  id: BucketId;
  env: string;
  /** S3 Object Lock (WORM) in AWS; s3rver has none, so writers put with If-None-Match and check first. */
  objectLock: boolean;
  /** Object Lock default retention (compliance mode for the audit vault). */
  retentionDays?: number;
}

export const buckets: readonly BucketDecl[] = [
  { id: 'archive', env: 'BUCKET_ARCHIVE', objectLock: true },
  // A write-once copy of every audit record, kept ≥ 180 days (DOMAIN.md §8) where nobody can alter it.
  { id: 'audit-vault', env: 'BUCKET_AUDIT_VAULT', objectLock: true, retentionDays: 180 },
];

export type TableAccess = 'read' | 'readwrite' | 'append';

export interface FunctionDecl {
  id: string;
  context: ContextName;
  kind: 'api' | 'consumer' | 'stream' | 'schedule';
  /** Module path from the repository root; the module exports `handler`. */
  entry: string;
  tables: ReadonlyArray<{ table: TableId; access: TableAccess }>;
  /** `write-once`: PutObject of new keys only (Object Lock keeps every version); `read`: GetObject/List. */
  buckets?: ReadonlyArray<{ bucket: BucketId; access: 'write-once' | 'read' }>;
  /** Cognito access: `auth` = user login only (InitiateAuth needs no IAM grant), `admin` = manage users and passwords. */
  userPool?: 'auth' | 'admin';
  publishesEvents?: boolean;
  timeoutSeconds: number;
  memoryMb: number;
}

const audited = { table: 'audit', access: 'append' } as const;

export const functions: readonly FunctionDecl[] = [
  {
    id: 'platform-api', context: 'platform', kind: 'api', entry: 'functions/src/platform/api.ts',
    tables: [], timeoutSeconds: 5, memoryMb: 256,
  },
  {
    id: 'auth-api', context: 'auth', kind: 'api', entry: 'functions/src/auth/api.ts',
    tables: [{ table: 'org', access: 'readwrite' }, audited], userPool: 'admin', timeoutSeconds: 10, memoryMb: 512,
  },
  {
    id: 'org-api', context: 'org', kind: 'api', entry: 'functions/src/org/api.ts',
    tables: [{ table: 'org', access: 'readwrite' }, audited], userPool: 'admin', publishesEvents: true,
    timeoutSeconds: 10, memoryMb: 512,
  },
  {
    id: 'org-user-sync', context: 'org', kind: 'consumer', entry: 'functions/src/org/user-sync.ts',
    tables: [{ table: 'org', access: 'read' }], userPool: 'admin', timeoutSeconds: 30, memoryMb: 512,
  },
  {
    id: 'audit-api', context: 'audit', kind: 'api', entry: 'functions/src/audit/api.ts',
    tables: [{ table: 'audit', access: 'read' }, audited], timeoutSeconds: 10, memoryMb: 512,
  },
  {
    id: 'audit-vault', context: 'audit', kind: 'stream', entry: 'functions/src/audit/vault.ts',
    tables: [], buckets: [{ bucket: 'audit-vault', access: 'write-once' }], timeoutSeconds: 60, memoryMb: 512,
  },
  {
    id: 'audit-digest', context: 'audit', kind: 'schedule', entry: 'functions/src/audit/digest.ts',
    tables: [{ table: 'audit', access: 'read' }, audited], buckets: [{ bucket: 'audit-vault', access: 'write-once' }],
    timeoutSeconds: 300, memoryMb: 512,
  },
];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDecl {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/org/offices/{officeId}`. */
  path: string;
  function: string;
  /** `none` only for health and login; everything else sits behind the Cognito JWT authorizer. */
  auth: 'jwt' | 'none';
}

const route = (method: HttpMethod, path: string, fn: string, auth: 'jwt' | 'none' = 'jwt'): RouteDecl => ({
  method, path, function: fn, auth,
});

export const routes: readonly RouteDecl[] = [
  route('GET', '/api/health', 'platform-api', 'none'),

  route('POST', '/api/auth/login', 'auth-api', 'none'),
  route('GET', '/api/auth/me', 'auth-api'),
  route('POST', '/api/auth/password', 'auth-api'),

  route('GET', '/api/org/bureau', 'org-api'),
  route('GET', '/api/org/departments', 'org-api'),
  route('GET', '/api/org/areas', 'org-api'),
  route('GET', '/api/org/offices', 'org-api'),
  route('POST', '/api/org/offices', 'org-api'),
  route('GET', '/api/org/offices/{officeId}', 'org-api'),
  route('PUT', '/api/org/offices/{officeId}', 'org-api'),
  route('GET', '/api/org/offices/{officeId}/staff', 'org-api'),
  route('POST', '/api/org/offices/{officeId}/staff', 'org-api'),
  route('GET', '/api/org/staff/{staffId}', 'org-api'),
  route('PUT', '/api/org/staff/{staffId}', 'org-api'),
  route('GET', '/api/org/users', 'org-api'),
  route('POST', '/api/org/users', 'org-api'),
  route('GET', '/api/org/users/{username}', 'org-api'),
  route('PUT', '/api/org/users/{username}', 'org-api'),
  route('POST', '/api/org/users/{username}/password', 'org-api'),
  route('GET', '/api/org/dictionaries', 'org-api'),
  route('GET', '/api/org/dictionaries/{name}', 'org-api'),
  route('PUT', '/api/org/dictionaries/{name}', 'org-api'),

  route('GET', '/api/audit/records', 'audit-api'),
  route('GET', '/api/audit/digests', 'audit-api'),
];

/** HTTP API v2 route key, e.g. `GET /api/org/offices/{officeId}`: what handlers dispatch on. */
export const routeKey = (r: Pick<RouteDecl, 'method' | 'path'>) => `${r.method} ${r.path}`;

export interface QueueDecl {
  id: string;
  consumer: string;
  batchSize: number;
  /** Deliveries before a message moves to the queue's DLQ. */
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
}

export const queues: readonly QueueDecl[] = [
  // Visibility is 6× the consumer's timeout, as AWS advises for Lambda event sources.
  { id: 'user-sync', consumer: 'org-user-sync', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 180 },
];

export interface EventRuleDecl {
  id: string;
  /** EventBridge pattern subset we use: exact matches on source and detail-type. */
  pattern: { source: readonly string[]; detailType: readonly string[] };
  targetQueue: string;
}

export const eventRules: readonly EventRuleDecl[] = [
  {
    id: 'org-user-changed',
    pattern: { source: [eventSource('org')], detailType: ['UserChanged'] },
    targetQueue: 'user-sync',
  },
];

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

export const schedules: readonly ScheduleDecl[] = [
  {
    id: 'audit-daily-digest', function: 'audit-digest', timezone: 'Asia/Shanghai',
    cron: { minute: '10', hour: '1', dayOfMonth: '*', month: '*', dayOfWeek: '?' },
    description: '每日 01:10 为前一日的审计记录计算哈希链摘要，并补齐审计存证库中缺少的副本',
  },
];

/** EventBridge Scheduler expression: `cron(10 1 * * ? *)`. */
export const awsCron = (c: CronDecl) => `cron(${c.minute} ${c.hour} ${c.dayOfMonth} ${c.month} ${c.dayOfWeek} *)`;
/** Five-field Unix cron for the local runner: `10 1 * * *`. */
export const unixCron = (c: CronDecl) =>
  [c.minute, c.hour, c.dayOfMonth, c.month, c.dayOfWeek === '?' ? '*' : c.dayOfWeek].join(' ');

/** Physical resource names: `sifasuo-<stage>-<id>` in AWS and locally (stage `local`). */
export const resourceName = (stage: string, id: string) => `${APP}-${stage}-${id}`;

export const ENV = {
  stage: 'STAGE',
  eventBus: 'EVENT_BUS_NAME',
  userPoolId: 'USER_POOL_ID',
  userPoolClientId: 'USER_POOL_CLIENT_ID',
  /** Set only by the local cloud: S3 path-style + checksum settings s3rver needs. */
  localS3: 'LOCAL_S3',
} as const;

export const functionById = (id: string): FunctionDecl => {
  const fn = functions.find((f) => f.id === id);
  if (!fn) throw new Error(`wiring: no function ${id}`);
  return fn;
};

export const queueById = (id: string): QueueDecl => {
  const q = queues.find((x) => x.id === id);
  if (!q) throw new Error(`wiring: no queue ${id}`);
  return q;
};

export const bucketById = (id: BucketId): BucketDecl => {
  const b = buckets.find((x) => x.id === id);
  if (!b) throw new Error(`wiring: no bucket ${id}`);
  return b;
};

export const tableById = (id: TableId): TableDecl => {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`wiring: no table ${id}`);
  return t;
};

/** Routes served by one API function. */
export const routesOf = (functionId: string) => routes.filter((r) => r.function === functionId);

/** Physical names where they differ from `resourceName(stage, id)` (in AWS: generated or global names). */
export interface PhysicalNames {
  userPoolId: string;
  userPoolClientId: string;
  eventBus?: string;
  table?: (id: TableId) => string;
  bucket?: (id: BucketId) => string;
}

/** Environment every function gets for a stage: table and bucket names, bus, pool — in both worlds. */
export const functionEnvironment = (stage: string, names: PhysicalNames): Record<string, string> => ({
  [ENV.stage]: stage,
  [ENV.eventBus]: names.eventBus ?? resourceName(stage, 'bus'),
  [ENV.userPoolId]: names.userPoolId,
  [ENV.userPoolClientId]: names.userPoolClientId,
  ...Object.fromEntries(tables.map((t) => [t.env, names.table?.(t.id) ?? resourceName(stage, t.id)])),
  ...Object.fromEntries(buckets.map((b) => [b.env, names.bucket?.(b.id) ?? resourceName(stage, b.id)])),
});
