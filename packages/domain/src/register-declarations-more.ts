// The office's other books (docs/domain.md §2, "Other office records"; fields from the research
// report §1.4 and §1.8, the rest from the county's paper books), declared like the petitions and the
// study & meetings in register-declarations.ts (which includes these after its own).
import { makeFact } from './facts';
import { endOfShanghaiDay, nextMonthOf } from './mediation-rules';
import { SEX_LABELS, STAFF_POSTS } from './org';
import { choices, entryRef as ref, isAfterNow, stringValue as str, type EntryValues, type RegisterDeclaration } from './registers';
import { shanghaiDayStart } from './time';

type Problems = Record<string, string>;

/** `problems[key]` when the date or instant `key` is later than now. */
const notInFuture = (v: EntryValues, now: Date, problems: Problems, keys: readonly string[], labels: Record<string, string>) => {
  for (const key of keys) if (!problems[key] && isAfterNow(v[key], now)) problems[key] = `${labels[key]}不能晚于${str(v[key])?.length === 10 ? '今天' : '现在'}`;
};

/** `problems[later]` when the day of `later` is before the day of `earlier` (both optional). */
const notBefore = (v: EntryValues, problems: Problems, later: string, earlier: string, message: string) => {
  const a = str(v[later]);
  const b = str(v[earlier]);
  if (!problems[later] && a && b && a.slice(0, 10) < b.slice(0, 10)) problems[later] = message;
};

// ---- 法制宣传登记簿 -------------------------------------------------------------------------------------

export const PUBLICITY_KIND_LABELS = { event: '宣传活动', 'annual-plan': '年度宣传计划' } as const;
export const PUBLICITY_FORMAT_LABELS = {
  'consultation-desk': '咨询台', lecture: '讲座', performance: '文艺演出', boards: '展板', 'new-media': '新媒体', questionnaire: '问卷', other: '其他',
} as const;

const publicity: RegisterDeclaration = {
  id: 'publicity',
  name: '法制宣传登记簿',
  shortName: '法制宣传',
  description: '法治宣传活动（咨询台、讲座、文艺演出、展板、新媒体等）和年度普法宣传计划的登记；每月至少开展一次宣传活动。',
  dateField: 'heldOn',
  titleField: 'theme',
  fields: [
    { key: 'kind', label: '类别', kind: 'choice', options: choices(PUBLICITY_KIND_LABELS), required: true },
    { key: 'heldOn', label: '日期', kind: 'date', required: true, hint: '活动日期；年度计划填制定日期' },
    { key: 'theme', label: '主题', kind: 'text', max: 100, required: true, hint: '如“12·4”宪法宣传日、民法典宣传月' },
    { key: 'place', label: '地点', kind: 'text', max: 60, required: false },
    { key: 'format', label: '形式', kind: 'choice', options: choices(PUBLICITY_FORMAT_LABELS), required: false },
    { key: 'organiser', label: '主办单位', kind: 'text', max: 60, required: false },
    { key: 'partners', label: '协办单位', kind: 'text', max: 100, required: false },
    { key: 'participants', label: '参与人员', kind: 'names', max: 60, required: false, hint: '参加的律师、志愿者和工作人员' },
    { key: 'materials', label: '发放资料', kind: 'integer', min: 0, max: 100_000, unit: '份', required: false },
    { key: 'consultations', label: '解答咨询', kind: 'integer', min: 0, max: 100_000, unit: '人次', required: false },
    { key: 'audience', label: '受众人数', kind: 'integer', min: 0, max: 1_000_000, unit: '人', required: false },
    { key: 'boards', label: '展板', kind: 'integer', min: 0, max: 1000, unit: '块', required: false },
    { key: 'banners', label: '横幅', kind: 'integer', min: 0, max: 1000, unit: '条', required: false },
    { key: 'content', label: '活动内容（计划内容）', kind: 'multiline', max: 4000, required: false },
    { key: 'reported', label: '已报送', kind: 'flag', required: false, hint: '活动照片和简报已报送县局' },
  ],
  derived: [],
  listColumns: ['heldOn', 'kind', 'theme', 'place', 'format', 'audience', 'reported'],
  filters: ['kind', 'format', 'reported'],
  excel: {
    title: '法制宣传登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'heldOn', width: 12 },
      { field: 'kind', width: 12 },
      {
        group: '活动',
        children: [
          { field: 'theme', width: 24 }, { field: 'place', width: 16 }, { field: 'format', width: 10 }, { field: 'organiser', width: 16 },
          { field: 'partners', width: 18 }, { field: 'participants', width: 20 },
        ],
      },
      {
        group: '成效',
        children: [
          { field: 'materials', label: '发放资料（份）', width: 10 }, { field: 'consultations', label: '解答咨询（人次）', width: 10 },
          { field: 'audience', label: '受众（人）', width: 10 }, { field: 'boards', label: '展板（块）', width: 8 }, { field: 'banners', label: '横幅（条）', width: 8 },
        ],
      },
      { field: 'content', width: 36 },
      { field: 'reported', width: 8 },
    ],
  },
  archiveCategory: '法制宣传',
  facts: ['registers.publicity.held'],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['heldOn'], { heldOn: '日期' });
    if (v.kind === 'event') {
      if (!v.place) problems.place = '宣传活动须填写地点';
      if (!v.format) problems.format = '宣传活动须选择形式';
    }
    if (v.kind === 'annual-plan' && !v.content) problems.content = '年度宣传计划须填写计划内容';
    return problems;
  },
  factsOf: (e) =>
    e.kind === 'event'
      ? [makeFact({ kind: 'registers.publicity.held', officeId: e.officeId, occurredAt: shanghaiDayStart(String(e.heldOn)).toISOString(), ref: ref(e) })]
      : [],
};

// ---- 法律援助登记簿 -------------------------------------------------------------------------------------

export const LEGAL_AID_CATEGORY_LABELS = {
  'low-income': '低保、特困人员', disabled: '残疾人', elderly: '老年人', minor: '未成年人', 'migrant-worker': '农民工', veteran: '军人军属',
  women: '妇女', other: '其他',
} as const;
/** 法律援助法 第22条: the forms of legal aid. */
export const LEGAL_AID_TYPE_LABELS = {
  consultation: '法律咨询', document: '代拟法律文书', defence: '刑事辩护与代理', litigation: '民事、行政诉讼代理', 'state-compensation': '国家赔偿案件代理',
  'duty-lawyer': '值班律师法律帮助', 'labour-arbitration': '劳动争议调解与仲裁代理', 'non-litigation': '其他非诉讼代理',
} as const;
export const LEGAL_AID_DECISION_LABELS = { pending: '待审查', granted: '给予援助', refused: '不予援助' } as const;
export const LEGAL_AID_EVALUATION_LABELS = { satisfied: '满意', 'fairly-satisfied': '基本满意', dissatisfied: '不满意' } as const;

/** A legal-aid case received in a month is entered online by the end of the 3rd of the next (D1). */
export const legalAidOnlineEntryDueOn = (receivedOn: string): string => `${nextMonthOf(receivedOn.slice(0, 7))}-03`;

const legalAid: RegisterDeclaration = {
  id: 'legal-aid',
  name: '法律援助登记簿',
  shortName: '法律援助',
  description: '法律援助咨询、代为受理申请并转交县法律援助中心、审查决定、结案回访的登记；受理的案件须在次月3日前录入法律援助信息系统。',
  dateField: 'receivedOn',
  titleField: 'cause',
  fields: [
    { key: 'receivedOn', label: '受理日期', kind: 'date', required: true },
    { key: 'applicant', label: '申请人', kind: 'text', max: 20, required: true },
    { key: 'sex', label: '性别', kind: 'choice', options: choices(SEX_LABELS), required: false },
    { key: 'idNumber', label: '身份证号', kind: 'idNumber', required: false },
    { key: 'phone', label: '联系电话', kind: 'phone', required: true },
    { key: 'address', label: '住址', kind: 'text', max: 100, required: false },
    { key: 'category', label: '人员类别', kind: 'choice', options: choices(LEGAL_AID_CATEGORY_LABELS), required: true },
    { key: 'aidType', label: '援助方式', kind: 'choice', options: choices(LEGAL_AID_TYPE_LABELS), required: true, hint: '法律援助法第二十二条规定的形式' },
    { key: 'cause', label: '案由', kind: 'text', max: 60, required: true, hint: '如追索劳动报酬、赡养费纠纷' },
    { key: 'summary', label: '案情摘要', kind: 'multiline', max: 2000, required: false },
    { key: 'forwardedOn', label: '转交日期', kind: 'date', required: false, hint: '申请材料转交县法律援助中心的日期' },
    { key: 'decision', label: '审查决定', kind: 'choice', options: choices(LEGAL_AID_DECISION_LABELS), required: false },
    { key: 'lawyer', label: '承办律师', kind: 'text', max: 40, required: false },
    { key: 'closedOn', label: '结案日期', kind: 'date', required: false },
    { key: 'visitedOn', label: '回访日期', kind: 'date', required: false },
    { key: 'evaluation', label: '回访评价', kind: 'choice', options: choices(LEGAL_AID_EVALUATION_LABELS), required: false },
    { key: 'enteredOnlineAt', label: '网上录入时间', kind: 'datetime', required: false, hint: '录入法律援助信息系统的时间，应在受理次月3日前' },
  ],
  derived: [{ key: 'onlineEntryDueOn', label: '录入期限', kind: 'date', doneBy: 'enteredOnlineAt' }],
  listColumns: ['receivedOn', 'applicant', 'category', 'aidType', 'cause', 'decision', 'onlineEntryDueOn', 'enteredOnlineAt'],
  filters: ['category', 'aidType', 'decision'],
  excel: {
    title: '法律援助登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'receivedOn', width: 12 },
      {
        group: '受援人',
        children: [
          { field: 'applicant', label: '姓名', width: 10 }, { field: 'sex', width: 6 }, { field: 'idNumber', width: 20 }, { field: 'phone', width: 14 },
          { field: 'address', width: 18 }, { field: 'category', width: 12 },
        ],
      },
      { group: '案件', children: [{ field: 'aidType', width: 14 }, { field: 'cause', width: 16 }, { field: 'summary', width: 30 }] },
      {
        group: '办理情况',
        children: [{ field: 'forwardedOn', width: 12 }, { field: 'decision', width: 10 }, { field: 'lawyer', width: 12 }, { field: 'closedOn', width: 12 }],
      },
      { group: '回访', children: [{ field: 'visitedOn', width: 12 }, { field: 'evaluation', width: 10 }] },
      { group: '网上录入', children: [{ field: 'enteredOnlineAt', label: '录入时间', width: 17 }, { derived: 'onlineEntryDueOn', width: 12 }] },
    ],
  },
  archiveCategory: '法律援助',
  facts: ['registers.legal-aid.received', 'registers.legal-aid.entered-online'],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['receivedOn', 'forwardedOn', 'closedOn', 'visitedOn', 'enteredOnlineAt'], {
      receivedOn: '受理日期', forwardedOn: '转交日期', closedOn: '结案日期', visitedOn: '回访日期', enteredOnlineAt: '网上录入时间',
    });
    notBefore(v, problems, 'forwardedOn', 'receivedOn', '转交日期不能早于受理日期');
    notBefore(v, problems, 'closedOn', 'receivedOn', '结案日期不能早于受理日期');
    notBefore(v, problems, 'closedOn', 'forwardedOn', '结案日期不能早于转交日期');
    notBefore(v, problems, 'visitedOn', 'receivedOn', '回访日期不能早于受理日期');
    notBefore(v, problems, 'visitedOn', 'closedOn', '回访日期不能早于结案日期');
    notBefore(v, problems, 'enteredOnlineAt', 'receivedOn', '网上录入时间不能早于受理日期');
    if ((v.decision === 'granted' || v.decision === 'refused') && !v.forwardedOn) problems.forwardedOn ??= '已作出决定的申请须填写转交日期';
    if (v.lawyer && v.decision !== 'granted') problems.lawyer = '给予援助的案件才有承办律师';
    if (v.evaluation && !v.visitedOn) problems.visitedOn ??= '填写回访评价时须填写回访日期';
    return problems;
  },
  derive: (v) => ({ onlineEntryDueOn: legalAidOnlineEntryDueOn(String(v.receivedOn)) }),
  factsOf: (e) => {
    // Both count in the month the case was received: D1 is entered-on-time ÷ received.
    const receivedOn = String(e.receivedOn);
    const month = receivedOn.slice(0, 7);
    const dueAt = endOfShanghaiDay(legalAidOnlineEntryDueOn(receivedOn)).toISOString();
    const facts = [makeFact({ kind: 'registers.legal-aid.received', officeId: e.officeId, month, occurredAt: shanghaiDayStart(receivedOn).toISOString(), dueAt, ref: ref(e) })];
    if (typeof e.enteredOnlineAt === 'string') {
      facts.push(makeFact({ kind: 'registers.legal-aid.entered-online', officeId: e.officeId, month, occurredAt: e.enteredOnlineAt, dueAt, ref: ref(e) }));
    }
    return facts;
  },
};

// ---- 法律顾问咨询登记 -----------------------------------------------------------------------------------

export const ADVISOR_MATTER_LABELS = {
  decision: '重大决策合法性审查', contract: '合同审查', 'normative-document': '规范性文件审查', litigation: '涉法涉诉事务', petition: '信访事项',
  other: '其他法律事务',
} as const;
export const OPINION_FORM_LABELS = { oral: '口头', written: '书面' } as const;

const advisorConsultations: RegisterDeclaration = {
  id: 'advisor-consultations',
  name: '法律顾问咨询登记簿',
  shortName: '法律顾问',
  description: '司法所作为乡镇党委政府法律顾问，为重大决策、合同、规范性文件和涉法事务提供法律意见的登记。',
  dateField: 'consultedOn',
  titleField: 'subject',
  fields: [
    { key: 'consultedOn', label: '日期', kind: 'date', required: true },
    { key: 'requester', label: '咨询单位（科室）', kind: 'text', max: 40, required: true, hint: '如乡镇党政办、村（社区）' },
    { key: 'requesterPerson', label: '咨询人', kind: 'text', max: 20, required: false },
    { key: 'matterType', label: '事项类别', kind: 'choice', options: choices(ADVISOR_MATTER_LABELS), required: true },
    { key: 'subject', label: '事项', kind: 'text', max: 100, required: true },
    { key: 'content', label: '咨询内容', kind: 'multiline', max: 2000, required: false },
    { key: 'opinion', label: '法律意见', kind: 'multiline', max: 4000, required: true },
    { key: 'opinionForm', label: '意见形式', kind: 'choice', options: choices(OPINION_FORM_LABELS), required: true },
    { key: 'advisor', label: '承办人', kind: 'text', max: 20, required: true },
    { key: 'adopted', label: '意见被采纳', kind: 'flag', required: false },
  ],
  derived: [],
  listColumns: ['consultedOn', 'requester', 'matterType', 'subject', 'opinionForm', 'advisor', 'adopted'],
  filters: ['matterType', 'opinionForm', 'adopted'],
  excel: {
    title: '法律顾问咨询登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'consultedOn', width: 12 },
      { group: '咨询方', children: [{ field: 'requester', width: 16 }, { field: 'requesterPerson', width: 10 }] },
      { field: 'matterType', width: 14 },
      { field: 'subject', width: 24 },
      { field: 'content', width: 30 },
      { group: '法律意见', children: [{ field: 'opinion', label: '意见', width: 36 }, { field: 'opinionForm', width: 8 }, { field: 'advisor', width: 10 }, { field: 'adopted', width: 8 }] },
    ],
  },
  archiveCategory: '法律顾问',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['consultedOn'], { consultedOn: '日期' });
    return problems;
  },
};

// ---- 公证联络登记 ---------------------------------------------------------------------------------------

export const NOTARIZATION_MATTER_LABELS = {
  inheritance: '继承', entrustment: '委托', declaration: '声明', contract: '合同协议', certificate: '证明（学历、亲属关系等）', evidence: '保全证据', other: '其他',
} as const;
export const NOTARIZATION_SERVICE_LABELS = { guidance: '咨询指引', materials: '代收材料', referral: '转介公证机构', 'home-visit': '预约上门办理' } as const;

const notarization: RegisterDeclaration = {
  id: 'notarization',
  name: '公证联络登记簿',
  shortName: '公证联络',
  description: '司法所公证联络点为群众提供公证咨询、代收材料、转介公证机构和预约上门办理的登记。',
  dateField: 'receivedOn',
  titleField: 'matter',
  fields: [
    { key: 'receivedOn', label: '受理日期', kind: 'date', required: true },
    { key: 'applicant', label: '申请人', kind: 'text', max: 40, required: true },
    { key: 'phone', label: '联系电话', kind: 'phone', required: false },
    { key: 'matterType', label: '公证事项类别', kind: 'choice', options: choices(NOTARIZATION_MATTER_LABELS), required: true },
    { key: 'matter', label: '公证事项', kind: 'text', max: 100, required: true },
    { key: 'service', label: '联络服务', kind: 'choice', options: choices(NOTARIZATION_SERVICE_LABELS), required: true },
    { key: 'notaryOffice', label: '公证机构', kind: 'text', max: 60, required: false },
    { key: 'forwardedOn', label: '转递日期', kind: 'date', required: false, hint: '材料转递或转介公证机构的日期' },
    { key: 'result', label: '办理结果', kind: 'text', max: 200, required: false },
    { key: 'handler', label: '经办人', kind: 'text', max: 20, required: true },
  ],
  derived: [],
  listColumns: ['receivedOn', 'applicant', 'matterType', 'matter', 'service', 'notaryOffice', 'handler'],
  filters: ['matterType', 'service'],
  excel: {
    title: '公证联络登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'receivedOn', width: 12 },
      { group: '申请人', children: [{ field: 'applicant', label: '姓名（单位）', width: 14 }, { field: 'phone', width: 14 }] },
      { group: '公证事项', children: [{ field: 'matterType', label: '类别', width: 12 }, { field: 'matter', label: '事项', width: 24 }] },
      { field: 'service', width: 12 },
      { group: '转递', children: [{ field: 'notaryOffice', width: 16 }, { field: 'forwardedOn', width: 12 }] },
      { field: 'result', width: 24 },
      { field: 'handler', width: 10 },
    ],
  },
  archiveCategory: '公证联络',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['receivedOn', 'forwardedOn'], { receivedOn: '受理日期', forwardedOn: '转递日期' });
    notBefore(v, problems, 'forwardedOn', 'receivedOn', '转递日期不能早于受理日期');
    return problems;
  },
};

// ---- 法律服务所指导登记 ---------------------------------------------------------------------------------

export const GUIDANCE_KIND_LABELS = {
  inspection: '业务检查', training: '业务培训', 'case-review': '案卷评查', complaint: '投诉处理', 'annual-review': '年度考核', other: '其他',
} as const;

const legalServiceGuidance: RegisterDeclaration = {
  id: 'legal-service-guidance',
  name: '法律服务所指导登记簿',
  shortName: '法律服务所指导',
  description: '司法所对辖区基层法律服务所及法律服务工作者的业务指导、检查、案卷评查和投诉处理的登记。',
  dateField: 'guidedOn',
  titleField: 'subject',
  fields: [
    { key: 'guidedOn', label: '日期', kind: 'date', required: true },
    { key: 'serviceOffice', label: '法律服务所', kind: 'text', max: 60, required: true },
    { key: 'kind', label: '指导方式', kind: 'choice', options: choices(GUIDANCE_KIND_LABELS), required: true },
    { key: 'subject', label: '指导事项', kind: 'text', max: 100, required: true },
    { key: 'content', label: '指导内容', kind: 'multiline', max: 2000, required: true },
    { key: 'guides', label: '指导人员', kind: 'names', max: 10, required: true },
    { key: 'problems', label: '发现问题', kind: 'multiline', max: 1000, required: false },
    { key: 'rectification', label: '整改情况', kind: 'multiline', max: 1000, required: false },
    { key: 'rectifiedOn', label: '整改完成日期', kind: 'date', required: false },
  ],
  derived: [],
  listColumns: ['guidedOn', 'serviceOffice', 'kind', 'subject', 'guides', 'rectifiedOn'],
  filters: ['kind'],
  excel: {
    title: '法律服务所指导登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'guidedOn', width: 12 },
      { field: 'serviceOffice', width: 18 },
      { field: 'kind', width: 10 },
      { field: 'subject', width: 22 },
      { field: 'content', width: 32 },
      { field: 'guides', width: 16 },
      { group: '整改', children: [{ field: 'problems', width: 24 }, { field: 'rectification', width: 24 }, { field: 'rectifiedOn', width: 12 }] },
    ],
  },
  archiveCategory: '法律服务指导',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['guidedOn', 'rectifiedOn'], { guidedOn: '日期', rectifiedOn: '整改完成日期' });
    notBefore(v, problems, 'rectifiedOn', 'guidedOn', '整改完成日期不能早于指导日期');
    if ((v.rectification || v.rectifiedOn) && !v.problems) problems.problems = '填写整改情况时须填写发现的问题';
    return problems;
  },
};

// ---- 综治参与登记 ---------------------------------------------------------------------------------------

export const GOVERNANCE_KIND_LABELS = {
  meeting: '综治例会', campaign: '专项整治', screening: '矛盾纠纷排查', 'on-duty': '维稳值守', 'risk-assessment': '社会稳定风险评估',
  'joint-mediation': '联合调处', other: '其他',
} as const;

const governance: RegisterDeclaration = {
  id: 'governance',
  name: '综治参与登记簿',
  shortName: '综治参与',
  description: '司法所参与乡镇综治中心工作（综治例会、专项整治、维稳值守、社会稳定风险评估、联合调处等）的登记。',
  dateField: 'heldOn',
  titleField: 'subject',
  fields: [
    { key: 'heldOn', label: '日期', kind: 'date', required: true },
    { key: 'kind', label: '参与形式', kind: 'choice', options: choices(GOVERNANCE_KIND_LABELS), required: true },
    { key: 'subject', label: '事项', kind: 'text', max: 100, required: true },
    { key: 'organiser', label: '牵头单位', kind: 'text', max: 60, required: false, hint: '如乡镇综治中心、派出所' },
    { key: 'place', label: '地点', kind: 'text', max: 60, required: false },
    { key: 'participants', label: '参加人员', kind: 'names', max: 30, required: true },
    { key: 'content', label: '参与情况', kind: 'multiline', max: 2000, required: true },
    { key: 'outcome', label: '工作结果', kind: 'multiline', max: 1000, required: false },
  ],
  derived: [],
  listColumns: ['heldOn', 'kind', 'subject', 'organiser', 'participants'],
  filters: ['kind'],
  excel: {
    title: '综治参与登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'heldOn', width: 12 },
      { field: 'kind', width: 14 },
      { field: 'subject', width: 24 },
      { group: '组织', children: [{ field: 'organiser', width: 16 }, { field: 'place', width: 14 }, { field: 'participants', width: 20 }] },
      { field: 'content', width: 36 },
      { field: 'outcome', width: 24 },
    ],
  },
  archiveCategory: '综治工作',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['heldOn'], { heldOn: '日期' });
    return problems;
  },
};

// ---- 点调制与“1+X”示范点 ---------------------------------------------------------------------------------

export const SHOWCASE_MECHANISM_LABELS = { 'named-mediation': '点调制', 'one-plus-x': '“1+X”联动调解' } as const;
export const SHOWCASE_LEVEL_LABELS = { county: '县级', city: '市级', province: '省级' } as const;
export const SHOWCASE_STATUS_LABELS = { running: '运行中', suspended: '暂停', revoked: '已撤销' } as const;

const showcaseSites: RegisterDeclaration = {
  id: 'showcase-sites',
  name: '点调制与“1+X”示范点登记簿',
  shortName: '示范点',
  description: '点调制（当事人点名调解员）和“1+X”联合调解机制示范点的设立、人员、运行和检查情况。',
  dateField: 'establishedOn',
  titleField: 'siteName',
  fields: [
    { key: 'establishedOn', label: '设立日期', kind: 'date', required: true },
    { key: 'mechanism', label: '机制', kind: 'choice', options: choices(SHOWCASE_MECHANISM_LABELS), required: true },
    { key: 'siteName', label: '示范点名称', kind: 'text', max: 60, required: true },
    { key: 'village', label: '所在村（社区）', kind: 'text', max: 40, required: true },
    { key: 'leader', label: '负责人', kind: 'text', max: 20, required: true },
    { key: 'phone', label: '联系电话', kind: 'phone', required: false },
    { key: 'mediators', label: '调解员', kind: 'names', max: 30, required: false, hint: '点调制可供当事人点名的调解员' },
    { key: 'partners', label: '联动单位（“X”）', kind: 'text', max: 200, required: false, hint: '如派出所、法庭、律师事务所、村（社区）' },
    { key: 'level', label: '命名级别', kind: 'choice', options: choices(SHOWCASE_LEVEL_LABELS), required: false },
    { key: 'siteStatus', label: '运行状态', kind: 'choice', options: choices(SHOWCASE_STATUS_LABELS), required: true },
    { key: 'casesHandled', label: '年度调处纠纷', kind: 'integer', min: 0, max: 10_000, unit: '件', required: false },
    { key: 'inspectedOn', label: '最近检查日期', kind: 'date', required: false },
    { key: 'achievements', label: '工作成效', kind: 'multiline', max: 2000, required: false },
  ],
  derived: [],
  listColumns: ['establishedOn', 'mechanism', 'siteName', 'village', 'leader', 'level', 'siteStatus'],
  filters: ['mechanism', 'level', 'siteStatus'],
  excel: {
    title: '点调制与“1+X”示范点登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'establishedOn', width: 12 },
      { field: 'mechanism', width: 10 },
      { group: '示范点', children: [{ field: 'siteName', label: '名称', width: 22 }, { field: 'village', width: 14 }, { field: 'leader', width: 10 }, { field: 'phone', width: 14 }] },
      { group: '人员', children: [{ field: 'mediators', width: 20 }, { field: 'partners', width: 22 }] },
      { field: 'level', width: 8 },
      { field: 'siteStatus', width: 8 },
      { group: '运行情况', children: [{ field: 'casesHandled', label: '年度调处纠纷（件）', width: 10 }, { field: 'inspectedOn', width: 12 }, { field: 'achievements', width: 30 }] },
    ],
  },
  archiveCategory: '示范点建设',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['establishedOn', 'inspectedOn'], { establishedOn: '设立日期', inspectedOn: '最近检查日期' });
    notBefore(v, problems, 'inspectedOn', 'establishedOn', '检查日期不能早于设立日期');
    return problems;
  },
};

// ---- 岗位目标责任书 -------------------------------------------------------------------------------------

/** The staff posts (org) as choice values: a filter's value is ASCII. */
const STAFF_POST_VALUES: Record<(typeof STAFF_POSTS)[number], string> = {
  所长: 'director', 副所长: 'deputy-director', 负责人: 'head', 司法助理员: 'assistant', 专职人民调解员: 'mediator', 社区矫正社工: 'social-worker', 其他: 'other',
};
export const RESPONSIBILITY_POST_OPTIONS = STAFF_POSTS.map((post) => ({ value: STAFF_POST_VALUES[post], label: post }));
export const ASSESSMENT_RESULT_LABELS = { excellent: '优秀', competent: '称职', 'basically-competent': '基本称职', incompetent: '不称职' } as const;

const responsibilityLetters: RegisterDeclaration = {
  id: 'responsibility-letters',
  name: '岗位目标责任书登记簿',
  shortName: '目标责任书',
  description: '每年签订的岗位目标责任书：责任人、岗位、目标任务和年终考核结果。',
  dateField: 'signedOn',
  titleField: 'signer',
  fields: [
    { key: 'year', label: '年度', kind: 'integer', min: 2000, max: 2100, unit: '年', required: true },
    { key: 'signedOn', label: '签订日期', kind: 'date', required: true },
    { key: 'signer', label: '责任人', kind: 'text', max: 20, required: true },
    { key: 'post', label: '岗位', kind: 'choice', options: RESPONSIBILITY_POST_OPTIONS, required: true },
    { key: 'issuer', label: '签发单位（人）', kind: 'text', max: 40, required: true, hint: '如县司法局、所长' },
    { key: 'targets', label: '目标任务', kind: 'multiline', max: 4000, required: true },
    { key: 'assessedOn', label: '考核日期', kind: 'date', required: false },
    { key: 'assessment', label: '考核结果', kind: 'choice', options: choices(ASSESSMENT_RESULT_LABELS), required: false },
    { key: 'score', label: '考核得分', kind: 'integer', min: 0, max: 100, unit: '分', required: false },
    { key: 'remarks', label: '备注', kind: 'multiline', max: 500, required: false },
  ],
  derived: [],
  listColumns: ['year', 'signedOn', 'signer', 'post', 'issuer', 'assessment', 'score'],
  filters: ['post', 'assessment'],
  excel: {
    title: '岗位目标责任书登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'year', width: 8 },
      { field: 'signedOn', width: 12 },
      { group: '责任人', children: [{ field: 'signer', label: '姓名', width: 10 }, { field: 'post', width: 14 }] },
      { field: 'issuer', width: 16 },
      { field: 'targets', width: 40 },
      { group: '年终考核', children: [{ field: 'assessedOn', width: 12 }, { field: 'assessment', width: 10 }, { field: 'score', width: 8 }] },
      { field: 'remarks', width: 20 },
    ],
  },
  archiveCategory: '目标责任',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['signedOn', 'assessedOn'], { signedOn: '签订日期', assessedOn: '考核日期' });
    // A year's letter is signed in that year or at the end of the year before (from November).
    const signedOn = str(v.signedOn);
    if (!problems.signedOn && typeof v.year === 'number' && signedOn && (signedOn > `${v.year}-12-31` || signedOn < `${v.year - 1}-11-01`)) {
      problems.signedOn = `签订日期应在${v.year}年内或上年11月、12月`;
    }
    notBefore(v, problems, 'assessedOn', 'signedOn', '考核日期不能早于签订日期');
    if ((v.assessment || v.score !== undefined) && !v.assessedOn) problems.assessedOn ??= '填写考核结果时须填写考核日期';
    return problems;
  },
};

// ---- 业务培训登记 ---------------------------------------------------------------------------------------

export const TRAINING_KIND_LABELS = {
  business: '司法行政业务', political: '政治理论', mediation: '人民调解', corrections: '社区矫正', 'legal-aid': '法律援助', 'legal-exam': '法律职业资格', other: '其他',
} as const;
export const TRAINING_FORMAT_LABELS = { classroom: '集中面授', online: '网络培训', placement: '跟班学习', 'in-office': '所内自学' } as const;

const trainings: RegisterDeclaration = {
  id: 'trainings',
  name: '业务培训登记簿',
  shortName: '业务培训',
  description: '工作人员参加上级组织的和所内开展的业务培训：主办单位、主题、学时和参训人员。',
  dateField: 'startedOn',
  titleField: 'topic',
  fields: [
    { key: 'startedOn', label: '开始日期', kind: 'date', required: true },
    { key: 'endedOn', label: '结束日期', kind: 'date', required: false, hint: '一天以内的培训可不填' },
    { key: 'kind', label: '培训类别', kind: 'choice', options: choices(TRAINING_KIND_LABELS), required: true },
    { key: 'organiser', label: '主办单位', kind: 'text', max: 60, required: true },
    { key: 'topic', label: '培训主题', kind: 'text', max: 100, required: true },
    { key: 'place', label: '地点', kind: 'text', max: 60, required: false },
    { key: 'format', label: '形式', kind: 'choice', options: choices(TRAINING_FORMAT_LABELS), required: true },
    { key: 'hours', label: '学时', kind: 'integer', min: 1, max: 500, unit: '学时', required: true },
    { key: 'trainees', label: '参训人员', kind: 'names', max: 60, required: true },
    { key: 'certificate', label: '取得结业证书', kind: 'flag', required: false },
    { key: 'summary', label: '培训内容及心得', kind: 'multiline', max: 2000, required: false },
  ],
  derived: [],
  listColumns: ['startedOn', 'kind', 'topic', 'organiser', 'format', 'hours', 'trainees'],
  filters: ['kind', 'format', 'certificate'],
  excel: {
    title: '业务培训登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { group: '培训时间', children: [{ field: 'startedOn', width: 12 }, { field: 'endedOn', width: 12 }] },
      { field: 'kind', width: 12 },
      { field: 'organiser', width: 16 },
      { field: 'topic', width: 24 },
      { field: 'place', width: 14 },
      { field: 'format', width: 10 },
      { field: 'hours', width: 8 },
      { field: 'trainees', width: 20 },
      { field: 'certificate', width: 8 },
      { field: 'summary', width: 30 },
    ],
  },
  archiveCategory: '业务培训',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['startedOn', 'endedOn'], { startedOn: '开始日期', endedOn: '结束日期' });
    notBefore(v, problems, 'endedOn', 'startedOn', '结束日期不能早于开始日期');
    return problems;
  },
};

// ---- 政务公开登记 ---------------------------------------------------------------------------------------

export const NOTICE_CATEGORY_LABELS = {
  duties: '职责与办事指南', staff: '人员及联系方式', services: '法律服务事项', finance: '经费收支', mediators: '人民调解员名单', rules: '工作制度',
  announcement: '通知公告', other: '其他',
} as const;
export const NOTICE_CHANNEL_LABELS = { board: '政务公开栏', website: '政府网站', wechat: '微信公众号', meeting: '会议', other: '其他' } as const;

const publicNotices: RegisterDeclaration = {
  id: 'public-notices',
  name: '政务公开登记簿',
  shortName: '政务公开',
  description: '司法所向群众公开的事项（职责、办事指南、人员、法律服务、经费、公告）：公开方式、审核人、公开和撤下日期。',
  dateField: 'publishedOn',
  titleField: 'title',
  fields: [
    { key: 'publishedOn', label: '公开日期', kind: 'date', required: true },
    { key: 'title', label: '公开事项', kind: 'text', max: 100, required: true },
    { key: 'category', label: '类别', kind: 'choice', options: choices(NOTICE_CATEGORY_LABELS), required: true },
    { key: 'channel', label: '公开方式', kind: 'choice', options: choices(NOTICE_CHANNEL_LABELS), required: true },
    { key: 'content', label: '内容摘要', kind: 'multiline', max: 2000, required: false },
    { key: 'approvedBy', label: '审核人', kind: 'text', max: 20, required: true },
    { key: 'publisher', label: '经办人', kind: 'text', max: 20, required: true },
    { key: 'takenDownOn', label: '撤下日期', kind: 'date', required: false, hint: '有公示期的事项可填公示期满的日期' },
  ],
  derived: [],
  listColumns: ['publishedOn', 'title', 'category', 'channel', 'approvedBy', 'takenDownOn'],
  filters: ['category', 'channel'],
  excel: {
    title: '政务公开登记簿',
    columns: [
      { serial: true, label: '序号', width: 6 },
      { field: 'publishedOn', width: 12 },
      { field: 'title', width: 26 },
      { field: 'category', width: 14 },
      { field: 'channel', width: 12 },
      { field: 'content', width: 32 },
      { group: '经办', children: [{ field: 'approvedBy', width: 10 }, { field: 'publisher', width: 10 }] },
      { field: 'takenDownOn', width: 12 },
    ],
  },
  archiveCategory: '政务公开',
  facts: [],
  checks: (v, now) => {
    const problems: Problems = {};
    notInFuture(v, now, problems, ['publishedOn'], { publishedOn: '公开日期' });
    // A notice period may end after today: the take-down date is not checked against now.
    notBefore(v, problems, 'takenDownOn', 'publishedOn', '撤下日期不能早于公开日期');
    return problems;
  },
};

export const MORE_REGISTERS: readonly RegisterDeclaration[] = [
  publicity, legalAid, advisorConsultations, notarization, legalServiceGuidance, governance, showcaseSites, responsibilityLetters, trainings, publicNotices,
];
