// The audit trail (docs/domain.md, Security duties): who, when, what, on which target, before/after and outcome.
// Records are append-only; a daily digest chains their SHA-256 hashes so that a later edit of any
// record in storage is detectable.
import * as z from 'zod';
import { dateString, pageQuery } from './validation';

export const AUDIT_OUTCOMES = ['success', 'denied', 'rejected', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: '成功',
  denied: '拒绝访问',
  rejected: '校验未通过',
  failed: '失败',
};

/**
 * How the audit log names a field of a recorded before/after image: its label and, for an enum, the
 * label of each value (`values`), or `time` for an ISO instant shown in Asia/Shanghai.
 */
export interface AuditField {
  label: string;
  values?: Readonly<Record<string, string>>;
  time?: true;
  /** A value too structured for a cell (a dictionary's entries): its own words. */
  format?: (value: unknown) => string;
}
/**
 * A context's fields, by the entity of its actions (`org.staff.update` → `staff`); `*` holds the
 * fields of the context's actions that name no entity (`auth.login`) and the fallbacks.
 */
export type AuditFieldTable = Readonly<Record<string, Readonly<Record<string, AuditField>>>>;

/** Fields every record image may carry, whatever its context. */
export const COMMON_AUDIT_FIELDS: Readonly<Record<string, AuditField>> = {
  id: { label: '编号' },
  version: { label: '版本' },
  updatedAt: { label: '更新时间', time: true },
};

export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  roles: string[];
  /** `<context>.<verb>`, e.g. `org.staff.update`, `auth.login`, `org.user.read-sensitive`. */
  action: string;
  targetType: string;
  targetId: string;
  outcome: AuditOutcome;
  before?: unknown;
  after?: unknown;
  /** Why it was denied or rejected, in the user's words. */
  reason?: string;
  requestId?: string;
  sourceIp?: string;
}

/**
 * One audited action: its name (`<context>.<entity>.<verb>`), the type of target it always names and
 * a label for people. Each context lists its actions in one table (`ORG_AUDIT`, `AUTH_AUDIT`, …) that
 * both the route's refusal record and the repository's success record take them from.
 */
export interface AuditAction {
  action: string;
  targetType: string;
  label: string;
}

/** Builds a context's action table: keys `entity.verb` become actions `<context>.entity.verb`. */
export const auditActions = <const T extends Record<string, { targetType: string; label: string }>>(
  context: string,
  table: T,
): { [K in keyof T & string]: AuditAction & T[K] } =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { ...v, action: `${context}.${k}` }])) as never;

export const AUDIT_AUDIT = auditActions('audit', {
  query: { targetType: 'audit', label: '查询审计日志' },
  verify: { targetType: 'audit', label: '核验审计摘要' },
});
export const AUDIT_TARGET_LABELS: Record<string, string> = { audit: '审计日志' };
export const AUDIT_FIELD_LABELS: AuditFieldTable = {
  '*': {
    from: { label: '开始时间', time: true },
    to: { label: '结束时间', time: true },
    actor: { label: '操作人' },
    targetType: { label: '对象类型' },
    targetId: { label: '对象编号' },
    excludeOwnQueries: { label: '隐藏本人的查询记录' },
  },
};

/**
 * A refused request whose route names no action of its own (mostly reads): the target is the request
 * itself (`GET /api/org/offices/0203`), so every refusal of a signed-in caller leaves a record.
 */
export const API_AUDIT = auditActions('api', {
  request: { targetType: 'request', label: '接口请求' },
});
export const API_TARGET_LABELS: Record<string, string> = { request: '接口请求' };

const auditQueryShape = {
    from: /* @__PURE__ */ z.iso.datetime({ error: '开始时间应为 ISO 时间', offset: true }),
    to: /* @__PURE__ */ z.iso.datetime({ error: '结束时间应为 ISO 时间', offset: true }),
    actor: /* @__PURE__ */ z.string().trim().min(1).max(64, { error: '用户名过长' }).optional(),
    targetType: /* @__PURE__ */ z.string().trim().min(1).max(40, { error: '对象类型过长' }).optional(),
    targetId: /* @__PURE__ */ z.string().trim().min(1).max(80, { error: '对象编号过长' }).optional(),
    /** Leaves out the caller's own `audit.query` records (the auditor reading the log is logged too). */
    excludeOwnQueries: /* @__PURE__ */ z.stringbool({ error: '隐藏本人的查询记录应为 true 或 false' }).optional(),
};
const auditQueryRules = (q: { from: string; to: string; targetId?: string; targetType?: string }, ctx: z.RefinementCtx) => {
    if (Date.parse(q.from) > Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间不能早于开始时间' });
    if (Date.parse(q.to) - Date.parse(q.from) > 366 * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '查询时间范围不能超过一年' });
    }
    if (q.targetId && !q.targetType) ctx.addIssue({ code: 'custom', path: ['targetType'], message: '按对象查询时请同时指定对象类型' });
};
export const auditQuery = /* @__PURE__ */ z.strictObject(auditQueryShape).superRefine(auditQueryRules);
export type AuditQuery = z.infer<typeof auditQuery>;
/** `GET /api/audit/records`: the query and its page. */
export const auditRecordsQuery = /* @__PURE__ */ z.strictObject({ ...auditQueryShape, ...pageQuery.shape }).superRefine(auditQueryRules);
export type AuditRecordsQuery = z.output<typeof auditRecordsQuery>;

/** `GET /api/audit/digests`: whole Shanghai days, at most 31 verified at once. */
export const digestRange = /* @__PURE__ */ z
  .strictObject({ from: dateString('开始日期'), to: dateString('结束日期') })
  .superRefine((r, ctx) => {
    if (r.from > r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type DigestRange = z.output<typeof digestRange>;

/** Canonical JSON (keys sorted) so the same record always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export interface AuditDigest {
  /** Asia/Shanghai calendar day. */
  day: string;
  count: number;
  /** SHA-256 over the previous day's chain hash and every record of the day in order. */
  chainHash: string;
  previousChainHash: string;
  computedAt: string;
}

/** A stored digest as re-checked against the records and the chain now. */
export type VerifiedDigest = AuditDigest & { intact: boolean };

/** Pure digest step; the hash function is injected so the domain needs no crypto import. */
export const digestDay = (
  day: string,
  records: readonly AuditRecord[],
  previousChainHash: string,
  sha256: (text: string) => string,
  now: Date,
): AuditDigest => {
  let chain = previousChainHash;
  for (const r of records) chain = sha256(`${chain}\n${canonicalJson(r)}`);
  return { day, count: records.length, chainHash: sha256(`${chain}\n${day}`), previousChainHash, computedAt: now.toISOString() };
};

export const GENESIS_HASH = '0'.repeat(64);
