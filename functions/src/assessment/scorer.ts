// The scoring queue's consumer: one message per office of a run, handled a batch at a time; its scores
// are written exactly once by score-writes.ts. The scorer that finds the counter complete ranks the run,
// writes the summary and marks it scored — safe to repeat, and a second finaliser loses harmlessly on the
// status condition.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rankScores, runSummary, scoreOffice, scoredOffice, type Adjustment, type AssessmentRun, type Office, type OfficeScore } from '@sifasuo/domain';
import { assessmentEvents } from '@sifasuo/wiring/src/assessment';
import { dynamo } from '../shared/aws';
import { sqsBatchConsumer } from '../shared/consumers';
import { envelopeDetail } from '../shared/events';
import { forEachInParallel } from '../shared/parallel';
import { orgDirectory } from '../shared/org-directory';
import { activeAdjustments } from './adjustments-repository';
import { assessmentTable, keys, ranksItems } from './keys';
import { effectiveFacts } from './ledger-repository';
import { pinnedRubric } from './rubrics';
import { supersedeDraft } from './runs';
import { getRun, monthRuns, runTotals } from './runs-repository';
import { saveScores, type Outcome } from './score-writes';

/**
 * Scores to a write while the batch's reads go on: a transaction has a cost of its own besides its
 * items', so a batch's offices go in as few as the overlap allows, in equal parts.
 */
const SCORES_PER_WRITE = 100;
const scoresPerWrite = (offices: number) => Math.ceil(offices / Math.ceil(offices / SCORES_PER_WRITE));

/**
 * What a run reads once for all its offices, per container: the offices, and the month's adjustments
 * (fixed while the run is running: deductions are refused then). The run itself is read fresh for
 * every message — its status decides — and the rubric is cached by version (it never changes).
 */
const perRun = new Map<string, { offices: Promise<Map<string, Office>>; adjustments: Promise<Map<string, Adjustment[]>> }>();
const runInputs = (run: AssessmentRun) => {
  let inputs = perRun.get(run.runId);
  if (!inputs) {
    if (perRun.size >= 20) perRun.delete(perRun.keys().next().value!);
    inputs = {
      offices: orgDirectory.officesById(),
      adjustments: activeAdjustments(run.month),
    };
    // A failed read is not kept: the next message reads again.
    inputs.offices.catch(() => perRun.delete(run.runId));
    inputs.adjustments.catch(() => perRun.delete(run.runId));
    perRun.set(run.runId, inputs);
  }
  return inputs;
};

/** Offices whose facts a batch reads at once (the bench measures the raw queries at the same). */
export const FACT_READS_AT_ONCE = 10;

/** Some offices of one run: each scored unless it was scored already; the run must still be running. */
export const scoreRunOffices = async (runId: string, officeIds: readonly string[]): Promise<Map<string, Outcome>> => {
  const run = await getRun(runId);
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running') return new Map(officeIds.map((id) => [id, 'run-closed']));
  const inputs = runInputs(run);
  const [rubric, offices, adjustments] = await Promise.all([pinnedRubric(run.rubricYear, run.rubricVersion), inputs.offices, inputs.adjustments]);
  // Reads FACT_READS_AT_ONCE at a time; each part's scores go to a transaction as soon as they are
  // ready, while the reads go on (one transaction at a time: they all count on the run item).
  const unique = [...new Set(officeIds)];
  const part = scoresPerWrite(unique.length);
  const outcomes = new Map<string, Outcome>();
  const ready: OfficeScore[] = [];
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: { error: unknown } | undefined;
  const write = () => {
    const scores = ready.splice(0);
    writing = writing.then(async () => {
      if (writeFailure) return;
      try {
        for (const [officeId, outcome] of await saveScores(run, scores)) outcomes.set(officeId, outcome);
      } catch (error) {
        writeFailure = { error };
      }
    });
  };
  try {
    await forEachInParallel(unique, FACT_READS_AT_ONCE, async (officeId) => {
      const office = offices.get(officeId);
      if (!office) throw new Error(`office ${officeId} not found`);
      ready.push(scoreOffice({
        rubric,
        runId,
        month: run.month,
        office: scoredOffice(office),
        facts: await effectiveFacts(officeId, run.month),
        adjustments: adjustments.get(officeId) ?? [],
        asOf: new Date(run.asOf),
      }));
      if (ready.length >= part) write();
    });
    if (ready.length) write();
  } finally {
    // Never return with a write in flight: a failed read fails the batch once its writes have ended.
    await writing;
  }
  if (writeFailure) throw writeFailure.error;
  return outcomes;
};

/** One office of a run (a batch of one). */
export const scoreRunOffice = async (runId: string, officeId: string): Promise<Outcome> =>
  (await scoreRunOffices(runId, [officeId])).get(officeId)!;

/**
 * When every office is scored: ranks, summary, status scored; an older scored-but-unpublished run of
 * the month becomes superseded. Every step may be repeated (a retry, a second finaliser) with the same result.
 */
export const finaliseIfComplete = async (runId: string, now: Date): Promise<boolean> => {
  const run = await getRun(runId);
  if (!run || run.status !== 'running' || run.done < run.total) return false;
  const ranked = rankScores(await runTotals(runId));
  const table = assessmentTable();
  // Ranks first (the same items however often written), the status last, so a scored run is ranked.
  await Promise.all(ranksItems(runId, ranked).map((Item) => dynamo().send(new PutCommand({ TableName: table, Item }))));
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.run(run.month, run.version),
        UpdateExpression: 'SET #s = :scored, summary = :summary, scoredAt = :at',
        ConditionExpression: '#s = :running AND done = :total',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':scored': 'scored', ':running': 'running', ':total': run.total, ':summary': runSummary(ranked), ':at': now.toISOString() },
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
  for (const older of await monthRuns(run.month)) {
    if (older.version < run.version && older.status === 'scored') await supersedeDraft(older, run.runId);
  }
  return true;
};

const readMessage = (envelope: unknown) => assessmentEvents.OfficeScoringRequested.detail.parse(envelopeDetail(envelope));

export const handler = sqsBatchConsumer('assessment', readMessage, async (messages, { logger }) => {
  const failed = new Set<string>();
  const byRun = new Map<string, typeof messages[number][]>();
  for (const m of messages) byRun.set(m.body.runId, [...(byRun.get(m.body.runId) ?? []), m]);
  for (const [runId, ofRun] of byRun) {
    try {
      const outcomes = await scoreRunOffices(runId, ofRun.map((m) => m.body.officeId));
      const closed = [...outcomes.values()].every((o) => o === 'run-closed');
      if (closed) logger.info('nothing to score: the run is closed', { runId });
      // Also after 'already-scored': the delivery that wrote the last score may have died before finalising.
      else if (await finaliseIfComplete(runId, new Date())) logger.info('run scored', { runId });
    } catch (e) {
      logger.error('run batch failed', { error: e as Error, runId });
      for (const m of ofRun) failed.add(m.messageId);
    }
  }
  return failed;
});
