// The audit trail (DOMAIN.md §8): who, when, what, on which target, before/after and outcome.
// Records are append-only; a daily digest chains their SHA-256 hashes so that a later edit of any
// record in storage is detectable.
import * as z from 'zod';

export const AUDIT_OUTCOMES = ['success', 'denied', 'rejected', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

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

export const auditQuery = /* @__PURE__ */ z
  .strictObject({
    from: z.iso.datetime({ error: '开始时间应为 ISO 时间', offset: true }),
    to: z.iso.datetime({ error: '结束时间应为 ISO 时间', offset: true }),
    actor: z.string().trim().min(1).max(64, { error: '用户名过长' }).optional(),
    targetType: z.string().trim().min(1).max(40, { error: '对象类型过长' }).optional(),
    targetId: z.string().trim().min(1).max(80, { error: '对象编号过长' }).optional(),
  })
  .superRefine((q, ctx) => {
    if (Date.parse(q.from) > Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间不能早于开始时间' });
    if (Date.parse(q.to) - Date.parse(q.from) > 366 * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '查询时间范围不能超过一年' });
    }
    if (q.targetId && !q.targetType) ctx.addIssue({ code: 'custom', path: ['targetType'], message: '按对象查询时请同时指定对象类型' });
  });
export type AuditQuery = z.infer<typeof auditQuery>;

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
