// The year-end performance funding (docs/domain.md §七): a draft from the year's approved monthly
// results, the annual on-site scores and bonuses (allocateFunding, pool or unit mode), the leader's
// approval (the year's earlier approved allocation is superseded), all audited with the change.
// An allocation's id is `<year>-<ulid>`, so the year (its partition) is known from the id alone (a bare
// ULID, as the demo seed stores, is looked for in the year it was made and the one before).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  allocateFunding,
  ASSESSMENT_AUDIT,
  canApproveAssessment,
  canDraftFunding,
  conflict,
  forbidden,
  fundingIdOf,
  monthsEndingWith,
  notFound,
  scoredOffice,
  shanghaiDay,
  validationError,
  type FundingAllocation,
} from '@sifasuo/domain';
import type { ParsedBody } from '@sifasuo/wiring';
import { decodeTime, ulid } from 'ulid';
import { auditedWrite, createAudited } from '../shared/audited';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { orgDirectory } from '../shared/org-directory';
import { requireActor } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import { assessmentTable, keys } from './keys';
import { approvedRun, runScores } from './runs-repository';

const FUNDING = '绩效经费分配方案';

/** Reads allocations: those who draft them (departments, the leader). */
const reader = (ctx: RequestContext) => {
  const actor = requireActor(ctx);
  if (!canDraftFunding(actor) && !canApproveAssessment(actor)) throw forbidden('无权查看绩效经费分配');
  return actor;
};

/** The year an id names: `<year>-<ulid>`; a bare ULID (made elsewhere) is looked for in its Shanghai year and the one before. */
const yearsOf = (id: string): number[] => {
  const m = /^(\d{4})-[0-9A-HJKMNP-TV-Z]{26}$/.exec(id);
  if (m) return [Number(m[1])];
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return [];
  try {
    const year = Number(shanghaiDay(new Date(decodeTime(id))).slice(0, 4));
    return [year, year - 1];
  } catch {
    return [];
  }
};

const load = async (id: string): Promise<FundingAllocation | undefined> => {
  for (const year of yearsOf(id)) {
    const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.funding(year, id) }));
    if (r.Item) return withoutKeys<FundingAllocation>(r.Item);
  }
  return undefined;
};

/**
 * The year's approved allocation, one item beside the allocations (no id begins with a letter: ids are
 * `<year>-<ulid>` or a ULID): approvals change it under a condition, so two approvals at once cannot
 * both leave an allocation approved.
 */
const approvedHead = (year: number) => ({ ...keys.fundings(year), SK: 'APPROVED' });
interface ApprovedHead {
  approvedId: string;
}

const ofYear = async (year: number) =>
  (await queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.fundings(year).PK }, newestFirst: true }, (i) => withoutKeys<FundingAllocation>(i)))
    .filter((a) => a.id !== undefined);

/** The year's approved monthly totals: officeId → month → total (months without an approved run are left out). */
const approvedTotals = async (year: number) => {
  const runs = (await Promise.all(monthsEndingWith(`${year}-12`).map(approvedRun))).filter((r) => r !== undefined);
  const monthly: Record<string, Record<string, number>> = {};
  await Promise.all(
    runs.map(async (run) => {
      for (const s of await runScores(run.runId)) (monthly[s.officeId] ??= {})[run.month] = s.total;
    }),
  );
  return { months: runs.map((r) => r.month).sort(), monthly };
};

const draft = async (ctx: RequestContext, input: ParsedBody<'POST /api/assessment/funding'>): Promise<FundingAllocation> => {
  const actor = requireActor(ctx);
  if (!canDraftFunding(actor)) throw forbidden('无权生成绩效经费分配草案');
  const offices = await orgDirectory.offices();
  const known = new Set(offices.map((o) => o.id));
  const unknown = Object.keys(input.annual).filter((id) => !known.has(id));
  if (unknown.length) throw validationError({ annual: `司法所 ${unknown.join('、')} 不存在` });
  const { months, monthly } = await approvedTotals(input.year);
  if (!months.length) throw validationError({ year: '该年度尚无已发布的月度考核结果' });
  const result = allocateFunding(input, offices.map(scoredOffice), monthly);
  const id = fundingIdOf(input.year, ulid(ctx.now.getTime()));
  const allocation: FundingAllocation = {
    id,
    year: input.year,
    mode: input.mode,
    ...(input.mode === 'pool' ? { poolFen: input.poolFen } : { unitFen: input.unitFen }),
    threshold: input.threshold,
    excellent: input.excellent,
    status: 'draft',
    items: result.items,
    totalFen: result.totalFen,
    months: result.months,
    createdAt: ctx.now.toISOString(),
    createdBy: actor.username,
    ...(input.note ? { note: input.note } : {}),
  };
  await createAudited(
    ctx,
    assessmentTable(),
    { ...keys.funding(input.year, id), entity: 'funding', ...allocation },
    { action: ASSESSMENT_AUDIT['funding.draft'], targetId: id, after: { year: allocation.year, mode: allocation.mode, status: allocation.status, totalFen: allocation.totalFen } },
    '分配方案编号重复，请重试',
  );
  return allocation;
};

const list = async (ctx: RequestContext, year: number) => {
  reader(ctx);
  return { items: await ofYear(year) };
};

const get = async (ctx: RequestContext, id: string) => {
  reader(ctx);
  const found = await load(id);
  if (!found) throw notFound(FUNDING);
  return found;
};

/** Sets fields of an allocation still in status `from` (else the transaction fails: a 409). */
const setStatus = (key: { PK: string; SK: string }, from: FundingAllocation['status'], values: Record<string, unknown>) => ({
  Update: {
    TableName: assessmentTable(),
    Key: key,
    UpdateExpression: `SET ${Object.keys(values).map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    ConditionExpression: '#status = :from',
    ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(Object.keys(values).map((k, i) => [`#f${i}`, k])) },
    ExpressionAttributeValues: { ':from': from, ...Object.fromEntries(Object.values(values).map((v, i) => [`:v${i}`, v])) },
  },
});

/** The leader approves a draft; the year's earlier approved allocation becomes superseded, in the same transaction. */
const approve = async (ctx: RequestContext, id: string, comment?: string): Promise<FundingAllocation> => {
  const actor = requireActor(ctx);
  if (!canApproveAssessment(actor)) throw forbidden('只有局领导可以审批绩效经费分配');
  const found = await load(id);
  if (!found) throw notFound(FUNDING);
  if (found.status !== 'draft') throw conflict('只有草案状态的分配方案可以审批');
  const [all, head] = await Promise.all([
    ofYear(found.year),
    dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: approvedHead(found.year), ConsistentRead: true })),
  ]);
  const previous = head.Item ? withoutKeys<ApprovedHead>(head.Item).approvedId : undefined;
  const earlier = all.filter((a) => a.status === 'approved' && a.id !== id);
  const approved: FundingAllocation = { ...found, status: 'approved', approvedAt: ctx.now.toISOString(), approvedBy: actor.username };
  await auditedWrite(ctx, {
    items: [
      setStatus(keys.funding(found.year, id), 'draft', { status: 'approved', approvedAt: approved.approvedAt, approvedBy: approved.approvedBy }),
      ...earlier.map((a) => setStatus(keys.funding(a.year, a.id), 'approved', { status: 'superseded' })),
      {
        Put: {
          TableName: assessmentTable(),
          Item: { ...approvedHead(found.year), entity: 'funding-head', approvedId: id },
          ...(previous
            ? { ConditionExpression: 'approvedId = :previous', ExpressionAttributeValues: { ':previous': previous } }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      },
    ],
    audit: {
      action: ASSESSMENT_AUDIT['funding.approve'],
      targetId: id,
      before: { status: found.status },
      after: { status: 'approved', ...(earlier.length ? { superseded: earlier.map((a) => a.id) } : {}) },
      ...(comment ? { reason: comment } : {}),
    },
    // Another approval or draft change got there first: read again.
    onConditionFailed: () => conflict('分配方案状态已变化，请刷新后重试'),
  });
  return approved;
};

export const funding = { draft, list, get, approve };
