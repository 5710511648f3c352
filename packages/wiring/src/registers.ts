// registers: the office's books (declared once in @sifasuo/domain's register-declarations.ts and served
// by the same routes, `{register}` naming the book), leave and attendance, plans and reports, and the
// bureau's assigned tasks. Facts leave through the table's outbox; the Excel export and import have a
// function of their own (exceljs); a daily sweep publishes the tasks that went overdue.
import {
  absenceInput,
  absenceQuery,
  entryInput,
  entryListQuery,
  entryUpdateInput,
  leaveCancelInput,
  leaveDecisionInput,
  leaveQuery,
  leaveRequestInput,
  registerEntryBody,
  registerExportQuery,
  registerImportInput,
  REGISTERS,
  reportBoardQuery,
  reportInput,
  reportQuery,
  reportReturnInput,
  reportUpdateInput,
  taskBoardQuery,
  taskCompletionInput,
  taskInput,
  taskQuery,
  uploadRequestInput,
  withdrawEntryInput,
  withdrawRecordInput,
  type Absence,
  type LeaveRequest,
  type Page,
  type RegisterCatalogue,
  type RegisterDeclaration,
  type RegisterEntry,
  type RegisterImportResult,
  type RegistersSummary,
  type Report,
  type ReportBoard,
  type Task,
  type TaskAssignment,
  type TaskBoard,
  type TaskDetail,
  type UploadTicket,
} from '@sifasuo/domain';
import type * as z from 'zod';
import { AUDITED, defineContext, fileReply, reply, route, SCOPED_INDEXES, type BodyByPath } from './types';

/** Offices (name, area, class) are the org context's; registers reads them, never writes. */
const READS_ORG = { table: 'org', access: 'read' } as const;
const OWN_TABLE = { table: 'registers', access: 'readwrite' } as const;
const UPLOADS = { bucket: 'uploads', access: 'upload' } as const;

/** Each declared register's own body schema, chosen by the `{register}` of the path. */
const registerBodies = (schemaOf: (d: RegisterDeclaration) => z.ZodType): BodyByPath => ({
  param: 'register', what: '台账', schemas: Object.fromEntries(REGISTERS.map((d) => [d.id, schemaOf(d)])),
});

export const registers = defineContext({
  context: 'registers',
  tables: [{ id: 'registers', context: 'registers', indexes: SCOPED_INDEXES, personalData: true, outbox: true }],
  functions: [
    {
      id: 'registers-api', context: 'registers', kind: 'api', entry: 'functions/src/registers/api.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], buckets: [UPLOADS], timeoutSeconds: 10, memoryMb: 512,
    },
    {
      // Excel both ways: exceljs and a year's book in memory (10,000 rows are measured in the bench).
      id: 'registers-documents', context: 'registers', kind: 'api', entry: 'functions/src/registers/documents-api.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], buckets: [UPLOADS], timeoutSeconds: 60, memoryMb: 1024,
    },
    {
      id: 'registers-overdue', context: 'registers', kind: 'schedule', entry: 'functions/src/registers/overdue.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], timeoutSeconds: 300, memoryMb: 512,
    },
    {
      // A year of every book for the county through DynamoDB Local (local only, never deployed).
      id: 'registers-demo-seed', context: 'registers', kind: 'seed', entry: 'functions/src/registers/seed.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], timeoutSeconds: 900, memoryMb: 1024,
    },
  ],
  routes: [
    // The declared books: what they are, then one set of routes for all of them.
    route('GET', '/api/registers', 'registers-api', { response: reply<RegisterCatalogue>() }),
    route('GET', '/api/registers/{register}/entries', 'registers-api', { query: entryListQuery, response: reply<Page<RegisterEntry>>() }),
    route('POST', '/api/registers/{register}/entries', 'registers-api', { body: registerEntryBody, bodyByPath: registerBodies(entryInput), response: reply<RegisterEntry>() }),
    route('GET', '/api/registers/{register}/entries/{entryId}', 'registers-api', { response: reply<RegisterEntry>() }),
    route('PUT', '/api/registers/{register}/entries/{entryId}', 'registers-api', {
      body: registerEntryBody, bodyByPath: registerBodies(entryUpdateInput), response: reply<RegisterEntry>(),
    }),
    route('POST', '/api/registers/{register}/entries/{entryId}/withdraw', 'registers-api', { body: withdrawEntryInput, response: reply<RegisterEntry>() }),
    route('GET', '/api/registers/{register}/export.xlsx', 'registers-documents', { query: registerExportQuery, response: fileReply() }),
    route('POST', '/api/registers/{register}/imports', 'registers-documents', { body: registerImportInput, response: reply<RegisterImportResult>() }),
    // Files: a presigned PUT for an import or an attachment.
    route('POST', '/api/registers/uploads', 'registers-api', { body: uploadRequestInput, response: reply<UploadTicket>() }),
    // Leave (请销假) and absences without leave.
    route('POST', '/api/registers/leave', 'registers-api', { body: leaveRequestInput, response: reply<LeaveRequest>() }),
    route('GET', '/api/registers/leave', 'registers-api', { query: leaveQuery, response: reply<Page<LeaveRequest>>() }),
    route('GET', '/api/registers/leave/{leaveId}', 'registers-api', { response: reply<LeaveRequest>() }),
    route('POST', '/api/registers/leave/{leaveId}/decide', 'registers-api', { body: leaveDecisionInput, response: reply<LeaveRequest>() }),
    route('POST', '/api/registers/leave/{leaveId}/cancel', 'registers-api', { body: leaveCancelInput, response: reply<LeaveRequest>() }),
    route('POST', '/api/registers/leave/{leaveId}/withdraw', 'registers-api', { body: withdrawRecordInput, response: reply<LeaveRequest>() }),
    route('POST', '/api/registers/absences', 'registers-api', { body: absenceInput, response: reply<Absence>() }),
    route('GET', '/api/registers/absences', 'registers-api', { query: absenceQuery, response: reply<Page<Absence>>() }),
    route('POST', '/api/registers/absences/{absenceId}/withdraw', 'registers-api', { body: withdrawRecordInput, response: reply<Absence>() }),
    // Plans and reports, the area director's return, the month's board.
    route('POST', '/api/registers/reports', 'registers-api', { body: reportInput, response: reply<Report>() }),
    route('GET', '/api/registers/reports', 'registers-api', { query: reportQuery, response: reply<Page<Report>>() }),
    route('GET', '/api/registers/reports/board', 'registers-api', { query: reportBoardQuery, response: reply<ReportBoard>() }),
    route('GET', '/api/registers/reports/{reportId}', 'registers-api', { response: reply<Report>() }),
    route('PUT', '/api/registers/reports/{reportId}', 'registers-api', { body: reportUpdateInput, response: reply<Report>() }),
    route('POST', '/api/registers/reports/{reportId}/return', 'registers-api', { body: reportReturnInput, response: reply<Report>() }),
    route('POST', '/api/registers/reports/{reportId}/withdraw', 'registers-api', { body: withdrawRecordInput, response: reply<Report>() }),
    // Assigned tasks (交办任务) and the bureau's board.
    route('POST', '/api/registers/tasks', 'registers-api', { body: taskInput, response: reply<Task>() }),
    route('GET', '/api/registers/tasks', 'registers-api', { query: taskQuery, response: reply<Page<TaskAssignment>>() }),
    route('GET', '/api/registers/tasks/board', 'registers-api', { query: taskBoardQuery, response: reply<TaskBoard>() }),
    route('GET', '/api/registers/tasks/{taskId}', 'registers-api', { response: reply<TaskDetail>() }),
    route('POST', '/api/registers/tasks/{taskId}/offices/{officeId}/complete', 'registers-api', { body: taskCompletionInput, response: reply<TaskAssignment>() }),
    // The homes' cards.
    route('GET', '/api/registers/summary', 'registers-api', { response: reply<RegistersSummary>() }),
  ],
  schedules: [
    {
      id: 'registers-task-overdue', function: 'registers-overdue', timezone: 'Asia/Shanghai',
      cron: { minute: '20', hour: '0', dayOfMonth: '*', month: '*', dayOfWeek: '?' },
      description: '每日 00:20 检查交办任务：已过完成期限仍未完成的，登记逾期并发布事实',
    },
  ],
  seed: 'registers-demo-seed',
});
