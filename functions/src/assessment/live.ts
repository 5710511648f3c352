// The live month (an office's home: the provisional score by the same function as the monthly run, and
// what is due, late or missing), the county's heat map of offices × months, and the leader's alerts
// raised from facts. Every answer is within the caller's read scope; the clock is `ctx.now`.
import {
  ALERT_KINDS,
  canReadOffice,
  forbidden,
  hiddenRecord,
  lineCounts,
  monthsEndingWith,
  notFound,
  ownOfficeId,
  previousMonthOf,
  radarItems,
  readScope,
  scoreOffice,
  scoredOffice,
  shanghaiMonth,
  validationError,
  type Actor,
  type Adjustment,
  type Alert,
  type CountyRadar,
  type FactRef,
  type LiveMonth,
  type Office,
  type RadarCell,
  type Rubric,
  type ScorableFact,
} from '@sifasuo/domain';
import type { ParsedQuery } from '@sifasuo/wiring';
import { GSI1, indexKeys } from '@sifasuo/wiring/src/types';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { orgDirectory } from '../shared/org-directory';
import { requireActor } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import { activeAdjustments, monthAdjustments } from './adjustments-repository';
import { assessmentTable, factCounts, keys, type FactItem } from './keys';
import { effectiveFacts } from './ledger-repository';
import { approvedRun, runScores } from './runs-repository';
import { currentRubric } from './rubrics';

/** The run id a live (provisional) score carries: it belongs to no run. */
const LIVE_RUN = 'live';

/** A caller with no office scope at all reads none of this (403). */
const scopedActor = (ctx: RequestContext): Actor => {
  const actor = requireActor(ctx);
  if (readScope(actor).kind === 'none') throw forbidden('无权查看考核数据');
  return actor;
};

/** The same function as the monthly run, on the month's facts so far (no rank: a live score has none). */
const provisionalScore = (rubric: Rubric, office: Office, month: string, now: Date, facts: readonly ScorableFact[], adjustments: readonly Adjustment[]) => {
  const { rank: _, ...withoutRank } = scoreOffice({ rubric, runId: LIVE_RUN, month, office: scoredOffice(office), facts, adjustments, asOf: now });
  return withoutRank;
};

const month = async (ctx: RequestContext, query: ParsedQuery<'GET /api/assessment/live'>): Promise<LiveMonth> => {
  const actor = scopedActor(ctx);
  const officeId = query.officeId ?? ownOfficeId(actor);
  if (!officeId) throw validationError({ officeId: '请选择司法所' });
  const office = await orgDirectory.office(officeId);
  if (!office) throw notFound('司法所');
  if (!canReadOffice(actor, office)) throw hiddenRecord('司法所', `司法所 ${office.id} 超出数据范围`);
  const thisMonth = shanghaiMonth(ctx.now);
  const lastMonth = previousMonthOf(thisMonth);
  const [rubric, current, last, adjustments] = await Promise.all([
    currentRubric(Number(thisMonth.slice(0, 4))),
    effectiveFacts(office.id, thisMonth),
    effectiveFacts(office.id, lastMonth),
    monthAdjustments(thisMonth, office.id),
  ]);
  return {
    officeId: office.id,
    officeName: office.name,
    month: thisMonth,
    asOf: ctx.now.toISOString(),
    provisional: provisionalScore(rubric, office, thisMonth, ctx.now, current, adjustments.filter((a) => a.status === 'active')),
    radar: radarItems({ rubric, office: scoredOffice(office), facts: [...last, ...current], now: ctx.now }),
  };
};

/** Offices the caller may read, narrowed to an area (an area-scoped caller asking for another area: 403). */
const officesInScope = async (actor: Actor, areaId?: string): Promise<Office[]> => {
  const scope = readScope(actor);
  if (areaId && scope.kind === 'area' && areaId !== scope.areaId) throw forbidden('无权查看其他片区的数据');
  const offices = await orgDirectory.offices();
  return offices.filter((o) => canReadOffice(actor, o) && (!areaId || o.areaId === areaId));
};

/**
 * Offices × the year's months up to the current one: a published month's score, rank and line counts
 * (one query per month), the current month's provisional score (one query per office), no score for a
 * month not yet published.
 */
const radar = async (ctx: RequestContext, query: ParsedQuery<'GET /api/assessment/radar'>): Promise<CountyRadar> => {
  const actor = scopedActor(ctx);
  const offices = await officesInScope(actor, query.areaId);
  const thisMonth = shanghaiMonth(ctx.now);
  const months = monthsEndingWith(`${query.year}-12`).filter((m) => m <= thisMonth);
  const cells: RadarCell[] = [];
  await Promise.all(
    months.map(async (m) => {
      if (m === thisMonth) {
        const [rubric, adjustments] = await Promise.all([currentRubric(query.year), activeAdjustments(m)]);
        await Promise.all(
          offices.map(async (office) => {
            const score = provisionalScore(rubric, office, m, ctx.now, await effectiveFacts(office.id, m), adjustments.get(office.id) ?? []);
            cells.push({ officeId: office.id, month: m, score: score.total, ...lineCounts(score), provisional: true });
          }),
        );
        return;
      }
      const run = await approvedRun(m);
      const scores = run ? new Map((await runScores(run.runId)).map((s) => [s.officeId, s])) : new Map();
      for (const office of offices) {
        const s = scores.get(office.id);
        cells.push(
          s
            ? { officeId: office.id, month: m, score: s.total, ...(s.rank !== undefined ? { rank: s.rank } : {}), ...lineCounts(s), provisional: false }
            : { officeId: office.id, month: m, onTime: 0, late: 0, missing: 0, provisional: false },
        );
      }
    }),
  );
  cells.sort((a, b) => a.month.localeCompare(b.month) || a.officeId.localeCompare(b.officeId));
  return {
    year: query.year,
    months,
    offices: offices.map(scoredOffice),
    cells,
  };
};

const ALERT_TITLES: Record<Alert['kind'], string> = {
  'mediation.dispute.major-registered': '重大矛盾纠纷逾期未报告',
  'supervision.incident.recorded': '社区矫正对象脱管/漏管',
  'registers.task.overdue': '交办任务逾期未完成',
};
/** The fact that settles an alert of the kind (a dispute reported, a task completed); incidents stay. */
const SETTLED_BY: Partial<Record<Alert['kind'], string>> = {
  'mediation.dispute.major-registered': 'mediation.dispute.major-reported',
  'registers.task.overdue': 'registers.task.completed',
};

const BY_KIND = indexKeys(GSI1);
/** A kind's counting facts of a month across offices (GSI1). */
const factsOfKind = async (kind: string, month: string): Promise<ScorableFact[]> => {
  const items = await queryAll(
    { table: assessmentTable(), index: GSI1, partition: { name: BY_KIND.pk, value: keys.kindOfMonth(kind, month) } },
    (i) => withoutKeys<FactItem>(i),
  );
  return items.filter(factCounts).map((i) => i.fact);
};
const refKey = (r: FactRef) => `${r.context}|${r.type}|${r.id}`;

/**
 * Alerts of this month and last: a major dispute whose report is missing past its due time, every
 * supervision incident, every overdue task not completed since. Newest first; offices in scope only.
 */
const alerts = async (ctx: RequestContext): Promise<{ items: Alert[] }> => {
  const actor = scopedActor(ctx);
  const offices = await orgDirectory.officesById();
  const thisMonth = shanghaiMonth(ctx.now);
  const months = [previousMonthOf(thisMonth), thisMonth];
  const ofKind = async (kind: string) => (await Promise.all(months.map((m) => factsOfKind(kind, m)))).flat();
  const items: Alert[] = [];
  for (const kind of ALERT_KINDS) {
    const settledBy = SETTLED_BY[kind];
    const [raised, settling] = await Promise.all([ofKind(kind), settledBy ? ofKind(settledBy) : Promise.resolve([])]);
    const settled = new Set(settling.map((f) => refKey(f.ref)));
    for (const f of raised) {
      const office = offices.get(f.officeId);
      if (!office || !canReadOffice(actor, office)) continue;
      if (settled.has(refKey(f.ref))) continue;
      // A major dispute is an alert only once its report is overdue.
      if (kind === 'mediation.dispute.major-registered' && (!f.dueAt || Date.parse(f.dueAt) > ctx.now.getTime())) continue;
      items.push({ factId: f.id, kind, officeId: f.officeId, officeName: office.name, occurredAt: f.occurredAt, title: ALERT_TITLES[kind], ref: f.ref });
    }
  }
  items.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || a.factId.localeCompare(b.factId));
  return { items };
};

export const live = { month, radar, alerts };
