// The daily sweep of assigned tasks (00:20 Asia/Shanghai): every office's part still open after its
// deadline day is marked overdue once (on the part and on its OPEN marker, which the next sweeps skip) — `overdueAt` set under a condition, with the
// registers.task.overdue fact and an audit record in the same transaction — so a sweep run twice (or
// two at once) publishes one fact per assignment.
import { isDomainError, REGISTERS_AUDIT, shanghaiDay, staleVersion, taskOverdueFact, type TaskAssignment } from '@sifasuo/domain';
import { scheduledJob } from '../shared/consumers';
import type { RequestContext } from '../shared/request-context';
import { assignmentTarget } from './tasks';
import { facts, items, workflowRepository as repo, write } from './workflow-repository';

const SWEEPER = 'registers-overdue';

/** Marks the parts due before today (Shanghai, at `now`) that are neither done nor marked yet; answers how many it marked. */
export const sweepOverdueTasks = async (now: Date): Promise<number> => {
  const ctx: RequestContext = { requestId: `${SWEEPER}-${now.toISOString()}`, now };
  let marked = 0;
  for (const open of await repo.openTasksDueBefore(shanghaiDay(now))) {
    // Marked by an earlier sweep (the marker carries it): nothing to read.
    if (open.overdueAt) continue;
    const before = await repo.getAssignment(open.taskId, open.officeId);
    if (!before || before.completedAt || before.overdueAt) continue;
    const after: TaskAssignment = { ...before, state: 'overdue', overdueAt: now.toISOString(), version: before.version + 1 };
    try {
      await repo.transact(
        ctx,
        // The version read: a completion or another sweep in between changes it, and this write is refused.
        // The marker stays (the part is still open) and remembers the mark.
        [write.putIfVersion(items.assignment(after), before.version), write.put(items.openTask(after))],
        { action: REGISTERS_AUDIT['task.overdue'], targetId: assignmentTarget(before.taskId, before.officeId), before, after, actorName: SWEEPER },
        facts({ facts: [taskOverdueFact(after, now)] }), staleVersion,
      );
      marked += 1;
    } catch (e) {
      // Completed or marked by someone else meanwhile: nothing to publish.
      if (isDomainError(e) && e.code === 'CONFLICT') continue;
      throw e;
    }
  }
  return marked;
};

export const handler = scheduledJob('registers', async (now, { logger }) => {
  const overdue = await sweepOverdueTasks(now);
  logger.info('overdue tasks marked', { overdue });
  return { overdue };
});
