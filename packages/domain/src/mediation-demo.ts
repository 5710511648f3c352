// The demo county's year of people's mediation (the local cloud's seed, never AWS): for each office,
// the twelve months before the clock's month and that month so far — cases through the state machine,
// half-month and quarterly screenings with their disputes, month reports, typical cases and news,
// committees and mediators. Pure and deterministic: the same offices and clock give the same records
// (a seeded PRNG, ids in ULID form from it), so the seed can run again without adding anything.
import { idNumberCheckChar } from './id-number';
import {
  COMMITTEE_TERM_YEARS,
  type AdoptionLevel,
  type Committee,
  type CreateCaseInput,
  type Dispute,
  type DisputeInput,
  type MediationCase,
  type Mediator,
  type MediatorPost,
  type MonthlyReport,
  type RiskLevel,
  type Screening,
  type Submission,
  type SubmissionKind,
} from './mediation';
import {
  applyCaseCommand,
  caseFacts,
  caseNumber,
  disputeFacts,
  isQuarterEnd,
  majorReportDueAt,
  monthlyReportDueAt,
  monthlyReportFacts,
  monthsEndingWith,
  quarterOf,
  screeningFacts,
  screeningPeriod,
  submissionFacts,
  type CaseCommand,
} from './mediation-rules';
import type { ScorableFact } from './facts';
import type { Office } from './org';
import { shanghaiDay, shanghaiDayStart, shanghaiMonth } from './time';

export interface MediationDemoYear {
  cases: MediationCase[];
  /** Each case still closed (closed or reviewed) as it was when closed: what its CLOSURE item holds. */
  closures: MediationCase[];
  screenings: Screening[];
  disputes: Dispute[];
  reports: MonthlyReport[];
  submissions: Submission[];
  committees: Committee[];
  mediators: Mediator[];
  /** The 卷号 counters: the last number each office used in each year. */
  caseNumbers: { officeId: string; year: string; seq: number }[];
  /** Every fact the records hold now (what the API's writes would have put in the outbox, net of retractions). */
  facts: ScorableFact[];
}

export type DemoOffice = Pick<Office, 'id' | 'areaId' | 'officeClass' | 'township' | 'name'>;

/** Offices that keep sending their screenings late (the board shows the pattern). */
const HABITUALLY_LATE = new Set(['0203', '0405', '0604', '0806']);
/** Who acts: the office's staff account, the area director, 人民调解股 (the demo accounts' names). */
const staffOf = (officeId: string) => `staff-${officeId}`;
const directorOf = (areaId: string) => `director-${areaId}`;
const MEDIATION_DEPARTMENT = 'dept-mediation';

// ---- Randomness and ids ----------------------------------------------------------------------------

export type Random = () => number;
/** mulberry32: small, fast, good enough for demo data; never Math.random. */
export const seededRandom = (seed: number): Random => {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID (time-ordered, as the API's ids are) whose random part comes from `random`. */
export const demoUlid = (at: Date, random: Random): string => {
  let time = at.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(random() * 32)]!;
  return head + tail;
};

/** A ULID at `at` whose random part is the number `n`: unique for distinct `n` (the seed's outbox keys). */
export const numberedUlid = (at: Date, n: number): string => {
  let tail = '';
  for (let rest = n, i = 0; i < 16; i++, rest = Math.floor(rest / 32)) tail = CROCKFORD[rest % 32]! + tail;
  return demoUlid(at, () => 0).slice(0, 10) + tail;
};

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const chance = (random: Random, p: number) => random() < p;
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** Picks a key by weight. */
export const weighted = <K extends string>(random: Random, weights: Readonly<Record<K, number>>): K => {
  const entries = Object.entries(weights) as [K, number][];
  let r = random() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[entries.length - 1]![0];
};
/** A Poisson count with mean `mean` (Knuth; means here are small). */
export const poisson = (random: Random, mean: number) => {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
};
export const hashOf = (s: string) => [...s].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, 7);

// ---- Days and instants (Asia/Shanghai) -------------------------------------------------------------

const plusDays = (day: string, days: number) => shanghaiDay(new Date(shanghaiDayStart(day).getTime() + days * 86_400_000));
/** An instant on `day` at `minutes` past midnight, Shanghai time. */
const atMinute = (day: string, minutes: number) => new Date(shanghaiDayStart(day).getTime() + minutes * 60_000);
/** Some time in office hours (08:30–17:30). */
export const officeHours = (random: Random, day: string) => atMinute(day, between(random, 510, 1050));
export const daysInMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};
export const dayOf = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

// ---- The county's vocabulary -----------------------------------------------------------------------

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '罗', '邹', '熊', '万', '彭', '曾'];
const GIVEN = ['建华', '秀兰', '国强', '桂英', '志明', '玉梅', '文斌', '春花', '德胜', '小燕', '海军', '红梅', '金生', '丽萍', '水根', '冬梅', '长福', '翠英', '永红', '细妹'];
const VILLAGES = ['上屋', '下湾', '新塘', '枫树', '石桥', '杨家', '陈坊', '罗田', '高坪', '东岸'];
const personName = (random: Random) => pick(random, SURNAMES) + pick(random, GIVEN);

/** Dispute types (the default dictionary's codes) in a county's usual proportions. */
const TYPE_WEIGHTS = {
  'dt-01': 17, // 婚姻家庭
  'dt-02': 24, // 邻里
  'dt-03': 9, // 房屋宅基地
  'dt-04': 5, // 合同
  'dt-05': 4, // 生产经营
  'dt-06': 9, // 损害赔偿
  'dt-07': 8, // 山林土地
  'dt-08': 3, // 征地拆迁
  'dt-09': 1, // 环境污染
  'dt-10': 5, // 劳动争议
  'dt-11': 2, // 消费
  'dt-12': 1, // 医疗
  'dt-13': 7, // 道路交通事故
  'dt-14': 1, // 物业
  'dt-15': 4, // 其他
} as const;
type DisputeType = keyof typeof TYPE_WEIGHTS;
const SOURCE_WEIGHTS = { 'cs-01': 45, 'cs-02': 34, 'cs-03': 9, 'cs-04': 4, 'cs-05': 5, 'cs-06': 3 } as const;

/** Around 春节 families meet and wages are settled; at harvest land and neighbours quarrel. */
const SEASON: Record<string, number> = { '01': 1.45, '02': 1.35, '03': 1.0, '04': 1.05, '05': 1.0, '06': 1.1, '07': 0.85, '08': 0.9, '09': 1.25, '10': 1.3, '11': 1.0, '12': 1.1 };
const seasonalTypes = (month: string): Partial<Record<DisputeType, number>> => {
  const m = month.slice(5);
  if (m === '01' || m === '02' || m === '12') return { 'dt-01': 12, 'dt-10': 8 };
  if (m === '09' || m === '10' || m === '06') return { 'dt-07': 8, 'dt-02': 8, 'dt-05': 4 };
  return {};
};

const ISSUES: Record<DisputeType, { what: string; detail: string; amount: [number, number]; moneyShare: number }> = {
  'dt-01': { what: '婚姻家庭', detail: '因赡养老人费用分担及家庭琐事长期不和，双方多次争吵', amount: [2_000, 30_000], moneyShare: 0.5 },
  'dt-02': { what: '邻里', detail: '因排水沟改道、滴水檐及院前通道使用问题发生争执', amount: [200, 3_000], moneyShare: 0.3 },
  'dt-03': { what: '宅基地', detail: '因建房时宅基地界址不清，双方对墙基占地面积各执一词', amount: [1_000, 20_000], moneyShare: 0.35 },
  'dt-04': { what: '买卖合同', detail: '因农资买卖货款结算及质量问题发生争议，欠款迟迟未付', amount: [3_000, 80_000], moneyShare: 0.95 },
  'dt-05': { what: '生产经营', detail: '因合伙养殖分红及承包鱼塘收益分配发生纠纷', amount: [5_000, 60_000], moneyShare: 0.9 },
  'dt-06': { what: '损害赔偿', detail: '因家禽毁损庄稼、饲养的狗咬伤他人引发赔偿争议', amount: [500, 30_000], moneyShare: 0.95 },
  'dt-07': { what: '山林土地', detail: '因山林界址、责任田承包边界及收割时越界发生争执', amount: [500, 15_000], moneyShare: 0.4 },
  'dt-08': { what: '征地拆迁', detail: '因征地补偿款在家庭成员之间的分配发生争议', amount: [10_000, 150_000], moneyShare: 0.9 },
  'dt-09': { what: '环境污染', detail: '因养殖场异味及污水排放影响周边农户生活引发矛盾', amount: [2_000, 20_000], moneyShare: 0.6 },
  'dt-10': { what: '劳动报酬', detail: '因务工工资拖欠，临近年关工人多次上门讨要', amount: [5_000, 120_000], moneyShare: 1 },
  'dt-11': { what: '消费', detail: '因购买的家电质量问题及退换货发生争议', amount: [300, 8_000], moneyShare: 0.9 },
  'dt-12': { what: '医疗', detail: '因诊所用药后出现不良反应，患者家属要求赔偿', amount: [3_000, 50_000], moneyShare: 0.95 },
  'dt-13': { what: '道路交通事故', detail: '因电动车与摩托车在村道相撞致一方受伤，医疗费赔偿未谈妥', amount: [3_000, 150_000], moneyShare: 1 },
  'dt-14': { what: '物业', detail: '因小区物业费收取及公共区域停车管理发生矛盾', amount: [500, 6_000], moneyShare: 0.7 },
  'dt-15': { what: '其他', detail: '因红白喜事借用物品损坏赔偿问题发生口角', amount: [200, 5_000], moneyShare: 0.5 },
};

const TRAININGS = [
  { monthsAgo: 10, day: 18, title: '全县人民调解员业务培训', hours: 8 },
  { monthsAgo: 8, day: 22, title: '民法典婚姻家庭编专题培训', hours: 4 },
  { monthsAgo: 5, day: 12, title: '矛盾纠纷排查化解实务', hours: 6 },
  { monthsAgo: 3, day: 26, title: '调解文书制作规范培训', hours: 3 },
  { monthsAgo: 1, day: 15, title: '道路交通事故纠纷调解培训', hours: 4 },
];

// ---- Committees and mediators ----------------------------------------------------------------------

/** A GB 11643 number unique in the demo roster: each `n` below 14,000 gets its own birth date. */
const mediatorIdNumber = (n: number, male: boolean) => {
  const birth = shanghaiDay(new Date(Date.UTC(1958, 0, 1) + ((n * 7919) % 14_000) * 86_400_000)).replace(/-/g, '');
  const first17 = `360721${birth}${String(200 + (n % 300) * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

const termEndOf = (termStart: string) => plusDays(`${Number(termStart.slice(0, 4)) + COMMITTEE_TERM_YEARS}${termStart.slice(4)}`, -1);

const committeesOf = (office: DemoOffice, random: Random, now: Date, counter: { mediator: number }, months: string[]) => {
  const committees: Committee[] = [];
  const mediators: Mediator[] = [];
  const villages = office.officeClass === 'central' ? 2 : 1;
  const plan: Array<{ name: string; kind: Committee['kind'] }> = [
    { name: `${office.township}人民调解委员会`, kind: 'township' },
    ...VILLAGES.slice(0, villages).map((v, i) => ({
      name: `${office.township}${i === 0 && office.township.endsWith('镇') ? `${v}社区` : `${v}村`}人民调解委员会`,
      kind: (i === 0 && office.township.endsWith('镇') ? 'community' : 'village') as Committee['kind'],
    })),
    ...(office.officeClass === 'central' ? [{ name: `${office.township}道路交通事故纠纷人民调解委员会`, kind: 'industry' as const }] : []),
  ];
  const updatedAt = atMinute(dayOf(months[0]!, 2), 600).toISOString();
  for (const p of plan) {
    // The current term began one or two years ago (a term is three years).
    const termStart = `${Number(months[0]!.slice(0, 4)) - between(random, 0, 1)}-${String(between(random, 1, 12)).padStart(2, '0')}-01`;
    const committee: Committee = {
      id: demoUlid(new Date(Date.parse(updatedAt) + committees.length), random),
      officeId: office.id,
      areaId: office.areaId,
      name: p.name,
      kind: p.kind,
      termStart,
      termEnd: termEndOf(termStart),
      phone: `0791-86${office.id}${String(10 + committees.length)}`,
      address: `青山县${office.township}${p.kind === 'village' || p.kind === 'community' ? p.name.replace(office.township, '').replace('人民调解委员会', '') : '人民政府院内'}`,
      version: 1,
      updatedAt,
    };
    committees.push(committee);
    const members = between(random, 3, p.kind === 'township' ? 9 : 5);
    const appointed = between(random, 0, 1);
    for (let i = 0; i < members + appointed; i++) {
      const n = counter.mediator++;
      const male = chance(random, 0.62);
      const post: MediatorPost = i === 0 ? 'director' : i === 1 ? 'deputy' : i < members ? 'member' : 'mediator';
      const trainings = TRAININGS.filter((t) => t.monthsAgo < months.length && chance(random, 0.55)).map((t) => ({
        on: dayOf(months[months.length - 1 - t.monthsAgo]!, t.day),
        title: t.title,
        hours: t.hours,
      }));
      mediators.push({
        id: demoUlid(new Date(Date.parse(updatedAt) + 1000 + n), random),
        officeId: office.id,
        areaId: office.areaId,
        committeeId: committee.id,
        name: personName(random),
        sex: male ? 'male' : 'female',
        idNumber: mediatorIdNumber(n, male),
        ethnicity: chance(random, 0.97) ? '汉族' : '畲族',
        education: pick(random, ['大学本科', '大学专科', '大学专科', '中专或高中', '中专或高中', '其他'] as const),
        post,
        fullTime: p.kind === 'township' && i === 0 ? true : chance(random, 0.08),
        phone: `13${between(random, 5, 9)}${String(between(random, 0, 99_999_999)).padStart(8, '0')}`,
        termStart: committee.termStart,
        termEnd: committee.termEnd,
        trainings: trainings.filter((t) => t.on <= shanghaiDay(now)),
        version: 1,
        updatedAt,
      });
    }
  }
  return { committees, mediators };
};

// ---- Cases -----------------------------------------------------------------------------------------

interface Intake {
  receivedOn: string;
  disputeType: DisputeType;
  source: string;
  dispute?: Dispute;
}

const partiesOf = (random: Random, office: DemoOffice, idSeq: () => number): CreateCaseInput['parties'] => {
  const count = chance(random, 0.85) ? 2 : between(random, 3, 4);
  return Array.from({ length: count }, (_, i) => {
    const male = chance(random, 0.6);
    return {
      name: personName(random),
      role: i === 0 || (i === 2 && chance(random, 0.5)) ? ('applicant' as const) : ('respondent' as const),
      ...(chance(random, 0.6) ? { idNumber: mediatorIdNumber(10_000 + (idSeq() % 4_000), male) } : {}),
      ...(chance(random, 0.85) ? { phone: `15${between(random, 0, 9)}${String(between(random, 0, 99_999_999)).padStart(8, '0')}` } : {}),
      address: `青山县${office.township}${pick(random, VILLAGES)}村`,
    };
  });
};

/** One case from intake to where it stands at `now`, every step through the state machine; and the case as closed. */
const caseOf = (
  intake: Intake,
  office: DemoOffice,
  seq: number,
  random: Random,
  now: Date,
  mediatorNames: string[],
  idSeq: () => number,
): { now: MediationCase; asClosed?: MediationCase } | undefined => {
  const today = shanghaiDay(now);
  const staff = staffOf(office.id);
  const createdAt = officeHours(random, intake.receivedOn);
  if (createdAt > now) return undefined;
  const issue = ISSUES[intake.disputeType];
  const parties = partiesOf(random, office, idSeq);
  const names = parties.map((p) => p.name);
  const mediators = mediatorNames.length ? [...new Set([pick(random, mediatorNames), pick(random, mediatorNames)])] : undefined;
  let c: MediationCase = {
    id: demoUlid(createdAt, random),
    caseNo: caseNumber(office.id, intake.receivedOn.slice(0, 4), seq),
    officeId: office.id,
    areaId: office.areaId,
    receivedOn: intake.receivedOn,
    source: intake.source,
    disputeType: intake.disputeType,
    summary: `${names[0]}与${names[1]}${issue.what}纠纷：${issue.detail}。${intake.dispute ? '经矛盾纠纷排查发现，' : ''}${intake.source === 'cs-01' ? '申请人申请调解' : '调委会依职权受理'}。`,
    parties,
    ...(mediators ? { mediators } : {}),
    ...(intake.dispute ? { disputeId: intake.dispute.id } : {}),
    status: 'registered',
    records: [],
    createdAt: createdAt.toISOString(),
    createdBy: staff,
    updatedAt: createdAt.toISOString(),
    version: 1,
  };
  let clock = createdAt;
  /** Applies a command on `day` (office hours) if that moment has come; false if it has not. */
  const step = (day: string, cmd: CaseCommand, by = staff) => {
    let at = officeHours(random, day);
    if (at <= clock) at = new Date(clock.getTime() + between(random, 10, 90) * 60_000);
    if (at > now) return false;
    c = applyCaseCommand(c, cmd, by, at).after;
    clock = at;
    return true;
  };

  // A handful were registered twice by mistake and withdrawn the same week.
  if (chance(random, 0.006)) {
    step(plusDays(intake.receivedOn, between(random, 0, 3)), { kind: 'withdraw', reason: '重复登记，已在另一案件中受理' });
    return { now: c };
  }
  const simple = chance(random, 0.22);
  const duration = simple ? between(random, 0, 2) : Math.min(45, Math.round(3 + -Math.log(1 - random()) * 9));
  const closedOn = plusDays(intake.receivedOn, duration);
  const sessions = simple ? 0 : between(random, 1, 3);
  for (let i = 1; i <= sessions; i++) {
    const on = plusDays(intake.receivedOn, Math.max(0, Math.floor((duration * i) / (sessions + 1))));
    const ok = step(on, {
      kind: 'record',
      on,
      content: i === 1 ? `调解员分别听取双方陈述，查看现场，释法明理。${names[0]}要求对方承担责任，${names[1]}有异议。` : `第${i}次调解：组织双方面对面协商，双方立场逐步接近。`,
      ...(mediators ? { mediators } : {}),
    });
    if (!ok) return { now: c };
  }
  const result = weighted(random, { agreement: 95, failed: 3.5, terminated: 1.5 });
  const written = !simple && chance(random, 0.7);
  const amountFen = chance(random, issue.moneyShare) ? between(random, issue.amount[0], issue.amount[1]) * 100 + (chance(random, 0.2) ? between(random, 1, 99) : 0) : 0;
  const closing: CaseCommand =
    result === 'agreement'
      ? {
          kind: 'close',
          result,
          closedOn,
          agreement: {
            form: written ? 'written' : 'oral',
            terms: amountFen
              ? `${names[1]}于履行期限内一次性支付${names[0]}人民币${(amountFen / 100).toFixed(2)}元，双方就此纠纷再无其他争议。`
              : `双方互谅互让，${names[1]}向${names[0]}赔礼道歉，恢复原状，今后和睦相处。`,
            amountFen,
            performBy: plusDays(closedOn, written ? between(random, 3, 60) : 0),
          },
        }
      : { kind: 'close', result, closedOn, reason: result === 'failed' ? '双方分歧较大，经多次调解未能达成协议，已告知当事人可依法提起诉讼。' : '一方当事人已向人民法院起诉，依法终止调解。' };
  if (!step(closedOn, closing)) return { now: c };
  const asClosed = c;

  // Entered on the national platform by the 3rd of next month — most on time, some late, the latest not yet.
  const nextMonthDay = (d: number) => {
    const [y, m] = closedOn.slice(0, 7).split('-').map(Number) as [number, number];
    return dayOf(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`, d);
  };
  const onlineDay = chance(random, 0.88) ? plusDays(closedOn, between(random, 0, 3)) : nextMonthDay(between(random, 4, 12));
  const agreement = c.closure?.result === 'agreement' ? c.closure.agreement : undefined;
  const followUpDay = agreement && chance(random, 0.7) ? plusDays(agreement.performBy, between(random, 1, 20)) : undefined;
  const confirmDay = agreement?.form === 'written' && agreement.amountFen >= 1_000_000 && chance(random, 0.25) ? plusDays(closedOn, between(random, 2, 25)) : undefined;
  // The director reviews once the file is complete: after the visit and the court's ruling.
  const latest = [closedOn, followUpDay, confirmDay].filter((d): d is string => !!d).sort().pop()!;
  const reviewDay = plusDays(latest, between(random, 2, 20));
  const later: Array<{ day: string; cmd: CaseCommand; by?: string }> = [
    { day: onlineDay, cmd: { kind: 'enter-online' } },
    ...(confirmDay ? [{ day: confirmDay, cmd: { kind: 'confirm', appliedOn: confirmDay, court: '青山县人民法院', result: chance(random, 0.9) ? 'confirmed' : 'pending' } as CaseCommand }] : []),
    ...(followUpDay
      ? [{
          day: followUpDay,
          cmd: {
            kind: 'follow-up',
            visitedOn: followUpDay,
            performance: weighted(random, { performed: 90, partly: 7, unperformed: 3 }),
            satisfaction: weighted(random, { satisfied: 85, basically: 13, unsatisfied: 2 }),
            note: '电话回访，当事人表示协议已履行，关系和睦。',
          } as CaseCommand,
        }]
      : []),
    { day: reviewDay, cmd: { kind: 'review', ...(chance(random, 0.3) ? { comment: '材料齐全，同意归档。' } : {}) }, by: directorOf(office.areaId) },
  ];
  for (const l of later.sort((a, b) => a.day.localeCompare(b.day))) {
    if (l.day > today) continue;
    step(l.day, l.cmd, l.by);
  }
  return { now: c, ...(c.status === 'closed' || c.status === 'reviewed' ? { asClosed } : {}) };
};

// ---- Screenings, disputes, reports -----------------------------------------------------------------

const DISPUTE_MEASURES = '落实专人包案，组织双方当面协商，同步向村（居）委会通报，跟踪化解进度。';

const disputeOf = (random: Random, office: DemoOffice, screening: Screening, disputeType: DisputeType, major: boolean): Dispute => {
  const place = screening.disputeIds.length + 1;
  const a = pick(random, SURNAMES);
  const b = pick(random, SURNAMES);
  const riskLevel: RiskLevel = major ? (chance(random, 0.7) ? 'red' : 'orange') : weighted(random, { yellow: 72, orange: 24, red: 4 });
  const input: DisputeInput = {
    name: `${office.township}${a}某与${b}某${ISSUES[disputeType].what}纠纷`,
    disputeType,
    parties: `${a}某等${major ? between(random, 12, 60) : between(random, 2, 5)}人；${b}某等`,
    peopleCount: major ? between(random, 12, 60) : between(random, 2, 6),
    riskLevel,
    major,
    measures: major ? `已启动重大纠纷应急预案，所长包案，${DISPUTE_MEASURES}` : DISPUTE_MEASURES,
    responsible: personName(random),
    dueOn: plusDays(screening.screenedOn, major ? between(random, 3, 10) : between(random, 7, 30)),
  };
  const registeredAt = screening.submittedAt;
  return {
    ...input,
    // As the API numbers them: the screening's id and the dispute's place in it.
    id: `${screening.id}-${String(place).padStart(2, '0')}`,
    screeningId: screening.id,
    officeId: office.id,
    areaId: office.areaId,
    month: screening.month,
    registeredAt,
    ...(major ? { reportDueAt: majorReportDueAt(registeredAt).toISOString() } : {}),
    result: 'pending',
    status: 'open',
    version: 1,
  };
};

/** When an office submits a period due at `dueAt`: on time, late or never, as that office tends to. */
const submissionMoment = (random: Random, officeId: string, from: string, to: string, lateDays: [number, number]): string | undefined => {
  const habitual = HABITUALLY_LATE.has(officeId);
  const fate = weighted(random, habitual ? { onTime: 40, late: 50, missing: 10 } : { onTime: 91, late: 6, missing: 3 });
  if (fate === 'missing') return undefined;
  if (fate === 'late') return plusDays(to, between(random, ...lateDays));
  const span = Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);
  return plusDays(from, Math.max(0, Math.round(span - random() * Math.min(span, 4))));
};

// ---- The year ----------------------------------------------------------------------------------------

/** Relative case volume: central offices and towns (镇) are busier than townships (乡). */
const busyness = (o: DemoOffice, random: Random) => (o.officeClass === 'central' ? 2.3 : o.township.endsWith('镇') ? 1.5 : 1) * (0.75 + random() * 0.5);

export interface DemoYearOptions {
  /** Months of history ending with now's month (default 13: the twelve before it and this one so far). */
  months?: number;
  /** A 乡 office's mean number of cases in an ordinary month (default 1.2). */
  casesPerMonth?: number;
}

/** The demo year for `offices` up to `now`: by default the twelve months before now's month and this month so far. */
export const mediationDemoYear = (offices: readonly DemoOffice[], now: Date, options: DemoYearOptions = {}): MediationDemoYear => {
  const casesPerMonth = options.casesPerMonth ?? 1.2;
  const today = shanghaiDay(now);
  const months = monthsEndingWith(shanghaiMonth(now), options.months ?? 13);
  const year: MediationDemoYear = { cases: [], closures: [], screenings: [], disputes: [], reports: [], submissions: [], committees: [], mediators: [], caseNumbers: [], facts: [] };
  const counter = { mediator: 0 };
  let idSeq = 0;
  const nextIdSeq = () => idSeq++;

  for (const office of [...offices].sort((a, b) => a.id.localeCompare(b.id))) {
    const random = seededRandom(hashOf(`${office.id}#${months[0]}`));
    const roster = committeesOf(office, random, now, counter, months);
    year.committees.push(...roster.committees);
    year.mediators.push(...roster.mediators);
    const mediatorNames = roster.mediators.filter((m) => m.committeeId === roster.committees[0]!.id).map((m) => m.name);
    const load = busyness(office, random);
    const intakes: Intake[] = [];
    const screenings: Screening[] = [];
    const disputes: Dispute[] = [];

    for (const month of months) {
      // Half-months and, at a quarter's end, the quarter.
      const periods = [`${month}-1`, `${month}-2`, ...(isQuarterEnd(month) ? [quarterOf(month)] : [])];
      for (const period of periods) {
        const p = screeningPeriod(period);
        const quarterly = period.includes('Q');
        const day = submissionMoment(random, office.id, quarterly ? plusDays(p.to, -6) : p.from, p.to, [1, 6]);
        if (!day) continue;
        const submittedAt = officeHours(random, day);
        if (submittedAt > now) continue;
        const screening: Screening = {
          id: demoUlid(submittedAt, random),
          officeId: office.id,
          areaId: office.areaId,
          kind: quarterly ? 'quarterly' : 'half-month',
          period,
          month: p.month,
          screenedOn: day,
          participants: `${office.name}全体工作人员、各村（居）调委会主任`,
          summary: quarterly ? '开展季度矛盾纠纷集中排查，对辖区重点人员、重点领域逐一走访。' : '对辖区各村（居）进行矛盾纠纷排查。',
          disputeIds: [],
          zeroReport: true,
          dueAt: p.dueAt.toISOString(),
          submittedAt: submittedAt.toISOString(),
          submittedBy: staffOf(office.id),
          late: submittedAt.getTime() >= p.dueAt.getTime(),
          status: 'submitted',
          version: 1,
        };
        const found = chance(random, quarterly ? 0.7 : 0.35) ? between(random, 1, quarterly ? 3 : 2) : 0;
        for (let i = 0; i < found; i++) {
          const type = weighted(random, { ...TYPE_WEIGHTS, ...seasonalTypes(month) });
          const d = disputeOf(random, office, screening, type, chance(random, 0.05));
          disputes.push(d);
          screening.disputeIds.push(d.id);
        }
        screening.zeroReport = screening.disputeIds.length === 0;
        screenings.push(screening);
      }
      // Cases: seasonal volume around the office's own level.
      const count = poisson(random, casesPerMonth * load * SEASON[month.slice(5)]!);
      const lastDay = month === shanghaiMonth(now) ? Number(today.slice(8)) : daysInMonth(month);
      for (let i = 0; i < count; i++) {
        intakes.push({
          receivedOn: dayOf(month, between(random, 1, lastDay)),
          disputeType: weighted(random, { ...TYPE_WEIGHTS, ...seasonalTypes(month) }),
          source: weighted(random, SOURCE_WEIGHTS),
        });
      }
    }

    // Each dispute's course: reported (if major), then resolved, turned into a case, or still pending.
    for (const d of disputes) {
      if (d.major) {
        const reportedAt = new Date(Date.parse(d.registeredAt) + (chance(random, 0.88) ? between(random, 15, 220) : between(random, 250, 1_800)) * 60_000);
        if (reportedAt <= now) Object.assign(d, { reportedAt: reportedAt.toISOString(), reportedBy: staffOf(office.id), version: d.version + 1 });
      }
      const age = (now.getTime() - Date.parse(d.registeredAt)) / 86_400_000;
      if (age < 5) continue;
      const course = weighted(random, age < 20 ? { resolved: 50, case: 15, pending: 35, escalated: 0, unresolved: 0 } : { resolved: 78, case: 15, pending: 0, escalated: 3, unresolved: 4 });
      if (course === 'pending') continue;
      if (course === 'case') {
        const receivedOn = plusDays(shanghaiDay(new Date(d.registeredAt)), between(random, 0, 2));
        if (receivedOn > today) continue;
        intakes.push({ receivedOn, disputeType: d.disputeType as DisputeType, source: 'cs-02', dispute: d });
        continue;
      }
      Object.assign(d, {
        result: course,
        resultNote: { resolved: '经调解，双方已和解，矛盾化解。', escalated: '已移交县矛盾纠纷调处中心。', unresolved: '当事人拒绝调解，已引导通过诉讼途径解决。' }[course],
        version: d.version + 1,
      });
    }

    // Cases in intake order, numbered per year as the office registers them.
    intakes.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
    const seqs = new Map<string, number>();
    for (const intake of intakes) {
      const y = intake.receivedOn.slice(0, 4);
      const seq = (seqs.get(y) ?? 0) + 1;
      const made = caseOf(intake, office, seq, random, now, mediatorNames, nextIdSeq);
      if (!made) continue;
      const c = made.now;
      if (made.asClosed) year.closures.push(made.asClosed);
      seqs.set(y, seq);
      year.cases.push(c);
      if (intake.dispute) Object.assign(intake.dispute, { result: 'case-opened', caseId: c.id, resultNote: `已转为调解案件 ${c.caseNo}`, version: intake.dispute.version + 1 });
    }
    for (const [y, seq] of seqs) year.caseNumbers.push({ officeId: office.id, year: y, seq });

    // Month reports: due by the 3rd of the next month, for the months that have ended.
    for (const month of months.slice(0, -1)) {
      const due = monthlyReportDueAt(month);
      const day = submissionMoment(random, office.id, plusDays(shanghaiDay(due), -2), shanghaiDay(new Date(due.getTime() - 1)), [1, 8]);
      if (!day) continue;
      const submittedAt = officeHours(random, day);
      if (submittedAt > now) continue;
      const inMonth = <T extends { month: string }>(xs: T[]) => xs.filter((x) => x.month === month);
      const officeCases = year.cases.filter((c) => c.officeId === office.id && c.status !== 'withdrawn');
      year.reports.push({
        id: `${office.id}-${month}`,
        officeId: office.id,
        areaId: office.areaId,
        month,
        figures: {
          screenings: inMonth(screenings).length,
          disputes: inMonth(disputes).length,
          majorDisputes: inMonth(disputes).filter((d) => d.major).length,
          casesReceived: officeCases.filter((c) => c.receivedOn.startsWith(month)).length,
          casesClosed: officeCases.filter((c) => c.closure?.closedOn.startsWith(month)).length,
        },
        dueAt: due.toISOString(),
        submittedAt: submittedAt.toISOString(),
        submittedBy: staffOf(office.id),
        late: submittedAt.getTime() >= due.getTime(),
        version: 1,
      });
    }

    // Typical cases (from the office's good agreements) and one-sentence news.
    const agreements = year.cases.filter((c) => c.officeId === office.id && c.closure?.result === 'agreement');
    for (const month of months) {
      const kinds: SubmissionKind[] = [...(chance(random, 0.25) ? ['typical-case' as const] : []), ...(chance(random, 0.45) ? ['news' as const] : [])];
      for (const kind of kinds) {
        const day = dayOf(month, between(random, 5, Math.min(daysInMonth(month), 28)));
        if (day > today) continue;
        const submittedAt = officeHours(random, day);
        if (submittedAt > now) continue;
        const source = kind === 'typical-case' ? agreements.filter((c) => c.closure!.closedOn <= day && c.closure!.closedOn >= plusDays(day, -60)).pop() : undefined;
        if (kind === 'typical-case' && !source) continue;
        const issue = source ? ISSUES[source.disputeType as DisputeType] : undefined;
        let s: Submission = {
          id: demoUlid(submittedAt, random),
          officeId: office.id,
          areaId: office.areaId,
          kind,
          title: source ? `巧解${issue!.what}纠纷 握手言和化积怨` : `${office.township}司法所开展“法律明白人”培训`,
          content: source
            ? `${source.receivedOn}，${office.name}受理一起${issue!.what}纠纷。${issue!.detail}。调解员多次上门走访，耐心释法说理，最终促成双方达成调解协议，当场履行，纠纷圆满化解。`
            : `${month.slice(5)}月，${office.name}在各村开展矛盾纠纷排查和“法律明白人”培训，发放宣传资料200余份，现场解答群众法律咨询30余人次。`,
          ...(source ? { caseId: source.id } : {}),
          month,
          status: 'submitted',
          submittedAt: submittedAt.toISOString(),
          submittedBy: staffOf(office.id),
          returns: [],
          version: 1,
        };
        // The area director returns some (a central office's own go to 人民调解股); most are resubmitted.
        const returner = office.officeClass === 'central' ? MEDIATION_DEPARTMENT : directorOf(office.areaId);
        const returnedAt = new Date(submittedAt.getTime() + between(random, 1, 3) * 86_400_000);
        if (chance(random, 0.12) && returnedAt <= now) {
          s = { ...s, status: 'returned', returns: [{ at: returnedAt.toISOString(), by: returner, comment: '内容过于简略，请补充调解经过和法律依据后重新报送。' }], version: s.version + 1 };
          const resubmittedAt = new Date(returnedAt.getTime() + between(random, 1, 4) * 86_400_000);
          if (chance(random, 0.7) && resubmittedAt <= now) {
            const resubmittedIn = shanghaiMonth(resubmittedAt);
            s = { ...s, status: 'submitted', content: `${s.content}（已补充调解经过及法律依据）`, submittedAt: resubmittedAt.toISOString(), month: resubmittedIn, version: s.version + 1 };
          }
        }
        const adoptedAt = new Date(Date.parse(s.submittedAt) + between(random, 3, 20) * 86_400_000);
        if (s.status === 'submitted' && adoptedAt <= now && chance(random, kind === 'typical-case' ? 0.6 : 0.35)) {
          const level: AdoptionLevel = weighted(random, { county: 75, city: 20, province: 5 });
          s = { ...s, status: 'adopted', adoption: { level, at: adoptedAt.toISOString(), by: MEDIATION_DEPARTMENT }, version: s.version + 1 };
        } else if (s.status === 'submitted' && chance(random, 0.02)) {
          s = { ...s, status: 'withdrawn', version: s.version + 1 };
        }
        year.submissions.push(s);
      }
    }
    year.screenings.push(...screenings);
    year.disputes.push(...disputes);
  }

  leaveOneMajorDisputeUnreported(year, now);
  year.facts = [
    ...year.cases.filter((c) => c.status !== 'withdrawn').flatMap(caseFacts),
    ...year.screenings.flatMap(screeningFacts),
    ...year.disputes.flatMap(disputeFacts),
    ...year.reports.flatMap(monthlyReportFacts),
    ...year.submissions.flatMap(submissionFacts),
  ];
  return year;
};

/**
 * Exactly one major dispute is left unreported, so the bureau's alert has something to show: in the
 * latest screening registered over four hours ago, a red dispute is added (or an existing major one
 * stays unreported); every other major dispute past its deadline was reported.
 */
const leaveOneMajorDisputeUnreported = (year: MediationDemoYear, now: Date) => {
  for (const d of year.disputes) {
    if (d.major && !d.reportedAt) {
      // Registered in the last few hours: still within its four hours, reported at once.
      const reportedAt = new Date(Math.min(now.getTime(), Date.parse(d.registeredAt) + 30 * 60_000));
      Object.assign(d, { reportedAt: reportedAt.toISOString(), reportedBy: staffOf(d.officeId), version: d.version + 1 });
    }
  }
  const overdue = now.getTime() - 6 * 3_600_000;
  const screening = year.screenings
    .filter((s) => s.kind === 'half-month' && Date.parse(s.submittedAt) <= overdue)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || a.officeId.localeCompare(b.officeId))[0];
  if (!screening) return;
  const random = seededRandom(hashOf(screening.id));
  const office = { id: screening.officeId, areaId: screening.areaId, township: '', officeClass: 'regular' as const, name: '' };
  const dispute: Dispute = {
    ...disputeOf(random, office, screening, 'dt-08', true),
    name: '征地补偿款分配引发群体性纠纷',
    parties: '某村村民小组30余户；村民小组长',
    peopleCount: 36,
    riskLevel: 'red',
  };
  year.disputes.push(dispute);
  screening.disputeIds.push(dispute.id);
  screening.zeroReport = false;
};
