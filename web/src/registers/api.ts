// The registers context's calls: the declared books (catalogue, entries, export, import), files by
// presigned upload, leave and absences, plans and reports, assigned tasks and the homes' summary. The
// offices and areas it reads are the org context's routes.
import type { UploadPurpose } from '@sifasuo/domain';
import type { RequestBody, RequestQuery } from '@sifasuo/wiring';
import { all, ApiError, call, download } from '../kit/api';
import { UPLOAD_FAILED, uploadFile } from '../kit/upload';

type Body<K extends Parameters<typeof call>[0]> = RequestBody<K>;

export const registersApi = {
  catalogue: () => call('GET /api/registers'),
  entries: (register: string, query: RequestQuery<'GET /api/registers/{register}/entries'>) =>
    call('GET /api/registers/{register}/entries', { path: { register }, query }),
  entry: (register: string, entryId: string) => call('GET /api/registers/{register}/entries/{entryId}', { path: { register, entryId } }),
  createEntry: (register: string, body: Record<string, unknown>) => call('POST /api/registers/{register}/entries', { path: { register }, body }),
  updateEntry: (register: string, entryId: string, body: Record<string, unknown>) =>
    call('PUT /api/registers/{register}/entries/{entryId}', { path: { register, entryId }, body }),
  withdrawEntry: (register: string, entryId: string, body: Body<'POST /api/registers/{register}/entries/{entryId}/withdraw'>) =>
    call('POST /api/registers/{register}/entries/{entryId}/withdraw', { path: { register, entryId }, body }),
  exportBook: (register: string, query: RequestQuery<'GET /api/registers/{register}/export.xlsx'>) =>
    download('GET /api/registers/{register}/export.xlsx', { path: { register }, query }),
  importBook: (register: string, body: Body<'POST /api/registers/{register}/imports'>) =>
    call('POST /api/registers/{register}/imports', { path: { register }, body }),
  uploadTicket: (body: Body<'POST /api/registers/uploads'>) => call('POST /api/registers/uploads', { body }),

  leave: (query: RequestQuery<'GET /api/registers/leave'>) => all('GET /api/registers/leave', { query }),
  requestLeave: (body: Body<'POST /api/registers/leave'>) => call('POST /api/registers/leave', { body }),
  decideLeave: (leaveId: string, body: Body<'POST /api/registers/leave/{leaveId}/decide'>) =>
    call('POST /api/registers/leave/{leaveId}/decide', { path: { leaveId }, body }),
  cancelLeave: (leaveId: string, body: Body<'POST /api/registers/leave/{leaveId}/cancel'>) =>
    call('POST /api/registers/leave/{leaveId}/cancel', { path: { leaveId }, body }),
  withdrawLeave: (leaveId: string, body: Body<'POST /api/registers/leave/{leaveId}/withdraw'>) =>
    call('POST /api/registers/leave/{leaveId}/withdraw', { path: { leaveId }, body }),
  absences: (query: RequestQuery<'GET /api/registers/absences'>) => all('GET /api/registers/absences', { query }),
  recordAbsence: (body: Body<'POST /api/registers/absences'>) => call('POST /api/registers/absences', { body }),
  withdrawAbsence: (absenceId: string, body: Body<'POST /api/registers/absences/{absenceId}/withdraw'>) =>
    call('POST /api/registers/absences/{absenceId}/withdraw', { path: { absenceId }, body }),

  reports: (query: RequestQuery<'GET /api/registers/reports'>) => all('GET /api/registers/reports', { query }),
  reportBoard: (query: RequestQuery<'GET /api/registers/reports/board'>) => call('GET /api/registers/reports/board', { query }),
  submitReport: (body: Body<'POST /api/registers/reports'>) => call('POST /api/registers/reports', { body }),
  updateReport: (reportId: string, body: Body<'PUT /api/registers/reports/{reportId}'>) =>
    call('PUT /api/registers/reports/{reportId}', { path: { reportId }, body }),
  returnReport: (reportId: string, body: Body<'POST /api/registers/reports/{reportId}/return'>) =>
    call('POST /api/registers/reports/{reportId}/return', { path: { reportId }, body }),

  tasks: (query: RequestQuery<'GET /api/registers/tasks'>) => all('GET /api/registers/tasks', { query }),
  task: (taskId: string) => call('GET /api/registers/tasks/{taskId}', { path: { taskId } }),
  taskBoard: (query: RequestQuery<'GET /api/registers/tasks/board'>) => call('GET /api/registers/tasks/board', { query }),
  assignTask: (body: Body<'POST /api/registers/tasks'>) => call('POST /api/registers/tasks', { body }),
  completeTask: (taskId: string, officeId: string, body: Body<'POST /api/registers/tasks/{taskId}/offices/{officeId}/complete'>) =>
    call('POST /api/registers/tasks/{taskId}/offices/{officeId}/complete', { path: { taskId, officeId }, body }),

  summary: () => call('GET /api/registers/summary'),

  offices: () => all('GET /api/org/offices'),
  /** The county's areas (8, one page): the task form's 按片区. */
  areas: () => call('GET /api/org/areas').then((p) => p.items),
};

/**
 * A file sent straight to storage (a ticket from the API, then the PUT); answers its upload id. A PUT
 * refused or unreachable is reported like any failed call, with the uploads kit's message.
 */
export const uploadToStorage = async (purpose: UploadPurpose, file: File): Promise<string> => {
  const ticket = await registersApi.uploadTicket({ purpose, fileName: file.name, size: file.size });
  try {
    await uploadFile(ticket, file);
  } catch (e) {
    throw new ApiError(0, 'UPLOAD_FAILED', e instanceof Error ? e.message : UPLOAD_FAILED);
  }
  return ticket.uploadId;
};
