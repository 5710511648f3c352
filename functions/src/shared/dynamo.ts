// DynamoDB helpers every repository shares: keyed paging with opaque cursors, transactions that
// report a failed condition as a domain error instead of an SDK exception.
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { staleVersion, validationError, type DomainError, type Page } from '@sifasuo/domain';
import { GSI1, GSI2, GSI3, indexKeys } from '@sifasuo/wiring/src/types';
import { dynamo } from './aws';

type Key = Record<string, unknown>;

const badCursor = () => validationError({ cursor: '分页游标无效，请从第一页重新查询' });

export const encodeCursor = (key: Key | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

/** Decodes a cursor and checks it belongs to the partition being queried (a forged one is a 400). */
export const decodeCursor = (cursor: string | undefined, partition: { name: string; value: string }): Key | undefined => {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const ok =
    typeof key === 'object' && key !== null && !Array.isArray(key) &&
    (key as Key)[partition.name] === partition.value &&
    Object.values(key as Key).every((v) => typeof v === 'string');
  if (!ok) throw badCursor();
  return key as Key;
};

export interface KeyedQuery {
  table: string;
  index?: string;
  /** Partition key attribute and value: every list is a Query on a key, never a Scan. */
  partition: { name: string; value: string };
  sortKey?: { name: string; beginsWith?: string; between?: [string, string] };
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
  /** Only these attributes of each item (a projection), when the whole items are large and not needed. */
  attributes?: readonly string[];
}

export const queryPage = async <T>(q: KeyedQuery, map: (item: Record<string, unknown>) => T): Promise<Page<T>> => {
  const names: Record<string, string> = { '#pk': q.partition.name, ...Object.fromEntries((q.attributes ?? []).map((a, i) => [`#a${i}`, a])) };
  const values: Record<string, unknown> = { ':pk': q.partition.value };
  let condition = '#pk = :pk';
  if (q.sortKey?.beginsWith !== undefined) {
    names['#sk'] = q.sortKey.name;
    values[':sk'] = q.sortKey.beginsWith;
    condition += ' AND begins_with(#sk, :sk)';
  } else if (q.sortKey?.between) {
    names['#sk'] = q.sortKey.name;
    values[':lo'] = q.sortKey.between[0];
    values[':hi'] = q.sortKey.between[1];
    condition += ' AND #sk BETWEEN :lo AND :hi';
  }
  const input: QueryCommandInput = {
    TableName: q.table,
    IndexName: q.index,
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: q.limit,
    ...(q.attributes ? { ProjectionExpression: q.attributes.map((_, i) => `#a${i}`).join(', ') } : {}),
    ExclusiveStartKey: decodeCursor(q.cursor, q.partition),
    ScanIndexForward: !q.newestFirst,
  };
  let result;
  try {
    result = await dynamo().send(new QueryCommand(input));
  } catch (e) {
    // A cursor from another index or table decodes fine but is refused by DynamoDB.
    if (q.cursor && (e as Error).name === 'ValidationException') throw badCursor();
    throw e;
  }
  return { items: (result.Items ?? []).map(map), cursor: encodeCursor(result.LastEvaluatedKey) };
};

/** Reads every page of a keyed query (small, bounded collections such as areas or dictionaries). */
export const queryAll = async <T>(q: Omit<KeyedQuery, 'limit' | 'cursor'>, map: (item: Record<string, unknown>) => T): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ ...q, limit: 100, cursor }, map);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
};

/**
 * Runs a transaction; when one of its conditions fails, throws `onConditionFailed()` (a 409 or 404)
 * instead of the SDK's cancellation, so nothing half-written and nothing mis-reported.
 */
export const transact = async (
  items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
  onConditionFailed: (failedIndex: number) => DomainError,
): Promise<void> => {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    if (e instanceof TransactionCanceledException) {
      const reasons = e.CancellationReasons ?? [];
      const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (index >= 0) throw onConditionFailed(index);
      // Another transaction was writing the same item at that moment: the caller's data is stale.
      if (reasons.some((r) => r.Code === 'TransactionConflict')) throw staleVersion();
    }
    if (e instanceof ConditionalCheckFailedException) throw onConditionFailed(0);
    throw e;
  }
};

const STORAGE_ATTRIBUTES = new Set(['PK', 'SK', 'entity', ...([GSI1, GSI2, GSI3] as const).flatMap((i) => Object.values(indexKeys(i)))]);

/** Strips the storage keys from an item before it leaves the repository. */
export const withoutKeys = <T>(item: Record<string, unknown>): T => {
  // A plain loop: a month's run strips the keys of tens of thousands of ledger items.
  const out: Record<string, unknown> = {};
  for (const k in item) if (!STORAGE_ATTRIBUTES.has(k)) out[k] = item[k];
  return out as T;
};
