// The demo county's year of office affairs (the local cloud's seed, never AWS): for each office, the
// twelve months before the clock's month and that month so far — entries in every declared register,
// leave and absences, plans and reports (some late, some missing, some returned), and the bureau's
// assigned tasks. Pure and deterministic: the same offices and clock give the same records (seeded
// PRNGs, ids in ULID form from them), so the seed can run again without adding anything.
//
// The registers are generated from their declarations: every field gets a value of its kind, with
// sample texts, ranges and weights where a register's profile gives them, and a register's `shape`
// sets what must hang together (a petition's answer and its deadline, a legal-aid case's steps). Each
// entry is checked with the declaration's schema and `checks` as the API would: an optional value a
// check refuses is left out, and an entry that still fails is drawn again — so a register declared
// later gets a plausible demo without a line here.
import { demoIdNumber, staffOf as demoStaffOf } from './demo-county';
import type { ScorableFact } from './facts';
import { nextMonthOf, monthsEndingWith, previousMonthOf } from './mediation-rules';
import { between, chance, dayOf, daysInMonth, demoUlid, hashOf, officeHours, pick, poisson, seededRandom, weighted, type DemoOffice, type Random } from './mediation-demo';
import type { Staff } from './org';
import { REGISTERS } from './register-declarations';
import { addDays, entryInput, type EntryValues, type RegisterDeclaration, type RegisterEntry, type RegisterField } from './registers';
import { absenceFacts, isOnTime, leaveDays, reportDueAt, reportDueDay, reportFacts, taskCompletedFact, taskOverdueFact, taskState } from './registers-rules';
import {
  type Absence,
  type LeaveKind,
  type LeaveRequest,
  type Report,
  type ReportKind,
  type Task,
  type TaskAssignment,
} from './registers-workflows';
import { shanghaiDay, shanghaiDayStart, shanghaiMonth } from './time';

export interface RegistersDemoYear {
  entries: RegisterEntry[];
  leave: LeaveRequest[];
  absences: Absence[];
  reports: Report[];
  tasks: Task[];
  assignments: TaskAssignment[];
  /** Every fact the records hold now (what the API's writes would have put in the outbox, net of retractions). */
  facts: ScorableFact[];
}

export interface RegistersDemoOptions {
  /** Months of history ending with now's month (default 13: the twelve before it and this one so far). */
  months?: number;
  /** Tasks the bureau assigned over the period (default: 8–15 for a year, fewer for a shorter one). */
  tasks?: number;
}

// ---- People ------------------------------------------------------------------------------------------

/** Offices that keep handing their reports in late (the board shows the pattern). */
const HABITUALLY_LATE = new Set(['0203', '0405', '0604', '0806']);
const LEADER = { username: 'leader', name: '赵局长' };
const GRASSROOTS = { username: 'dept-grassroots', name: '基层股' };
/** Who assigns tasks: the leader or a department (the demo accounts where there is one). */
const ASSIGNERS = [
  { ...LEADER, weight: 3 },
  { username: 'dept-grassroots', name: '基层股', departmentId: 'grassroots', weight: 4 },
  { username: 'dept-mediation', name: '人民调解股', departmentId: 'mediation', weight: 2 },
  { username: 'dept-corrections', name: '社区矫正股', departmentId: 'corrections', weight: 2 },
  { username: 'dept-publicity', name: '法治宣传股', departmentId: 'publicity', weight: 2 },
  { username: 'dept-legal-aid', name: '法律援助中心', departmentId: 'legal-aid', weight: 1 },
] as const;

interface Person {
  username: string;
  name: string;
  post: Staff['post'];
}

/**
 * An office's staff as the org seed lists them (demo-county's `staffOf`), each with a username: a
 * central office's 所长 is the area director's account, the first 司法助理员 the office's staff account.
 */
const peopleOf = (office: DemoOffice): Person[] =>
  demoStaffOf({ ...office, version: 1, updatedAt: '' }, '', String).map((s, i) => ({
    username: s.post === '所长' ? `director-${office.areaId}` : s.post === '司法助理员' ? `staff-${office.id}` : `staff-${office.id}-${i + 1}`,
    name: s.name,
    post: s.post,
  }));
const clerkOf = (office: DemoOffice) => `staff-${office.id}`;
/** The area director: the 所长 of the area's central office (`AA01`), whose account is `director-AA`. */
const directorOf = (areaId: string) => {
  const central = peopleOf({ id: `${areaId}01`, areaId, officeClass: 'central', township: '', name: '' });
  return { username: `director-${areaId}`, name: central.find((p) => p.post === '所长')!.name };
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '罗', '邹', '熊', '万', '彭', '曾'];
const GIVEN = ['建华', '秀兰', '国强', '桂英', '志明', '玉梅', '文斌', '春花', '德胜', '小燕', '海军', '红梅', '金生', '丽萍', '水根', '冬梅', '长福', '翠英', '永红', '细妹'];
const VILLAGES = ['上屋', '下湾', '新塘', '枫树', '石桥', '杨家', '陈坊', '罗田', '高坪', '东岸'];
const personName = (random: Random) => pick(random, SURNAMES) + pick(random, GIVEN);
const LAWYERS = ['青山律师事务所 刘志刚', '正阳律师事务所 陈晓燕', '青山县法律援助中心 黄立新', '明德律师事务所 周文华'];

// ---- Days and instants (Asia/Shanghai) -----------------------------------------------------------------

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
/** Monday = 1 … Sunday = 7. */
const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const isWorkday = (day: string) => weekdayOf(day) <= 5;
/** A working day of `month` (up to `lastDay`), drawn at random. */
const workdayIn = (random: Random, month: string, lastDay: number): string | undefined => {
  const days = Array.from({ length: lastDay }, (_, i) => dayOf(month, i + 1)).filter(isWorkday);
  return days.length ? pick(random, days) : undefined;
};

interface Window {
  now: Date;
  today: string;
  months: string[];
  /** The last day of `month` that has begun by now. */
  lastDayOf: (month: string) => number;
}

// ---- Registers: the profiles ----------------------------------------------------------------------------

interface EntryContext {
  random: Random;
  office: DemoOffice;
  people: Person[];
  window: Window;
  /** The day the entry is filed on. */
  day: string;
  /** A serial unique in the year (ID numbers). */
  serial: number;
}

/** A planned entry: its filing day and the values it is meant to have. */
interface Planned {
  day: string;
  preset?: EntryValues;
}

interface RegisterProfile {
  /** Mean entries per office and month (when `plan` is absent). */
  perMonth?: number;
  /** When the office files entries (default: a Poisson count of `perMonth` on working days). */
  plan?: (ctx: Omit<EntryContext, 'day' | 'serial'>) => Planned[];
  /** Sample texts per field key (`{township}`, `{office}`, `{village}` are filled in). */
  texts?: Record<string, readonly string[]>;
  /** Plausible ranges per integer field. */
  ranges?: Record<string, [number, number]>;
  /** Weights per choice field's values. */
  weights?: Record<string, Record<string, number>>;
  /** Share of optional fields given a value (default 0.7). */
  fill?: number;
  /** Optional fields always given a value (the book is seldom without them). */
  always?: readonly string[];
  /** Sets what must hang together, after the generic values. */
  shape?: (values: EntryValues, ctx: EntryContext) => void;
}

const PETITION_REQUESTS = [
  '反映邻居建房占用村道，影响通行，要求依法处理。',
  '反映在外务工被拖欠工资8000余元，要求协调追讨。',
  '对村集体土地征收补偿款分配方案有异议，要求公开分配明细。',
  '反映养殖场异味扰民，多次协商无果，要求有关部门处理。',
  '咨询老人赡养费纠纷如何起诉，要求司法所帮助调解。',
  '反映宅基地确权登记面积与实际不符，要求重新测量。',
  '反映承包山林被他人越界砍伐，要求赔偿损失。',
  '对交通事故赔偿调解结果不满，要求说明依据。',
  '反映低保评定不公，要求复核。',
  '反映村民小组长私自处理集体鱼塘承包，要求查处。',
];
const PETITION_RESULTS = [
  '经调查核实，已协调有关部门处理，信访人表示满意。',
  '已组织双方调解，达成协议并履行完毕。',
  '已告知信访人通过诉讼途径解决，并提供法律援助申请指引。',
  '已转乡镇人民政府相关部门办理，办理结果已书面答复信访人。',
];
const STUDY_TOPICS = [
  '学习习近平法治思想', '学习《中华人民共和国民法典》婚姻家庭编', '学习《信访工作条例》', '学习《社区矫正法》及实施办法',
  '学习《法律援助法》', '学习《人民调解法》', '学习县局年度工作要点', '学习党风廉政建设有关规定', '学习《行政复议法》修订内容',
  '学习安全生产法律法规', '传达学习县委全会精神', '学习《反有组织犯罪法》',
];
const PUBLICITY_THEMES: Record<string, readonly string[]> = {
  '01': ['春节前农民工工资支付法律宣传', '“法律进乡村”新春普法活动'],
  '02': ['春节返乡人员法律宣传'],
  '03': ['“3·15”消费者权益保护法律宣传', '“三八”妇女维权法律宣传'],
  '04': ['“4·15”全民国家安全教育日宣传'],
  '05': ['民法典宣传月活动'],
  '06': ['“6·26”国际禁毒日宣传', '安全生产月法律宣传'],
  '07': ['防溺水安全与未成年人保护法律宣传'],
  '08': ['反诈骗法律宣传进村入户'],
  '09': ['“法律进学校”开学第一课'],
  '10': ['重阳节老年人权益保障法律宣传'],
  '11': ['“11·9”消防法律宣传'],
  '12': ['“12·4”国家宪法日宣传', '宪法宣传周集中宣传活动'],
};
const GENERIC_THEMES = ['“法律进乡村”宣传活动', '反电信网络诈骗法律宣传', '扫黑除恶常态化法律宣传', '《法律援助法》宣传'];
const LEGAL_AID_CAUSES = ['追索劳动报酬', '赡养费纠纷', '抚养费纠纷', '工伤赔偿', '道路交通事故人身损害赔偿', '离婚纠纷', '民间借贷纠纷', '医疗损害赔偿'];

const texts = (...xs: string[]) => xs;

const PROFILES: Record<string, RegisterProfile> = {
  petitions: {
    perMonth: 1.1,
    weights: { channel: { visit: 45, phone: 20, letter: 10, online: 10, 'hotline-12345': 10, transferred: 5 } },
    texts: { request: PETITION_REQUESTS, address: texts('青山县{township}{village}村', '青山县{township}{village}组') },
    shape: (v, { random, office, people, window, day }) => {
      const received = officeHours(random, day);
      v.receivedAt = earlier(received, window.now).toISOString();
      const group = chance(random, 0.06);
      v.peopleCount = group ? between(random, 5, 30) : chance(random, 0.2) ? 2 : 1;
      v.visitors = Array.from({ length: group ? 3 : (v.peopleCount as number) }, () => ({ name: personName(random) }));
      v.handler = pick(random, people).name;
      v.extended = chance(random, 0.05) || undefined;
      for (const key of ['answeredAt', 'finishedAt', 'handling', 'result']) delete v[key];
      // The written reply: mostly within the 15 days, some late, a few never (past due, shown on the homes).
      const fate = weighted(random, { onTime: 84, late: 10, never: 6 });
      const answered = fate === 'never' ? undefined : new Date(Date.parse(v.receivedAt as string) + (fate === 'onTime' ? between(random, 0, 14) : between(random, 16, 30)) * 86_400_000 + between(random, 0, 300) * 60_000);
      if (!answered || answered > window.now) return;
      v.answeredAt = answered.toISOString();
      v.handling = weighted(random, { accepted: 60, transferred: 25, answered: 15 });
      const finishDays = between(random, 10, v.extended ? 85 : 58);
      const finished = new Date(Math.max(answered.getTime(), Date.parse(v.receivedAt as string) + finishDays * 86_400_000));
      if (finished <= window.now && chance(random, 0.9)) {
        v.finishedAt = finished.toISOString();
        v.result = pick(random, PETITION_RESULTS);
      }
      void office;
    },
  },
  'study-meetings': {
    plan: ({ random, office, window }) => {
      const planned: Planned[] = [];
      for (const month of window.months) {
        const last = window.lastDayOf(month);
        // The weekly half-day study, on Friday afternoon (some weeks missed).
        for (let d = 1; d <= last; d++) {
          const day = dayOf(month, d);
          if (weekdayOf(day) === 5 && chance(random, HABITUALLY_LATE.has(office.id) ? 0.7 : 0.88)) planned.push({ day, preset: { kind: 'weekly-study' } });
        }
        const workday = workdayIn(random, month, last);
        if (workday && chance(random, 0.6)) planned.push({ day: workday, preset: { kind: 'business-meeting' } });
        const another = workdayIn(random, month, last);
        if (another && office.officeClass === 'central' && chance(random, 0.5)) planned.push({ day: another, preset: { kind: 'director-meeting' } });
      }
      return planned;
    },
    texts: {
      place: texts('{office}会议室', '{township}人民政府三楼会议室'),
      record: texts(
        '集中学习有关法律法规和上级文件精神，结合本所工作实际进行讨论，每人作学习发言，明确下一步工作措施。',
        '传达县局工作会议精神，通报上周工作完成情况，安排本周矛盾纠纷排查、社区矫正和法治宣传工作。',
        '组织观看专题教育片，围绕依法履职和服务群众开展交流研讨，形成学习记录。',
      ),
    },
    shape: (v, { random, people }) => {
      const names = people.map((p) => ({ name: p.name }));
      const absent = people.length > 2 && chance(random, 0.15) ? [names.pop()!] : [];
      v.attendees = names;
      if (absent.length) v.absentees = absent;
      else delete v.absentees;
      v.host = people[0]!.name;
      v.minutes = v.kind === 'weekly-study' ? pick(random, [180, 180, 210, 240]) : between(random, 4, 12) * 15;
      v.topic = v.kind === 'weekly-study' ? pick(random, STUDY_TOPICS) : v.kind === 'director-meeting' ? '片区所长工作例会' : '本所业务工作会议';
    },
  },
  publicity: {
    plan: ({ random, window }) => {
      const planned: Planned[] = [];
      for (const month of window.months) {
        const last = window.lastDayOf(month);
        if (month.endsWith('-01')) {
          const day = workdayIn(random, month, Math.min(last, 20));
          if (day) planned.push({ day, preset: { kind: 'annual-plan' } });
        }
        // Most months one or two events; some months none.
        const events = Number(weighted(random, { '0': 18, '1': 47, '2': 25, '3': 10 }));
        for (let i = 0; i < events; i++) {
          const day = workdayIn(random, month, last);
          if (day) planned.push({ day, preset: { kind: 'event' } });
        }
      }
      return planned;
    },
    always: ['place', 'format', 'organiser', 'materials', 'consultations', 'audience'],
    ranges: { materials: [80, 800], consultations: [5, 80], audience: [60, 600], boards: [2, 12], banners: [1, 4] },
    weights: { format: { 'consultation-desk': 40, lecture: 20, boards: 15, performance: 8, 'new-media': 12, questionnaire: 3, other: 2 } },
    texts: {
      place: texts('{township}集贸市场', '{village}村文化广场', '{township}中心小学', '{township}人民政府便民服务中心', '{village}村委会'),
      organiser: texts('{office}', '{township}人民政府'),
      partners: texts('{township}派出所、{township}人民法庭', '青山律师事务所', '{township}妇联、团委', '{township}综治中心'),
      content: texts(
        '设立法律咨询台，发放宣传资料，现场解答群众法律咨询，悬挂宣传横幅、摆放展板。',
        '邀请律师开展专题法治讲座，结合典型案例以案释法，群众反响良好。',
        '通过微信群、村村响广播推送普法内容，组织村民参与法律知识问答。',
      ),
    },
    shape: (v, { random, people, day }) => {
      if (v.kind === 'annual-plan') {
        v.theme = `${day.slice(0, 4)}年度法治宣传教育工作计划`;
        v.content = '围绕“八五”普法规划，全年开展“法律进乡村、进学校、进企业”等主题活动不少于12次，重点宣传宪法、民法典和与群众生产生活密切相关的法律法规。';
        for (const key of ['place', 'format', 'materials', 'consultations', 'audience', 'boards', 'banners', 'participants']) delete v[key];
        return;
      }
      v.theme = chance(random, 0.7) ? pick(random, PUBLICITY_THEMES[day.slice(5, 7)] ?? GENERIC_THEMES) : pick(random, GENERIC_THEMES);
      v.participants = people.slice(0, between(random, 1, people.length)).map((p) => ({ name: p.name }));
      v.reported = chance(random, 0.8);
    },
  },
  'legal-aid': {
    perMonth: 0.55,
    weights: {
      category: { 'migrant-worker': 30, elderly: 20, 'low-income': 15, women: 12, disabled: 8, minor: 5, veteran: 3, other: 7 },
      aidType: { litigation: 40, 'labour-arbitration': 20, consultation: 15, document: 10, defence: 5, 'non-litigation': 10 },
    },
    texts: {
      address: texts('青山县{township}{village}村'),
      summary: texts(
        '申请人在外务工被拖欠工资，多次讨要未果，经济困难，申请法律援助。',
        '申请人年逾七旬，子女拒绝支付赡养费，申请法律援助提起诉讼。',
        '申请人在工地务工时受伤，用人单位拒绝赔偿，申请法律援助。',
      ),
    },
    shape: (v, { random, window, day, serial }) => {
      v.cause = pick(random, LEGAL_AID_CAUSES);
      v.sex = pick(random, ['male', 'female']);
      v.idNumber = demoIdNumber(5_000 + serial, v.sex === 'male');
      for (const key of ['forwardedOn', 'decision', 'lawyer', 'closedOn', 'visitedOn', 'evaluation', 'enteredOnlineAt']) delete v[key];
      const upTo = (d: string) => (d <= window.today ? d : undefined);
      // Entered online by the 3rd of the next month, some later, a few never.
      const due = `${nextMonthOf(day.slice(0, 7))}-03`;
      const fate = weighted(random, { onTime: 80, late: 12, never: 8 });
      const enteredOn = fate === 'never' ? undefined : fate === 'onTime' ? upTo(addDays(day, between(random, 0, Math.max(0, Math.round((Date.parse(due) - Date.parse(day)) / 86_400_000))))) : upTo(addDays(due, between(random, 2, 20)));
      if (enteredOn) {
        const at = earlier(officeHours(random, enteredOn), window.now);
        if (shanghaiDay(at) >= day) v.enteredOnlineAt = at.toISOString();
      }
      const forwardedOn = upTo(addDays(day, between(random, 0, 3)));
      if (!forwardedOn || v.aidType === 'consultation') return;
      v.forwardedOn = forwardedOn;
      const decidedOn = upTo(addDays(forwardedOn, between(random, 3, 7)));
      if (!decidedOn) return;
      v.decision = chance(random, 0.88) ? 'granted' : 'refused';
      if (v.decision !== 'granted') return;
      v.lawyer = pick(random, LAWYERS);
      const closedOn = upTo(addDays(decidedOn, between(random, 30, 120)));
      if (!closedOn) return;
      v.closedOn = closedOn;
      const visitedOn = upTo(addDays(closedOn, between(random, 3, 20)));
      if (!visitedOn || !chance(random, 0.8)) return;
      v.visitedOn = visitedOn;
      v.evaluation = weighted(random, { satisfied: 80, 'fairly-satisfied': 17, dissatisfied: 3 });
    },
  },
  'advisor-consultations': {
    perMonth: 0.5,
    texts: {
      requester: texts('{township}党政办', '{township}农业农村办', '{township}自然资源所', '{village}村委会', '{township}社会事务办'),
      subject: texts('村级工程承包合同审查', '土地流转合同审查', '征地补偿安置方案合法性审查', '乡镇行政规范性文件审查', '涉诉案件应诉意见', '集体经济组织章程审查'),
      content: texts('乡镇政府拟签订合同，请司法所审查条款的合法性和风险。', '就拟出台的工作方案征求法律意见。'),
      opinion: texts(
        '经审查，合同主体适格，建议明确违约责任和争议解决方式，补充付款节点的验收条件。',
        '方案总体合法，建议补充听取群众意见的程序，并对补偿标准的依据予以公开。',
        '建议依法应诉，及时收集并提交相关证据材料，必要时委托律师代理。',
      ),
    },
    shape: (v, { random, people }) => {
      v.advisor = pick(random, people).name;
      v.requesterPerson = personName(random);
    },
  },
  notarization: {
    perMonth: 0.35,
    texts: {
      matter: texts('继承房产公证咨询', '委托出售房屋公证', '亲属关系证明公证', '学历证明公证（出国留学）', '遗嘱公证咨询'),
      notaryOffice: texts('青山县公证处'),
      result: texts('已转介青山县公证处办理，公证书已出具。', '已指导申请人准备材料，预约公证处办理。', '已代收材料并转递公证处。'),
    },
    shape: (v, { random, people }) => {
      v.applicant = personName(random);
      v.handler = pick(random, people).name;
    },
  },
  'legal-service-guidance': {
    perMonth: 0.2,
    texts: {
      serviceOffice: texts('{township}法律服务所'),
      subject: texts('年度执业检查', '案卷归档情况检查', '收费公示情况检查', '执业规范专题指导'),
      content: texts('检查法律服务所执业登记、收费公示、案卷管理等情况，对存在的问题当场指导整改。'),
      problems: texts('部分案卷归档不及时，收费票据未按规定装订。'),
      rectification: texts('已完成案卷补充归档，收费票据按规定整理装订。'),
    },
    shape: (v, { people }) => {
      v.guides = people.slice(0, 2).map((p) => ({ name: p.name }));
      if (!v.problems) {
        delete v.rectification;
        delete v.rectifiedOn;
      }
    },
  },
  governance: {
    perMonth: 0.8,
    weights: { kind: { meeting: 40, screening: 20, campaign: 12, 'on-duty': 12, 'risk-assessment': 8, 'joint-mediation': 6, other: 2 } },
    texts: {
      subject: texts('乡镇综治中心月度例会', '重点时段维稳值守', '矛盾纠纷集中排查', '重大项目社会稳定风险评估', '联合调处山林权属纠纷', '平安建设专项整治'),
      organiser: texts('{township}综治中心', '{township}派出所', '{township}党委政法委员'),
      place: texts('{township}综治中心', '{township}人民政府会议室'),
      content: texts('参加综治中心工作会议，通报本所矛盾纠纷排查调处和社区矫正工作情况，研究部署下阶段重点工作。', '参与重点时段值班值守，对辖区重点人员开展走访，未发现异常情况。'),
      outcome: texts('会议形成工作纪要，分解落实责任。', '排查化解矛盾纠纷2件。'),
    },
    shape: (v, { random, people }) => {
      v.participants = people.slice(0, between(random, 1, people.length)).map((p) => ({ name: p.name }));
    },
  },
  'showcase-sites': {
    perMonth: 0.03,
    texts: {
      siteName: texts('{village}村“老杨调解室”', '{township}“1+X”联合调解工作室', '{village}村“和事佬”调解点'),
      village: texts('{village}村'),
      partners: texts('{township}派出所、{township}人民法庭、青山律师事务所'),
      achievements: texts('示范点运行以来调处各类纠纷20余件，调解成功率98%，群众满意度高。'),
    },
    ranges: { casesHandled: [3, 40] },
    weights: { siteStatus: { running: 90, suspended: 8, revoked: 2 } },
    shape: (v, { random }) => {
      v.leader = personName(random);
      v.mediators = Array.from({ length: between(random, 2, 5) }, () => ({ name: personName(random) }));
    },
  },
  'responsibility-letters': {
    // Each person signs the year's letter in January; last year's is assessed at the start of this one.
    plan: ({ random, people, window }) =>
      window.months
        .filter((m) => m.endsWith('-01'))
        .flatMap((month) => {
          const day = workdayIn(random, month, Math.min(window.lastDayOf(month), 15));
          return day ? people.map((p) => ({ day, preset: { year: Number(month.slice(0, 4)), signer: p.name, postLabel: p.post } })) : [];
        }),
    texts: {
      issuer: texts('青山县司法局'),
      targets: texts('完成矛盾纠纷排查调处、社区矫正、法治宣传、法律援助等年度目标任务；遵守工作纪律和廉政规定；全年无重大责任事故。'),
      remarks: texts('无'),
    },
    shape: (v, { random, window, day }) => {
      const post = (PROFILE_FIELDS.get('responsibility-letters')?.get('post') as RegisterField | undefined);
      const option = post?.kind === 'choice' ? post.options.find((o) => o.label === v.postLabel) : undefined;
      if (option) v.post = option.value;
      delete v.postLabel;
      for (const key of ['assessedOn', 'assessment', 'score']) delete v[key];
      const assessedOn = addDays(`${Number(day.slice(0, 4)) + 1}-01-10`, between(random, 0, 10));
      if (assessedOn > window.today) return;
      v.assessedOn = assessedOn;
      v.score = between(random, 82, 98);
      v.assessment = (v.score as number) >= 92 ? 'excellent' : 'competent';
    },
  },
  trainings: {
    perMonth: 0.3,
    texts: {
      organiser: texts('青山县司法局', '市司法局', '省司法厅'),
      topic: texts('司法所长业务能力提升培训', '人民调解员岗位培训', '社区矫正工作实务培训', '法律援助案件质量培训', '行政执法人员法律知识培训'),
      place: texts('青山县委党校', '县司法局会议室', '线上'),
      summary: texts('通过培训系统学习了相关业务知识和工作规范，提高了依法履职能力。'),
    },
    ranges: { hours: [4, 24] },
    shape: (v, { random, people, window, day }) => {
      v.trainees = people.slice(0, between(random, 1, people.length)).map((p) => ({ name: p.name }));
      const ended = addDays(day, between(random, 0, 2));
      if (ended <= window.today) v.endedOn = ended;
      else delete v.endedOn;
    },
  },
  'public-notices': {
    perMonth: 0.4,
    texts: {
      title: texts('司法所职责及办事指南', '工作人员及联系方式', '人民调解员名单公示', '法律援助申请条件和程序', '经费收支情况公示', '通知公告'),
      content: texts('在政务公开栏张贴公示，接受群众监督。'),
    },
    shape: (v, { random, people, day }) => {
      v.approvedBy = people[0]!.name;
      v.publisher = pick(random, people).name;
      if (chance(random, 0.4)) v.takenDownOn = addDays(day, between(random, 7, 30));
      else delete v.takenDownOn;
    },
  },
};
/** A register declared without a profile here: a few entries a year, generated from its fields. */
const DEFAULT_PROFILE: RegisterProfile = { perMonth: 0.25 };

/** Each declared register's fields by key (a shape looks up a choice's options). */
const PROFILE_FIELDS = new Map(REGISTERS.map((d) => [d.id, new Map(d.fields.map((f) => [f.key, f]))]));

// ---- Registers: the values ---------------------------------------------------------------------------

const fillIn = (template: string, ctx: EntryContext) =>
  template.replaceAll('{township}', ctx.office.township).replaceAll('{office}', ctx.office.name).replaceAll('{village}', pick(ctx.random, VILLAGES));

/** Labels that name one of the office's own staff (who received, hosted, handled it). */
const STAFF_ROLE = /接待|主持|承办|经办|审核|指导人|责任人|记录/;

/** A value of the field's kind, from the profile where it has one. */
const valueOf = (f: RegisterField, d: RegisterDeclaration, profile: RegisterProfile, ctx: EntryContext): unknown => {
  const { random, day } = ctx;
  const sample = profile.texts?.[f.key];
  const cut = (s: string, max: number) => [...s].slice(0, max).join('');
  switch (f.kind) {
    case 'text':
      if (sample) return cut(fillIn(pick(random, sample), ctx), f.max);
      if (STAFF_ROLE.test(f.label)) return cut(pick(random, ctx.people).name, f.max);
      if (/人$|姓名/.test(f.label)) return cut(personName(random), f.max);
      if (f.label.includes('地点')) return cut(`${ctx.office.township}人民政府`, f.max);
      if (f.label.includes('单位')) return cut(`${ctx.office.township}人民政府`, f.max);
      return cut(`${ctx.office.township}${f.label}`, f.max);
    case 'multiline':
      return cut(sample ? fillIn(pick(random, sample), ctx) : `${ctx.office.name}${d.shortName}：${f.label}已按规定登记。`, f.max);
    case 'date':
      if (f.key === d.dateField) return day;
      return addDays(day, between(random, 0, 20));
    case 'datetime':
      return (f.key === d.dateField ? officeHours(random, day) : officeHours(random, addDays(day, between(random, 0, 10)))).toISOString();
    case 'integer': {
      const [min, max] = profile.ranges?.[f.key] ?? [f.min, Math.min(f.max, f.min + 20)];
      return between(random, Math.max(f.min, min), Math.min(f.max, max));
    }
    case 'choice': {
      const weights = profile.weights?.[f.key];
      return weights ? weighted(random, weights) : pick(random, f.options).value;
    }
    case 'names':
      return (STAFF_ROLE.test(f.label) || /参加|参训|人员/.test(f.label) ? ctx.people.map((p) => p.name) : [personName(random)]).slice(0, f.max).map((name) => ({ name }));
    case 'flag':
      return chance(random, 0.5);
    case 'idNumber':
      return demoIdNumber(5_000 + ctx.serial, chance(random, 0.5));
    case 'phone':
      return `1${pick(random, ['35', '39', '58', '87', '37'])}${String(between(random, 0, 99_999_999)).padStart(8, '0')}`;
  }
};

const SCHEMAS = new Map(REGISTERS.map((d) => [d.id, entryInput(d)]));

/** Values the schema and the declaration's checks accept (as the API would), or none after a few draws. */
const valuesFor = (d: RegisterDeclaration, profile: RegisterProfile, ctx: EntryContext, preset: EntryValues | undefined): EntryValues | undefined => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const values: EntryValues = {};
    for (const f of d.fields) {
      if (f.required || f.key === d.dateField || profile.always?.includes(f.key) || chance(ctx.random, profile.fill ?? 0.7)) values[f.key] = valueOf(f, d, profile, ctx);
    }
    Object.assign(values, preset);
    profile.shape?.(values, ctx);
    for (const [key, value] of Object.entries(values)) if (value === undefined) delete values[key];
    const inFuture = Object.entries(values).some(([, v]) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Date.parse(v) > ctx.window.now.getTime());
    if (inFuture) continue;
    const parsed = SCHEMAS.get(d.id)!.safeParse({ officeId: ctx.office.id, ...values });
    if (!parsed.success) continue;
    const { officeId: _officeId, ...accepted } = parsed.data as EntryValues;
    // An optional value a check refuses is left out; a required one means another draw.
    for (let round = 0; round < 3; round++) {
      const problems = d.checks?.(accepted, ctx.window.now) ?? {};
      const keys = Object.keys(problems);
      if (!keys.length) return accepted;
      if (keys.some((k) => d.fields.find((f) => f.key === k)?.required !== false)) break;
      for (const k of keys) delete accepted[k];
    }
  }
  return undefined;
};

/** The instant a value stands for: a datetime itself, a date its Shanghai start (plus office hours' start). */
const instantOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{4}-\d\d-\d\d(T.*)?$/.test(value) ? Date.parse(value.length === 10 ? `${value}T09:00:00+08:00` : value) : undefined;

const entryOf = (d: RegisterDeclaration, values: EntryValues, ctx: EntryContext): RegisterEntry => {
  const { office, window, random } = ctx;
  const filedAt = d.fields.find((f) => f.key === d.dateField)?.kind === 'datetime' ? new Date(String(values[d.dateField])) : officeHours(random, ctx.day);
  const createdAt = earlier(new Date(filedAt.getTime() + between(random, 0, 90) * 60_000), window.now);
  // Later steps (an answer, a closing date) were added by editing the entry.
  const lastStep = Math.max(createdAt.getTime(), ...Object.values(values).map(instantOf).filter((t): t is number => t !== undefined));
  const updatedAt = earlier(new Date(lastStep), window.now);
  const edited = updatedAt.getTime() > createdAt.getTime();
  return {
    ...values,
    ...(d.derive?.(values) ?? {}),
    id: demoUlid(createdAt, random),
    register: d.id,
    officeId: office.id,
    areaId: office.areaId,
    filedOn: shanghaiDay(new Date(instantOf(values[d.dateField]) ?? filedAt.getTime())),
    status: 'active',
    version: edited ? 2 : 1,
    createdAt: createdAt.toISOString(),
    createdBy: clerkOf(office),
    updatedAt: updatedAt.toISOString(),
    updatedBy: clerkOf(office),
  };
};

/** The planned days: a Poisson count a month on working days up to today. */
const poissonPlan = (perMonth: number) => ({ random, window }: Omit<EntryContext, 'day' | 'serial'>): Planned[] =>
  window.months.flatMap((month) =>
    Array.from({ length: poisson(random, perMonth) }, () => workdayIn(random, month, window.lastDayOf(month))).flatMap((day) => (day ? [{ day }] : [])),
  );

const entriesOf = (office: DemoOffice, people: Person[], window: Window, serial: { n: number }): RegisterEntry[] => {
  const entries: RegisterEntry[] = [];
  for (const d of REGISTERS) {
    const profile = PROFILES[d.id] ?? DEFAULT_PROFILE;
    // Each register draws from its own stream: declaring another one leaves these as they were.
    const random = seededRandom(hashOf(`${office.id}#${d.id}#${window.months[0]}`));
    const base = { random, office, people, window };
    const planned = (profile.plan ?? poissonPlan(profile.perMonth ?? DEFAULT_PROFILE.perMonth!))(base);
    for (const p of planned.sort((a, b) => a.day.localeCompare(b.day))) {
      const ctx: EntryContext = { ...base, day: p.day, serial: serial.n++ };
      const values = valuesFor(d, profile, ctx, p.preset);
      if (!values) continue;
      let entry = entryOf(d, values, ctx);
      // Now and then an entry made twice is withdrawn.
      const withdrawnAt = new Date(Date.parse(entry.createdAt) + between(random, 10, 600) * 60_000);
      if (chance(random, 0.01) && withdrawnAt <= window.now) {
        entry = {
          ...entry, status: 'withdrawn', withdrawnAt: withdrawnAt.toISOString(), withdrawnBy: clerkOf(office), withdrawnReason: '重复登记',
          updatedAt: withdrawnAt.toISOString(), version: entry.version + 1,
        };
      }
      entries.push(entry);
    }
  }
  return entries;
};

// ---- Leave and absences -----------------------------------------------------------------------------------

const LEAVE_REASONS: Record<LeaveKind, readonly string[]> = {
  personal: ['家中有事需处理', '陪同家人就医', '子女学校家长会', '办理个人事务'],
  sick: ['感冒发烧，需就医休息', '腰椎不适，遵医嘱休息', '门诊复查'],
  annual: ['休年休假', '休年休假，回老家探亲'],
  marriage: ['本人结婚'],
  maternity: ['配偶生育，休陪产假'],
  bereavement: ['直系亲属去世，回家料理后事'],
  other: ['参加县里组织的体检'],
};

const leaveOf = (office: DemoOffice, people: Person[], window: Window, random: Random): LeaveRequest[] => {
  // A director's own leave is decided by the leader.
  const deciderOf = (p: Person) => (p.post === '所长' ? LEADER : directorOf(office.areaId));
  const requests: LeaveRequest[] = [];
  const add = (p: Person, kind: LeaveKind, from: string, to: string, requestedAt: Date) => {
    const base: LeaveRequest = {
      id: demoUlid(requestedAt, random), officeId: office.id, areaId: office.areaId, username: p.username, name: p.name, kind, from, to,
      days: leaveDays(from, to), reason: pick(random, LEAVE_REASONS[kind]), status: 'requested', requestedAt: requestedAt.toISOString(),
      version: 1, updatedAt: requestedAt.toISOString(),
    };
    requests.push(base);
    return base;
  };
  for (const p of people) {
    for (const month of window.months) {
      if (!chance(random, 0.22)) continue;
      const kind = weighted(random, { personal: 40, sick: 30, annual: 22, other: 4, bereavement: 2, marriage: 1, maternity: 1 } as Record<LeaveKind, number>);
      const from = workdayIn(random, month, daysInMonth(month));
      if (!from) continue;
      const length = kind === 'annual' ? between(random, 3, 5) : kind === 'maternity' ? 15 : kind === 'marriage' ? 10 : between(random, 1, 2);
      const to = addDays(from, length - 1);
      const requestedAt = officeHours(random, addDays(from, -between(random, 1, 5)));
      if (requestedAt > window.now) continue;
      const l = add(p, kind, from, to, requestedAt);
      const decidedAt = new Date(requestedAt.getTime() + between(random, 30, 20 * 60) * 60_000);
      // Not yet decided: the director's queue.
      if (decidedAt > window.now || (from > window.today && chance(random, 0.5))) continue;
      if (chance(random, 0.03)) {
        Object.assign(l, { status: 'withdrawn', version: 2, updatedAt: decidedAt.toISOString() });
        continue;
      }
      const director = deciderOf(p);
      const approve = chance(random, 0.92);
      Object.assign(l, {
        status: approve ? 'approved' : 'refused', decidedAt: decidedAt.toISOString(), decidedBy: director.username, decidedByName: director.name,
        ...(approve ? {} : { comment: '近期工作任务重，请调整时间后再申请。' }), version: 2, updatedAt: decidedAt.toISOString(),
      });
      // 销假 on return, mostly the day after; a few forget.
      const returnedOn = chance(random, 0.1) ? to : addDays(to, 1);
      const cancelledAt = officeHours(random, returnedOn);
      if (approve && cancelledAt <= window.now && chance(random, 0.9)) {
        Object.assign(l, { status: 'cancelled', returnedOn, cancelledAt: cancelledAt.toISOString(), version: 3, updatedAt: cancelledAt.toISOString() });
      }
    }
  }
  return requests;
};


const ABSENCE_NOTES = ['工作日未到岗，未请假，电话联系不上。', '下午擅自离岗，未履行请假手续。', '未经批准外出办理私事，半天未到岗。'];

const absencesOf = (office: DemoOffice, people: Person[], window: Window, random: Random, leave: LeaveRequest[], count: number): Absence[] => {
  const absences: Absence[] = [];
  for (let i = 0; i < count; i++) {
    const p = pick(random, people.filter((x) => x.post !== '所长'));
    if (!p) continue;
    const month = pick(random, window.months.slice(0, -1).length ? window.months.slice(0, -1) : window.months);
    const on = workdayIn(random, month, window.lastDayOf(month));
    if (!on) continue;
    const excused = leave.some((l) => l.username === p.username && (l.status === 'approved' || l.status === 'cancelled') && on >= l.from && on <= l.to);
    const recordedAt = officeHours(random, addDays(on, between(random, 0, 2)));
    if (excused || recordedAt > window.now) continue;
    const director = directorOf(office.areaId);
    absences.push({
      id: demoUlid(recordedAt, random), officeId: office.id, areaId: office.areaId, name: p.name, on, note: pick(random, ABSENCE_NOTES), status: 'active',
      recordedBy: director.username, recordedByName: director.name, recordedAt: recordedAt.toISOString(), version: 1, updatedAt: recordedAt.toISOString(),
    });
  }
  return absences;
};

// ---- Plans and reports ---------------------------------------------------------------------------------------

/** The titles of the kinds handed in once a period (the others have their own lists). */
const REPORT_TITLES: Partial<Record<ReportKind, (period: string, office: DemoOffice) => string>> = {
  'annual-plan': (y, o) => `${o.name}${y}年工作计划`,
  'monthly-feedback': (m, o) => `${o.name}${Number(m.slice(5))}月份工作情况反馈`,
  'platform-data': (m, o) => `${o.name}${Number(m.slice(5))}月份司法行政平台数据录入确认`,
  'half-year-summary': (y, o) => `${o.name}${y}年上半年工作小结`,
  'year-end-summary': (y, o) => `${o.name}${y}年工作总结`,
};
const INFORMATION_TITLES = [
  '{township}司法所扎实开展矛盾纠纷排查化解', '{township}司法所开展“法律进乡村”普法活动', '{township}司法所做好社区矫正对象教育帮扶',
  '{township}司法所成功调处一起山林权属纠纷', '{township}司法所开展法律援助进村入户活动', '{township}司法所组织开展宪法宣传活动',
];
const RESEARCH_TITLES = ['关于基层司法所规范化建设的调研与思考', '农村矛盾纠纷多元化解机制调研', '社区矫正对象分类管理的实践与思考', '新形势下基层法治宣传方式的探索'];
const EXPERIENCE_TITLES = ['“点调制”调解机制助力矛盾纠纷就地化解', '“1+X”联合调解工作法的实践', '网格化排查让矛盾纠纷早发现早化解', '“法律明白人”培养工程的做法与成效'];
const RETURN_COMMENTS = ['数据与平台不一致，请核对后重新报送。', '内容过于简略，请补充具体工作和数据后重新报送。', '格式不规范，请按县局模板修改后重新报送。'];

interface DueItem {
  kind: ReportKind;
  period: string;
  /** The earliest sensible day to hand it in. */
  from: string;
  title: string;
  author?: string;
}

/** What the office owed (or will owe) in the window: one item per report it is expected to hand in. */
const dueItems = (office: DemoOffice, people: Person[], window: Window, random: Random): DueItem[] => {
  const first = window.months[0]!;
  const items: DueItem[] = [];
  const single = (kind: ReportKind, period: string, from: string) => items.push({ kind, period, from, title: REPORT_TITLES[kind]!(period, office) });
  for (const month of window.months) {
    // The month's feedback and platform data for the month before (due early in this one).
    const previous = previousMonthOf(month);
    if (previous >= previousMonthOf(first)) {
      single('monthly-feedback', previous, `${month}-01`);
      single('platform-data', previous, `${month}-01`);
    }
    const information = between(random, 0, 4);
    for (let i = 0; i < information; i++) {
      items.push({ kind: 'information', period: month, from: `${month}-01`, title: pick(random, INFORMATION_TITLES).replace('{township}', office.township) });
    }
  }
  const years = [...new Set(window.months.map((m) => m.slice(0, 4)))];
  const inWindow = (kind: ReportKind, period: string) => reportDueDay(kind, period).slice(0, 7) >= first;
  for (const year of years) {
    if (inWindow('annual-plan', year)) single('annual-plan', year, `${year}-01-02`);
    if (inWindow('half-year-summary', year)) single('half-year-summary', year, `${year}-06-20`);
    if (inWindow('year-end-summary', year)) single('year-end-summary', year, `${year}-12-01`);
    // One research article and one experience material per person a year, handed in over the year.
    for (const p of people) {
      for (const [kind, titles] of [['research-article', RESEARCH_TITLES], ['experience-material', EXPERIENCE_TITLES]] as const) {
        if (!inWindow(kind, year)) continue;
        const from = `${year}-${String(between(random, 3, 11)).padStart(2, '0')}-01`;
        items.push({ kind, period: year, from: from < `${first}-01` ? `${first}-01` : from, title: pick(random, titles), author: p.name });
      }
    }
  }
  return items;
};

const reportsOf = (office: DemoOffice, people: Person[], window: Window, random: Random): Report[] => {
  const reports: Report[] = [];
  const habitual = HABITUALLY_LATE.has(office.id);
  const returner = office.officeClass === 'central' ? GRASSROOTS : directorOf(office.areaId);
  for (const item of dueItems(office, people, window, random)) {
    const due = reportDueAt(item.kind, item.period);
    const dueDay = reportDueDay(item.kind, item.period);
    const fate = weighted(random, habitual ? { onTime: 50, late: 38, missing: 12 } : { onTime: 88, late: 8, missing: 4 });
    if (fate === 'missing') continue;
    const from = item.from > dueDay ? dueDay : item.from;
    const span = Math.max(0, Math.round((Date.parse(dueDay) - Date.parse(from)) / 86_400_000));
    const day = fate === 'late' ? addDays(dueDay, between(random, 1, 8)) : addDays(from, between(random, 0, span));
    const firstSubmittedAt = officeHours(random, day);
    if (firstSubmittedAt > window.now) continue;
    let report: Report = {
      id: demoUlid(firstSubmittedAt, random), officeId: office.id, areaId: office.areaId, kind: item.kind, period: item.period, title: item.title,
      content: `${item.title}。${REPORT_CONTENT[item.kind]}`, ...(item.author ? { author: item.author } : {}), attachments: [], status: 'submitted',
      submittedAt: firstSubmittedAt.toISOString(), submittedBy: item.author ? (people.find((p) => p.name === item.author)?.username ?? clerkOf(office)) : clerkOf(office),
      dueAt: due.toISOString(), onTime: isOnTime(item.kind, item.period, firstSubmittedAt.toISOString()), returns: 0, version: 1, updatedAt: firstSubmittedAt.toISOString(),
    };
    // The area director (基层股 for a central office) returns some; most come back within days.
    const returnedAt = new Date(firstSubmittedAt.getTime() + between(random, 2, 48) * 3_600_000);
    if (chance(random, 0.08) && returnedAt <= window.now) {
      report = {
        ...report, status: 'returned', returnedAt: returnedAt.toISOString(), returnedBy: returner.username, returnedByName: returner.name,
        returnComment: pick(random, RETURN_COMMENTS), returns: 1, version: 2, updatedAt: returnedAt.toISOString(),
      };
      const resubmittedAt = officeHours(random, addDays(shanghaiDay(returnedAt), between(random, 1, 4)));
      if (chance(random, 0.8) && resubmittedAt <= window.now) {
        report = {
          ...report, status: 'submitted', content: `${report.content}（已按退回意见修改）`, submittedAt: resubmittedAt.toISOString(),
          onTime: isOnTime(item.kind, item.period, resubmittedAt.toISOString()), version: 3, updatedAt: resubmittedAt.toISOString(),
        };
      }
    }
    reports.push(report);
  }
  return reports;
};

const REPORT_CONTENT: Record<ReportKind, string> = {
  'annual-plan': '一、指导思想；二、工作目标；三、重点任务（人民调解、社区矫正、法治宣传、法律援助、基层法律服务）；四、保障措施。',
  'monthly-feedback': '本月共排查矛盾纠纷若干次，调处纠纷若干件，开展法治宣传活动，社区矫正对象无脱管漏管，各项工作按计划推进。',
  'platform-data': '本月人民调解、社区矫正、法律援助等业务数据已全部录入司法行政工作平台，经核对无误。',
  'half-year-summary': '上半年工作完成情况、存在的问题和下半年工作打算。',
  'year-end-summary': '全年工作完成情况、主要做法和成效、存在的问题、明年工作思路。',
  information: '近日，司法所组织工作人员深入村组开展工作，取得良好效果。',
  'research-article': '一、基本情况；二、存在的问题；三、原因分析；四、对策建议。',
  'experience-material': '一、主要做法；二、取得的成效；三、经验启示。',
};

// ---- Tasks --------------------------------------------------------------------------------------------------

const TASKS = [
  { title: '报送本辖区矛盾纠纷排查化解情况', content: '请各所于期限前报送本辖区近期矛盾纠纷排查化解情况及重点纠纷台账。' },
  { title: '开展“八五”普法中期自查', content: '请对照“八五”普法规划开展中期自查，形成自查报告并附佐证材料。' },
  { title: '做好重点时段社区矫正对象管控', content: '重点时段前对社区矫正对象逐一谈话教育，核查定位，确保不发生脱管漏管。' },
  { title: '报送法律援助案件质量自查表', content: '请对本年度转交的法律援助案件开展质量自查，填写自查表后报送。' },
  { title: '配合开展司法所规范化建设检查', content: '县局将对司法所规范化建设情况进行检查，请各所提前做好台账资料准备。' },
  { title: '报送人民调解员花名册更新情况', content: '请核对辖区人民调解员信息，更新花名册后报送人民调解股。' },
  { title: '开展安置帮教对象走访', content: '请对辖区刑满释放人员开展走访，了解生活就业情况，填写走访记录。' },
  { title: '报送宪法宣传周活动方案', content: '请结合本地实际制定宪法宣传周活动方案并报送法治宣传股。' },
  { title: '开展消防安全检查', content: '请对办公场所开展消防安全自查，整改隐患并报送检查表。' },
  { title: '报送年度经费使用情况', content: '请报送本年度业务经费使用情况，附支出明细。' },
  { title: '组织学习新修订的行政复议法', content: '请组织全体人员学习新修订的行政复议法，并报送学习记录。' },
  { title: '排查涉农民工工资纠纷', content: '请排查辖区涉农民工工资拖欠纠纷，及时调处并报送排查表。' },
  { title: '报送“法律明白人”培养情况', content: '请报送辖区“法律明白人”名单及培训开展情况。' },
  { title: '做好节日期间值班值守', content: '节日期间请落实值班制度，值班表报基层股备案。' },
  { title: '上报典型调解案例', content: '请各所选取一件典型调解案例，按模板整理后上报人民调解股。' },
];
const COMPLETION_NOTES = ['已按要求完成，相关材料已报送。', '已完成，自查报告及佐证材料见附件。', '已落实，情况已书面报告。'];

const tasksOf = (offices: readonly DemoOffice[], window: Window, count: number, peopleByOffice: Map<string, Person[]>) => {
  const random = seededRandom(hashOf(`tasks#${window.months[0]}#${offices.map((o) => o.id).join(',')}`));
  const tasks: Task[] = [];
  const assignments: TaskAssignment[] = [];
  const first = shanghaiDayStart(`${window.months[0]}-01`).getTime();
  const span = window.now.getTime() - first;
  // Spread over the period; the last one a few days ago (still open).
  const moments = Array.from({ length: count }, (_, i) =>
    i === count - 1 ? window.now.getTime() - between(random, 1, 4) * 86_400_000 : first + Math.floor(((i + 0.3 + random() * 0.4) / count) * span),
  ).map((t) => officeHours(random, shanghaiDay(new Date(t))));
  const areas = [...new Set(offices.map((o) => o.areaId))];
  for (const [i, at] of moments.entries()) {
    const assignedAt = earlier(at, window.now);
    const assigner = weighted(random, Object.fromEntries(ASSIGNERS.map((a, n) => [String(n), a.weight]))) as `${number}`;
    const by = ASSIGNERS[Number(assigner)]!;
    const scope = weighted(random, { all: 35, area: 35, some: 30 });
    const chosen =
      scope === 'all' ? offices : scope === 'area' ? offices.filter((o) => o.areaId === pick(random, areas)) : offices.filter(() => chance(random, 0.25));
    const officesOfTask = chosen.length ? chosen : [pick(random, offices)];
    const text = TASKS[(i + between(random, 0, TASKS.length - 1)) % TASKS.length]!;
    const dueOn = addDays(shanghaiDay(assignedAt), between(random, 7, 25));
    const task: Task = {
      id: demoUlid(assignedAt, random), ...text, dueOn, attachments: [], assignedBy: by.username, assignedByName: by.name,
      ...('departmentId' in by ? { departmentId: by.departmentId } : {}), assignedAt: assignedAt.toISOString(), officeIds: officesOfTask.map((o) => o.id), version: 1,
    };
    tasks.push(task);
    for (const o of officesOfTask) {
      const a: TaskAssignment = { taskId: task.id, officeId: o.id, areaId: o.areaId, title: task.title, dueOn, state: 'open', attachments: [], version: 1 };
      const fate = weighted(random, HABITUALLY_LATE.has(o.id) ? { onTime: 55, late: 30, open: 15 } : { onTime: 80, late: 12, open: 8 });
      const completedOn = fate === 'onTime' ? addDays(dueOn, -between(random, 0, 6)) : fate === 'late' ? addDays(dueOn, between(random, 1, 10)) : undefined;
      const completedAt = completedOn && completedOn >= shanghaiDay(assignedAt) ? new Date(Math.max(officeHours(random, completedOn).getTime(), assignedAt.getTime() + 3_600_000)) : undefined;
      if (completedAt && completedAt <= window.now) {
        const who = peopleByOffice.get(o.id)?.find((p) => p.username === clerkOf(o))?.username ?? clerkOf(o);
        Object.assign(a, { note: pick(random, COMPLETION_NOTES), completedAt: completedAt.toISOString(), completedBy: who, version: a.version + 1 });
      }
      a.state = taskState(a, window.now);
      assignments.push(a);
    }
  }
  return { tasks, assignments };
};

/** When the daily sweep (00:20 Asia/Shanghai) found an assignment overdue: the night after its due day, if still open then. */
export const overdueSweepAt = (dueOn: string) => new Date(shanghaiDayStart(addDays(dueOn, 1)).getTime() + 20 * 60_000);

// ---- The year -------------------------------------------------------------------------------------------------

/** The demo year for `offices` up to `now`: by default the twelve months before now's month and this month so far. */
export const registersDemoYear = (offices: readonly DemoOffice[], now: Date, options: RegistersDemoOptions = {}): RegistersDemoYear => {
  const today = shanghaiDay(now);
  const months = monthsEndingWith(shanghaiMonth(now), options.months ?? 13);
  const window: Window = { now, today, months, lastDayOf: (m) => (m === shanghaiMonth(now) ? Number(today.slice(8)) : daysInMonth(m)) };
  const year: RegistersDemoYear = { entries: [], leave: [], absences: [], reports: [], tasks: [], assignments: [], facts: [] };
  const sorted = [...offices].sort((a, b) => a.id.localeCompare(b.id));
  const peopleByOffice = new Map(sorted.map((o) => [o.id, peopleOf(o)]));
  const serial = { n: 0 };
  for (const office of sorted) {
    const people = peopleByOffice.get(office.id)!;
    const random = seededRandom(hashOf(`registers#${office.id}#${months[0]}`));
    year.entries.push(...entriesOf(office, people, window, serial));
    const leave = leaveOf(office, people, window, random);
    // A request waiting for the director: in each area's second office (every director's queue has one) and some others.
    const waiting = people.find((p) => p.post !== '所长');
    if (waiting && !leave.some((l) => l.status === 'requested') && (office.id.endsWith('02') || chance(random, 0.3))) {
      const from = addDays(today, between(random, 1, 6));
      const requestedAt = earlier(officeHours(random, addDays(today, -1)), now);
      leave.push({
        id: demoUlid(requestedAt, random), officeId: office.id, areaId: office.areaId, username: waiting.username, name: waiting.name, kind: 'personal', from, to: from,
        days: leaveDays(from, from), reason: pick(random, LEAVE_REASONS.personal), status: 'requested', requestedAt: requestedAt.toISOString(), version: 1, updatedAt: requestedAt.toISOString(),
      });
    }
    year.leave.push(...leave);
    year.absences.push(...absencesOf(office, people, window, random, leave, chance(random, months.length > 2 ? 0.2 : 0.4) ? 1 : 0));
    year.reports.push(...reportsOf(office, people, window, random));
  }
  const { tasks, assignments } = tasksOf(sorted, window, options.tasks ?? (months.length >= 12 ? 8 + (hashOf(months[0]!) >>> 0) % 8 : 3), peopleByOffice);
  year.tasks = tasks;
  // The sweep marked the assignments that were open after their due day.
  year.assignments = assignments.map((a) => {
    const sweptAt = overdueSweepAt(a.dueOn);
    const overdue = sweptAt <= now && (!a.completedAt || Date.parse(a.completedAt) > sweptAt.getTime());
    return overdue ? { ...a, overdueAt: sweptAt.toISOString(), version: a.version + 1 } : a;
  });

  const declarations = new Map(REGISTERS.map((d) => [d.id, d]));
  year.facts = [
    ...year.entries.filter((e) => e.status === 'active').flatMap((e) => declarations.get(e.register)?.factsOf?.(e) ?? []),
    ...year.absences.flatMap(absenceFacts),
    ...year.reports.flatMap(reportFacts),
    ...year.assignments.flatMap((a) => [
      ...(a.overdueAt ? [taskOverdueFact(a, new Date(a.overdueAt))] : []),
      ...(a.completedAt ? [taskCompletedFact(a)] : []),
    ]),
  ];
  return year;
};
