// The auditor's view of the trail, and the daily hash-chain digest that makes tampering visible.
import {
  AUDIT_AUDIT,
  auditDaySummary,
  canReadAudit,
  digestDay,
  filteredPage,
  forbidden,
  GENESIS_HASH,
  shanghaiDay,
  shanghaiDayStart,
  shanghaiDaysBetween,
  shanghaiPreviousDay,
  validationError,
  type AuditRecord,
  type AuditDaySummary,
  type AuditRecordsQuery,
  type AuditSummaryQuery,
  type DigestRange,
  type Page,
  type VerifiedDigest,
} from '@sifasuo/domain';
import { writeAudit } from '../shared/audit-writer';
import type { RequestContext } from '../shared/request-context';
import { sha256 } from './hash';
import { auditRepository as repo } from './repository';


const requireAuditor = (ctx: RequestContext) => {
  if (!ctx.actor || !canReadAudit(ctx.actor)) throw forbidden('审计日志仅审计管理员可以查看');
  return ctx.actor;
};

/** Cursor across day partitions: the day being read and DynamoDB's cursor within it. */
interface DayCursor {
  day: string;
  inner?: string;
}
const encodeDayCursor = (c: DayCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
const decodeDayCursor = (raw: string): DayCursor => {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as DayCursor;
    if (/^\d{4}-\d{2}-\d{2}$/.test(c.day) && (c.inner === undefined || typeof c.inner === 'string')) return c;
  } catch {
    // fall through to the 400 below
  }
  throw validationError({ cursor: '分页游标无效，请从第一页重新查询' });
};


/** Newest first across the Shanghai days of the range, one partition at a time; only the records `keep` passes. */
const readDays = async (from: string, to: string, keep: (r: AuditRecord) => boolean, limit: number, cursor?: string): Promise<Page<AuditRecord>> => {
  const firstDay = shanghaiDay(new Date(from));
  const lastDay = shanghaiDay(new Date(to));
  let at: DayCursor = cursor ? decodeDayCursor(cursor) : { day: lastDay };
  // A cursor from another query must not send the loop walking through days outside this one.
  if (at.day < firstDay || at.day > lastDay) throw validationError({ cursor: '分页游标与查询条件不符，请从第一页重新查询' });
  const items: AuditRecord[] = [];
  while (at.day >= firstDay) {
    const page = await repo.ofDay(at.day, from, to, limit - items.length, at.inner);
    items.push(...page.items.filter(keep));
    at = page.cursor ? { day: at.day, inner: page.cursor } : { day: shanghaiPreviousDay(at.day) };
    if (items.length >= limit) break;
  }
  return { items, cursor: at.day >= firstDay ? encodeDayCursor(at) : undefined };
};

export const audit = {
  query: async (ctx: RequestContext, { limit, cursor, ...q }: AuditRecordsQuery): Promise<Page<AuditRecord>> => {
    const auditor = requireAuditor(ctx);
    // Reading the trail is itself a sensitive read.
    await writeAudit(ctx, { action: AUDIT_AUDIT.query, targetId: `${q.from}/${q.to}`, outcome: 'success', after: q });
    // Filters beyond the key of the index read are applied while paging, so a page still holds `limit` records.
    const keep = (r: AuditRecord) =>
      (!q.targetType || r.targetType === q.targetType) &&
      (!q.targetId || r.targetId === q.targetId) &&
      !(q.excludeOwnQueries && r.actor === auditor.username && r.action === AUDIT_AUDIT.query.action);
    if (q.actor) {
      const actor = q.actor;
      return filteredPage((n, c) => repo.byActor(actor, q.from, q.to, n, c), keep, limit, cursor);
    }
    if (q.targetType && q.targetId) {
      const [type, id] = [q.targetType, q.targetId];
      return filteredPage((n, c) => repo.byTarget(type, id, q.from, q.to, n, c), keep, limit, cursor);
    }
    return readDays(q.from, q.to, keep, limit, cursor);
  },

  /**
   * A Shanghai day's records counted by action and outcome (today by default), read page by page from
   * the day's partition. Counts name no one and show no content, so reading them is not itself audited
   * (the auditor's home would otherwise add a record each time it opens).
   */
  summary: async (ctx: RequestContext, q: AuditSummaryQuery): Promise<AuditDaySummary> => {
    requireAuditor(ctx);
    const day = q.day ?? shanghaiDay(ctx.now);
    return auditDaySummary(day, await repo.allOfDay(day));
  },

  /**
   * Stored digests, each re-verified against the records now in the table and against the chain:
   * a day's `previousChainHash` must be the stored hash of the day before (no digest removed or forged).
   */
  digests: async (ctx: RequestContext, { from, to }: DigestRange): Promise<{ items: VerifiedDigest[] }> => {
    requireAuditor(ctx);
    if (shanghaiDaysBetween(shanghaiDayStart(from), shanghaiDayStart(to)).length > 31) {
      throw validationError({ to: '一次最多核验31天' });
    }
    const stored = await repo.digests(shanghaiPreviousDay(from), to);
    const items = [];
    for (const d of stored.filter((x) => x.day >= from)) {
      const again = digestDay(d.day, await repo.allOfDay(d.day), d.previousChainHash, sha256, new Date(d.computedAt));
      const before = stored.find((x) => x.day === shanghaiPreviousDay(d.day));
      // Days are digested back to back, so only the very first digest may start from the genesis hash.
      const linked = before ? before.chainHash === d.previousChainHash : d.previousChainHash === GENESIS_HASH;
      items.push({ ...d, intact: again.chainHash === d.chainHash && again.count === d.count && linked });
    }
    await writeAudit(ctx, { action: AUDIT_AUDIT.verify, targetId: `${from}/${to}`, outcome: 'success' });
    return { items };
  },
};
