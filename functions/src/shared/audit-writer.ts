// The shared audit writer: every context records its writes and sensitive reads here. A successful
// write puts its audit record in the same transaction as the change (audited.ts); a refused request
// records its outcome on its own. The table is append-only: Put with attribute_not_exists.
import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { maskIdNumber, shanghaiDay, type AuditAction, type AuditOutcome, type AuditRecord } from '@sifasuo/domain';
import { GSI1, GSI2, indexKeys } from '@sifasuo/wiring/src/types';
import { ulid } from 'ulid';
import { dynamo, tableName } from './aws';
import type { RequestContext } from './request-context';

export type { RequestContext } from './request-context';

/** What happened, to which target: the action (from the context's table) fixes the target's type. */
export interface AuditEntry {
  action: AuditAction;
  targetId: string;
  outcome: AuditOutcome;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** Who acted when there is no signed-in actor yet (a login attempt). */
  actorName?: string;
}

/** Full ID numbers never enter the audit trail; the masked form is enough to tell records apart. */
const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        k === 'idNumber' && typeof v === 'string' ? maskIdNumber(v) : k === 'password' ? '******' : redact(v),
      ]),
    );
  }
  return value;
};

/** Bytes of a target id kept whole: it is part of a DynamoDB key (GSI2, at most 2,048 bytes with its prefix). */
export const AUDIT_TARGET_MAX_BYTES = 256;

/**
 * A target id that fits the key: a longer one (a caller may send any path or body) keeps its first
 * characters and a hash of the whole, so the refusal is still recorded and two long ids stay apart.
 */
export const fitAuditTarget = (id: string): string => {
  if (Buffer.byteLength(id, 'utf8') <= AUDIT_TARGET_MAX_BYTES) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
  let head = id.slice(0, 64);
  while (Buffer.byteLength(head, 'utf8') > 192) head = head.slice(0, -1);
  return `${head}…#${hash}`;
};

export const auditRecord = (ctx: RequestContext, entry: AuditEntry): AuditRecord => ({
  id: ulid(ctx.now.getTime()),
  at: ctx.now.toISOString(),
  actor: ctx.actor?.username ?? entry.actorName ?? 'anonymous',
  roles: ctx.actor?.roles ?? [],
  action: entry.action.action,
  targetType: entry.action.targetType,
  targetId: fitAuditTarget(entry.targetId),
  outcome: entry.outcome,
  before: redact(entry.before),
  after: redact(entry.after),
  reason: entry.reason,
  requestId: ctx.requestId,
  sourceIp: ctx.sourceIp,
});

/** Storage layout: by Shanghai day (time-range queries), by actor (GSI1), by target (GSI2). */
export const auditItem = (record: AuditRecord) => {
  const sort = `${record.at}#${record.id}`;
  return {
    PK: `DAY#${shanghaiDay(new Date(record.at))}`,
    SK: sort,
    [indexKeys(GSI1).pk]: `ACTOR#${record.actor}`,
    [indexKeys(GSI1).sk]: sort,
    [indexKeys(GSI2).pk]: `TARGET#${record.targetType}#${record.targetId}`,
    [indexKeys(GSI2).sk]: sort,
    ...record,
  };
};

/** The transaction item that records a successful write together with the write itself. */
export const auditPut = (ctx: RequestContext, entry: Omit<AuditEntry, 'outcome'>) => ({
  Put: {
    TableName: tableName('audit'),
    Item: auditItem(auditRecord(ctx, { ...entry, outcome: 'success' })),
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

export const writeAudit = async (ctx: RequestContext, entry: AuditEntry): Promise<void> => {
  await dynamo().send(
    new PutCommand({
      TableName: tableName('audit'),
      Item: auditItem(auditRecord(ctx, entry)),
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
};
