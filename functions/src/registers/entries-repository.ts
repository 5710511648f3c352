// The declared books' items in the registers table (keys.ts): entries, uploads and imports. Single
// items by key, scope-limited lists by the kit's scoped indexes (never a Scan), and writes through the
// audited transaction with the facts they earn or retract. The use cases decide; this file only reads
// and writes.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, DomainError, Page, RegisterEntry } from '@sifasuo/domain';
import { auditedWrite, createAudited, type AuditedChange } from '../shared/audited';
import { dynamo } from '../shared/aws';
import { withoutKeys } from '../shared/dynamo';
import type { FactsToRecord } from '../shared/outbox';
import type { RequestContext } from '../shared/request-context';
import { listInScope, scopedQueries } from '../shared/scope';
import { entryType, keys, registersTable as table } from './keys';

type TransactItem = Parameters<typeof auditedWrite>[1]['items'][number];
type Item = Record<string, unknown>;

/** Who asked for an upload and what for: an upload is used by its owner only. */
export interface UploadRecord {
  id: string;
  owner: string;
  purpose: string;
  fileName: string;
  size: number;
  createdAt: string;
}

/** How far an import has got: `written` rows of `total`, in chunks that each advance it. */
export interface ImportRecord {
  id: string;
  register: string;
  officeId: string;
  owner: string;
  total: number;
  written: number;
  createdAt: string;
}

const get = async <T>(key: { PK: string; SK: string }): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

export const entryFacts = (f: Omit<FactsToRecord, 'context' | 'table'>): FactsToRecord => ({ context: 'registers', table: table(), ...f });

export const entryItems = {
  entry: (e: RegisterEntry) => ({ ...keys.entry(e), entity: 'register-entry', ...e }),
  upload: (u: UploadRecord) => ({ ...keys.upload(u.id), entity: 'upload', ...u }),
  import: (i: ImportRecord) => ({ ...keys.import(i.id), entity: 'register-import', ...i }),
};

const versionCondition = (attribute: string, expected: number) => ({
  ConditionExpression: 'attribute_exists(PK) AND #v = :expected',
  ExpressionAttributeNames: { '#v': attribute },
  ExpressionAttributeValues: { ':expected': expected },
});

export const entryWrites = {
  putIfAbsent: (Item: Item): TransactItem => ({ Put: { TableName: table(), Item, ConditionExpression: 'attribute_not_exists(PK)' } }),
  putIfVersion: (Item: Item, expected: number): TransactItem => ({ Put: { TableName: table(), Item, ...versionCondition('version', expected) } }),
  /** The import's record as it stands after a chunk, only if no other chunk got there first. */
  putIfWritten: (Item: Item, expectedWritten: number): TransactItem => ({ Put: { TableName: table(), Item, ...versionCondition('written', expectedWritten) } }),
};

export const entriesRepository = {
  getEntry: (register: string, id: string) => get<RegisterEntry>(keys.entryId(register, id)),
  getUpload: (id: string) => get<UploadRecord>(keys.upload(id)),
  getImport: (id: string) => get<ImportRecord>(keys.import(id)),

  /** One page of a register's entries within the caller's scope, newest filing day first; `filedBetween` (inclusive days) narrows it. */
  pageInScope: (
    actor: Actor,
    register: string,
    q: { officeId?: string; limit: number; cursor?: string; filedBetween?: [string, string] },
  ): Promise<Page<RegisterEntry>> => {
    // Sort keys are `<filedOn>#<id>`: the last day's entries sort below `<to>#~`.
    const sortBetween: [string, string] | undefined = q.filedBetween && [q.filedBetween[0], `${q.filedBetween[1]}#~`];
    const queries = scopedQueries(table(), entryType(register), { limit: q.limit, cursor: q.cursor, sortBetween, newestFirst: true }, (i) => withoutKeys<RegisterEntry>(i));
    return listInScope(actor, { officeId: q.officeId }, queries, (e) => e);
  },

  /** Every entry of a register within the caller's scope filed between two days (an export's year). */
  allInScope: async (actor: Actor, register: string, q: { officeId?: string; filedBetween: [string, string] }): Promise<RegisterEntry[]> => {
    const all: RegisterEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await entriesRepository.pageInScope(actor, register, { ...q, limit: 100, cursor });
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return all;
  },

  create: (ctx: RequestContext, item: Item, audit: AuditedChange, duplicate: string, f?: FactsToRecord) => createAudited(ctx, table(), item, audit, duplicate, f),
  /** Several items in one transaction; `onConditionFailed(index)` says what a failed condition of item `index` means. */
  transact: (ctx: RequestContext, writes: TransactItem[], audit: AuditedChange, f: FactsToRecord | undefined, onConditionFailed: (index: number) => DomainError) =>
    auditedWrite(ctx, { items: writes, audit, facts: f, onConditionFailed }),
};
