// The scoring queue's consumer: one message per office of a run, handled a batch at a time; its scores
// are written exactly once by score-writes.ts. The scorer that finds the counter complete ranks the run,
// writes the summary and marks it scored — safe to repeat, and a second finaliser loses harmlessly on the
// status condition.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rankScores, runSummary, scoreOffice, type Adjustment, type AssessmentRun, type OfficeScore, type ScoredOffice } from '@sifasuo/domain';
import { assessmentEvents } from '@sifasuo/wiring/src/assessment';
import { dynamo } from '../shared/aws';
import { sqsBatchConsumer } from '../shared/consumers';
import { envelopeDetail } from '../shared/events';
import { forEachInParallel } from '../shared/parallel';
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
 * What a run reads once for all its offices, per container: the month's adjustments (fixed while the
 * run is running: deductions are refused then). The run itself is read fresh for every message — its
 * status decides — the rubric is cached by version (it never changes), and each message carries its
 * office as the fan-out read it.
 */
const perRun = new Map<string, Promise<Map<string, Adjustment[]>>>();
const runAdjustments = (run: AssessmentRun) => {
  let adjustments = perRun.get(run.runId);
  if (!adjustments) {
    if (perRun.size >= 20) perRun.delete(perRun.keys().next().value!);
    adjustments = activeAdjustments(run.month);
    // A failed read is not kept: the next message reads again.
    adjustments.catch(() => perRun.delete(run.runId));
    perRun.set(run.runId, adjustments);
  }
  return adjustments;
};

/** Offices whose facts a batch reads at once (the bench measures the raw queries at the same). */
export const FACT_READS_AT_ONCE = 10;

/** Some offices of one run: each scored unless it was scored already; the run must still be running. */
export const scoreRunOffices = async (runId: string, offices: readonly ScoredOffice[]): Promise<Map<string, Outcome>> => {
  const run = await getRun(runId);
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running') return new Map(offices.map((o) => [o.id, 'run-closed']));
  const [rubric, adjustments] = await Promise.all([pinnedRubric(run.rubricYear, run.rubricVersion), runAdjustments(run)]);
  // Reads FACT_READS_AT_ONCE at a time; each part's scores go to a transaction as soon as they are
  // ready, while the reads go on (one transaction at a time: they all count on the run item).
  // A batch may hold an office twice (a redelivery beside its first delivery): scored once.
  const unique = [...new Map(offices.map((o) => [o.id, o])).values()];
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
    await forEachInParallel(unique, FACT_READS_AT_ONCE, async (office) => {
      ready.push(scoreOffice({
        rubric,
        runId,
        month: run.month,
        office,
        facts: await effectiveFacts(office.id, run.month),
        adjustments: adjustments.get(office.id) ?? [],
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
export const scoreRunOffice = async (runId: string, office: ScoredOffice): Promise<Outcome> =>
  (await scoreRunOffices(runId, [office])).get(office.id)!;

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
      const outcomes = await scoreRunOffices(runId, ofRun.map((m) => m.body.office));
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
