// EventBridge Scheduler, locally: croner runs each wiring schedule in its time zone and invokes the
// function with a Scheduler-shaped event. `run(id)` triggers one now (tests, `/__local/schedules`).
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduledEvent } from 'aws-lambda';
import { resourceName, unixCron, type ScheduleDecl } from '@sifasuo/wiring';
import { ACCOUNT, REGION, STAGE } from './config';
import type { LambdaRuntime } from './lambda';
import { log } from './util';

export interface CronHandle {
  /** Invokes the schedule's function now; `at` overrides the event's `time` (default: now). */
  run(id: string, at?: Date): Promise<unknown>;
  has(id: string): boolean;
  next(id: string): Date | null;
  stop(): void;
}

export function scheduledEvent(s: ScheduleDecl, at = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: ACCOUNT,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/${resourceName(STAGE, s.id)}`],
    detail: {},
  };
}

/** `onClock: false`: the jobs exist (their next run is known) but fire only through `run`. */
export function startCron(schedules: readonly ScheduleDecl[], runtime: LambdaRuntime, opts: { onClock: boolean } = { onClock: true }): CronHandle {
  const byId = new Map(schedules.map((s) => [s.id, s]));
  const run = async (id: string, at?: Date) => {
    const s = byId.get(id);
    if (!s) throw new Error(`no schedule ${id}`);
    return runtime.invoke(s.function, scheduledEvent(s, at));
  };
  const jobs = new Map<string, Cron>();
  for (const s of schedules) {
    runtime.fn(s.function); // fail fast on a wiring typo
    const job = new Cron(unixCron(s.cron), { timezone: s.timezone, protect: true, name: `sifasuo-${s.id}`, paused: !opts.onClock }, async () => {
      try {
        await run(s.id);
      } catch (err) {
        log(`schedule ${s.id} (${s.function}) failed: ${(err as Error)?.stack ?? err}`);
      }
    });
    jobs.set(s.id, job);
  }
  return {
    run,
    has: (id) => byId.has(id),
    next: (id) => jobs.get(id)?.nextRun() ?? null,
    stop() {
      for (const j of jobs.values()) j.stop();
    },
  };
}
