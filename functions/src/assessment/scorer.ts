// The scoring queue's consumer: one office of a run per message. The score and the run's counter move
// together in one transaction, and the score is written only if absent, so a redelivered message
// scores nothing twice. The scorer that finds the counter complete ranks the run, writes the summary
// and marks it scored — safe to repeat, and a second finaliser loses harmlessly on the status condition.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rankScores, roundPoints, scoreOffice, type AssessmentRun, type OfficeScore } from '@sifasuo/domain';
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

/** One office of a run: scores it unless it was scored already; the run must still be running. */
export const scoreRunOffice = async (runId: string, officeId: string): Promise<Outcome> => {
  const run = await getRun(runId);
  if (!run) throw new Error(`run ${runId} not found`);
  if (run.status !== 'running') return 'run-closed';
  const [rubric, office, facts, adjustments] = await Promise.all([
    pinnedRubric(run.rubricYear, run.rubricVersion),
    orgDirectory.office(officeId),
    effectiveFacts(officeId, run.month),
    monthAdjustments(run.month, officeId),
  ]);
  if (!office) throw new Error(`office ${officeId} not found`);
  const score = scoreOffice({
    rubric,
    runId,
    month: run.month,
    office: { id: office.id, name: office.name, areaId: office.areaId, officeClass: office.officeClass },
    facts,
    adjustments: adjustments.filter((a) => a.status === 'active'),
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
export const finaliseIfComplete = async (runId: string, now: Date): Promise<boolean> => {
  const run = await getRun(runId);
  if (!run || run.status !== 'running' || run.done < run.total) return false;
  const ranked = rankScores(await runScores(runId));
  const table = assessmentTable();
  for (const s of ranked) {
    await dynamo().send(
      new UpdateCommand({ TableName: table, Key: keys.score(runId, s.officeId), UpdateExpression: 'SET #r = :r', ExpressionAttributeNames: { '#r': 'rank' }, ExpressionAttributeValues: { ':r': s.rank } }),
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
