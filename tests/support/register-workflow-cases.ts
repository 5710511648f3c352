// The scope matrix's cases of leave, absences, reports, tasks and the homes' summary
// (tests/generated/scope-matrix.test.ts; see route-cases.ts). The records they ask about are made per
// office on first use, by whoever may make them: leave by an office account of that office (made here,
// `mx-wf-<office>`), absences and tasks by the leader, reports by the county admin. A request the rules
// let succeed acts on a fresh record like the office's (so the fixtures stay as made); the expected
// answers come from the domain's predicates the use cases call.
import {
  canAssignTasks,
  canDecideLeave,
  canReadOffice,
  canRecordAbsence,
  canReturnReport,
  canWriteOfficeRecords,
  ownOfficeId,
  readScope,
  shanghaiDay,
  shanghaiMonth,
  type Actor,
  type OfficeRef,
} from '@sifasuo/domain';
import type { RouteKey } from '@sifasuo/wiring';
import { api, login } from './cloud';
import type { Caller, CaseOf, MatrixEnv, RouteCase, Subject } from './route-cases';
import type { RegisterEntryRouteKey } from './register-entry-cases';

export type RegisterWorkflowRouteKey = Exclude<Extract<RouteKey, `${string} /api/registers/${string}`>, RegisterEntryRouteKey>;

const PASSWORD = 'Matrix#Workflows2026';
const today = () => shanghaiDay(new Date());
const inDays = (days: number) => shanghaiDay(new Date(Date.parse(`${today()}T12:00:00+08:00`) + days * 86_400_000));

// ---- The answers ---------------------------------------------------------------------------------

/** A record of the subject's office: out of the caller's scope it answers as missing. */
const readsRecord = (a: Actor, office: OfficeRef) => (canReadOffice(a, office) ? 200 : 404);
/** A change to a record: readable, then `may`. */
const changes = (a: Actor, office: OfficeRef, may: boolean) => (readsRecord(a, office) !== 200 ? 404 : may ? 200 : 403);
/** Lists and figures in scope (`listInScope`): no scope, or a filter naming an office out of it, is a 403. */
const inScope = (a: Actor, s: Subject) => (readScope(a).kind === 'none' ? 403 : s.office && !canReadOffice(a, s.office) ? 403 : 200);
const listedInScope = (a: Actor, item: { officeId: string; areaId: string }, s: Subject) =>
  canReadOffice(a, { id: item.officeId, areaId: item.areaId }) && (!s.office || item.officeId === s.office.id);
const officeFilter = (s: Subject): Record<string, string> | undefined => (s.office ? { officeId: s.office.id } : undefined);
const scopedList = (path: string): RouteCase => ({
  subjects: 'office-filters', request: ({ subject }) => ({ path, query: officeFilter(subject) }), expected: inScope, visible: listedInScope,
});
/** A board row (or cell row) of an office: within the caller's scope (and the filter). */
const rowInScope = (a: Actor, row: { officeId: string }, s: Subject, env: MatrixEnv) =>
  canReadOffice(a, { id: row.officeId, areaId: env.areaOf(row.officeId) ?? '' }) && (!s.office || row.officeId === s.office.id);

// ---- Making records --------------------------------------------------------------------------------

const as = async <T = any>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
  const r = await api<T>(path, { method, token, body });
  if (r.status >= 300) throw new Error(`matrix: preparing with ${method} ${path} answered ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
  return r.body;
};

/** Each office's own account (office staff), for the leave it asks for. */
const officeAccounts = new Map<string, Promise<{ username: string; token: string }>>();
const officeAccount = (env: MatrixEnv, officeId: string) => {
  if (!officeAccounts.has(officeId)) {
    officeAccounts.set(officeId, (async () => {
      const username = `mx-wf-${officeId}`;
      await as(env.admin, 'POST', '/api/org/users', { username, displayName: `矩阵请假人${officeId}`, roles: ['office_staff'], officeId });
      const pw = await api(`/api/auth/accounts/${username}/password`, { method: 'PUT', token: env.admin, body: { password: PASSWORD } });
      if (pw.status !== 204) throw new Error(`matrix: setting ${username}'s password answered ${pw.status}`);
      return { username, token: await login(username, PASSWORD) };
    })());
  }
  return officeAccounts.get(officeId)!;
};

const leaveBody = (officeId: string, n: number) => ({ officeId, kind: 'personal', from: inDays(10 + (n % 200)), to: inDays(10 + (n % 200)), reason: `矩阵测试请假 ${n}` });
/** A leave request of the office (by its own account, or by `caller` when the office is the caller's), approved if asked. */
const newLeave = async (env: MatrixEnv, office: OfficeRef, state: 'requested' | 'approved', caller?: Caller) => {
  const token = caller && ownOfficeId(caller.actor) === office.id ? caller.tokens.accessToken : (await officeAccount(env, office.id)).token;
  const asked = await as(token, 'POST', '/api/registers/leave', leaveBody(office.id, env.unique()));
  return state === 'requested' ? asked : as(env.leader, 'POST', `/api/registers/leave/${asked.id}/decide`, { version: asked.version, decision: 'approve' });
};
const newAbsence = (env: MatrixEnv, office: OfficeRef) =>
  as(env.leader, 'POST', '/api/registers/absences', { officeId: office.id, name: `矩阵缺勤人${env.unique()}`, on: today(), note: '矩阵测试：未到岗' });
const newReport = (env: MatrixEnv, office: OfficeRef) =>
  as(env.admin, 'POST', '/api/registers/reports', { officeId: office.id, kind: 'information', period: shanghaiMonth(new Date()), title: `矩阵信息 ${env.unique()}`, content: '矩阵测试信息' });
const newTask = async (env: MatrixEnv, office: OfficeRef) => {
  const task = await as(env.leader, 'POST', '/api/registers/tasks', { title: `矩阵任务 ${env.unique()}`, content: '矩阵测试任务', officeIds: [office.id], dueOn: inDays(7) });
  return { ...task, officeId: office.id, version: 1 };
};

/**
 * A request about a record of the subject's office: where the rules let it succeed it acts on a fresh
 * record (`make`), else on the office's fixture (made once, by `make` too), which the refusal leaves as it was.
 */
const onRecord = (spec: {
  make: (env: MatrixEnv, office: OfficeRef, caller: Caller) => Promise<any>;
  /** Fixtures that depend on the caller (its own leave) are kept per caller too. */
  perCaller?: boolean;
  expected: (a: Actor, office: OfficeRef, record: any) => number;
  path: (record: any) => string;
  body?: (record: any) => unknown;
}): RouteCase => {
  const fixtures = new Map<string, Promise<any>>();
  return {
    subjects: 'offices',
    expected: (a, s, record) => spec.expected(a, s.office!, record),
    request: async ({ caller, subject, env }) => {
      const office = subject.office!;
      const key = `${office.id}${spec.perCaller ? `#${caller.username}` : ''}`;
      if (!fixtures.has(key)) fixtures.set(key, spec.make(env, office, caller));
      const fixture = await fixtures.get(key)!;
      const record = spec.expected(caller.actor, office, fixture) < 300 ? await spec.make(env, office, caller) : fixture;
      return { path: spec.path(record), body: spec.body?.(record), record };
    },
  };
};
/** A request naming the subject's office in its body: a new record. */
const newOfOffice = (path: string, body: (office: OfficeRef, n: number) => unknown, may: (a: Actor, office: OfficeRef) => boolean): RouteCase => ({
  subjects: 'offices', request: ({ subject, env }) => ({ path, body: body(subject.office!, env.unique()) }), expected: (a, s) => (may(a, s.office!) ? 201 : 403),
});

/** Leave commands of the applicant: only their own (else 403), only from the state they run from. */
const applicantCommand = (action: 'cancel' | 'withdraw', state: 'requested' | 'approved', body: (l: any) => unknown) =>
  onRecord({
    perCaller: true,
    make: (env, office, caller) => newLeave(env, office, state, caller),
    expected: (a, office, l) => changes(a, office, l.username === a.username),
    path: (l) => `/api/registers/leave/${l.id}/${action}`,
    body,
  });

export const REGISTER_WORKFLOW_CASES: { [K in RegisterWorkflowRouteKey]: CaseOf<K> } = {
  // ---- Leave (请销假) ----
  'POST /api/registers/leave': newOfOffice('/api/registers/leave', (o, n) => leaveBody(o.id, n), (a, o) => ownOfficeId(a) === o.id),
  'GET /api/registers/leave': scopedList('/api/registers/leave'),
  'GET /api/registers/leave/{leaveId}': onRecord({
    make: (env, office) => newLeave(env, office, 'requested'), expected: readsRecord, path: (l) => `/api/registers/leave/${l.id}`,
  }),
  'POST /api/registers/leave/{leaveId}/decide': onRecord({
    make: (env, office) => newLeave(env, office, 'requested'),
    expected: (a, office, l) => changes(a, office, canDecideLeave(a, l)),
    path: (l) => `/api/registers/leave/${l.id}/decide`,
    body: (l) => ({ version: l.version, decision: 'approve', comment: '矩阵测试：同意' }),
  }),
  'POST /api/registers/leave/{leaveId}/cancel': applicantCommand('cancel', 'approved', (l) => ({ version: l.version, returnedOn: l.to })),
  'POST /api/registers/leave/{leaveId}/withdraw': applicantCommand('withdraw', 'requested', (l) => ({ version: l.version, reason: '矩阵测试：撤回' })),

  // ---- Absences without leave ----
  'POST /api/registers/absences': newOfOffice(
    '/api/registers/absences', (o, n) => ({ officeId: o.id, name: `矩阵缺勤人${n}`, on: today(), note: '矩阵测试：未到岗' }), canRecordAbsence,
  ),
  'GET /api/registers/absences': scopedList('/api/registers/absences'),
  'POST /api/registers/absences/{absenceId}/withdraw': onRecord({
    make: newAbsence,
    expected: (a, office) => changes(a, office, canRecordAbsence(a, office)),
    path: (x) => `/api/registers/absences/${x.id}/withdraw`,
    body: (x) => ({ version: x.version, reason: '矩阵测试：撤销' }),
  }),

  // ---- Plans and reports ----
  'POST /api/registers/reports': newOfOffice(
    '/api/registers/reports',
    (o, n) => ({ officeId: o.id, kind: 'information', period: shanghaiMonth(new Date()), title: `矩阵信息 ${n}`, content: '矩阵测试信息' }),
    (a, o) => canWriteOfficeRecords(a, o.id),
  ),
  'GET /api/registers/reports': scopedList('/api/registers/reports'),
  'GET /api/registers/reports/board': {
    subjects: 'office-filters',
    request: ({ subject }) => ({ path: '/api/registers/reports/board', query: { month: shanghaiMonth(new Date()), ...officeFilter(subject) } }),
    expected: inScope,
    items: (board) => board.rows,
    visible: rowInScope,
  },
  'GET /api/registers/reports/{reportId}': onRecord({ make: newReport, expected: readsRecord, path: (r) => `/api/registers/reports/${r.id}` }),
  'PUT /api/registers/reports/{reportId}': onRecord({
    make: newReport,
    expected: (a, office) => changes(a, office, canWriteOfficeRecords(a, office.id)),
    path: (r) => `/api/registers/reports/${r.id}`,
    body: (r) => ({ version: r.version, title: `${r.title}（更正）`, content: '矩阵测试：更正' }),
  }),
  'POST /api/registers/reports/{reportId}/return': onRecord({
    make: newReport,
    expected: (a, office) => changes(a, office, canReturnReport(a, office)),
    path: (r) => `/api/registers/reports/${r.id}/return`,
    body: (r) => ({ version: r.version, comment: '矩阵测试：请补充' }),
  }),
  'POST /api/registers/reports/{reportId}/withdraw': onRecord({
    make: newReport,
    expected: (a, office) => changes(a, office, canWriteOfficeRecords(a, office.id)),
    path: (r) => `/api/registers/reports/${r.id}/withdraw`,
    body: (r) => ({ version: r.version, reason: '矩阵测试：撤回' }),
  }),

  // ---- Assigned tasks ----
  'POST /api/registers/tasks': {
    subjects: 'none',
    request: ({ env }) => ({ path: '/api/registers/tasks', body: { title: `矩阵任务 ${env.unique()}`, content: '矩阵测试任务', officeIds: ['0101', '0201'], dueOn: inDays(7) } }),
    expected: (a) => (canAssignTasks(a) ? 201 : 403),
  },
  'GET /api/registers/tasks': scopedList('/api/registers/tasks'),
  'GET /api/registers/tasks/board': {
    subjects: 'none',
    request: () => ({ path: '/api/registers/tasks/board' }),
    expected: (a) => (readScope(a).kind === 'none' ? 403 : 200),
    items: (board) => board.offices,
    visible: rowInScope,
  },
  'GET /api/registers/tasks/{taskId}': onRecord({ make: newTask, expected: readsRecord, path: (t) => `/api/registers/tasks/${t.id}` }),
  'POST /api/registers/tasks/{taskId}/offices/{officeId}/complete': onRecord({
    make: newTask,
    expected: (a, office) => changes(a, office, canWriteOfficeRecords(a, office.id)),
    path: (t) => `/api/registers/tasks/${t.id}/offices/${t.officeId}/complete`,
    body: (t) => ({ version: t.version, note: '矩阵测试：已完成' }),
  }),

  // ---- The homes' cards ----
  'GET /api/registers/summary': { subjects: 'none', request: () => ({ path: '/api/registers/summary' }), expected: (a) => (readScope(a).kind === 'none' ? 403 : 200) },
};
