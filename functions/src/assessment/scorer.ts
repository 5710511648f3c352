// The scoring queue's consumer: one office of a run per message. The score and the run's counter move
// together in one transaction, and the score is written only if absent, so a redelivered message
// scores nothing twice. The scorer that finds the counter complete ranks the run, writes the summary
// and marks it scored — safe to repeat, and a second finaliser loses harmlessly on the status condition.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rankScores, roundPoints, scoreOffice, type Adjustment, type AssessmentRun, type Office, type OfficeScore } from '@sifasuo/domain';
import { assessmentEvents } from '@sifasuo/wiring/src/assessment';
import { dynamo } from '../shared/aws';
import { sqsConsumer } from '../shared/consumers';
import { orgDirectory } from '../shared/org-directory';
import { monthAdjustments } from './adjustments-repository';
import { assessmentTable, keys } from './keys';
import { effectiveFacts } from './ledger-repository';
import { pinnedRubric } from './rubrics';
import { supersedeDraft } from './runs';
import { getRun, monthRuns, runScores } from './runs-repository';

type Outcome = 'scored' | 'already-scored' | 'run-closed';

/**
 * Every score's transaction also counts on the run item, so the offices of a batch (scored in
 * parallel) and other scorers collide there: DynamoDB cancels all but one with TransactionConflict.
 * Nothing was written, so it is tried again here after a short random pause rather than failing the
 * message (whose retry would wait out the queue's visibility timeout).
 */
const CONFLICT_ATTEMPTS = 12;
const saveScore = async (run: AssessmentRun, score: OfficeScore): Promise<Outcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await trySaveScore(run, score);
    } catch (e) {
      const conflicted = e instanceof TransactionCanceledException && (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
      if (!conflicted || attempt >= CONFLICT_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 40 * attempt));
    }
  }
};

/** Writes the score and counts it on the run, together; a second delivery (or a closed run) writes nothing. */
const trySaveScore = async (run: AssessmentRun, score: OfficeScore): Promise<Outcome> => {
  const table = assessmentTable();
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { ...keys.score(run.runId, score.officeId), entity: 'score', ...score }, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: table,
              Key: keys.run(run.month, run.version),
              UpdateExpression: 'ADD done :one',
              ConditionExpression: '#s = :running',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':one': 1, ':running': 'running' },
            },
          },
        ],
      }),
    );
    return 'scored';
  } catch (e) {
    if (e instanceof TransactionCanceledException) {
      const reasons = e.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'already-scored';
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'run-closed';
    }
    throw e;
  }
};

/**
 * What a run reads once for all its offices, per container: the offices, and the month's adjustments
 * (fixed while the run is running: deductions are refused then). The run itself is read fresh for
 * every message — its status decides — and the rubric is cached by version (it never changes).
 */
const perRun = new Map<string, { offices: Promise<Map<string, Office>>; adjustments: Promise<Adjustment[]> }>();
const runInputs = (run: AssessmentRun) => {
  let inputs = perRun.get(run.runId);
  if (!inputs) {
    if (perRun.size >= 20) perRun.delete(perRun.keys().next().value!);
    inputs = {
      offices: orgDirectory.offices().then((all) => new Map(all.map((o) => [o.id, o]))),
      adjustments: monthAdjustments(run.month).then((all) => all.filter((a) => a.status === 'active')),
    };
    // A failed read is not kept: the next message reads again.
    inputs.offices.catch(() => perRun.delete(run.runId));
    inputs.adjustments.catch(() => perRun.delete(run.runId));
    perRun.set(run.runId, inputs);
  }
  return inputs;
};

/** One office of a run: scores it unless it was scored already; the run must still be running. */
export const scoreRunOffice = async (runId: string, officeId: string): Promise<Outcome> => {
  const run = await getRun(runId);
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running') return 'run-closed';
  const inputs = runInputs(run);
  const [rubric, offices, facts, adjustments] = await Promise.all([
    pinnedRubric(run.rubricYear, run.rubricVersion),
    inputs.offices,
    effectiveFacts(officeId, run.month),
    inputs.adjustments,
  ]);
  const office = offices.get(officeId);
  if (!office) throw new Error(`office ${officeId} not found`);
  const score = scoreOffice({
    rubric,
    runId,
    month: run.month,
    office: { id: office.id, name: office.name, areaId: office.areaId, officeClass: office.officeClass },
    facts,
    adjustments: adjustments.filter((a) => a.officeId === officeId),
    asOf: new Date(run.asOf),
  });
  return saveScore(run, score);
};

const summaryOf = (scores: readonly OfficeScore[]): NonNullable<AssessmentRun['summary']> => {
  const totals = scores.map((s) => s.total);
  const flags = scores.flatMap((s) => s.flags);
  return {
    average: totals.length ? roundPoints(totals.reduce((a, b) => a + b, 0) / totals.length) : 0,
    highest: totals.length ? Math.max(...totals) : 0,
    lowest: totals.length ? Math.min(...totals) : 0,
    late: flags.filter((f) => f.state === 'late').length,
    missing: flags.filter((f) => f.state === 'missing').length,
  };
};

/**
 * When every office is scored: ranks, summary, status scored; an older scored-but-unpublished run of
 * the month becomes superseded. Every step may be repeated (a retry, a second finaliser) with the same result.
 */
const RANK_WRITES_AT_ONCE = 25;

export const finaliseIfComplete = async (runId: string, now: Date): Promise<boolean> => {
  const run = await getRun(runId);
  if (!run || run.status !== 'running' || run.done < run.total) return false;
  const ranked = rankScores(await runScores(runId));
  const table = assessmentTable();
  // Ranks first (each write idempotent), a few at a time; the status last, so a scored run is ranked.
  for (let i = 0; i < ranked.length; i += RANK_WRITES_AT_ONCE) {
    await Promise.all(
      ranked.slice(i, i + RANK_WRITES_AT_ONCE).map((s) =>
        dynamo().send(
          new UpdateCommand({ TableName: table, Key: keys.score(runId, s.officeId), UpdateExpression: 'SET #r = :r', ExpressionAttributeNames: { '#r': 'rank' }, ExpressionAttributeValues: { ':r': s.rank } }),
        ),
      ),
    );
  }
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.run(run.month, run.version),
        UpdateExpression: 'SET #s = :scored, summary = :summary, scoredAt = :at',
        ConditionExpression: '#s = :running AND done = :total',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':scored': 'scored', ':running': 'running', ':total': run.total, ':summary': summaryOf(ranked), ':at': now.toISOString() },
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

export const handler = sqsConsumer('assessment', async (envelope, _record, { logger }) => {
  const { runId, officeId } = assessmentEvents.OfficeScoringRequested.detail.parse((envelope as { detail?: unknown } | null)?.detail);
  const outcome = await scoreRunOffice(runId, officeId);
  if (outcome !== 'scored') logger.info('nothing to score', { runId, officeId, outcome });
  // Also after 'already-scored': the delivery that wrote the last score may have died before finalising.
  if (outcome !== 'run-closed' && (await finaliseIfComplete(runId, new Date()))) logger.info('run scored', { runId });
});
