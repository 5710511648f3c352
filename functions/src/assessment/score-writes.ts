// Writing a run's scores exactly once: into their pages (keys.ts), each office's attribute set only
// where it is absent, with the page's totals and the run's counter in the same transaction. A
// redelivered office is found on its page, left out and the rest written again.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AssessmentRun, OfficeScore } from '@sifasuo/domain';
import { dynamo } from '../shared/aws';
import { chunksOf } from '../shared/parallel';
import { assessmentTable, keys, pageAttributes, scoreAttribute, scoresByPage } from './keys';

export type Outcome = 'scored' | 'already-scored' | 'run-closed';

/**
 * Transactions on the run's counter from other scorers at the same moment are cancelled with
 * TransactionConflict; nothing was written, so the batch is tried again after a short random pause
 * rather than failing its messages (whose retry would wait out the queue's visibility timeout).
 */
const CONFLICT_ATTEMPTS = 12;

/** Offices to one page update: its condition and update expressions stay well below DynamoDB's 4 KB each. */
const OFFICES_PER_UPDATE = 60;
/** Page updates to a transaction, each page once: two items each (scores, totals) and the counter, at most 100. */
const UPDATES_PER_TRANSACTION = 49;
interface PageUpdate { page: number; scores: OfficeScore[] }

/** Scores by their page (a page's offices OFFICES_PER_UPDATE to an update), then into transactions that touch each page once. */
const transactionsOf = (run: AssessmentRun, scores: readonly OfficeScore[]): PageUpdate[][] => {
  const transactions: PageUpdate[][] = [];
  for (const [page, ofPage] of scoresByPage(scores, run.total)) {
    for (const part of chunksOf(ofPage, OFFICES_PER_UPDATE)) {
      const tx = transactions.find((t) => t.length < UPDATES_PER_TRANSACTION && !t.some((u) => u.page === page));
      if (tx) tx.push({ page, scores: part });
      else transactions.push([{ page, scores: part }]);
    }
  }
  return transactions;
};

/** `#s<n>` → the page attribute of the n-th office (the redelivery's read). */
const scoreNames = (scores: readonly OfficeScore[]) => Object.fromEntries(scores.map((s, i) => [`#s${i}`, scoreAttribute(s.officeId)]));

/**
 * One page's two updates (keys.ts `pageAttributes`): each office's score set where it is absent (else
 * the whole transaction is cancelled), then the same offices' totals on the page's totals item.
 */
const pageUpdates = (run: AssessmentRun, { page, scores }: PageUpdate) =>
  pageAttributes(run.runId, page, scores).map(({ key, entity, writeOnce, attributes }) => {
    const names = Object.keys(attributes);
    return {
      Update: {
        TableName: assessmentTable(),
        Key: key,
        UpdateExpression: `SET entity = :entity, ${names.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
        ...(writeOnce ? { ConditionExpression: names.map((_, i) => `attribute_not_exists(#s${i})`).join(' AND ') } : {}),
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#s${i}`, name])),
        ExpressionAttributeValues: { ':entity': entity, ...Object.fromEntries(names.map((name, i) => [`:s${i}`, attributes[name]])) },
      },
    };
  });

/** Which of an update's offices its page holds already. */
const scoredAlready = async (run: AssessmentRun, { page, scores }: PageUpdate): Promise<Set<string>> => {
  const r = await dynamo().send(new GetCommand({
    TableName: assessmentTable(),
    Key: keys.scorePage(run.runId, page),
    ProjectionExpression: scores.map((_, i) => `#s${i}`).join(', '),
    ExpressionAttributeNames: scoreNames(scores),
    ConsistentRead: true,
  }));
  return new Set(scores.filter((s) => r.Item?.[scoreAttribute(s.officeId)] !== undefined).map((s) => s.officeId));
};

/** The updates without the offices their failed pages hold already (recorded as already scored). */
const withoutScored = async (run: AssessmentRun, pending: PageUpdate[], failed: PageUpdate[], outcomes: Map<string, Outcome>): Promise<PageUpdate[]> => {
  const next: PageUpdate[] = [];
  for (const update of pending) {
    const scored = failed.includes(update) ? await scoredAlready(run, update) : new Set<string>();
    for (const id of scored) outcomes.set(id, 'already-scored');
    const rest = update.scores.filter((s) => !scored.has(s.officeId));
    if (rest.length) next.push({ page: update.page, scores: rest });
  }
  return next;
};

/**
 * Writes some page updates and counts their offices on the run, in one transaction; offices scored
 * already (a redelivery) are left out and the rest tried again. Records each office's outcome.
 */
const writePages = async (run: AssessmentRun, updates: PageUpdate[], outcomes: Map<string, Outcome>): Promise<void> => {
  let pending = updates;
  for (let attempt = 1; pending.length; attempt++) {
    const offices = pending.flatMap((u) => u.scores);
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            ...pending.flatMap((u) => pageUpdates(run, u)),
            {
              Update: {
                TableName: assessmentTable(),
                Key: keys.run(run.month, run.version),
                UpdateExpression: 'ADD done :n',
                ConditionExpression: '#s = :running',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':n': offices.length, ':running': 'running' },
              },
            },
          ],
        }),
      );
      for (const score of offices) outcomes.set(score.officeId, 'scored');
      return;
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const reasons = e.CancellationReasons ?? [];
      // Each page's scores at 2i, its totals at 2i + 1, the counter last.
      if (reasons[2 * pending.length]?.Code === 'ConditionalCheckFailed') {
        for (const score of offices) outcomes.set(score.officeId, 'run-closed');
        return;
      }
      const failed = pending.filter((_, i) => reasons[2 * i]?.Code === 'ConditionalCheckFailed');
      if (failed.length) {
        const next = await withoutScored(run, pending, failed, outcomes);
        // A condition failed on a page that holds none of these offices: not a redelivery, so not retried.
        if (next.reduce((n, u) => n + u.scores.length, 0) === offices.length) throw e;
        pending = next;
        continue;
      }
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= CONFLICT_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 40 * attempt));
    }
  }
};

/** Writes the scores not yet written, each counted once on the run. Answers each office's outcome. */
export const saveScores = async (run: AssessmentRun, scores: readonly OfficeScore[]): Promise<Map<string, Outcome>> => {
  const outcomes = new Map<string, Outcome>();
  for (const updates of transactionsOf(run, scores)) await writePages(run, updates, outcomes);
  return outcomes;
};
