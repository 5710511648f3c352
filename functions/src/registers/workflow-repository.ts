// The registers table for leave, absences, reports and tasks, over the key layout of keys.ts: single
// items by key, scope-limited lists by the kit's scoped indexes (never a Scan), writes through the
// audited transaction with their facts; and the attachments a record keeps (an upload of the caller's
// own, copied to kept/). The use cases decide; this file reads and writes.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  staleVersion,
  validationError,
  type Absence,
  type Actor,
  type Attachment,
  type AttachmentInput,
  type DomainError,
  type LeaveRequest,
  type Page,
  type Report,
  type Task,
  type TaskAssignment,
} from '@sifasuo/domain';
import { GSI1, GSI3, indexKeys } from '@sifasuo/wiring/src/types';
import { auditedWrite, type AuditedChange } from '../shared/audited';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import type { FactsToRecord } from '../shared/outbox';
import type { RequestContext } from '../shared/request-context';
import { requireActor } from '../shared/record-access';
import { allInScope as allScoped, pageInScope as scopedPage, scopedKeys, type OfficeScoped, type ScopedList } from '../shared/scope';
import { uploads } from '../shared/uploads';
import { keys, registersTable as table } from './keys';

type TransactItem = Parameters<typeof auditedWrite>[1]['items'][number];
type Item = Record<string, unknown>;
type Key = { PK: string; SK: string };

/** The record types filed with `scopedKeys` (keys.ts): 'LEAVE', 'ABSENCE', 'REPORT', 'ASSIGNMENT', a register's `entryType`. */
export type ScopedType = string;

const get = async <T>(key: Key): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

/** One page of `type` within the caller's scope. */
const pageInScope = <T extends OfficeScoped>(actor: Actor, type: ScopedType, q: ScopedList): Promise<Page<T>> => scopedPage<T>(actor, table(), type, q);

/** Every item of `type` within the caller's scope (bounded sets). */
const allInScope = <T extends OfficeScoped>(actor: Actor, type: ScopedType, q: Omit<ScopedList, 'limit' | 'cursor'>): Promise<T[]> =>
  allScoped<T>(actor, table(), type, q);

// ---- Items and writes ----------------------------------------------------------------------------------

export const items = {
  leave: (l: LeaveRequest) => ({ ...keys.leave(l), entity: 'leave', ...l }),
  absence: (a: Absence) => ({ ...keys.absence(a), entity: 'absence', ...a }),
  report: (r: Report) => ({ ...keys.report(r), entity: 'report', ...r }),
  reportGuard: (r: Report) => ({ ...keys.reportGuard(r.officeId, r.kind, r.period), entity: 'report-guard', reportId: r.id }),
  task: (t: Task) => ({ ...keys.task(t), entity: 'task', ...t }),
  assignment: (a: TaskAssignment) => ({ ...keys.assignment(a), entity: 'task-assignment', ...a }),
  /** What the sweep and the bureau's home card need of an open part, without reading the assignment. */
  openTask: (a: TaskAssignment) => ({
    ...keys.openTask(a), entity: 'open-task', taskId: a.taskId, officeId: a.officeId, areaId: a.areaId, title: a.title, dueOn: a.dueOn,
    ...(a.overdueAt ? { overdueAt: a.overdueAt } : {}),
  }),
};

const put = (Item: Item): TransactItem => ({ Put: { TableName: table(), Item } });
const putIfAbsent = (Item: Item): TransactItem => ({ Put: { TableName: table(), Item, ConditionExpression: 'attribute_not_exists(PK)' } });
const putIfVersion = (Item: Item, expected: number): TransactItem => ({
  Put: {
    TableName: table(), Item, ConditionExpression: 'attribute_exists(PK) AND #v = :expected',
    ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expected },
  },
});
const remove = (key: Key): TransactItem => ({ Delete: { TableName: table(), Key: { PK: key.PK, SK: key.SK } } });

export const write = { put, putIfAbsent, putIfVersion, remove };

export const facts = (f: Omit<FactsToRecord, 'context' | 'table'>): FactsToRecord => ({ context: 'registers', table: table(), ...f });

/** The OPEN marker of an office's part not yet done. */
export type OpenTask = Pick<TaskAssignment, 'taskId' | 'officeId' | 'areaId' | 'title' | 'dueOn' | 'overdueAt'>;

const COUNTY = indexKeys(GSI3);
const BY_OFFICE = indexKeys(GSI1);
/** The open-task items due before `day` (GSI3 'OPEN-TASK', sorted `<dueOn>#…`: every key below the bare day). */
const openTasksDueBefore = (day: string) =>
  queryAll(
    { table: table(), index: GSI3, partition: { name: COUNTY.pk, value: 'OPEN-TASK' }, sortKey: { name: COUNTY.sk, between: ['0000', day] } },
    (i) => withoutKeys<OpenTask>(i),
  );

export const workflowRepository = {
  getLeave: (id: string) => get<LeaveRequest>(keys.leaveId(id)),
  getAbsence: (id: string) => get<Absence>(keys.absenceId(id)),
  getReport: (id: string) => get<Report>(keys.reportId(id)),
  getTask: (id: string) => get<Task>(keys.taskId(id)),
  getAssignment: (taskId: string, officeId: string) => get<TaskAssignment>(keys.assignmentId(taskId, officeId)),
  /** Every office's part of a task (one partition: the task's items). */
  assignmentsOf: (taskId: string) =>
    queryAll({ table: table(), partition: { name: 'PK', value: `TASK#${taskId}` }, sortKey: { name: 'SK', beginsWith: 'OFFICE#' } }, (i) => withoutKeys<TaskAssignment>(i)),
  /** Tasks county-wide by due day (GSI3 'TASK'), between two days inclusive. */
  tasksDueBetween: (from: string, to: string) =>
    queryAll(
      { table: table(), index: GSI3, partition: { name: COUNTY.pk, value: 'TASK' }, sortKey: { name: COUNTY.sk, between: [from, `${to}#~`] } },
      (i) => withoutKeys<Task>(i),
    ),
  openTasksDueBefore,
  /** An office's leave starting between two days inclusive (GSI1 as `scopedKeys` files it, sorted `<from>#<id>`). */
  leaveOfOfficeStarting: (officeId: string, from: string, to: string) =>
    queryAll(
      { table: table(), index: GSI1, partition: { name: BY_OFFICE.pk, value: String(scopedKeys('LEAVE', { officeId, areaId: '' }, '')[BY_OFFICE.pk]) }, sortKey: { name: BY_OFFICE.sk, between: [from, `${to}#~`] } },
      (i) => withoutKeys<LeaveRequest>(i),
    ),
  pageInScope,
  allInScope,

  /** Writes with their audit record and facts in one transaction; `onConditionFailed(index)` says what a failed condition means. */
  transact: (ctx: RequestContext, writes: TransactItem[], audit: AuditedChange, f: FactsToRecord | undefined, onConditionFailed: (index: number) => DomainError) =>
    auditedWrite(ctx, { items: writes, audit, facts: f, onConditionFailed }),
};

// ---- Access ------------------------------------------------------------------------------------------

export { officeNamed, readable, requireActor, throwIfAny, writable } from '../shared/record-access';

/** The record as read, if the caller edited this version of it (else 409). */
export const atVersion = <T extends { version: number }>(record: T, version: number): T => {
  if (record.version !== version) throw staleVersion();
  return record;
};

export const officeRef = (r: OfficeScoped) => ({ id: r.officeId, areaId: r.areaId });

// ---- Attachments -------------------------------------------------------------------------------------

interface UploadRecord {
  owner: string;
  purpose: string;
  fileName: string;
  size: number;
}

/**
 * The attachments a record keeps: each upload must be the caller's own attachment upload (400 on
 * `attachments` otherwise — another user's upload answers like a missing one) and have arrived; the
 * file is copied to kept/ (once) and its size recorded. Uploads already kept by `earlier` pass as they are.
 */
export const keepAttachments = async (ctx: RequestContext, inputs: readonly AttachmentInput[] | undefined, earlier: readonly Attachment[] = []): Promise<Attachment[]> => {
  const actor = requireActor(ctx);
  const kept: Attachment[] = [];
  for (const [index, input] of (inputs ?? []).entries()) {
    const before = earlier.find((a) => a.uploadId === input.uploadId);
    if (before) {
      kept.push({ uploadId: before.uploadId, fileName: input.fileName, size: before.size });
      continue;
    }
    const upload = await get<UploadRecord>(keys.upload(input.uploadId));
    const field = `attachments.${index}.uploadId`;
    if (!upload || upload.owner !== actor.username) throw validationError({ [field]: `附件「${input.fileName}」的上传记录不存在` });
    if (upload.purpose !== 'attachment') throw validationError({ [field]: `附件「${input.fileName}」不是以附件用途上传的` });
    const size = await uploads.keep(input.uploadId);
    if (size === undefined) throw validationError({ [field]: `附件「${input.fileName}」尚未上传完成` });
    kept.push({ uploadId: input.uploadId, fileName: input.fileName, size });
  }
  return kept;
};

/** The attachments as an answer carries them: each with a short-lived download link. */
export const withUrls = (ctx: RequestContext, attachments: readonly Attachment[]): Promise<Attachment[]> =>
  Promise.all(attachments.map(async (a) => ({ ...a, url: await uploads.downloadUrl(a.uploadId, a.fileName, ctx.now) })));
