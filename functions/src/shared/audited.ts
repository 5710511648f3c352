// The audited transaction: a change, its audit record and the facts it earns, in one DynamoDB
// transaction — all of them or none. Every context writes through these; none keeps its own copy.
import { conflict, isDomainError, staleVersion, type DomainError } from '@sifasuo/domain';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditPut, type AuditEntry } from './audit-writer';
import { transact } from './dynamo';
import { factPuts, type FactsToRecord } from './outbox';
import type { RequestContext } from './request-context';

export type AuditedChange = Omit<AuditEntry, 'outcome'>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface AuditedWrite {
  /** The context's own writes (puts, updates, condition checks), first in the transaction. */
  items: TransactItem[];
  audit: AuditedChange;
  facts?: FactsToRecord;
  /** What a failed condition on item `index` of `items` means (a 409 or a 404). */
  onConditionFailed: (index: number) => DomainError;
}

/** Runs the writes, the audit record and the facts' outbox items as one transaction. */
export const auditedWrite = async (ctx: RequestContext, w: AuditedWrite): Promise<void> => {
  const outbox = w.facts ? factPuts(w.facts, ctx.now) : [];
  await transact([...w.items, auditPut(ctx, w.audit), ...outbox], (index) =>
    index < w.items.length ? w.onConditionFailed(index) : conflict('数据写入冲突，请重试'),
  );
};

/** Creates an item with its audit record; an existing item is a 409 with the given message. */
export const createAudited = (
  ctx: RequestContext,
  table: string,
  item: Record<string, unknown>,
  audit: AuditedChange,
  duplicate: string,
  facts?: FactsToRecord,
) =>
  auditedWrite(ctx, {
    items: [{ Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } }],
    audit,
    facts,
    onConditionFailed: () => conflict(duplicate),
  });

/** Replaces an item only if it still has the version the caller read (else 409), with its audit record. */
export const replaceAudited = (
  ctx: RequestContext,
  table: string,
  item: Record<string, unknown> & { version: number },
  expectedVersion: number,
  audit: AuditedChange,
  facts?: FactsToRecord,
) =>
  auditedWrite(ctx, {
    items: [
      {
        Put: {
          TableName: table,
          Item: item,
          ConditionExpression: 'attribute_exists(PK) AND #v = :expected',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
    ],
    audit,
    facts,
    onConditionFailed: () => staleVersion(),
  });

/**
 * Provisioning: creates an item with its audit record unless its key exists (then writes nothing and
 * answers false), so setting up never overwrites what users have changed since.
 */
export const createIfAbsent = async (ctx: RequestContext, table: string, item: Record<string, unknown>, audit: AuditedChange): Promise<boolean> => {
  try {
    await createAudited(ctx, table, item, audit, 'exists');
    return true;
  } catch (e) {
    if (isDomainError(e) && e.code === 'CONFLICT') return false;
    throw e;
  }
};
