// Reading runs and their scores (the runs, scores, documents, funding and radar parts share these).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { scoreTotalOf, type ScoreTotal } from '@sifasuo/domain';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { assessmentTable, keys, parseRunId, scoreAttribute, scorePageOf, storedScores, storedTotals, type RanksItem, type RunHead, type RunItem, type ScoreItem } from './keys';

/** A run by id; undefined when the id is malformed or unknown. Always a consistent read (status and counter move). */
export const getRun = async (runId: string): Promise<RunItem | undefined> => {
  const id = parseRunId(runId);
  if (!id) return undefined;
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.run(id.month, id.version), ConsistentRead: true }));
  return r.Item ? withoutKeys<RunItem>(r.Item) : undefined;
};

/** The month's head: its latest version and the approved one (undefined: never run). */
export const runHead = async (month: string): Promise<RunHead | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.runHead(month), ConsistentRead: true }));
  return r.Item ? withoutKeys<RunHead>(r.Item) : undefined;
};

/** The month's approved (published) run, if any. */
export const approvedRun = async (month: string): Promise<RunItem | undefined> => {
  const head = await runHead(month);
  return head?.approved ? getRun(`${month}-v${head.approved}`) : undefined;
};

/** The month's latest run, whatever its status. */
export const latestRun = async (month: string): Promise<RunItem | undefined> => {
  const head = await runHead(month);
  return head ? getRun(`${month}-v${head.latest}`) : undefined;
};

/** Every version of a month's runs, oldest first. */
export const monthRuns = (month: string): Promise<RunItem[]> =>
  queryAll(
    { table: assessmentTable(), partition: { name: 'PK', value: keys.runs(month).PK }, sortKey: { name: 'SK', beginsWith: keys.runs(month).SKPrefix } },
    (i) => withoutKeys<RunItem>(i),
  );

/** A ranked run's ranks by office (empty until the run is scored). */
const runRanks = async (runId: string): Promise<Map<string, number>> => {
  const items = await queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.ranks(runId).PK } }, (i) => withoutKeys<RanksItem>(i));
  return new Map(items.flatMap((i) => Object.entries(i.ranks)));
};

/** Every office's score of a run, unranked, in office id order. */
const storedRunScores = async (runId: string): Promise<ScoreItem[]> =>
  (await queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.scores(runId).PK } }, storedScores))
    .flat()
    .sort((a, b) => (a.officeId < b.officeId ? -1 : a.officeId > b.officeId ? 1 : 0));

/** Every office's score of a run with its rank, in office id order (unranked until the run is scored). */
export const runScores = async (runId: string): Promise<ScoreItem[]> => {
  const [scores, ranks] = await Promise.all([storedRunScores(runId), runRanks(runId)]);
  return scores.map((s) => {
    const rank = ranks.get(s.officeId);
    return rank === undefined ? s : { ...s, rank };
  });
};

/**
 * What ranking needs of each score of a run, from its totals pages; without any (a run stored before
 * them, or one not yet scored at all), from its scores.
 */
export const runTotals = async (runId: string): Promise<ScoreTotal[]> => {
  const totals = (await queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.totals(runId).PK } }, storedTotals)).flat();
  return totals.length ? totals : (await storedRunScores(runId)).map(scoreTotalOf);
};

/** One office's score of a run, without its rank (the drill-down wants a line). */
export const officeScore = async (run: Pick<RunItem, 'runId' | 'total'>, officeId: string): Promise<ScoreItem | undefined> => {
  const attribute = scoreAttribute(officeId);
  const page = await dynamo().send(new GetCommand({
    TableName: assessmentTable(),
    Key: keys.scorePage(run.runId, scorePageOf(officeId, run.total)),
    ProjectionExpression: 'SK, #score',
    ExpressionAttributeNames: { '#score': attribute },
  }));
  if (page.Item?.[attribute]) return storedScores(page.Item)[0];
  // A run stored before pages.
  const single = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.score(run.runId, officeId) }));
  return single.Item ? storedScores(single.Item)[0] : undefined;
};
