// The office's workflows beside its books (docs/domain.md §2): leave and attendance (请销假, §三.4),
// plans and reports (§四.1–2) with their due dates and the area director's return, and the bureau's
// assigned tasks (交办任务, §二.11). Shapes (zod, Chinese messages), who may do what, and the audit
// table of the registers context. Due dates and facts are in registers-rules.ts.
import * as z from 'zod';
import { auditActions, type AuditFieldTable } from './audit';
import { ENTRY_STATUS_LABELS } from './registers';
import { officeId } from './org';
import { canReadOffice, type Actor, type OfficeRef } from './roles';
import { dateString, multilineText, pageQuery, text, version } from './validation';

const has = (actor: Actor, ...roles: string[]) => actor.roles.some((r) => roles.includes(r));
const month = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
const uploadId = z.string({ error: '上传编号无效' }).regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: '上传编号无效' });

/** A file attached to a record: the upload it came by and the name it had. */
export const attachmentInput = z.strictObject({ uploadId, fileName: text('文件名', 120) });
export type AttachmentInput = z.infer<typeof attachmentInput>;
const attachments = z.array(attachmentInput, { error: '附件格式无效' }).max(10, { error: '附件最多10个' });
export interface Attachment {
  uploadId: string;
  fileName: string;
  size: number;
  /** A short-lived link to download it (in answers only). */
  url?: string;
}

// ---- Leave and attendance (请销假) -----------------------------------------------------------------------

export const LEAVE_KINDS = ['personal', 'sick', 'annual', 'marriage', 'maternity', 'bereavement', 'other'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
export const LEAVE_KIND_LABELS: Record<LeaveKind, string> = {
  personal: '事假', sick: '病假', annual: '年休假', marriage: '婚假', maternity: '产假（陪产假）', bereavement: '丧假', other: '其他',
};
export const LEAVE_STATUSES = ['requested', 'approved', 'refused', 'cancelled', 'withdrawn'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = {
  requested: '待审批', approved: '已批准', refused: '未批准', cancelled: '已销假', withdrawn: '已撤回',
};
/** Most days one request may cover (maternity leave is the longest). */
export const MAX_LEAVE_DAYS = 190;

/** `POST /api/registers/leave`: the requester's own leave (the actor is the applicant). */
export const leaveRequestInput = z.strictObject({
  officeId,
  kind: z.enum(LEAVE_KINDS, { error: '请选择请假类别' }),
  from: dateString('开始日期'),
  to: dateString('结束日期'),
  reason: text('请假事由', 200),
});
export type LeaveRequestInput = z.infer<typeof leaveRequestInput>;
export const leaveDecisionInput = z.strictObject({
  version,
  decision: z.enum(['approve', 'refuse'], { error: '审批结果应为批准或不批准' }),
  comment: z.string().trim().max(200, { error: '审批意见不能超过200个字' }).optional(),
});
export type LeaveDecisionInput = z.infer<typeof leaveDecisionInput>;
/** 销假: back on `returnedOn` (within the leave or the day after it ends; earlier return allowed). */
export const leaveCancelInput = z.strictObject({ version, returnedOn: dateString('销假日期') });
export type LeaveCancelInput = z.infer<typeof leaveCancelInput>;
export const leaveQuery = pageQuery.extend({
  officeId: officeId.optional(),
  status: z.enum(LEAVE_STATUSES, { error: '状态无效' }).optional(),
  month: month.optional(),
  /** Only the requests the caller may decide (the director's queue). */
  toDecide: z.stringbool({ error: 'toDecide 应为 true 或 false' }).optional(),
});
export type LeaveQuery = z.infer<typeof leaveQuery>;

export interface LeaveRequest {
  id: string;
  officeId: string;
  areaId: string;
  username: string;
  name: string;
  kind: LeaveKind;
  from: string;
  to: string;
  days: number;
  reason: string;
  status: LeaveStatus;
  requestedAt: string;
  decidedAt?: string;
  decidedBy?: string;
  decidedByName?: string;
  comment?: string;
  returnedOn?: string;
  cancelledAt?: string;
  version: number;
  updatedAt: string;
}

/** An absence without approved leave (擅自离岗/旷工), recorded by the director or the bureau; a fact (E2). */
export const absenceInput = z.strictObject({
  officeId,
  /** The staff member's name as on the office's staff list. */
  name: text('缺勤人员', 40),
  on: dateString('缺勤日期'),
  note: multilineText('情况说明', 500),
});
export type AbsenceInput = z.infer<typeof absenceInput>;
export const absenceQuery = pageQuery.extend({ officeId: officeId.optional(), month: month.optional() });
export type AbsenceQuery = z.infer<typeof absenceQuery>;
export const withdrawRecordInput = z.strictObject({ version, reason: text('撤销原因', 200) });
export type WithdrawRecordInput = z.infer<typeof withdrawRecordInput>;

export interface Absence {
  id: string;
  officeId: string;
  areaId: string;
  name: string;
  on: string;
  note: string;
  status: 'active' | 'withdrawn';
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
  withdrawnReason?: string;
  version: number;
  updatedAt: string;
}

// ---- Plans and reports (计划总结、信息、调研文章、经验材料) --------------------------------------------------

export const REPORT_KINDS = [
  'annual-plan', 'monthly-feedback', 'platform-data', 'half-year-summary', 'year-end-summary', 'information', 'research-article', 'experience-material',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  'annual-plan': '年初工作计划',
  'monthly-feedback': '月度工作反馈',
  'platform-data': '司法行政平台数据录入确认',
  'half-year-summary': '半年工作小结',
  'year-end-summary': '年终工作总结',
  information: '信息',
  'research-article': '调研文章',
  'experience-material': '经验材料',
};
/** The period a kind is due for: a month (YYYY-MM) or a year (YYYY). */
export const REPORT_PERIOD: Record<ReportKind, 'month' | 'year'> = {
  'annual-plan': 'year', 'monthly-feedback': 'month', 'platform-data': 'month', 'half-year-summary': 'year', 'year-end-summary': 'year',
  information: 'month', 'research-article': 'year', 'experience-material': 'year',
};
/** Kinds of which an office hands in several a period (the others: one per office and period). */
export const REPORT_MANY: readonly ReportKind[] = ['information', 'research-article', 'experience-material'];
/** Information items an office owes each month; research articles and experience materials each person a year. */
export const INFORMATION_ITEMS_PER_MONTH = 2;

export const REPORT_STATUSES = ['submitted', 'returned', 'withdrawn'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { submitted: '已报送', returned: '已退回', withdrawn: '已撤回' };

export const reportInput = z.strictObject({
  officeId,
  kind: z.enum(REPORT_KINDS, { error: '请选择报送类别' }),
  /** YYYY-MM for monthly kinds, YYYY for yearly ones. */
  period: z.string({ error: '请选择所属期间' }).regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: '所属期间格式应为 YYYY-MM 或 YYYY' }),
  title: text('标题', 100),
  content: multilineText('正文', 20_000),
  /** Research articles and experience materials: the author (one of each per person a year). */
  author: z.string().trim().min(1, { error: '请填写作者' }).max(40, { error: '作者不能超过40个字' }).optional(),
  attachments: attachments.optional(),
});
export type ReportInput = z.infer<typeof reportInput>;
/** Resubmitting a returned report (or correcting a submitted one): the new text, the version edited. */
export const reportUpdateInput = z.strictObject({
  version,
  title: text('标题', 100),
  content: multilineText('正文', 20_000),
  author: z.string().trim().min(1, { error: '请填写作者' }).max(40, { error: '作者不能超过40个字' }).optional(),
  attachments: attachments.optional(),
});
export type ReportUpdateInput = z.infer<typeof reportUpdateInput>;
export const reportReturnInput = z.strictObject({ version, comment: multilineText('退回意见', 500) });
export type ReportReturnInput = z.infer<typeof reportReturnInput>;
export const reportQuery = pageQuery.extend({
  officeId: officeId.optional(),
  kind: z.enum(REPORT_KINDS, { error: '报送类别无效' }).optional(),
  /** A month (YYYY-MM) or a year (YYYY): reports of periods in it. */
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: '期间格式应为 YYYY-MM 或 YYYY' }).optional(),
  status: z.enum(REPORT_STATUSES, { error: '状态无效' }).optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;
/** `GET /api/registers/reports/board?month`: each office in scope × what was due in (or for) that month. */
export const reportBoardQuery = z.strictObject({ month, officeId: officeId.optional() });
export type ReportBoardQuery = z.infer<typeof reportBoardQuery>;

export interface Report {
  id: string;
  officeId: string;
  areaId: string;
  kind: ReportKind;
  period: string;
  title: string;
  content: string;
  author?: string;
  attachments: Attachment[];
  status: ReportStatus;
  /** When it was (last) handed in; a returned report counts as not submitted until it comes back. */
  submittedAt: string;
  submittedBy: string;
  dueAt: string;
  onTime: boolean;
  returnedAt?: string;
  returnedBy?: string;
  returnedByName?: string;
  returnComment?: string;
  /** How many times it was returned. */
  returns: number;
  version: number;
  updatedAt: string;
}

/** One cell of the report board: a kind due for an office in the month. */
export type ReportCellState = 'done' | 'late' | 'returned' | 'due' | 'missing';
export const REPORT_CELL_LABELS: Record<ReportCellState, string> = { done: '按时报送', late: '逾期报送', returned: '被退回', due: '未到期', missing: '逾期未报' };
export interface ReportBoard {
  month: string;
  kinds: ReportKind[];
  rows: Array<{
    officeId: string;
    officeName: string;
    cells: Array<{ kind: ReportKind; period: string; dueAt: string; state: ReportCellState; required: number; submitted: number; reportIds: string[] }>;
  }>;
}

// ---- Tasks (交办任务) -------------------------------------------------------------------------------------

export const TASK_STATES = ['open', 'done', 'overdue', 'done-late'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TaskState, string> = { open: '办理中', done: '已完成', overdue: '已逾期', 'done-late': '逾期完成' };

export const taskInput = z.strictObject({
  title: text('任务名称', 100),
  content: multilineText('任务要求', 4000),
  /** The offices it is assigned to (at least one; duplicates refused). */
  officeIds: z
    .array(officeId, { error: '请选择承办司法所' })
    .min(1, { error: '请至少选择一个司法所' })
    .max(200, { error: '司法所最多200个' })
    .refine((ids) => new Set(ids).size === ids.length, { error: '司法所不能重复' }),
  dueOn: dateString('完成期限'),
  attachments: attachments.optional(),
});
export type TaskInput = z.infer<typeof taskInput>;
export const taskCompletionInput = z.strictObject({ version, note: multilineText('完成情况', 4000), attachments: attachments.optional() });
export type TaskCompletionInput = z.infer<typeof taskCompletionInput>;
export const taskQuery = pageQuery.extend({
  officeId: officeId.optional(),
  state: z.enum(TASK_STATES, { error: '状态无效' }).optional(),
});
export type TaskQuery = z.infer<typeof taskQuery>;
export const taskBoardQuery = z.strictObject({ from: dateString('开始日期').optional(), to: dateString('结束日期').optional() });
export type TaskBoardQuery = z.infer<typeof taskBoardQuery>;

export interface Task {
  id: string;
  title: string;
  content: string;
  dueOn: string;
  attachments: Attachment[];
  assignedBy: string;
  assignedByName: string;
  /** The department that assigned it (a leader's task has none). */
  departmentId?: string;
  assignedAt: string;
  officeIds: string[];
  version: number;
}
/** One office's part of a task. */
export interface TaskAssignment {
  taskId: string;
  officeId: string;
  areaId: string;
  title: string;
  dueOn: string;
  state: TaskState;
  note?: string;
  attachments: Attachment[];
  completedAt?: string;
  completedBy?: string;
  /** Set once the overdue sweep has published its fact. */
  overdueAt?: string;
  version: number;
}
export interface TaskDetail extends Task {
  /** The assignments the caller may see. */
  assignments: TaskAssignment[];
}
/** The bureau's board: tasks × offices, each cell a state. */
export interface TaskBoard {
  tasks: Array<Pick<Task, 'id' | 'title' | 'dueOn' | 'assignedByName'> & { counts: Record<TaskState, number> }>;
  offices: Array<{ officeId: string; officeName: string; cells: Array<{ taskId: string; state: TaskState } | null> }>;
}

// ---- The homes' cards -------------------------------------------------------------------------------------

export interface RegistersSummary {
  /** Reports due this month (and last month's still missing) the caller's office has not handed in. */
  reportsDue: Array<{ officeId: string; kind: ReportKind; period: string; dueAt: string; state: ReportCellState }>;
  /** The caller's office's returned reports, to resubmit. */
  returnedReports: Array<Pick<Report, 'id' | 'officeId' | 'kind' | 'period' | 'title' | 'returnComment'>>;
  /** Open tasks of the offices in scope (the office's own; for the bureau, every one overdue). */
  tasks: Array<Pick<TaskAssignment, 'taskId' | 'officeId' | 'title' | 'dueOn' | 'state'>>;
  /** Leave requests the caller may decide. */
  leaveToDecide: number;
  /** Petitions in scope past their reply (or finish) date and not answered (finished). */
  petitionsOverdue: Array<{ entryId: string; officeId: string; receivedAt: string; replyDueOn: string; finishDueOn: string; reason: 'reply' | 'finish' }>;
}

// ---- Who may do what ------------------------------------------------------------------------------------

const isGrassroots = (actor: Actor) => has(actor, 'department') && actor.departmentId === 'grassroots';

/** The director decides leave: the area director for the offices of the area (not their own request); 基层股 and the leader for anyone. */
export const canDecideLeave = (actor: Actor, request: Pick<LeaveRequest, 'officeId' | 'areaId' | 'username'>): boolean =>
  actor.username !== request.username &&
  (has(actor, 'bureau_leader') || isGrassroots(actor) || (has(actor, 'area_director') && !!actor.areaId && request.areaId === actor.areaId));

/** Recording an absence without leave: the area director for the area, 基层股, or the leader. */
export const canRecordAbsence = (actor: Actor, office: OfficeRef): boolean =>
  has(actor, 'bureau_leader') || isGrassroots(actor) || (has(actor, 'area_director') && !!actor.areaId && office.areaId === actor.areaId);

/** Returning a report: the area director for the cluster's other offices, or 基层股. */
export const canReturnReport = (actor: Actor, office: OfficeRef): boolean =>
  isGrassroots(actor) || (has(actor, 'area_director') && !!actor.areaId && office.areaId === actor.areaId && office.id !== actor.officeId);

/** Assigning tasks: a department or the bureau leader. */
export const canAssignTasks = (actor: Actor): boolean => has(actor, 'department', 'bureau_leader');

/** Seeing a task's assignment: its office in scope. */
export const canSeeAssignment = (actor: Actor, office: OfficeRef): boolean => canReadOffice(actor, office);

// ---- Audit --------------------------------------------------------------------------------------------------

export const REGISTERS_AUDIT = auditActions('registers', {
  'entry.create': { targetType: 'register-entry', label: '登记台账' },
  'entry.update': { targetType: 'register-entry', label: '修改台账' },
  'entry.withdraw': { targetType: 'register-entry', label: '撤销台账记录' },
  'entry.import': { targetType: 'register-import', label: '导入台账' },
  'entry.export': { targetType: 'register-entry', label: '导出台账' },
  'entry.reveal-id-number': { targetType: 'register-entry', label: '查看完整身份证号' },
  'upload.create': { targetType: 'upload', label: '上传文件' },
  'leave.request': { targetType: 'leave', label: '请假' },
  'leave.decide': { targetType: 'leave', label: '审批请假' },
  'leave.cancel': { targetType: 'leave', label: '销假' },
  'leave.withdraw': { targetType: 'leave', label: '撤回请假' },
  'absence.record': { targetType: 'absence', label: '登记无假缺勤' },
  'absence.withdraw': { targetType: 'absence', label: '撤销缺勤记录' },
  'report.submit': { targetType: 'report', label: '报送材料' },
  'report.update': { targetType: 'report', label: '修改（重报）材料' },
  'report.return': { targetType: 'report', label: '退回材料' },
  'report.withdraw': { targetType: 'report', label: '撤回材料' },
  'task.assign': { targetType: 'task', label: '交办任务' },
  'task.complete': { targetType: 'task-assignment', label: '报告任务完成' },
  'task.overdue': { targetType: 'task-assignment', label: '登记任务逾期' },
  'demo.seed': { targetType: 'registers-demo', label: '写入台账演示数据' },
});

export const REGISTERS_TARGET_LABELS: Record<string, string> = {
  'register-entry': '台账记录',
  'register-import': '台账导入',
  upload: '上传文件',
  leave: '请假',
  absence: '缺勤记录',
  report: '报送材料',
  task: '交办任务',
  'task-assignment': '任务承办',
  'registers-demo': '台账演示数据',
};

export const REGISTERS_FIELD_LABELS: AuditFieldTable = {
  entry: {
    register: { label: '台账' },
    officeId: { label: '司法所' },
    filedOn: { label: '登记日期' },
    status: { label: '状态', values: ENTRY_STATUS_LABELS },
    withdrawnReason: { label: '撤销原因' },
  },
  leave: {
    officeId: { label: '司法所' }, name: { label: '请假人' }, kind: { label: '类别', values: LEAVE_KIND_LABELS },
    from: { label: '开始日期' }, to: { label: '结束日期' }, days: { label: '天数' }, reason: { label: '事由' },
    status: { label: '状态', values: LEAVE_STATUS_LABELS }, comment: { label: '审批意见' }, returnedOn: { label: '销假日期' },
  },
  absence: { officeId: { label: '司法所' }, name: { label: '缺勤人员' }, on: { label: '缺勤日期' }, note: { label: '情况说明' } },
  report: {
    officeId: { label: '司法所' }, kind: { label: '类别', values: REPORT_KIND_LABELS }, period: { label: '所属期间' }, title: { label: '标题' },
    status: { label: '状态', values: REPORT_STATUS_LABELS }, submittedAt: { label: '报送时间', time: true }, returnComment: { label: '退回意见' },
  },
  task: { title: { label: '任务名称' }, dueOn: { label: '完成期限' }, officeIds: { label: '承办司法所' } },
  'task-assignment': { state: { label: '状态', values: TASK_STATE_LABELS }, note: { label: '完成情况' }, completedAt: { label: '完成时间', time: true } },
};
