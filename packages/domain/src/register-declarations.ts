// The office's books (docs/domain.md §2; fields from docs research §1.3, §1.4, §1.8), one declaration
// each. Adding a register is adding one declaration here: the API, the Excel layout, the import, the
// portal's page and the generated tests all follow from it.
import { makeFact } from './facts';
import { endOfShanghaiDay } from './mediation-rules';
import { MORE_REGISTERS } from './register-declarations-more';
import { addDays, choices, entryRef as ref, isAfterNow, stringValue as str, type RegisterDeclaration } from './registers';
import { shanghaiDay, shanghaiDayStart } from './time';

// ---- 来信来访登记簿 -------------------------------------------------------------------------------------

export const PETITION_CHANNEL_LABELS = { letter: '来信', visit: '来访', phone: '来电', online: '网上信访', 'hotline-12345': '12345热线', transferred: '部门转入' } as const;
export const PETITION_HANDLING_LABELS = { accepted: '受理办理', transferred: '转送交办', answered: '当场答复告知' } as const;
/** 信访工作条例 第23、34条: a written reply within 15 days, finished within 60 (extendable by 30). */
export const PETITION_REPLY_DAYS = 15;
export const PETITION_FINISH_DAYS = 60;
export const PETITION_EXTENSION_DAYS = 30;

export const petitionDueDates = (receivedAt: string, extended = false) => {
  const receivedOn = shanghaiDay(new Date(receivedAt));
  return {
    replyDueOn: addDays(receivedOn, PETITION_REPLY_DAYS),
    finishDueOn: addDays(receivedOn, PETITION_FINISH_DAYS + (extended ? PETITION_EXTENSION_DAYS : 0)),
  };
};

const petitions: RegisterDeclaration = {
  id: 'petitions',
  name: '来信来访登记簿',
  shortName: '来信来访',
  description: '群众来信、来访、来电和网上信访的登记、办理和答复；书面答复期限15日，办结期限60日（可延长30日）。',
  dateField: 'receivedAt',
  titleField: 'request',
  fields: [
    { key: 'receivedAt', label: '来访（信）时间', kind: 'datetime', required: true },
    { key: 'channel', label: '信访形式', kind: 'choice', options: choices(PETITION_CHANNEL_LABELS), required: true },
    { key: 'visitors', label: '来访（信）人', kind: 'names', max: 20, required: true },
    { key: 'peopleCount', label: '人数', kind: 'integer', min: 1, max: 1000, unit: '人', required: true },
    { key: 'contact', label: '联系方式', kind: 'phone', required: false },
    { key: 'address', label: '住址或单位', kind: 'text', max: 100, required: false },
    { key: 'request', label: '事由及诉求', kind: 'multiline', max: 2000, required: true },
    { key: 'handler', label: '接待人', kind: 'text', max: 20, required: true },
    { key: 'handling', label: '处理方式', kind: 'choice', options: choices(PETITION_HANDLING_LABELS), required: false },
    { key: 'answeredAt', label: '书面答复时间', kind: 'datetime', required: false, hint: '告知或书面答复信访人的时间，应在收到后15日内' },
    { key: 'extended', label: '延期办结', kind: 'flag', required: false, hint: '经批准延长办结期限30日' },
    { key: 'finishedAt', label: '办结时间', kind: 'datetime', required: false },
    { key: 'result', label: '办理结果', kind: 'multiline', max: 2000, required: false },
  ],
  derived: [
    { key: 'replyDueOn', label: '答复期限', kind: 'date', doneBy: 'answeredAt' },
    { key: 'finishDueOn', label: '办结期限', kind: 'date', doneBy: 'finishedAt' },
  ],
  listColumns: ['receivedAt', 'channel', 'visitors', 'request', 'handler', 'handling', 'replyDueOn', 'answeredAt', 'finishedAt'],
  filters: ['channel', 'handling'],
  excel: {
    title: '来信来访登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'receivedAt', width: 17 },
      { group: '来访（信）人', children: [{ field: 'visitors', label: '姓名', width: 16 }, { field: 'peopleCount', width: 6 }, { field: 'contact', width: 14 }, { field: 'address', width: 18 }] },
      { field: 'channel', width: 10 },
      { field: 'request', width: 36 },
      { field: 'handler', width: 10 },
      { group: '办理情况', children: [{ field: 'handling', width: 12 }, { field: 'answeredAt', width: 17 }, { field: 'extended', width: 8 }, { field: 'finishedAt', width: 17 }, { field: 'result', width: 30 }] },
      { group: '期限', children: [{ derived: 'replyDueOn', width: 12 }, { derived: 'finishDueOn', width: 12 }] },
    ],
  },
  archiveCategory: '来信来访',
  facts: ['registers.petition.received', 'registers.petition.answered'],
  checks: (v, now) => {
    const problems: Record<string, string> = {};
    const received = str(v.receivedAt);
    if (isAfterNow(received, now)) problems.receivedAt = '来访（信）时间不能晚于现在';
    for (const key of ['answeredAt', 'finishedAt'] as const) {
      const at = str(v[key]);
      if (!at) continue;
      if (received && Date.parse(at) < Date.parse(received)) problems[key] = key === 'answeredAt' ? '答复时间不能早于来访（信）时间' : '办结时间不能早于来访（信）时间';
      else if (isAfterNow(at, now)) problems[key] = key === 'answeredAt' ? '答复时间不能晚于现在' : '办结时间不能晚于现在';
    }
    if (v.finishedAt && !v.handling) problems.handling = '办结的信访须填写处理方式';
    return problems;
  },
  derive: (v) => petitionDueDates(String(v.receivedAt), v.extended === true),
  factsOf: (e) => {
    // Both count in the month the petition arrived: D3 is answered-on-time ÷ received.
    const month = shanghaiDay(new Date(String(e.receivedAt))).slice(0, 7);
    const dueAt = endOfShanghaiDay(String(e.replyDueOn)).toISOString();
    const facts = [makeFact({ kind: 'registers.petition.received', officeId: e.officeId, month, occurredAt: String(e.receivedAt), dueAt, ref: ref(e) })];
    if (typeof e.answeredAt === 'string') {
      facts.push(makeFact({ kind: 'registers.petition.answered', officeId: e.officeId, month, occurredAt: e.answeredAt, dueAt, ref: ref(e) }));
    }
    return facts;
  },
};

// ---- 学习会议登记簿 -------------------------------------------------------------------------------------

export const MEETING_KIND_LABELS = { 'weekly-study': '每周集中学习', 'business-meeting': '业务会议', 'director-meeting': '所长会议', other: '其他会议' } as const;
/** The weekly study is at least half a day (§三.3). */
export const WEEKLY_STUDY_MIN_MINUTES = 180;

const studyMeetings: RegisterDeclaration = {
  id: 'study-meetings',
  name: '学习会议登记簿',
  shortName: '学习会议',
  description: '每周不少于半天的集中学习、业务会议和所长会议的记录。',
  dateField: 'heldOn',
  titleField: 'topic',
  fields: [
    { key: 'heldOn', label: '日期', kind: 'date', required: true },
    { key: 'kind', label: '类别', kind: 'choice', options: choices(MEETING_KIND_LABELS), required: true },
    { key: 'minutes', label: '时长（分钟）', kind: 'integer', min: 15, max: 720, unit: '分钟', required: true, hint: '每周集中学习不少于半天（180分钟）' },
    { key: 'place', label: '地点', kind: 'text', max: 60, required: false },
    { key: 'topic', label: '主题', kind: 'text', max: 100, required: true },
    { key: 'host', label: '主持人', kind: 'text', max: 20, required: true },
    { key: 'attendees', label: '参加人员', kind: 'names', max: 60, required: true },
    { key: 'absentees', label: '缺席人员', kind: 'names', max: 60, required: false },
    { key: 'record', label: '学习（会议）内容', kind: 'multiline', max: 4000, required: true },
  ],
  derived: [],
  listColumns: ['heldOn', 'kind', 'topic', 'host', 'minutes', 'attendees'],
  filters: ['kind'],
  excel: {
    title: '学习会议登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'heldOn', width: 12 },
      { field: 'kind', width: 12 },
      { field: 'minutes', width: 8 },
      { field: 'place', width: 14 },
      { field: 'topic', width: 26 },
      { field: 'host', width: 10 },
      { group: '人员', children: [{ field: 'attendees', width: 24 }, { field: 'absentees', width: 14 }] },
      { field: 'record', width: 40 },
    ],
  },
  archiveCategory: '学习会议',
  facts: ['registers.study.held'],
  checks: (v, now) => {
    const problems: Record<string, string> = {};
    if (isAfterNow(v.heldOn, now)) problems.heldOn = '日期不能晚于今天';
    if (v.kind === 'weekly-study' && typeof v.minutes === 'number' && v.minutes < WEEKLY_STUDY_MIN_MINUTES) {
      problems.minutes = `每周集中学习不少于半天（${WEEKLY_STUDY_MIN_MINUTES}分钟）`;
    }
    return problems;
  },
  factsOf: (e) =>
    e.kind === 'weekly-study'
      ? [makeFact({ kind: 'registers.study.held', officeId: e.officeId, occurredAt: shanghaiDayStart(String(e.heldOn)).toISOString(), ref: ref(e) })]
      : [],
};

/** Every register, in the order of the menu. */
export const REGISTERS: readonly RegisterDeclaration[] = [petitions, studyMeetings, ...MORE_REGISTERS];

export const registerById = (id: string): RegisterDeclaration | undefined => REGISTERS.find((r) => r.id === id);

/** The register ids, for tests and the portal's routes. */
export const REGISTER_IDS = REGISTERS.map((r) => r.id);
