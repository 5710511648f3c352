// Rubrics: versioned by year. A year without a stored version uses the default (DOMAIN §5) as
// version 0; a save writes the new version and moves the head under a condition (a stale save: 409),
// with its audit record, in one transaction.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  ASSESSMENT_AUDIT,
  canEditRubric,
  conflict,
  defaultRubric,
  forbidden,
  notFound,
  rubricProblems,
  validationError,
  type Rubric,
  type RubricInput,
  type RubricVersions,
} from '@sifasuo/domain';
import { dynamo } from '../shared/aws';
import { auditedWrite } from '../shared/audited';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { requireActor } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import { assessmentTable, keys } from './keys';

interface RubricHeadItem {
  version: number;
}

const rubricHead = async (year: number): Promise<number> => {
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.rubricHead(year), ConsistentRead: true }));
  return r.Item ? withoutKeys<RubricHeadItem>(r.Item).version : 0;
};

const storedRubric = async (year: number, version: number): Promise<Rubric | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.rubric(year, version) }));
  return r.Item ? withoutKeys<Rubric>(r.Item) : undefined;
};

/**
 * A year's rubric: the given version, or the current one (the default, version 0, while none is
 * stored). Undefined when the version asked for does not exist.
 */
export const rubricOf = async (year: number, version?: number): Promise<Rubric | undefined> => {
  const wanted = version ?? (await rubricHead(year));
  return wanted === 0 ? defaultRubric(year) : storedRubric(year, wanted);
};

/** The year's current rubric (the default, version 0, while none is stored). */
export const currentRubric = async (year: number): Promise<Rubric> => {
  const rubric = await rubricOf(year);
  if (!rubric) throw new Error(`the current rubric of ${year} is missing`);
  return rubric;
};

/** Stored versions never change: the scorer caches them by year and version. */
const cache = new Map<string, Rubric>();
export const pinnedRubric = async (year: number, version: number): Promise<Rubric> => {
  const key = `${year}/${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rubric = await rubricOf(year, version);
  if (!rubric) throw new Error(`rubric ${key} not found`);
  cache.set(key, rubric);
  return rubric;
};

export const rubricVersions = async (year: number, version?: number): Promise<RubricVersions> => {
  const current = await rubricOf(year, version);
  if (!current) throw notFound('评分细则版本');
  const stored = await queryAll(
    { table: assessmentTable(), partition: { name: 'PK', value: keys.rubricVersions(year).PK }, sortKey: { name: 'SK', beginsWith: keys.rubricVersions(year).SKPrefix } },
    (i) => withoutKeys<Rubric>(i),
  );
  const base = defaultRubric(year);
  return {
    current,
    versions: [
      { version: 0, note: base.note },
      ...stored.map((r) => ({ version: r.version, note: r.note, savedAt: r.savedAt, savedBy: r.savedBy })),
    ],
  };
};

export const saveRubric = async (ctx: RequestContext, year: number, input: RubricInput): Promise<Rubric> => {
  const actor = requireActor(ctx);
  if (!canEditRubric(actor)) throw forbidden('只有县局管理员可以修订评分细则');
  const { version: expected, note, ...body } = input;
  const problems = rubricProblems(body);
  if (Object.keys(problems).length) throw validationError(problems);
  const current = await rubricHead(year);
  if (current !== expected) throw conflict('评分细则已被他人修订，请刷新后重试');
  const version = current + 1;
  const rubric: Rubric = { ...body, year, version, note, savedAt: ctx.now.toISOString(), savedBy: actor.username };
  await auditedWrite(ctx, {
    items: [
      { Put: { TableName: assessmentTable(), Item: { ...keys.rubric(year, version), entity: 'rubric', ...rubric }, ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Put: {
          TableName: assessmentTable(),
          Item: { ...keys.rubricHead(year), entity: 'rubric-head', version },
          ...(current === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': current } }),
        },
      },
    ],
    audit: { action: ASSESSMENT_AUDIT['rubric.save'], targetId: `${year}-v${version}`, after: { year, note, version } },
    onConditionFailed: () => conflict('评分细则已被他人修订，请刷新后重试'),
  });
  return rubric;
};
