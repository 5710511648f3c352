// The 11th's 02:00 (Shanghai) schedule: scores last month unless it has a run already (an assessor
// started one, or this job ran before) — so a repeated firing starts nothing twice.
import { monthToAssess } from '@sifasuo/domain';
import { scheduledJob } from '../shared/consumers';
import type { RequestContext } from '../shared/request-context';
import { beginRun, SYSTEM_STARTER } from './runs';
import { runHead } from './runs-repository';

/** Starts the scheduled run of the month before `now`'s; answers its id, or undefined when the month has a run. */
export const startScheduledRun = async (now: Date): Promise<string | undefined> => {
  const month = monthToAssess(now);
  if (await runHead(month)) return undefined;
  const ctx: RequestContext = { requestId: `assessment-monthly-${now.toISOString()}`, now };
  return (await beginRun(ctx, month, 'schedule', SYSTEM_STARTER)).runId;
};

export const handler = scheduledJob('assessment', async (now, { logger }) => {
  const runId = await startScheduledRun(now);
  logger.info(runId ? 'monthly run started' : 'month already has a run', { runId });
  return { runId };
});
