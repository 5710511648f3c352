// Leave and attendance (请销假): a staff member asks for leave at their own office, the director (the
// area director for the area's offices, 基层股 or the leader for anyone) approves or refuses it, the
// applicant cancels it on return (销假) or withdraws it while it waits. An absence without approved
// leave is recorded by the director or the bureau and is a fact (E2) until withdrawn.
import {
  absenceFacts,
  addDays,
  canDecideLeave,
  canRecordAbsence,
  conflict,
  filteredPage,
  forbidden,
  leaveCovers,
  leaveDays,
  leaveProblems,
  leaveReturnProblems,
  LEAVE_STATUS_LABELS,
  MAX_LEAVE_DAYS,
  ownOfficeId,
  REGISTERS_AUDIT,
  retractFact,
  shanghaiDay,
  staleVersion,
  type Absence,
  type AbsenceInput,
  type AbsenceQuery,
  type LeaveCancelInput,
  type LeaveDecisionInput,
  type LeaveQuery,
  type LeaveRequest,
  type LeaveRequestInput,
  type Page,
  type WithdrawRecordInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import type { RequestContext } from '../shared/request-context';
import {
  atVersion,
  facts,
  items,
  officeNamed,
  officeRef,
  readable,
  requireActor,
  throwIfAny,
  workflowRepository as repo,
  write,
} from './workflow-repository';

const LEAVE = '请假记录';
const ABSENCE = '缺勤记录';

/** Only the applicant cancels or withdraws their own leave. */
const ownLeave = (ctx: RequestContext, l: LeaveRequest, what: string) => {
  if (requireActor(ctx).username !== l.username) throw forbidden(`只能由请假人本人${what}`);
  return l;
};

const requireStatus = (l: LeaveRequest, status: LeaveRequest['status'], what: string) => {
  if (l.status !== status) throw conflict(`请假当前状态为「${LEAVE_STATUS_LABELS[l.status]}」，不能${what}`);
};

const storeLeave = async (
  ctx: RequestContext, action: 'leave.decide' | 'leave.cancel' | 'leave.withdraw', before: LeaveRequest, after: LeaveRequest, reason?: string,
) => {
  await repo.transact(
    ctx, [write.putIfVersion(items.leave(after), before.version)], { action: REGISTERS_AUDIT[action], targetId: after.id, before, after, ...(reason ? { reason } : {}) },
    undefined, staleVersion,
  );
  return after;
};

export const leave = {
  request: async (ctx: RequestContext, input: LeaveRequestInput): Promise<LeaveRequest> => {
    const actor = requireActor(ctx);
    const office = await officeNamed(input.officeId);
    if (ownOfficeId(actor) !== office.id) throw forbidden('只能在本所提出请假');
    throwIfAny(leaveProblems(input, ctx.now));
    const now = ctx.now.toISOString();
    const created: LeaveRequest = {
      id: ulid(ctx.now.getTime()), officeId: office.id, areaId: office.areaId, username: actor.username, name: actor.displayName,
      kind: input.kind, from: input.from, to: input.to, days: leaveDays(input.from, input.to), reason: input.reason,
      status: 'requested', requestedAt: now, version: 1, updatedAt: now,
    };
    await repo.transact(ctx, [write.putIfAbsent(items.leave(created))], { action: REGISTERS_AUDIT['leave.request'], targetId: created.id, after: created }, undefined, () =>
      conflict('请假编号重复，请重试'),
    );
    return created;
  },

  /** The leave in scope, newest start first; `toDecide` keeps the requests the caller may decide that still wait. */
  list: async (ctx: RequestContext, q: LeaveQuery): Promise<Page<LeaveRequest>> => {
    const actor = requireActor(ctx);
    const read = (limit: number, cursor?: string) =>
      repo.pageInScope<LeaveRequest>(actor, 'LEAVE', { officeId: q.officeId, sortPrefix: q.month, limit, cursor, newestFirst: true });
    const status = q.toDecide ? 'requested' : q.status;
    return filteredPage(read, (l) => (!status || l.status === status) && (!q.toDecide || canDecideLeave(actor, l)), q.limit, q.cursor);
  },

  get: async (ctx: RequestContext, id: string): Promise<LeaveRequest> => readable(ctx, await repo.getLeave(id), LEAVE),

  decide: async (ctx: RequestContext, id: string, input: LeaveDecisionInput): Promise<LeaveRequest> => {
    const actor = requireActor(ctx);
    const before = readable(ctx, await repo.getLeave(id), LEAVE);
    if (!canDecideLeave(actor, before)) {
      throw forbidden(before.username === actor.username ? '不能审批本人的请假' : '只有片区中心所长（本片区）、基层股或局领导可以审批请假');
    }
    requireStatus(before, 'requested', '审批');
    atVersion(before, input.version);
    return storeLeave(ctx, 'leave.decide', before, {
      ...before, status: input.decision === 'approve' ? 'approved' : 'refused', decidedAt: ctx.now.toISOString(), decidedBy: actor.username,
      decidedByName: actor.displayName, ...(input.comment ? { comment: input.comment } : {}), version: before.version + 1, updatedAt: ctx.now.toISOString(),
    });
  },

  /** 销假: the applicant, back at work on `returnedOn`. */
  cancel: async (ctx: RequestContext, id: string, input: LeaveCancelInput): Promise<LeaveRequest> => {
    const before = ownLeave(ctx, readable(ctx, await repo.getLeave(id), LEAVE), '销假');
    requireStatus(before, 'approved', '销假');
    atVersion(before, input.version);
    throwIfAny(leaveReturnProblems(before, input.returnedOn));
    return storeLeave(ctx, 'leave.cancel', before, {
      ...before, status: 'cancelled', returnedOn: input.returnedOn, cancelledAt: ctx.now.toISOString(), version: before.version + 1, updatedAt: ctx.now.toISOString(),
    });
  },

  withdraw: async (ctx: RequestContext, id: string, input: WithdrawRecordInput): Promise<LeaveRequest> => {
    const before = ownLeave(ctx, readable(ctx, await repo.getLeave(id), LEAVE), '撤回请假');
    requireStatus(before, 'requested', '撤回');
    atVersion(before, input.version);
    // The reason is the audit record's: the leave's `comment` is the approver's.
    return storeLeave(ctx, 'leave.withdraw', before, { ...before, status: 'withdrawn', version: before.version + 1, updatedAt: ctx.now.toISOString() }, input.reason);
  },
};

export const absences = {
  /** An absence without approved leave: refused (409) when an approved leave of that name covers the day. */
  record: async (ctx: RequestContext, input: AbsenceInput): Promise<Absence> => {
    const actor = requireActor(ctx);
    const office = await officeNamed(input.officeId);
    if (!canRecordAbsence(actor, office)) throw forbidden('只有片区中心所长（本片区）、基层股或局领导可以登记无假缺勤');
    if (input.on > shanghaiDay(ctx.now)) throwIfAny({ on: '缺勤日期不能晚于今天' });
    // A leave covering the day started at most MAX_LEAVE_DAYS before it.
    const leaves = await repo.leaveOfOfficeStarting(office.id, addDays(input.on, -MAX_LEAVE_DAYS), input.on);
    const covering = leaves.find((l) => l.name === input.name && leaveCovers(l, input.on));
    if (covering) throw conflict(`${input.name}在${input.on}有已批准的请假（${covering.from}至${covering.to}），不能登记为无假缺勤`);
    const now = ctx.now.toISOString();
    const created: Absence = {
      id: ulid(ctx.now.getTime()), officeId: office.id, areaId: office.areaId, name: input.name, on: input.on, note: input.note, status: 'active',
      recordedBy: actor.username, recordedByName: actor.displayName, recordedAt: now, version: 1, updatedAt: now,
    };
    await repo.transact(
      ctx, [write.putIfAbsent(items.absence(created))], { action: REGISTERS_AUDIT['absence.record'], targetId: created.id, after: created },
      facts({ facts: absenceFacts(created) }), () => conflict('缺勤记录编号重复，请重试'),
    );
    return created;
  },

  list: async (ctx: RequestContext, q: AbsenceQuery): Promise<Page<Absence>> =>
    repo.pageInScope<Absence>(requireActor(ctx), 'ABSENCE', { officeId: q.officeId, sortPrefix: q.month, limit: q.limit, cursor: q.cursor, newestFirst: true }),

  withdraw: async (ctx: RequestContext, id: string, input: WithdrawRecordInput): Promise<Absence> => {
    const actor = requireActor(ctx);
    const before = readable(ctx, await repo.getAbsence(id), ABSENCE);
    if (!canRecordAbsence(actor, officeRef(before))) throw forbidden('只有片区中心所长（本片区）、基层股或局领导可以撤销缺勤记录');
    if (before.status !== 'active') throw conflict('该缺勤记录已撤销');
    atVersion(before, input.version);
    const after: Absence = { ...before, status: 'withdrawn', withdrawnReason: input.reason, version: before.version + 1, updatedAt: ctx.now.toISOString() };
    await repo.transact(
      ctx, [write.putIfVersion(items.absence(after), before.version)], { action: REGISTERS_AUDIT['absence.withdraw'], targetId: id, before, after, reason: input.reason },
      facts({ retractions: absenceFacts(before).map((f) => retractFact(f, ctx.now)) }), staleVersion,
    );
    return after;
  },
};
