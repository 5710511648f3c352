// Assigned tasks (交办任务): a department or the leader assigns a task to offices with a deadline (one
// TASK item, and per office its assignment and an OPEN marker the overdue sweep queries); an office
// reports completion with a note and attachments (done or done late, a fact with the deadline); the
// board shows tasks × offices. States are worked out from the deadline and the clock on every read.
import {
  addDays,
  canAssignTasks,
  canReadOffice,
  canSeeAssignment,
  conflict,
  filteredPage,
  forbidden,
  hiddenRecord,
  REGISTERS_AUDIT,
  shanghaiDay,
  staleVersion,
  TASK_STATES,
  taskCompletedFact,
  taskState,
  validationError,
  type Page,
  type Task,
  type TaskAssignment,
  type TaskBoard,
  type TaskBoardQuery,
  type TaskCompletionInput,
  type TaskDetail,
  type TaskInput,
  type TaskQuery,
  type TaskState,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { keys } from './keys';
import {
  atVersion,
  facts,
  items,
  keepAttachments,
  officeRef,
  requireActor,
  throwIfAny,
  withUrls,
  workflowRepository as repo,
  write,
  writable,
} from './workflow-repository';

const TASK = '交办任务';
/** Offices written per transaction: 2 items each, plus the task and the audit record, under DynamoDB's 100. */
const OFFICES_PER_WRITE = 30;

/** An assignment as answered: its state at `now`. */
const current = (a: TaskAssignment, now: Date): TaskAssignment => ({ ...a, state: taskState(a, now) });

export const assignmentTarget = (taskId: string, officeId: string) => `${taskId}/${officeId}`;

const zeroCounts = (): Record<TaskState, number> => Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;

export const tasks = {
  assign: async (ctx: RequestContext, input: TaskInput): Promise<Task> => {
    const actor = requireActor(ctx);
    if (!canAssignTasks(actor)) throw forbidden('只有业务股室或局领导可以交办任务');
    if (input.dueOn < shanghaiDay(ctx.now)) throwIfAny({ dueOn: '完成期限不能早于今天' });
    const offices = new Map((await orgDirectory.offices()).map((o) => [o.id, o]));
    const unknown = input.officeIds.filter((id) => !offices.has(id));
    if (unknown.length) throw validationError({ officeIds: `司法所 ${unknown.join('、')} 不存在` });
    const attachments = await keepAttachments(ctx, input.attachments);
    const task: Task = {
      id: ulid(ctx.now.getTime()), title: input.title, content: input.content, dueOn: input.dueOn, attachments, assignedBy: actor.username,
      assignedByName: actor.displayName, ...(actor.departmentId ? { departmentId: actor.departmentId } : {}), assignedAt: ctx.now.toISOString(),
      officeIds: input.officeIds, version: 1,
    };
    const assignments = input.officeIds.map((officeId): TaskAssignment => ({
      taskId: task.id, officeId, areaId: offices.get(officeId)!.areaId, title: task.title, dueOn: task.dueOn, state: 'open', attachments: [], version: 1,
    }));
    // The task goes with the first offices, the rest follow in chunks (each with its audit record). A part
    // is keyed by task and office and written whole, so a chunk written again changes nothing.
    for (let i = 0; i < assignments.length; i += OFFICES_PER_WRITE) {
      const chunk = assignments.slice(i, i + OFFICES_PER_WRITE);
      await repo.transact(
        ctx,
        [...(i === 0 ? [write.putIfAbsent(items.task(task))] : []), ...chunk.flatMap((a) => [write.put(items.assignment(a)), write.put(items.openTask(a))])],
        { action: REGISTERS_AUDIT['task.assign'], targetId: task.id, after: i === 0 ? task : { officeIds: chunk.map((a) => a.officeId) } },
        undefined, () => conflict('任务编号重复，请重试'),
      );
    }
    return { ...task, attachments: await withUrls(ctx, task.attachments) };
  },

  /** The caller's assignments in scope, newest deadline first, by state at `now`. */
  list: async (ctx: RequestContext, q: TaskQuery): Promise<Page<TaskAssignment>> => {
    const actor = requireActor(ctx);
    const read = async (limit: number, cursor?: string) => {
      const page = await repo.pageInScope<TaskAssignment>(actor, 'ASSIGNMENT', { officeId: q.officeId, limit, cursor, newestFirst: true });
      return { ...page, items: page.items.map((a) => current(a, ctx.now)) };
    };
    return filteredPage(read, (a) => !q.state || a.state === q.state, q.limit, q.cursor);
  },

  /** The task and the offices' parts the caller may see; none visible answers like a missing task. */
  get: async (ctx: RequestContext, taskId: string): Promise<TaskDetail> => {
    const actor = requireActor(ctx);
    const task = await repo.getTask(taskId);
    if (!task) throw hiddenRecord(TASK);
    const visible = (await repo.assignmentsOf(taskId)).filter((a) => canSeeAssignment(actor, officeRef(a)));
    if (!visible.length) throw hiddenRecord(TASK, '承办司法所均超出数据范围');
    return {
      ...task, attachments: await withUrls(ctx, task.attachments),
      assignments: await Promise.all(visible.map(async (a) => ({ ...current(a, ctx.now), attachments: await withUrls(ctx, a.attachments) }))),
    };
  },

  /** The office reports its part done: the note, attachments, the time; the OPEN marker goes, the fact comes. */
  complete: async (ctx: RequestContext, taskId: string, officeId: string, input: TaskCompletionInput): Promise<TaskAssignment> => {
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getAssignment(taskId, officeId), TASK);
    if (before.completedAt) throw conflict('本所已报告该任务完成');
    atVersion(before, input.version);
    const attachments = await keepAttachments(ctx, input.attachments);
    const now = ctx.now.toISOString();
    const done: TaskAssignment = { ...before, note: input.note, attachments, completedAt: now, completedBy: actor.username, version: before.version + 1 };
    const after = current(done, ctx.now);
    await repo.transact(
      ctx, [write.putIfVersion(items.assignment(after), before.version), write.remove(keys.openTask(before))],
      { action: REGISTERS_AUDIT['task.complete'], targetId: assignmentTarget(taskId, officeId), before, after },
      facts({ facts: [taskCompletedFact(after)] }), staleVersion,
    );
    return { ...after, attachments: await withUrls(ctx, after.attachments) };
  },

  /** Tasks due in the window × the offices in scope (departments and the leader: all; an area director: the area). */
  board: async (ctx: RequestContext, q: TaskBoardQuery): Promise<TaskBoard> => {
    const actor = requireActor(ctx);
    const today = shanghaiDay(ctx.now);
    const offices = (await orgDirectory.offices()).filter((o) => canReadOffice(actor, o));
    if (!offices.length) throw forbidden();
    const found = await repo.tasksDueBetween(q.from ?? addDays(today, -92), q.to ?? addDays(today, 366));
    const rows = await Promise.all(
      found.map(async (t) => ({ task: t, parts: (await repo.assignmentsOf(t.id)).filter((a) => canSeeAssignment(actor, officeRef(a))).map((a) => current(a, ctx.now)) })),
    );
    const shown = rows.filter((r) => r.parts.length).sort((a, b) => (a.task.dueOn < b.task.dueOn ? 1 : a.task.dueOn > b.task.dueOn ? -1 : 0));
    return {
      tasks: shown.map(({ task, parts }) => {
        const counts = zeroCounts();
        for (const p of parts) counts[p.state] += 1;
        return { id: task.id, title: task.title, dueOn: task.dueOn, assignedByName: task.assignedByName, counts };
      }),
      offices: offices.map((o) => ({
        officeId: o.id, officeName: o.name,
        cells: shown.map(({ task, parts }) => {
          const part = parts.find((p) => p.officeId === o.id);
          return part ? { taskId: task.id, state: part.state } : null;
        }),
      })),
    };
  },
};
