// Scores of a run, the drill-down from a line to the ledger items it cites, and the departments'
// deductions and bonuses (they take effect when the month is scored again).
import {
  adjustmentIdOf,
  ASSESSMENT_AUDIT,
  BONUS_ITEM,
  canAssess,
  canReadOffice,
  canSeeDraftScores,
  conflict,
  deductibleSections,
  forbidden,
  hiddenRecord,
  notFound,
  readScope,
  validationError,
  type Actor,
  type Adjustment,
  type AdjustmentInput,
  type AssessmentRun,
  type Drilldown,
  type MonthScores,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { auditedWrite } from '../shared/audited';
import { orgDirectory } from '../shared/org-directory';
import { requireActor } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import { getAdjustment, monthAdjustments } from './adjustments-repository';
import { assessmentTable, keys, parseRunId, runIdOf, type RunHead } from './keys';
import { ledgerFacts } from './ledger-repository';
import { currentRubric } from './rubrics';
import { visibleRun } from './runs';
import { approvedRun, getRun, latestRun, officeScore, runHead, runScores } from './runs-repository';

const officeRef = (o: { officeId: string; areaId: string }) => ({ id: o.officeId, areaId: o.areaId });

/** The run a score query reads: the one named, else the month's published run, else (drafts) its latest. */
const runToRead = async (actor: Actor, month: string, runId?: string): Promise<AssessmentRun | undefined> => {
  const mayDraft = canSeeDraftScores(actor);
  if (runId) {
    const run = parseRunId(runId)?.month === month ? await getRun(runId) : undefined;
    return visibleRun(actor, run, mayDraft);
  }
  const published = await approvedRun(month);
  if (published) return published;
  return mayDraft ? latestRun(month) : undefined;
};

/** An office a filter names must be in the caller's scope (403); with no read scope at all, 403. */
const checkOfficeFilter = async (actor: Actor, officeId?: string): Promise<void> => {
  const scope = readScope(actor);
  if (scope.kind === 'none') throw forbidden();
  if (!officeId || scope.kind === 'all') return;
  const office = await orgDirectory.office(officeId);
  if (!office || !canReadOffice(actor, office)) throw forbidden('无权查看该司法所的数据');
};

export const monthScores = async (ctx: RequestContext, q: { month: string; runId?: string; officeId?: string }): Promise<MonthScores> => {
  const actor = requireActor(ctx);
  await checkOfficeFilter(actor, q.officeId);
  const run = await runToRead(actor, q.month, q.runId);
  if (!run) return { month: q.month, items: [] };
  const items = (await runScores(run.runId))
    .filter((s) => canReadOffice(actor, officeRef(s)) && (!q.officeId || s.officeId === q.officeId))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.officeId.localeCompare(b.officeId));
  return { month: q.month, run, items };
};

export const drilldown = async (ctx: RequestContext, q: { month: string; officeId: string; item: string; runId?: string }): Promise<Drilldown> => {
  const actor = requireActor(ctx);
  const office = await orgDirectory.office(q.officeId);
  if (!office) throw notFound('司法所');
  if (!canReadOffice(actor, office)) throw hiddenRecord('评分明细', `司法所 ${q.officeId} 超出数据范围`);
  const run = await runToRead(actor, q.month, q.runId);
  if (!run) throw notFound('评分批次');
  const score = await officeScore(run, q.officeId);
  const line = score?.lines.find((l) => l.item === q.item);
  if (!line) throw notFound('评分明细');
  return { line, facts: await ledgerFacts(q.officeId, q.month, line.factIds) };
};

// ---- Deductions and bonuses -------------------------------------------------------------------------

/** Assessors see every adjustment (withdrawn ones too); others their scope's active ones. */
export const listAdjustments = async (ctx: RequestContext, q: { month: string; officeId?: string }): Promise<Adjustment[]> => {
  const actor = requireActor(ctx);
  if (canAssess(actor)) return monthAdjustments(q.month, q.officeId);
  await checkOfficeFilter(actor, q.officeId);
  const all = await monthAdjustments(q.month, q.officeId);
  const offices = await orgDirectory.officesById();
  return all.filter((a) => {
    const office = offices.get(a.officeId);
    return a.status === 'active' && !!office && canReadOffice(actor, office);
  });
};

/**
 * Adjustments are open while the month's latest run is neither running nor published. The write is
 * conditioned on what was read (the head's latest version and that run's status), so a run started
 * or approved in between refuses it.
 */
const openMonth = async (month: string) => {
  const head = await runHead(month);
  const latest = head ? await getRun(runIdOf(month, head.latest)) : undefined;
  if (latest?.status === 'approved') throw conflict('本月考核结果已发布，更正须重新启动评分');
  if (latest?.status === 'running') throw conflict('本月正在评分，请在评分完成后再录入');
  return guardOf(month, head, latest);
};

const guardOf = (month: string, head: RunHead | undefined, latest: AssessmentRun | undefined) => {
  const table = assessmentTable();
  return [
    head
      ? { ConditionCheck: { TableName: table, Key: keys.runHead(month), ConditionExpression: 'latest = :l', ExpressionAttributeValues: { ':l': head.latest } } }
      : { ConditionCheck: { TableName: table, Key: keys.runHead(month), ConditionExpression: 'attribute_not_exists(PK)' } },
    ...(latest
      ? [{
          ConditionCheck: {
            TableName: table, Key: keys.run(month, latest.version), ConditionExpression: '#s = :s',
            ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': latest.status },
          },
        }]
      : []),
  ];
};
const MONTH_MOVED = () => conflict('本月评分状态已变化，请刷新后重试');

const adjustmentTarget = (a: Pick<Adjustment, 'month' | 'officeId' | 'item' | 'points' | 'reason' | 'evidence'>) =>
  ({ month: a.month, officeId: a.officeId, item: a.item, points: a.points, reason: a.reason, evidence: a.evidence });

export const addAdjustment = async (ctx: RequestContext, input: AdjustmentInput): Promise<Adjustment> => {
  const actor = requireActor(ctx);
  if (!canAssess(actor)) throw forbidden('只有业务股室和局领导可以录入扣分或加分');
  const rubric = await currentRubric(Number(input.month.slice(0, 4)));
  let kind: Adjustment['kind'];
  let section: Adjustment['section'];
  if (input.item === BONUS_ITEM) {
    kind = 'bonus';
    if (input.preset !== undefined) {
      const preset = rubric.bonus.presets.find((p) => p.id === input.preset);
      if (!preset) throw validationError({ preset: '加分事由不存在' });
      if (preset.points !== input.points) throw validationError({ points: `该加分事由为${preset.points}分` });
    }
  } else {
    kind = 'deduction';
    const item = rubric.items.find((i) => i.id === input.item);
    if (!item) throw validationError({ item: '评分细则中没有该评分项' });
    if (!deductibleSections(actor, rubric.sections).includes(item.section)) throw forbidden('只能在本股室负责的考核大项中扣分');
    if (input.points > item.points) throw validationError({ points: `扣分不能超过该项分值${item.points}分` });
    section = item.section;
  }
  const office = await orgDirectory.office(input.officeId);
  if (!office) throw notFound('司法所');
  const guard = await openMonth(input.month);
  const { preset, ...rest } = input;
  const adjustment: Adjustment = {
    ...rest,
    ...(preset !== undefined && kind === 'bonus' ? { preset } : {}),
    id: adjustmentIdOf(input.month, input.officeId, ulid(ctx.now.getTime())),
    kind,
    ...(section ? { section } : {}),
    status: 'active',
    by: actor.username,
    byName: actor.displayName,
    ...(actor.departmentId ? { departmentId: actor.departmentId } : {}),
    at: ctx.now.toISOString(),
  };
  await auditedWrite(ctx, {
    items: [
      { Put: { TableName: assessmentTable(), Item: { ...keys.adjustment(adjustment), entity: 'adjustment', ...adjustment }, ConditionExpression: 'attribute_not_exists(PK)' } },
      ...guard,
    ],
    audit: { action: ASSESSMENT_AUDIT['adjustment.add'], targetId: adjustment.id, after: adjustmentTarget(adjustment) },
    onConditionFailed: MONTH_MOVED,
  });
  return adjustment;
};

export const withdrawAdjustment = async (ctx: RequestContext, id: string, reason: string): Promise<Adjustment> => {
  const actor = requireActor(ctx);
  if (!canAssess(actor)) throw forbidden('只有业务股室和局领导可以撤销扣分或加分');
  const before = await getAdjustment(id);
  if (!before) throw notFound('扣分/加分记录');
  if (before.kind === 'deduction') {
    const rubric = await currentRubric(Number(before.month.slice(0, 4)));
    if (!before.section || !deductibleSections(actor, rubric.sections).includes(before.section)) {
      throw forbidden('只能撤销本股室负责的考核大项中的扣分');
    }
  }
  if (before.status !== 'active') throw conflict('该记录已撤销');
  const guard = await openMonth(before.month);
  const after: Adjustment = { ...before, status: 'withdrawn', withdrawnAt: ctx.now.toISOString(), withdrawnBy: actor.username, withdrawReason: reason };
  await auditedWrite(ctx, {
    items: [
      {
        Update: {
          TableName: assessmentTable(),
          Key: keys.adjustment(before),
          UpdateExpression: 'SET #s = :withdrawn, withdrawnAt = :at, withdrawnBy = :by, withdrawReason = :reason',
          ConditionExpression: '#s = :active',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':active': 'active', ':at': after.withdrawnAt, ':by': after.withdrawnBy, ':reason': reason },
        },
      },
      ...guard,
    ],
    audit: { action: ASSESSMENT_AUDIT['adjustment.withdraw'], targetId: id, before: { status: before.status }, after: { status: after.status }, reason },
    onConditionFailed: (i) => (i === 0 ? conflict('该记录已撤销') : MONTH_MOVED()),
  });
  return after;
};

