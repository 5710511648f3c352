// Reading the audit table (writing is the shared audit writer's job). Keys: records under
// DAY#<shanghai day> / <at>#<id>, GSI1 by actor, GSI2 by target; digests under DIGEST / <day>.

import { conflict, shanghaiDayStart, type AuditDigest, type AuditRecord, type Page } from '@sifasuo/domain';
import { GSI1, GSI2, indexKeys } from '@sifasuo/wiring/src/types';
import { tableName } from '../shared/aws';
import { queryAll, queryPage, transact, withoutKeys } from '../shared/dynamo';

const table = () => tableName('audit');
const asRecord = (i: Record<string, unknown>) => withoutKeys<AuditRecord>(i);
// Sort keys are `<ISO instant>#<ulid>`; the upper bound takes every id at the last instant.
const range = (from: string, to: string): [string, string] => [new Date(from).toISOString(), `${new Date(to).toISOString()}#~`];

export const auditRepository = {
  byActor: (actor: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<AuditRecord>> =>
    queryPage(
      { table: table(), index: GSI1, partition: { name: indexKeys(GSI1).pk, value: `ACTOR#${actor}` },
        sortKey: { name: indexKeys(GSI1).sk, between: range(from, to) }, limit, cursor, newestFirst: true },
      asRecord,
    ),
  byTarget: (type: string, id: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<AuditRecord>> =>
    queryPage(
      { table: table(), index: GSI2, partition: { name: indexKeys(GSI2).pk, value: `TARGET#${type}#${id}` },
        sortKey: { name: indexKeys(GSI2).sk, between: range(from, to) }, limit, cursor, newestFirst: true },
      asRecord,
    ),
  ofDay: (day: string, from: string, to: string, limit: number, cursor?: string): Promise<Page<AuditRecord>> =>
    queryPage(
      { table: table(), partition: { name: 'PK', value: `DAY#${day}` }, sortKey: { name: 'SK', between: range(from, to) },
        limit, cursor, newestFirst: true },
      asRecord,
    ),
  /** Every record of a Shanghai day, oldest first: the input of that day's digest. */
  allOfDay: (day: string): Promise<AuditRecord[]> => {
    const start = shanghaiDayStart(day);
    const end = new Date(start.getTime() + 86_400_000 - 1);
    return queryAll(
      { table: table(), partition: { name: 'PK', value: `DAY#${day}` }, sortKey: { name: 'SK', between: range(start.toISOString(), end.toISOString()) } },
      asRecord,
    );
  },
  digests: (fromDay: string, toDay: string): Promise<AuditDigest[]> =>
    queryAll(
      { table: table(), partition: { name: 'PK', value: 'DIGEST' }, sortKey: { name: 'SK', between: [fromDay, toDay] } },
      (i) => withoutKeys<AuditDigest>(i),
    ),
  latestDigest: async (): Promise<AuditDigest | undefined> =>
    (await queryPage({ table: table(), partition: { name: 'PK', value: 'DIGEST' }, limit: 1, newestFirst: true }, (i) => withoutKeys<AuditDigest>(i)))
      .items[0],
  /** Digests are append-only too: a day is digested once. */
  putDigest: (digest: AuditDigest) =>
    transact(
      [{ Put: { TableName: table(), Item: { PK: 'DIGEST', SK: digest.day, ...digest }, ConditionExpression: 'attribute_not_exists(PK)' } }],
      () => conflict(`${digest.day} 的审计摘要已存在`),
    ),
};

