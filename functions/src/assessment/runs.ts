// Monthly runs: starting (an assessor, or the 11th's schedule), resuming a run whose messages were
// lost, approving (publishing), listing. A run pins the month's rubric and cutoff; each office is one
// message on the scoring queue (through the bus), and the last scorer ranks (scorer.ts).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ASSESSMENT_AUDIT,
  canApproveAssessment,
  canAssess,
  conflict,
  forbidden,
  hiddenRecord,
  monthsEndingWith,
  notFound,
  RUN_STATUS_LABELS,
  runCutoff,
  scoredOffice,
  shanghaiMonth,
  validationError,
  type Actor,
  type AssessmentRun,
  type ScoredOffice,
} from '@sifasuo/domain';
import { assessmentEvents } from '@sifasuo/wiring/src/assessment';
import { dynamo } from '../shared/aws';
import { auditedWrite } from '../shared/audited';
import { busEntry, publishEvent, putOnBus } from '../shared/events';
import { chunksOf, forEachInParallel } from '../shared/parallel';
import { orgDirectory } from '../shared/org-directory';
import { requireActor } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import { assessmentTable, keys, runIdOf, scorePageOf, type RunHead } from './keys';
import { currentRubric } from './rubrics';
import { getRun, monthRuns, runHead, runTotals } from './runs-repository';

/** Who started a run the schedule started. */
export const SYSTEM_STARTER = 'system';

const runTargetOf = (r: Pick<AssessmentRun, 'month' | 'rubricVersion' | 'status'>) => ({ month: r.month, status: r.status, rubricVersion: r.rubricVersion });

/** Entries per PutEvents call (the API's limit), and calls in flight at once. */
const EVENTS_PER_CALL = 10;
const CALLS_AT_ONCE = 16;

/** Puts one OfficeScoringRequested per office on the bus: ten to a call, sixteen calls in flight. */
export const requestScoring = async (runId: string, offices: readonly ScoredOffice[]): Promise<void> =>
  forEachInParallel(chunksOf(offices, EVENTS_PER_CALL), CALLS_AT_ONCE, (part) =>
    putOnBus(part.map((office) => busEntry('assessment', assessmentEvents.OfficeScoringRequested, { runId, office }))),
  );

/**
 * Starts the month's next run, or resumes its latest while that is still running; either way one
 * RunStarted goes on the bus and the fan-out consumer (fanout.ts) asks the offices not yet scored —
 * not this request, which must answer within API Gateway's 29 s whatever the number of offices.
 * Two starts at once: one wins, the other is a 409.
 */
export const beginRun = async (ctx: RequestContext, month: string, trigger: AssessmentRun['trigger'], startedBy: string): Promise<{ runId: string }> => {
  const head = await runHead(month);
  const latest = head ? await getRun(runIdOf(month, head.latest)) : undefined;
  const runId = latest?.status === 'running' ? latest.runId : (await createRun(ctx, month, trigger, startedBy, head)).run.runId;
  await publishEvent('assessment', assessmentEvents.RunStarted, { runId });
  return { runId };
};

/**
 * A running run's offices without a score, each asked once more (all of them for a new run). When
 * every office is scored but the run was never finalised (its last scorer died), one more message for
 * a scored office makes a scorer find the run complete and finalise it. A closed run asks nothing.
 */
export const askUnscored = async (runId: string): Promise<number> => {
  const run = await getRun(runId);
  if (run?.status !== 'running') return 0;
  const [totals, records] = await Promise.all([runTotals(runId), orgDirectory.offices()]);
  const scored = new Set(totals.map((s) => s.officeId));
  const offices = records.map(scoredOffice);
  // In page order (keys.ts), so that a batch's scores go to few pages.
  const pageOf = new Map(offices.map((o) => [o.id, scorePageOf(o.id, run.total)]));
  const missing = offices.filter((o) => !scored.has(o.id)).sort((a, b) => pageOf.get(a.id)! - pageOf.get(b.id)!);
  await requestScoring(runId, missing.length ? missing : offices.slice(0, 1));
  return missing.length;
};

/** Writes the month's next run (pinned rubric and cutoff, one count per office) with its audit record; asks no office yet. */
export const createRun = async (
  ctx: RequestContext, month: string, trigger: AssessmentRun['trigger'], startedBy: string, head: RunHead | undefined,
): Promise<{ run: AssessmentRun; offices: ScoredOffice[] }> => {
  const year = Number(month.slice(0, 4));
  const rubric = await currentRubric(year);
  const offices = await orgDirectory.offices();
  const version = (head?.latest ?? 0) + 1;
  const run: AssessmentRun = {
    runId: runIdOf(month, version),
    month,
    version,
    status: 'running',
    done: 0,
    total: offices.length,
    rubricYear: year,
    rubricVersion: rubric.version,
    asOf: runCutoff(rubric, month).toISOString(),
    startedAt: ctx.now.toISOString(),
    startedBy,
    trigger,
  };
  const table = assessmentTable();
  await auditedWrite(ctx, {
    items: [
      { Put: { TableName: table, Item: { ...keys.run(month, version), entity: 'run', ...run }, ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Update: {
          TableName: table,
          Key: keys.runHead(month),
          UpdateExpression: 'SET latest = :v, entity = :e',
          ...(head
            ? { ConditionExpression: 'latest = :prev', ExpressionAttributeValues: { ':v': version, ':e': 'run-head', ':prev': head.latest } }
            : { ConditionExpression: 'attribute_not_exists(PK)', ExpressionAttributeValues: { ':v': version, ':e': 'run-head' } }),
        },
      },
    ],
    audit: { action: ASSESSMENT_AUDIT['run.start'], targetId: run.runId, after: runTargetOf(run), ...(startedBy === SYSTEM_STARTER ? { actorName: SYSTEM_STARTER } : {}) },
    onConditionFailed: () => conflict('该月份的评分已由他人启动，请刷新后查看'),
  });
  return { run, offices: offices.map(scoredOffice) };
};

/** POST /runs: an assessor starts (or resumes) a month that is over. */
export const startRun = async (ctx: RequestContext, month: string): Promise<{ runId: string }> => {
  const actor = requireActor(ctx);
  if (!canAssess(actor)) throw forbidden('只有业务股室和局领导可以启动月度评分');
  if (month >= shanghaiMonth(ctx.now)) throw validationError({ month: '只能对已结束的月份评分' });
  return beginRun(ctx, month, 'manual', actor.username);
};

/** Published: approved now, or approved once and corrected since (a superseded version stays readable). */
export const wasPublished = (run: AssessmentRun) => run.status === 'approved' || run.approvedAt !== undefined;

/** A run the caller may see: assessors any; others published ones only (the rest answer as missing). */
export const visibleRun = (actor: Actor, run: AssessmentRun | undefined, mayDraft = canAssess(actor)): AssessmentRun => {
  if (!run) throw notFound('评分批次');
  if (!mayDraft && !wasPublished(run)) throw hiddenRecord('评分批次', `评分批次 ${run.runId} 尚未发布`);
  return run;
};

export const readRun = async (ctx: RequestContext, runId: string): Promise<AssessmentRun> => visibleRun(requireActor(ctx), await getRun(runId));

/** A year's runs (every version), newest month first and, within a month, newest version first. */
export const listRuns = async (ctx: RequestContext, year?: number): Promise<AssessmentRun[]> => {
  const actor = requireActor(ctx);
  const y = year ?? Number(shanghaiMonth(ctx.now).slice(0, 4));
  const months = monthsEndingWith(`${y}-12`).reverse();
  const perMonth = await Promise.all(months.map((m) => monthRuns(m)));
  return perMonth
    .flatMap((runs) => [...runs].reverse())
    .filter((r) => canAssess(actor) || wasPublished(r));
};

/** The leader publishes a scored run; the month's earlier published version becomes superseded. */
export const approveRun = async (ctx: RequestContext, runId: string): Promise<AssessmentRun> => {
  const actor = requireActor(ctx);
  if (!canApproveAssessment(actor)) throw forbidden('只有局领导可以审批发布月度评分');
  const run = await getRun(runId);
  if (!run) throw notFound('评分批次');
  if (run.status !== 'scored') throw conflict(`该评分批次当前状态为“${RUN_STATUS_LABELS[run.status]}”，只有待审批的批次可以发布`);
  const head = await runHead(run.month);
  const previous = head?.approved !== undefined && head.approved !== run.version ? head.approved : undefined;
  const approved: AssessmentRun = { ...run, status: 'approved', approvedAt: ctx.now.toISOString(), approvedBy: actor.username, approvedByName: actor.displayName };
  const table = assessmentTable();
  const stale = () => conflict('该评分批次的状态已变化，请刷新后重试');
  await auditedWrite(ctx, {
    items: [
      {
        Update: {
          TableName: table,
          Key: keys.run(run.month, run.version),
          UpdateExpression: 'SET #s = :approved, approvedAt = :at, approvedBy = :by, approvedByName = :name',
          ConditionExpression: '#s = :scored',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':approved': 'approved', ':scored': 'scored', ':at': approved.approvedAt, ':by': approved.approvedBy, ':name': approved.approvedByName },
        },
      },
      {
        Update: {
          TableName: table,
          Key: keys.runHead(run.month),
          UpdateExpression: 'SET approved = :v',
          ConditionExpression: previous === undefined ? 'attribute_exists(PK) AND attribute_not_exists(approved)' : 'approved = :prev',
          ExpressionAttributeValues: { ':v': run.version, ...(previous === undefined ? {} : { ':prev': previous }) },
        },
      },
      ...(previous === undefined
        ? []
        : [
            {
              Update: {
                TableName: table,
                Key: keys.run(run.month, previous),
                UpdateExpression: 'SET #s = :superseded, supersededBy = :by',
                ConditionExpression: '#s = :approved',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':superseded': 'superseded', ':approved': 'approved', ':by': run.runId },
              },
            },
          ]),
    ],
    audit: {
      action: ASSESSMENT_AUDIT['run.approve'],
      targetId: run.runId,
      before: runTargetOf(run),
      after: runTargetOf(approved),
    },
    onConditionFailed: stale,
  });
  return approved;
};

/** Marks an older scored-but-unpublished run superseded by a newer scored one (no-op when it moved on). */
export const supersedeDraft = async (older: AssessmentRun, by: string): Promise<void> => {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: assessmentTable(),
        Key: keys.run(older.month, older.version),
        UpdateExpression: 'SET #s = :superseded, supersededBy = :by',
        ConditionExpression: '#s = :scored',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':superseded': 'superseded', ':scored': 'scored', ':by': by },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
};
