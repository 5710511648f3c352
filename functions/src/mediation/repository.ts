// The mediation table, over the key layout of keys.ts: single items by key, scope-limited lists by the
// kit's scoped indexes (never a Scan), the 卷号 counter, and writes through the audited transaction with
// the facts they earn. The use cases decide; this file only reads and writes.
import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, CaseClosure, Committee, Dispute, DomainError, MediationCase, Mediator, MonthlyReport, Page, Screening, Submission } from '@sifasuo/domain';
import { auditedWrite, createAudited, replaceAudited, type AuditedChange } from '../shared/audited';
import { dynamo } from '../shared/aws';
import { withoutKeys } from '../shared/dynamo';
import type { FactsToRecord } from '../shared/outbox';
import type { RequestContext } from '../shared/request-context';
import { allInScope as allScoped, pageInScope as scopedPage, type OfficeScoped, type ScopedList } from '../shared/scope';
import { keys, mediationTable as table } from './keys';

type TransactItem = Parameters<typeof auditedWrite>[1]['items'][number];
type Item = Record<string, unknown>;

/** The record types filed with `scopedKeys` (keys.ts), each under its own index prefix. */
export type ScopedType = 'CASE' | 'CLOSURE' | 'SCREENING' | 'DISPUTE' | 'UNREPORTED' | 'REPORT' | 'SUBMISSION' | 'COMMITTEE' | 'MEDIATOR';

/**
 * The CLOSURE item holds the case as it was closed (its closure never changes afterwards; withdrawing
 * the case deletes the item), so a month's closed cases are one keyed query.
 */
export type ClosedCase = MediationCase & { closure: CaseClosure };

/** The UNREPORTED marker holds the major dispute as registered (name, office, deadline never change). */
export type UnreportedDispute = Dispute & { reportDueAt: string };

const get = async <T>(key: { PK: string; SK: string }): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

/** Filters and paging of a scoped list: `officeId`/`areaId` narrow the scope, `sortPrefix` a month (or a committee). */
/** One page of `type` within the caller's scope. */
const pageInScope = <T extends OfficeScoped>(actor: Actor, type: ScopedType, q: ScopedList): Promise<Page<T>> => scopedPage<T>(actor, table(), type, q);

/** Every item of `type` within the caller's scope (bounded sets). */
const allInScope = <T extends OfficeScoped>(actor: Actor, type: ScopedType, q: Omit<ScopedList, 'limit' | 'cursor'>): Promise<T[]> =>
  allScoped<T>(actor, table(), type, q);

const put = (Item: Item, condition?: string): TransactItem => ({ Put: { TableName: table(), Item, ...(condition ? { ConditionExpression: condition } : {}) } });
const putIfAbsent = (Item: Item) => put(Item, 'attribute_not_exists(PK)');
const putIfVersion = (Item: Item, expected: number): TransactItem => ({
  Put: {
    TableName: table(), Item, ConditionExpression: 'attribute_exists(PK) AND #v = :expected',
    ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expected },
  },
});
const remove = (Key: { PK: string; SK: string }): TransactItem => ({ Delete: { TableName: table(), Key } });
const keyOf = (k: { PK: string; SK: string }) => ({ PK: k.PK, SK: k.SK });

export const facts = (f: Omit<FactsToRecord, 'context' | 'table'>): FactsToRecord => ({ context: 'mediation', table: table(), ...f });

// ---- Items -----------------------------------------------------------------------------------------

export const items = {
  case: (c: MediationCase) => ({ ...keys.case(c), entity: 'case', ...c }),
  closure: (c: MediationCase) => ({ ...keys.caseClosure(c, c.closure!.closedOn), entity: 'case-closure', ...c }),
  screening: (s: Screening) => ({ ...keys.screening(s), entity: 'screening', ...s }),
  periodGuard: (s: Screening) => ({ ...keys.periodGuard(s.officeId, s.period), entity: 'period-guard', screeningId: s.id }),
  dispute: (d: Dispute) => ({ ...keys.dispute(d), entity: 'dispute', ...d }),
  unreported: (d: Dispute) => ({ ...keys.unreported({ ...d, reportDueAt: d.reportDueAt! }), entity: 'unreported-dispute', ...d }),
  report: (r: MonthlyReport) => ({ ...keys.monthlyReport(r), entity: 'monthly-report', ...r }),
  submission: (s: Submission) => ({ ...keys.submission(s), entity: 'submission', ...s }),
  committee: (c: Committee) => ({ ...keys.committee(c), entity: 'committee', ...c }),
  mediator: (m: Mediator) => ({ ...keys.mediator(m), entity: 'mediator', ...m }),
  mediatorGuard: (m: Pick<Mediator, 'id' | 'idNumber'>) => ({ ...keys.mediatorGuard(m.idNumber), entity: 'mediator-guard', mediatorId: m.id }),
};

export const write = { put, putIfAbsent, putIfVersion, remove, keyOf };

// ---- Reads -----------------------------------------------------------------------------------------

export const mediationRepository = {
  getCase: (id: string) => get<MediationCase>({ PK: `CASE#${id}`, SK: 'CASE' }),
  getScreening: (id: string) => get<Screening>({ PK: `SCREENING#${id}`, SK: 'SCREENING' }),
  getDispute: (id: string) => get<Dispute>({ PK: `DISPUTE#${id}`, SK: 'DISPUTE' }),
  getReport: (officeId: string, month: string) => get<MonthlyReport>({ PK: `REPORT#${officeId}#${month}`, SK: 'REPORT' }),
  getSubmission: (id: string) => get<Submission>({ PK: `SUBMISSION#${id}`, SK: 'SUBMISSION' }),
  getCommittee: (id: string) => get<Committee>({ PK: `COMMITTEE#${id}`, SK: 'COMMITTEE' }),
  getMediator: (id: string) => get<Mediator>({ PK: `MEDIATOR#${id}`, SK: 'MEDIATOR' }),
  /** Which of these ID numbers already have a roster entry somewhere in the county. */
  existingMediatorGuards: async (idNumbers: readonly string[]): Promise<Set<string>> => {
    const found = new Set<string>();
    for (let i = 0; i < idNumbers.length; i += 100) {
      let request: Record<string, { Keys: Item[] }> | undefined = {
        [table()]: { Keys: idNumbers.slice(i, i + 100).map((n) => keys.mediatorGuard(n)) },
      };
      while (request && Object.keys(request).length) {
        const r = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
        for (const item of r.Responses?.[table()] ?? []) found.add(String(item.PK).slice('MEDIATOR-ID#'.length));
        request = r.UnprocessedKeys as typeof request;
      }
    }
    return found;
  },

  pageInScope,
  allInScope,

  /** The next 卷号 sequence of an office's year: an atomic counter (a failed create leaves a gap, never a duplicate). */
  nextCaseSeq: async (officeId: string, year: string): Promise<number> => {
    const r = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.caseNumber(officeId, year),
        UpdateExpression: 'ADD #seq :one SET entity = :entity',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'case-number' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(r.Attributes!.seq);
  },

  // ---- Writes: each with its audit record and facts, in one transaction ----------------------------

  create: (ctx: RequestContext, item: Item, audit: AuditedChange, duplicate: string, f?: FactsToRecord) =>
    createAudited(ctx, table(), item, audit, duplicate, f),
  replace: (ctx: RequestContext, item: Item & { version: number }, expectedVersion: number, audit: AuditedChange, f?: FactsToRecord) =>
    replaceAudited(ctx, table(), item, expectedVersion, audit, f),
  /** Several items in one transaction; `onConditionFailed(index)` says what a failed condition of item `index` means. */
  transact: (ctx: RequestContext, writes: TransactItem[], audit: AuditedChange, f: FactsToRecord | undefined, onConditionFailed: (index: number) => DomainError) =>
    auditedWrite(ctx, { items: writes, audit, facts: f, onConditionFailed }),
};
