// The reads the live month, the radar, the funding and the notice share: the year's current rubric, a
// month's approved run and its scores, an office's effective facts and adjustments of a month. Small
// keyed queries against keys.ts (the pipeline's repositories answer the same questions for the runs).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  defaultRubric,
  type Adjustment,
  type AssessmentRun,
  type Office,
  type OfficeScore,
  type Rubric,
  type ScorableFact,
  type ScoredOffice,
} from '@sifasuo/domain';
import { dynamo } from '../shared/aws';
import { queryAll, queryPage, withoutKeys } from '../shared/dynamo';
import { assessmentTable, factCounts, keys, type FactItem, type RunHead } from './keys';

const get = async <T>(key: { PK: string; SK: string }): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: key }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

/** The year's current rubric: its latest saved version (versions are never changed), else the default. */
export const currentRubric = async (year: number): Promise<Rubric> => {
  const { PK, SKPrefix } = keys.rubricVersions(year);
  const page = await queryPage(
    { table: assessmentTable(), partition: { name: 'PK', value: PK }, sortKey: { name: 'SK', beginsWith: SKPrefix }, limit: 1, newestFirst: true },
    (i) => withoutKeys<Rubric>(i),
  );
  return page.items[0] ?? defaultRubric(year);
};

export const getRun = (month: string, version: number) => get<AssessmentRun>(keys.run(month, version));

/** The month's approved (published) run, if any. */
export const approvedRun = async (month: string): Promise<AssessmentRun | undefined> => {
  const head = await get<RunHead>(keys.runHead(month));
  return head?.approved ? getRun(month, head.approved) : undefined;
};

/** Every office's score of a run. */
export const runScores = (runId: string): Promise<OfficeScore[]> =>
  queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.scores(runId).PK } }, (i) => withoutKeys<OfficeScore>(i));

/** The office's facts of the month that count (recorded, not retracted since). */
export const effectiveFacts = async (officeId: string, month: string): Promise<ScorableFact[]> => {
  const items = await queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.facts(officeId, month).PK } }, (i) => withoutKeys<FactItem>(i));
  return items.filter(factCounts).map((i) => i.fact);
};

/** The month's active adjustments (deductions and bonuses) of every office, by office. */
export const activeAdjustments = async (month: string): Promise<Map<string, Adjustment[]>> => {
  const items = await queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.adjustments(month).PK } }, (i) => withoutKeys<Adjustment>(i));
  const byOffice = new Map<string, Adjustment[]>();
  for (const a of items.filter((a) => a.status === 'active')) byOffice.set(a.officeId, [...(byOffice.get(a.officeId) ?? []), a]);
  return byOffice;
};

export const scoredOffice = (o: Office): ScoredOffice => ({ id: o.id, name: o.name, areaId: o.areaId, officeClass: o.officeClass });

/** `YYYY-MM` of the month before. */
export const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** The twelve months of a year. */
export const monthsOf = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
