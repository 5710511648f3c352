// Organisation (docs/domain.md §一): bureau, departments, areas, offices, staff, users, dictionaries.
// Schemas here serve the API edge, the portal's forms and later Excel import alike.
import * as z from 'zod';
import { ROLE_LABELS, ROLES, type Role } from './roles';
import type { FieldErrors } from './errors';
import { auditActions, type AuditField, type AuditFieldTable } from './audit';
import { dateString, idNumber, optionalText, pageQuery, phone, text, version } from './validation';

export const AREA_ID = /^\d{2}$/;
export const OFFICE_ID = /^\d{4}$/;

export const areaId = z.string({ error: '请选择片区' }).regex(AREA_ID, { error: '片区编号应为2位数字' });
export const officeId = z.string({ error: '请选择司法所' }).regex(OFFICE_ID, { error: '司法所编号应为4位数字' });
export const departmentId = z
  .string({ error: '请选择股室' })
  .regex(/^[a-z][a-z0-9-]{1,31}$/, { error: '股室编号无效' });

export interface Bureau {
  name: string;
  county: string;
  address: string;
  phone: string;
}

export interface Department {
  id: string;
  name: string;
  /** Business line it assesses in the monthly rubric. */
  line: string;
}

export interface Area {
  id: string;
  name: string;
  centralOfficeId: string;
}

export const OFFICE_CLASSES = ['central', 'regular'] as const;
export type OfficeClass = (typeof OFFICE_CLASSES)[number];
export const OFFICE_CLASS_LABELS: Record<OfficeClass, string> = { central: '片区中心所', regular: '一般所' };

export const officeFields = {
  name: text('司法所名称', 40),
  township: text('乡镇名称', 40),
  areaId,
  officeClass: z.enum(OFFICE_CLASSES, { error: '所别应为片区中心所或一般所' }),
  address: optionalText('地址', 100),
  phone: phone.optional(),
};

export const createOfficeInput = z.strictObject({ id: officeId, ...officeFields });
export const updateOfficeInput = z.strictObject({ ...officeFields, version });
export type CreateOfficeInput = z.infer<typeof createOfficeInput>;
export type UpdateOfficeInput = z.infer<typeof updateOfficeInput>;

export interface Office {
  id: string;
  name: string;
  township: string;
  areaId: string;
  officeClass: OfficeClass;
  address?: string;
  phone?: string;
  version: number;
  updatedAt: string;
}

export const STAFF_POSTS = ['所长', '副所长', '负责人', '司法助理员', '专职人民调解员', '社区矫正社工', '其他'] as const;
export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中专或高中', '其他'] as const;
export const SEXES = ['male', 'female'] as const;
export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { male: '男', female: '女' };
export const STAFF_STATUSES = ['active', 'left'] as const;
export const STAFF_STATUS_LABELS: Record<(typeof STAFF_STATUSES)[number], string> = { active: '在岗', left: '离岗' };

const staffShape = {
  name: text('姓名', 20),
  sex: z.enum(SEXES, { error: '请选择性别' }),
  idNumber: idNumber.optional(),
  phone,
  post: z.enum(STAFF_POSTS, { error: '请选择岗位' }),
  education: z.enum(EDUCATION_LEVELS, { error: '请选择学历' }),
  /** 法律职业资格证书: earns a reward under §六. */
  legalExamCertificate: z.boolean({ error: '请说明是否持有法律职业资格证书' }),
  certificateNo: optionalText('证书编号', 40),
  joinedOn: dateString('入职日期').optional(),
  /** Offices of the area this person is the contact for (central-office staff). */
  contactForOfficeIds: z.array(officeId, { error: '联系所应为司法所列表' }).max(20, { error: '联系所过多' }).optional(),
  status: z.enum(STAFF_STATUSES, { error: '请选择在岗状态' }).default('active'),
};

const certificateRule = <T extends { legalExamCertificate: boolean; certificateNo?: string }>(s: T, ctx: z.RefinementCtx) => {
  if (s.legalExamCertificate && !s.certificateNo) {
    ctx.addIssue({ code: 'custom', path: ['certificateNo'], message: '持有法律职业资格证书时请填写证书编号' });
  }
};

export const createStaffInput = z.strictObject(staffShape).superRefine(certificateRule);
export const updateStaffInput = z.strictObject({ ...staffShape, version }).superRefine(certificateRule);
export type CreateStaffInput = z.infer<typeof createStaffInput>;
export type UpdateStaffInput = z.infer<typeof updateStaffInput>;

export interface Staff extends Omit<CreateStaffInput, 'status'> {
  id: string;
  officeId: string;
  /** The office's area, stored with the record like every office-scoped record (scope checks). */
  areaId: string;
  status: (typeof STAFF_STATUSES)[number];
  version: number;
  updatedAt: string;
}

export const USERNAME = /^[a-z0-9][a-z0-9-]{2,31}$/;
/** Staff ids are ULIDs. */
export const STAFF_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const userShape = {
  displayName: text('姓名', 20),
  roles: z
    .array(z.enum(ROLES, { error: '角色无效' }), { error: '请选择角色' })
    .min(1, { error: '至少选择一个角色' })
    .max(ROLES.length, { error: '角色过多' }),
  officeId: officeId.optional(),
  departmentId: departmentId.optional(),
  phone: phone.optional(),
  enabled: z.boolean({ error: '请说明账号是否启用' }).default(true),
};

/** Roles tied to a unit: an office (staff, area directors) or a department. */
export const UNIT_ROLES: readonly Role[] = ['office_staff', 'area_director', 'department'];

/** A role tied to a unit needs that unit: office roles an office, the department role a department. */
const unitRule = (u: { roles: Role[]; officeId?: string; departmentId?: string }, ctx: z.RefinementCtx) => {
  // Separation of duties (GB/T 22239 level 3): whoever administers may not audit, and vice versa.
  if (u.roles.includes('county_admin') && u.roles.includes('auditor')) {
    ctx.addIssue({ code: 'custom', path: ['roles'], message: '系统管理员与审计管理员须由不同人员担任' });
  }
  if (u.roles.some((r) => r === 'office_staff' || r === 'area_director') && !u.officeId) {
    ctx.addIssue({ code: 'custom', path: ['officeId'], message: '司法所工作人员和片区中心所长须指定所属司法所' });
  }
  if (u.roles.includes('department') && !u.departmentId) {
    ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '业务股室角色须指定股室' });
  }
};

export const createUserInput = z
  .strictObject({
    username: z
      .string({ error: '请填写用户名' })
      .trim()
      .regex(USERNAME, { error: '用户名为3–32位小写字母、数字或连字符，以字母或数字开头' }),
    ...userShape,
  })
  .superRefine(unitRule);
export const updateUserInput = z.strictObject({ ...userShape, version }).superRefine(unitRule);
export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
  officeId?: string;
  /** Derived from the office (area directors see their area). */
  areaId?: string;
  departmentId?: string;
  phone?: string;
  enabled: boolean;
  version: number;
  updatedAt: string;
}

export const DICTIONARY_NAMES = ['dispute-types', 'case-sources', 'retention-periods'] as const;
export type DictionaryName = (typeof DICTIONARY_NAMES)[number];
export const DICTIONARY_LABELS: Record<DictionaryName, string> = {
  'dispute-types': '纠纷类型',
  'case-sources': '案件来源',
  'retention-periods': '档案保管期限',
};
export const dictionaryName = z.enum(DICTIONARY_NAMES, { error: '字典不存在' });

export const dictionaryEntry = z.strictObject({
  code: z.string({ error: '请填写编码' }).regex(/^[a-z0-9-]{1,32}$/, { error: '编码为1–32位小写字母、数字或连字符' }),
  label: text('名称', 30),
  /** Retention periods: years kept, or 0 for permanent. */
  years: z.number({ error: '年限应为数字' }).int({ error: '年限应为整数' }).min(0).max(100).optional(),
  active: z.boolean().default(true),
});

export const updateDictionaryInput = z
  .strictObject({
    entries: z.array(dictionaryEntry, { error: '请提供字典条目' }).min(1, { error: '字典至少要有一个条目' }).max(200),
    version,
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.entries.forEach((e, i) => {
      if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'code'], message: `编码 ${e.code} 重复` });
      seen.add(e.code);
    });
  });
export type DictionaryEntry = z.infer<typeof dictionaryEntry>;
export type UpdateDictionaryInput = z.output<typeof updateDictionaryInput>;

export interface Dictionary {
  name: DictionaryName;
  label: string;
  entries: DictionaryEntry[];
  version: number;
  updatedAt: string;
}

export const officeListQuery = z.strictObject({ ...pageQuery.shape, areaId: areaId.optional() });
export type OfficeListQuery = z.output<typeof officeListQuery>;

/** `GET /api/org/users`: a page of accounts, searched by name or username and filtered by office and role. */
export const userListQuery = z.strictObject({
  ...pageQuery.shape,
  q: z.string({ error: '搜索词应为文字' }).trim().max(40, { error: '搜索词最多40个字' }).optional(),
  officeId: officeId.optional(),
  role: z.enum(ROLES, { error: '角色无效' }).optional(),
});
export type UserListQuery = z.output<typeof userListQuery>;

/** Whether an account answers a user list's search: the text in the username or the name, the office, the role. */
export const userMatches = (user: Pick<User, 'username' | 'displayName' | 'roles' | 'officeId'>, q: Omit<UserListQuery, 'limit' | 'cursor'>): boolean => {
  const text = q.q?.toLowerCase();
  if (text && !user.username.toLowerCase().includes(text) && !user.displayName.toLowerCase().includes(text)) return false;
  if (q.officeId && user.officeId !== q.officeId) return false;
  return !q.role || user.roles.includes(q.role);
};

/** `GET /api/org/staff/{id}?reveal=idNumber` shows the full ID number (audited). */
export const staffQuery = z.strictObject({
  reveal: z.literal('idNumber', { error: '只能查看完整身份证号（reveal=idNumber）' }).optional(),
});
export type StaffQuery = z.output<typeof staffQuery>;

/** Detail of the UserChanged event: the directory re-reads the record, so the name is enough. */
export const userChanged = z.strictObject({
  username: z.string().regex(USERNAME),
  version: z.number().int().min(1),
  /** Why the user's sessions end with this change (disabled, roles or unit changed), if they do. */
  endsSessions: z.string().max(100).optional(),
});

/** Where a user record lives in the org table: the auth context reads it (roles, unit, enabled) by this key. */
export const userRecordKey = (username: string) => ({ PK: `USER#${username}`, SK: 'USER' });
/** Where the org table keeps offices and dictionaries: contexts that file records by office read them (read-only). */
/** The bureau's one record (name, county), as other contexts read it. */
export const bureauRecordKey = () => ({ PK: 'BUREAU', SK: 'BUREAU' });
export const OFFICE_PARTITION = 'OFFICE';
export const officeRecordKey = (id: string) => ({ PK: OFFICE_PARTITION, SK: id });
export const dictionaryRecordKey = (name: string) => ({ PK: 'DICT', SK: name });

export const ORG_AUDIT = auditActions('org', {
  'bureau.provision': { targetType: 'bureau', label: '初始化司法局信息' },
  'department.provision': { targetType: 'department', label: '初始化业务股室' },
  'area.provision': { targetType: 'area', label: '初始化片区' },
  'office.provision': { targetType: 'office', label: '初始化司法所' },
  'office.create': { targetType: 'office', label: '新建司法所' },
  'office.update': { targetType: 'office', label: '修改司法所' },
  // The target is the office the member joins: the staff id is born in the same write, and a refused
  // request has none.
  'staff.create': { targetType: 'office', label: '新增工作人员' },
  'staff.provision': { targetType: 'staff', label: '初始化工作人员' },
  'staff.update': { targetType: 'staff', label: '修改工作人员' },
  'staff.reveal-id-number': { targetType: 'staff', label: '查看完整身份证号' },
  'user.create': { targetType: 'user', label: '新建账号' },
  'user.update': { targetType: 'user', label: '修改账号' },
  'dictionary.provision': { targetType: 'dictionary', label: '初始化字典' },
  'dictionary.update': { targetType: 'dictionary', label: '修改字典' },
});

/** Default dictionaries (docs/domain.md §二, §三.12); the admin edits them later. */
export const DEFAULT_DICTIONARIES: Record<DictionaryName, DictionaryEntry[]> = {
  'dispute-types': [
    '婚姻家庭', '邻里', '房屋宅基地', '合同', '生产经营', '损害赔偿', '山林土地', '征地拆迁', '环境污染', '劳动争议', '消费', '医疗',
    '道路交通事故', '物业', '其他',
  ].map((label, i) => ({ code: `dt-${String(i + 1).padStart(2, '0')}`, label, active: true })),
  'case-sources': ['当事人申请', '主动调解', '公安移送', '法院委托', '信访部门移交', '其他部门移交'].map((label, i) => ({
    code: `cs-${String(i + 1).padStart(2, '0')}`,
    label,
    active: true,
  })),
  'retention-periods': [
    { code: 'permanent', label: '永久', years: 0, active: true },
    { code: 'y30', label: '30年', years: 30, active: true },
    { code: 'y10', label: '10年', years: 10, active: true },
  ],
};

/** The bureau's business departments (docs/domain.md §一): the same in every county. */
export const DEFAULT_DEPARTMENTS: Department[] = [
  { id: 'grassroots', name: '基层股', line: '基层工作' },
  { id: 'mediation', name: '人民调解股', line: '人民调解' },
  { id: 'corrections', name: '社区矫正股', line: '社区矫正与安置帮教' },
  { id: 'publicity', name: '法治宣传股', line: '法治宣传' },
  { id: 'legal-aid', name: '法律援助中心', line: '法律援助' },
  { id: 'office', name: '办公室/财务', line: '办公与财务' },
];

/** The org context's audit targets, as the audit log names them. */
export const ORG_TARGET_LABELS: Record<string, string> = {
  bureau: '司法局',
  department: '业务股室',
  area: '片区',
  office: '司法所',
  staff: '工作人员',
  user: '账号',
  dictionary: '数据字典',
};

const ENABLED_LABELS = { true: '启用', false: '停用' };
const departmentNames = Object.fromEntries(DEFAULT_DEPARTMENTS.map((d) => [d.id, d.name]));
const officeFieldLabels: Record<string, AuditField> = {
  name: { label: '司法所名称' },
  township: { label: '乡镇名称' },
  areaId: { label: '所属片区' },
  officeClass: { label: '所别', values: OFFICE_CLASS_LABELS },
  address: { label: '地址' },
  phone: { label: '联系电话' },
};
const entryText = (e: unknown) => {
  const { code, label, years, active } = (e ?? {}) as Partial<DictionaryEntry>;
  const period = years === undefined ? '' : years === 0 ? '，永久' : `，${years}年`;
  return `${label ?? ''}（${code ?? ''}${period}${active === false ? '，停用' : ''}）`;
};

/** The org context's recorded fields, by entity (office, staff, user, dictionary, …). */
export const ORG_FIELD_LABELS: AuditFieldTable = {
  bureau: { name: { label: '司法局名称' }, county: { label: '县名' }, address: { label: '地址' }, phone: { label: '联系电话' } },
  department: { name: { label: '股室名称' }, line: { label: '业务条线' } },
  area: { name: { label: '片区名称' }, centralOfficeId: { label: '片区中心所' } },
  office: officeFieldLabels,
  staff: {
    name: { label: '姓名' },
    officeId: { label: '所属司法所' },
    areaId: { label: '所属片区' },
    sex: { label: '性别', values: SEX_LABELS },
    idNumber: { label: '身份证号' },
    phone: { label: '联系电话' },
    post: { label: '岗位' },
    education: { label: '学历' },
    legalExamCertificate: { label: '法律职业资格证书', values: { true: '持有', false: '未持有' } },
    certificateNo: { label: '证书编号' },
    joinedOn: { label: '入职日期' },
    contactForOfficeIds: { label: '联系司法所' },
    status: { label: '在岗状态', values: STAFF_STATUS_LABELS },
  },
  user: {
    username: { label: '用户名' },
    displayName: { label: '姓名' },
    roles: { label: '角色', values: ROLE_LABELS },
    officeId: { label: '所属司法所' },
    areaId: { label: '所属片区' },
    departmentId: { label: '所属股室', values: departmentNames },
    phone: { label: '联系电话' },
    enabled: { label: '账号状态', values: ENABLED_LABELS },
  },
  dictionary: {
    name: { label: '字典', values: DICTIONARY_LABELS },
    label: { label: '字典名称' },
    entries: { label: '字典条目', format: (v) => (Array.isArray(v) ? v.map(entryText).join('、') : String(v)) },
  },
};

/**
 * A county's organisation as an operator provides it when an environment is first set up: the
 * bureau, its areas and their offices (exactly one central office per area).
 */
export const countyDefinition = z
  .strictObject({
    bureau: z.strictObject({ name: text('司法局名称', 40), county: text('县名', 20), address: text('地址', 100), phone }),
    areas: z
      .array(
        z.strictObject({
          id: areaId,
          name: text('片区名称', 20),
          offices: z.array(z.strictObject({ id: officeId, ...officeFields, areaId: areaId.optional() })).min(1, { error: '片区至少有一个司法所' }),
        }),
      )
      .min(1, { error: '至少要有一个片区' }),
  })
  .superRefine((county, ctx) => {
    const seen = new Set<string>();
    const areaIds = new Set<string>();
    county.areas.forEach((area, a) => {
      if (areaIds.has(area.id)) ctx.addIssue({ code: 'custom', path: ['areas', a, 'id'], message: `片区编号 ${area.id} 重复` });
      areaIds.add(area.id);
      const central = area.offices.filter((o) => o.officeClass === 'central').length;
      if (central !== 1) ctx.addIssue({ code: 'custom', path: ['areas', a, 'offices'], message: `片区须有且只有一个片区中心所（现有${central}个）` });
      area.offices.forEach((o, i) => {
        if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['areas', a, 'offices', i, 'id'], message: `司法所编号 ${o.id} 重复` });
        seen.add(o.id);
        if (o.areaId && o.areaId !== area.id) ctx.addIssue({ code: 'custom', path: ['areas', a, 'offices', i, 'areaId'], message: '所属片区与所在片区不一致' });
      });
    });
  });
export type CountyDefinition = z.infer<typeof countyDefinition>;

/**
 * One central office per area: it cannot be added twice, demoted, or moved out of its area.
 * `area` is the office's (new) area, `before` the office as stored (absent on create).
 */
export const centralOfficeProblems = (
  office: Pick<Office, 'id' | 'areaId' | 'officeClass'>,
  area: Area | undefined,
  before?: Pick<Office, 'areaId' | 'officeClass'>,
): FieldErrors => {
  if (before?.officeClass === 'central' && (office.officeClass !== 'central' || office.areaId !== before.areaId)) {
    return { officeClass: '片区中心所不能改为一般所或调出本片区' };
  }
  if (!area) return { areaId: '片区不存在' };
  if (office.officeClass === 'central' && area.centralOfficeId !== office.id) {
    return { officeClass: `${area.name}已有片区中心所（${area.centralOfficeId}）` };
  }
  return {};
};

/** A user's units must exist, and an area director heads the central office of an area. */
export const userUnitProblems = (
  input: { roles: Role[]; officeId?: string; departmentId?: string },
  office: Pick<Office, 'officeClass'> | undefined,
  departmentExists: boolean,
): FieldErrors => {
  const fields: FieldErrors = {};
  if (input.officeId && !office) fields.officeId = `司法所 ${input.officeId} 不存在`;
  if (input.departmentId && !departmentExists) fields.departmentId = `股室 ${input.departmentId} 不存在`;
  if (office && input.roles.includes('area_director') && office.officeClass !== 'central') {
    fields.officeId = '片区中心所长须属于片区中心司法所';
  }
  return fields;
};
