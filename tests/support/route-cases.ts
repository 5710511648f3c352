// What the scope matrix (tests/generated/scope-matrix.test.ts) needs of every declared route: which
// subjects to try it on (offices, staff records, accounts, mediation records in their states — of the
// caller's own office, another of its area, one of another area; tests/support/mediation-subjects.ts),
// the request a caller sends about a subject, and the answer the domain's scope and role rules give —
// computed with the same predicates the use cases call, never typed as a table of numbers. The record below is keyed by every route key of the wiring, so a route declared
// without a case here does not compile (and the matrix fails at run time, too).
import {
  canAdministerOrg,
  canAdministerUsers,
  canAdoptSubmission,
  canManageAccount,
  canReadAudit,
  canReadOffice,
  canReadReferenceData,
  canReturnSubmission,
  canReviewMediation,
  canViewAccount,
  canWriteOfficeRecords,
  caseCommandRefusal,
  readScope,
  type CaseCommandKind,
  type MediationCase,
  type SubmissionStatus,
  type Actor,
  type OfficeRef,
  type Role,
  type SessionTokens,
} from '@sifasuo/domain';
import type { FileDownload, ResponseOf, RouteKey } from '@sifasuo/wiring';
import { api } from './cloud';
import {
  asAdmin,
  CASE_COMMAND_BODIES,
  fileAsAdmin,
  newCaseBody,
  newCommitteeBody,
  newMediatorBody,
  newScreeningBody,
  newSubmissionBody,
  pastMonth,
  thisMonth,
  type MediationSubjectKind,
} from './mediation-subjects';
import { ASSESSMENT_PIPELINE_CASES } from './assessment-cases';
import { ASSESSMENT_YEAR_CASES } from './assessment-year-cases';
import { REGISTER_ENTRY_CASES } from './register-entry-cases';
import { REGISTER_WORKFLOW_CASES } from './register-workflow-cases';
import { totpCode } from './totp-code';

export interface Account {
  username: string;
  roles: Role[];
  officeId?: string;
}

/** What a request is about. `office` is the office-scoped record's office (for staff, its office). */
export interface Subject {
  label: string;
  office?: OfficeRef;
  staffId?: string;
  /** Ask for the full ID number (`?reveal=idNumber`). */
  reveal?: boolean;
  account?: Account;
  /** A record of the office (a mediation case, screening, …) as it was made for the matrix. */
  record?: any;
  /** Makes a new record like `record` (same office, type and state), for a request that may change it. */
  fresh?: () => Promise<any>;
}

export type SubjectKind = 'none' | 'offices' | 'staff' | 'staff-reveal' | 'accounts' | 'new-accounts' | MediationSubjectKind;

/** A demo role's stand-in: its own account (so self-service routes change nothing others rely on). */
export interface Caller {
  /** The demo role it stands in for. */
  role: Role;
  username: string;
  actor: Actor;
  password: string;
  tokens: SessionTokens;
}

/** What cases prepare with: the demo admin's and leader's tokens (to read current versions), and fresh numbers. */
export interface MatrixEnv {
  admin: string;
  leader: string;
  /** 人民调解股 (dept-mediation): makes the fixtures only a reviewer can (a returned submission). */
  reviewer: string;
  unique: () => number;
  /** The area of an office of the county (as the admin lists them when the run starts). */
  areaOf: (officeId: string) => string | undefined;
}

export interface MatrixRequest {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Whose session sends it: the caller's (default), a new one of the caller's, or none (public routes). */
  session?: 'caller' | 'fresh' | 'none';
  /** The record it acts on as it stood when sent (the subject's own, or a fresh one like it), for the state rules. */
  record?: any;
}

export interface RouteCase {
  /** The subjects to try it on: one kind, or several (e.g. cases in the state a command needs and in one it refuses). */
  subjects: SubjectKind | readonly SubjectKind[];
  request: (c: { caller: Caller; subject: Subject; env: MatrixEnv }) => MatrixRequest | Promise<MatrixRequest>;
  /** The status the domain's rules give this caller about this subject (and the record the request acts on). */
  expected: (actor: Actor, subject: Subject, record?: any) => number;
  /** For lists: may the caller see this item? Every item of every page (or of `items`) is checked. */
  visible?: (actor: Actor, item: any, subject: Subject, env: MatrixEnv) => boolean;
  /** Where a list answer that is not a page keeps its items. */
  items?: (body: any) => unknown[];
  /** Puts back what a successful request changed of the caller's own account. */
  undo?: (c: { caller: Caller; env: MatrixEnv; body: any }) => Promise<void>;
}

/** What a `fileReply()` route answers with when allowed: a download of this kind, not JSON. */
export type FileKind = 'pdf' | 'xlsx';
export const FILE_TYPES: Record<FileKind, { contentType: string; magic: string }> = {
  pdf: { contentType: 'application/pdf', magic: '%PDF-' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'PK' },
};
/** A file route's case names the kind of file it answers; any other route's case names none. */
export type CaseOf<K extends RouteKey> = ResponseOf<K> extends FileDownload ? RouteCase & { file: FileKind } : RouteCase & { file?: never };

// ---- The answers, from the domain's predicates --------------------------------------------------
const MATRIX_PASSWORD = 'Matrix#Scope2026';

/** Reference data (bureau, departments, dictionaries): every working role. */
const referenceRead = (a: Actor) => (canReadReferenceData(a) ? 200 : 403);
/** The county admin's own pages (offices, dictionaries, sign-in settings). */
const adminOnly = (ok: number) => (a: Actor) => (canAdministerOrg(a) ? ok : 403);
/** An office-scoped record: a reader of reference data, then the scope (out of it answers as missing). */
const readsOffice = (ok: number) => (a: Actor, s: Subject) => (!canReadReferenceData(a) ? 403 : !canReadOffice(a, s.office!) ? 404 : ok);
/** A change to an office's records: readable, then the office's own staff or the county admin. */
const writesOffice = (ok: number) => (a: Actor, s: Subject) => {
  const read = readsOffice(ok)(a, s);
  return read !== ok ? read : canWriteOfficeRecords(a, s.office!.id) ? ok : 403;
};
/** Another account: user administration, then visibility (unseen answers as missing), then 三员分立. */
const managesAccount = (ok: number) => (a: Actor, s: Subject) =>
  !canAdministerUsers(a) ? 403 : !canViewAccount(a, s.account!) ? 404 : canManageAccount(a, s.account!) ? ok : 403;
const anySignedIn = (ok: number) => () => ok;

// Mediation records are office-scoped with no gate before the scope: one out of it answers as missing
// (the domain's hiddenRecord), whatever the role; a change then needs the office's own keepers.
/** A record of the subject's office: the office scope (out of it answers as missing). */
const readsRecord = (ok: number) => (a: Actor, s: Subject) => (canReadOffice(a, s.office!) ? ok : 404);
/** A change to a record: readable, then `may` (the office's own staff or the county admin, unless said otherwise). */
const changesRecord =
  (ok: number, may: (a: Actor, office: OfficeRef) => boolean = (a, office) => canWriteOfficeRecords(a, office.id)) =>
  (a: Actor, s: Subject) => {
    const read = readsRecord(ok)(a, s);
    return read !== ok ? read : may(a, s.office!) ? ok : 403;
  };
/** A new record of the office named in the body (or an import into it): the office's own staff or the county admin. */
const createsRecord = (ok: number) => (a: Actor, s: Subject) => (canWriteOfficeRecords(a, s.office!.id) ? ok : 403);
/**
 * Lists and figures in scope (`listInScope`): no office scope at all is a 403, and so is a filter naming
 * an office out of scope, whether or not that office has records to show (docs/api.md).
 */
const inScope = (ok: number) => (a: Actor, s: Subject) =>
  readScope(a).kind === 'none' ? 403 : s.office && !canReadOffice(a, s.office) ? 403 : ok;
/**
 * The states each submission command runs from (docs/api.md; a state it refuses is a 409): only a
 * returned one is corrected and submitted again, only a submitted one returned.
 */
const SUBMISSION_FROM = {
  update: ['returned'],
  return: ['submitted'],
  adopt: ['submitted', 'adopted'],
  withdraw: ['submitted', 'returned'],
} as const satisfies Record<string, readonly SubmissionStatus[]>;
const submissionCommand =
  (kind: keyof typeof SUBMISSION_FROM, may?: (a: Actor, office: OfficeRef) => boolean) => (a: Actor, s: Subject, record?: any) => {
    const allowed = changesRecord(200, may)(a, s);
    return allowed !== 200 ? allowed : (SUBMISSION_FROM[kind] as readonly string[]).includes((record ?? s.record).status) ? 200 : 409;
  };
/**
 * The agreement (人民调解协议书) carries the parties' full ID numbers: for those who keep or review the
 * case (403 for other readers); it exists once a case is closed or reviewed with a written agreement (409 before).
 */
const agreementDownload = (a: Actor, s: Subject) => {
  const allowed = changesRecord(200, (actor, office) => canWriteOfficeRecords(actor, office.id) || canReviewMediation(actor, office))(a, s);
  const c = s.record as MediationCase;
  return allowed !== 200 ? allowed : ['closed', 'reviewed'].includes(c.status) && c.closure?.agreement?.form === 'written' ? 200 : 409;
};
/** A listed record: within the caller's scope and of the office filtered for. */
const listedInScope = (a: Actor, item: { officeId: string; areaId: string }, s: Subject) =>
  canReadOffice(a, { id: item.officeId, areaId: item.areaId }) && (!s.office || item.officeId === s.office.id);
/** A case command: readable, `may`, then the state machine (a command the state refuses is a 409). */
const caseCommand =
  (kind: CaseCommandKind, may?: (a: Actor, office: OfficeRef) => boolean) => (a: Actor, s: Subject, record?: any) => {
    const allowed = changesRecord(200, may)(a, s);
    return allowed !== 200 ? allowed : caseCommandRefusal(record ?? s.record, kind) ? 409 : 200;
  };

// ---- Requests ------------------------------------------------------------------------------------
const admin = <T = any>(env: MatrixEnv, path: string): Promise<T> => asAdmin<T>(env, 'GET', path);
/** The fields of `record` an update body takes (the route's schema), and its current version. */
const updateOf = (record: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]));
const OFFICE_FIELDS = ['name', 'township', 'areaId', 'officeClass', 'address', 'phone', 'version'];
// The ID number is omitted: the portal holds only the masked form, and omitted means unchanged.
const STAFF_FIELDS = ['name', 'sex', 'phone', 'post', 'education', 'legalExamCertificate', 'certificateNo', 'joinedOn', 'contactForOfficeIds', 'status', 'version'];
const USER_FIELDS = ['displayName', 'roles', 'officeId', 'departmentId', 'phone', 'enabled', 'version'];
const NEW_STAFF = { name: '矩阵测试', sex: 'female', phone: '13800002222', post: '司法助理员', education: '大学本科', legalExamCertificate: false };
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Offers the caller a second factor and confirms it: the secret. */
const enrolSecondFactor = async (caller: Caller) => {
  const token = caller.tokens.accessToken;
  const offer = await api('/api/auth/totp/enrolment', { method: 'POST', token });
  const confirmed = await api('/api/auth/totp', { method: 'POST', token, body: { code: await totpCode(offer.body.secret) } });
  if (confirmed.status !== 200) throw new Error(`matrix: enrolling ${caller.username} answered ${confirmed.status}`);
};
const removeSecondFactor = async (caller: Caller) => {
  const r = await api('/api/auth/totp/disable', { method: 'POST', token: caller.tokens.accessToken, body: { password: caller.password } });
  if (r.status !== 204) throw new Error(`matrix: removing ${caller.username}'s second factor answered ${r.status}`);
};

// ---- Mediation requests ----------------------------------------------------------------------------
/**
 * A request that may change the subject's record: where the rules let it succeed, it acts on a fresh
 * record like the subject's (so the fixtures stay as made for every later request); else on the
 * subject's own, which the refusal leaves unchanged.
 */
const onRecord = (spec: {
  subjects: RouteCase['subjects'];
  expected: RouteCase['expected'];
  path: (record: any) => string;
  body: (record: any) => unknown;
}): RouteCase => ({
  subjects: spec.subjects,
  expected: spec.expected,
  request: async ({ caller, subject }) => {
    const record = spec.expected(caller.actor, subject, subject.record) < 300 ? await subject.fresh!() : subject.record;
    return { path: spec.path(record), body: spec.body(record), record };
  },
});
const caseCommandRoute = (action: string, kind: CaseCommandKind, subjects: RouteCase['subjects'], may?: (a: Actor, office: OfficeRef) => boolean) =>
  onRecord({
    subjects,
    expected: caseCommand(kind, may),
    path: (c) => `/api/mediation/cases/${c.id}/${action}`,
    body: (c) => ({ version: c.version, ...CASE_COMMAND_BODIES[kind]() }),
  });
const queryOf = (params: Record<string, string>) => (Object.keys(params).length ? params : undefined);
/** The office filter of a list or figures: none, or the subject's office. */
const officeFilter = (s: Subject): Record<string, string> => (s.office ? { officeId: s.office.id } : {});
/** A list of office-scoped records, unfiltered and filtered by each office. */
const scopedList = (path: string): RouteCase => ({
  subjects: 'office-filters',
  request: ({ subject }) => ({ path, query: queryOf(officeFilter(subject)) }),
  expected: inScope(200),
  visible: listedInScope,
});
/** The month's figures (or a file of them), unfiltered and for each office. */
const scopedFigures = (path: string, query: () => Record<string, string>): RouteCase => ({
  subjects: 'office-filters',
  request: ({ subject }) => ({ path, query: queryOf({ ...query(), ...officeFilter(subject) }) }),
  expected: inScope(200),
});
/** A month no record of the county falls in (the demo year and the matrix's past periods are later). */
const EMPTY_MONTH = '1999-01';
const DISPUTE_FIELDS = ['measures', 'responsible', 'dueOn', 'riskLevel', 'result', 'resultNote', 'caseId', 'version'];
const SUBMISSION_FIELDS = ['title', 'content', 'caseId', 'version'];
const COMMITTEE_FIELDS = ['name', 'kind', 'termStart', 'phone', 'address', 'version'];
// The ID number is omitted: omitted means unchanged.
const MEDIATOR_FIELDS = ['committeeId', 'name', 'sex', 'ethnicity', 'education', 'post', 'fullTime', 'phone', 'termStart', 'termEnd', 'trainings', 'version'];
/** An office's roster as its export answers it (the import takes the export's layout), once per office. */
const rosters = new Map<string, Promise<string>>();
const rosterOf = (env: MatrixEnv, officeId: string) => {
  if (!rosters.has(officeId)) rosters.set(officeId, fileAsAdmin(env, `/api/mediation/mediators/export.xlsx?officeId=${officeId}`).then((b) => b.toString('base64')));
  return rosters.get(officeId)!;
};

export const ROUTE_CASES: { [K in RouteKey]: CaseOf<K> } = {
  'GET /api/health': { subjects: 'none', request: () => ({ path: '/api/health', session: 'none' }), expected: () => 200 },

  // ---- org: reference data ----
  'GET /api/org/bureau': { subjects: 'none', request: () => ({ path: '/api/org/bureau' }), expected: referenceRead },
  'GET /api/org/departments': { subjects: 'none', request: () => ({ path: '/api/org/departments' }), expected: referenceRead },
  'GET /api/org/areas': {
    subjects: 'none',
    request: () => ({ path: '/api/org/areas' }),
    expected: referenceRead,
    visible: (a, area: { id: string }) => readScope(a).kind === 'all' || area.id === a.areaId,
  },
  'GET /api/org/dictionaries': { subjects: 'none', request: () => ({ path: '/api/org/dictionaries' }), expected: referenceRead },
  'GET /api/org/dictionaries/{name}': { subjects: 'none', request: () => ({ path: '/api/org/dictionaries/dispute-types' }), expected: referenceRead },
  'PUT /api/org/dictionaries/{name}': {
    subjects: 'none',
    request: async ({ env }) => {
      const d = await admin(env, '/api/org/dictionaries/dispute-types');
      return { path: '/api/org/dictionaries/dispute-types', body: { entries: d.entries, version: d.version } };
    },
    expected: adminOnly(200),
  },

  // ---- org: offices ----
  'GET /api/org/offices': {
    subjects: 'none',
    request: () => ({ path: '/api/org/offices' }),
    expected: (a) => (canReadReferenceData(a) && readScope(a).kind !== 'none' ? 200 : 403),
    visible: (a, office: { id: string; areaId: string }) => canReadOffice(a, office),
  },
  'POST /api/org/offices': {
    subjects: 'none',
    request: ({ env }) => ({
      path: '/api/org/offices',
      body: { id: String(9000 + env.unique()), name: '矩阵测试司法所', township: '矩阵镇', areaId: '08', officeClass: 'regular' },
    }),
    expected: adminOnly(201),
  },
  'GET /api/org/offices/{officeId}': { subjects: 'offices', request: ({ subject }) => ({ path: `/api/org/offices/${subject.office!.id}` }), expected: readsOffice(200) },
  'PUT /api/org/offices/{officeId}': {
    subjects: 'offices',
    request: async ({ subject, env }) => {
      const path = `/api/org/offices/${subject.office!.id}`;
      return { path, body: updateOf(await admin(env, path), OFFICE_FIELDS) };
    },
    // The county admin's alone, refused before the office is looked up (so nothing is learnt of it).
    expected: adminOnly(200),
  },

  // ---- org: staff ----
  'GET /api/org/offices/{officeId}/staff': {
    subjects: 'offices',
    request: ({ subject }) => ({ path: `/api/org/offices/${subject.office!.id}/staff` }),
    expected: readsOffice(200),
    visible: (a, staff: { officeId: string; areaId: string }, s) => staff.officeId === s.office!.id && canReadOffice(a, { id: staff.officeId, areaId: staff.areaId }),
  },
  'POST /api/org/offices/{officeId}/staff': {
    subjects: 'offices',
    request: ({ subject }) => ({ path: `/api/org/offices/${subject.office!.id}/staff`, body: NEW_STAFF }),
    expected: writesOffice(201),
  },
  'GET /api/org/staff/{staffId}': {
    subjects: 'staff-reveal',
    request: ({ subject }) => ({ path: `/api/org/staff/${subject.staffId}`, query: subject.reveal ? { reveal: 'idNumber' } : undefined }),
    // The full ID number only to those who may change the record; a record out of scope stays missing.
    expected: (a, s) => (s.reveal ? writesOffice(200)(a, s) : readsOffice(200)(a, s)),
  },
  'PUT /api/org/staff/{staffId}': {
    subjects: 'staff',
    request: async ({ subject, env }) => {
      const path = `/api/org/staff/${subject.staffId}`;
      return { path, body: updateOf(await admin(env, path), STAFF_FIELDS) };
    },
    expected: writesOffice(200),
  },

  // ---- org: the homes' figures (工作台) ----
  'GET /api/org/staffing': {
    subjects: 'none',
    request: () => ({ path: '/api/org/staffing' }),
    // The offices of the caller's scope; a role with no office scope has no staffing to see.
    expected: (a) => (canReadReferenceData(a) && readScope(a).kind !== 'none' ? 200 : 403),
  },
  'GET /api/org/user-summary': { subjects: 'none', request: () => ({ path: '/api/org/user-summary' }), expected: adminOnly(200) },
  'GET /api/org/recent-changes': { subjects: 'none', request: () => ({ path: '/api/org/recent-changes' }), expected: adminOnly(200) },

  // ---- org: users ----
  'GET /api/org/users': {
    subjects: 'none',
    request: () => ({ path: '/api/org/users' }),
    expected: (a) => (canAdministerUsers(a) ? 200 : 403),
    visible: (a, user: Account) => canViewAccount(a, user),
  },
  'POST /api/org/users': {
    subjects: 'new-accounts',
    request: ({ subject, env }) => ({
      path: '/api/org/users',
      body: { username: `mx-new-${env.unique()}`, displayName: '矩阵新账号', roles: subject.account!.roles, officeId: subject.account!.officeId },
    }),
    expected: (a, s) => (canAdministerUsers(a) && canManageAccount(a, s.account!) ? 201 : 403),
  },
  'GET /api/org/users/{username}': {
    subjects: 'accounts',
    request: ({ subject }) => ({ path: `/api/org/users/${subject.account!.username}` }),
    expected: (a, s) => (!canAdministerUsers(a) ? 403 : canViewAccount(a, s.account!) ? 200 : 404),
  },
  'PUT /api/org/users/{username}': {
    subjects: 'accounts',
    request: async ({ subject, env }) => {
      const path = `/api/org/users/${subject.account!.username}`;
      return { path, body: updateOf(await admin(env, path), USER_FIELDS) };
    },
    expected: managesAccount(200),
  },

  // ---- auth: signing in (public: the answer does not depend on who asks) ----
  'POST /api/auth/login': {
    subjects: 'none',
    request: ({ caller }) => ({ path: '/api/auth/login', body: { username: caller.username, password: caller.password }, session: 'none' }),
    expected: () => 200,
  },
  'POST /api/auth/login/totp': {
    subjects: 'none',
    request: () => ({ path: '/api/auth/login/totp', body: { challenge: 'no-such-challenge', code: '123456' }, session: 'none' }),
    expected: () => 401,
  },
  'POST /api/auth/login/totp-enrolment': {
    subjects: 'none',
    request: () => ({ path: '/api/auth/login/totp-enrolment', body: { challenge: 'no-such-challenge', code: '123456' }, session: 'none' }),
    expected: () => 401,
  },
  'POST /api/auth/refresh': {
    subjects: 'none',
    request: ({ caller }) => ({ path: '/api/auth/refresh', body: { refreshToken: caller.tokens.refreshToken }, session: 'none' }),
    expected: () => 200,
    // Each refresh token works once: the caller goes on with the new pair.
    undo: async ({ caller, body }) => {
      caller.tokens = body;
    },
  },
  'GET /api/auth/jwks.json': { subjects: 'none', request: () => ({ path: '/api/auth/jwks.json', session: 'none' }), expected: () => 200 },

  // ---- auth: the caller's own account ----
  'POST /api/auth/logout': { subjects: 'none', request: () => ({ path: '/api/auth/logout', session: 'fresh' }), expected: anySignedIn(204) },
  'GET /api/auth/me': { subjects: 'none', request: () => ({ path: '/api/auth/me' }), expected: anySignedIn(200) },
  'POST /api/auth/password': {
    subjects: 'none',
    request: ({ caller }) => ({ path: '/api/auth/password', body: { oldPassword: caller.password, newPassword: `${MATRIX_PASSWORD}-2` } }),
    expected: anySignedIn(204),
    // The caller's session stays (only the others end); the password goes back for later sign-ins.
    undo: async ({ caller }) => {
      const r = await api('/api/auth/password', { method: 'POST', token: caller.tokens.accessToken, body: { oldPassword: `${MATRIX_PASSWORD}-2`, newPassword: caller.password } });
      if (r.status !== 204) throw new Error(`matrix: restoring ${caller.username}'s password answered ${r.status}`);
    },
  },
  'POST /api/auth/totp/enrolment': { subjects: 'none', request: () => ({ path: '/api/auth/totp/enrolment' }), expected: anySignedIn(200) },
  'POST /api/auth/totp': {
    subjects: 'none',
    request: async ({ caller }) => {
      const offer = await api('/api/auth/totp/enrolment', { method: 'POST', token: caller.tokens.accessToken });
      return { path: '/api/auth/totp', body: { code: await totpCode(offer.body.secret) } };
    },
    expected: anySignedIn(200),
    undo: ({ caller }) => removeSecondFactor(caller),
  },
  'POST /api/auth/totp/disable': {
    subjects: 'none',
    request: async ({ caller }) => {
      await enrolSecondFactor(caller);
      return { path: '/api/auth/totp/disable', body: { password: caller.password } };
    },
    expected: anySignedIn(204),
  },

  // ---- auth: other accounts' sign-in (三员分立) ----
  'GET /api/auth/accounts/{username}': {
    subjects: 'accounts',
    request: ({ subject }) => ({ path: `/api/auth/accounts/${subject.account!.username}` }),
    expected: managesAccount(200),
  },
  'PUT /api/auth/accounts/{username}/password': {
    subjects: 'accounts',
    request: ({ subject }) => ({ path: `/api/auth/accounts/${subject.account!.username}/password`, body: { password: MATRIX_PASSWORD } }),
    expected: managesAccount(204),
  },
  'POST /api/auth/accounts/{username}/sign-out': {
    subjects: 'accounts',
    request: ({ subject }) => ({ path: `/api/auth/accounts/${subject.account!.username}/sign-out` }),
    expected: managesAccount(200),
  },
  'POST /api/auth/accounts/{username}/totp-reset': {
    subjects: 'accounts',
    request: ({ subject }) => ({ path: `/api/auth/accounts/${subject.account!.username}/totp-reset` }),
    expected: managesAccount(204),
  },
  'GET /api/auth/locked-accounts': {
    subjects: 'none',
    request: () => ({ path: '/api/auth/locked-accounts' }),
    expected: (a) => (canAdministerUsers(a) ? 200 : 403),
  },
  'GET /api/auth/settings': { subjects: 'none', request: () => ({ path: '/api/auth/settings' }), expected: adminOnly(200) },
  'PUT /api/auth/settings': {
    subjects: 'none',
    request: async ({ env }) => {
      const s = await admin(env, '/api/auth/settings');
      return { path: '/api/auth/settings', body: { totpRequiredForPrivileged: s.totpRequiredForPrivileged, version: s.version } };
    },
    expected: adminOnly(200),
  },

  // ---- audit: the auditor's alone ----
  'GET /api/audit/records': {
    subjects: 'none',
    request: () => ({ path: '/api/audit/records', query: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString(), limit: '5' } }),
    expected: (a) => (canReadAudit(a) ? 200 : 403),
  },
  'GET /api/audit/summary': {
    subjects: 'none',
    request: () => ({ path: '/api/audit/summary', query: { day: day(0) } }),
    expected: (a) => (canReadAudit(a) ? 200 : 403),
  },
  'GET /api/audit/digests': {
    subjects: 'none',
    request: () => ({ path: '/api/audit/digests', query: { from: day(-2), to: day(-1) } }),
    expected: (a) => (canReadAudit(a) ? 200 : 403),
  },

  // ---- mediation: cases (受理 → 调解 → 结案 → 回访 / 司法确认 / 网上录入 → 审核) ----
  'POST /api/mediation/cases': {
    subjects: 'offices',
    request: ({ subject, env }) => ({ path: '/api/mediation/cases', body: newCaseBody(subject.office!.id, env.unique()) }),
    expected: createsRecord(201),
  },
  'GET /api/mediation/cases': scopedList('/api/mediation/cases'),
  'GET /api/mediation/cases/{caseId}': {
    subjects: 'open-cases-reveal',
    request: ({ subject }) => ({ path: `/api/mediation/cases/${subject.record.id}`, query: subject.reveal ? { reveal: 'idNumber' } : undefined }),
    // The parties' full ID numbers only to those who keep the record; a record out of scope stays missing.
    expected: (a, s) => (s.reveal ? changesRecord(200)(a, s) : readsRecord(200)(a, s)),
  },
  // Each command on a case in a state it runs from and in one it refuses.
  'POST /api/mediation/cases/{caseId}/records': caseCommandRoute('records', 'record', ['open-cases', 'closed-cases']),
  'POST /api/mediation/cases/{caseId}/close': caseCommandRoute('close', 'close', ['open-cases', 'closed-cases']),
  'POST /api/mediation/cases/{caseId}/follow-up': caseCommandRoute('follow-up', 'follow-up', ['closed-cases', 'open-cases']),
  'POST /api/mediation/cases/{caseId}/confirmation': caseCommandRoute('confirmation', 'confirm', ['closed-cases', 'open-cases']),
  'POST /api/mediation/cases/{caseId}/enter-online': caseCommandRoute('enter-online', 'enter-online', ['closed-cases', 'open-cases']),
  'POST /api/mediation/cases/{caseId}/review': caseCommandRoute('review', 'review', ['closed-cases', 'open-cases'], canReviewMediation),
  'POST /api/mediation/cases/{caseId}/withdraw': caseCommandRoute('withdraw', 'withdraw', ['open-cases', 'withdrawn-cases']),
  'GET /api/mediation/cases/{caseId}/agreement.pdf': {
    subjects: ['closed-cases', 'open-cases'],
    request: ({ subject }) => ({ path: `/api/mediation/cases/${subject.record.id}/agreement.pdf` }),
    expected: agreementDownload,
    file: 'pdf',
  },

  // ---- mediation: statistics ----
  'GET /api/mediation/statistics': scopedFigures('/api/mediation/statistics', () => ({ month: thisMonth() })),
  // A month without records: the refusal of an office out of scope must not hang on whether it has
  // records that month (the answer would tell an outsider so).
  'GET /api/mediation/statistics.xlsx': { ...scopedFigures('/api/mediation/statistics.xlsx', () => ({ month: EMPTY_MONTH })), file: 'xlsx' },
  'GET /api/mediation/trend': scopedFigures('/api/mediation/trend', () => ({ to: thisMonth() })),

  // ---- mediation: screenings, disputes, the month's report ----
  'POST /api/mediation/screenings': {
    subjects: 'offices',
    request: ({ subject, env }) => ({ path: '/api/mediation/screenings', body: newScreeningBody(subject.office!.id, env.unique()) }),
    expected: createsRecord(201),
  },
  'GET /api/mediation/screenings': scopedList('/api/mediation/screenings'),
  'GET /api/mediation/screenings/{screeningId}': {
    subjects: 'screenings',
    request: ({ subject }) => ({ path: `/api/mediation/screenings/${subject.record.id}` }),
    expected: readsRecord(200),
  },
  'POST /api/mediation/screenings/{screeningId}/withdraw': onRecord({
    subjects: 'screenings',
    expected: changesRecord(200),
    path: (s) => `/api/mediation/screenings/${s.id}/withdraw`,
    body: (s) => ({ version: s.version, reason: '矩阵测试：期次填错' }),
  }),
  'GET /api/mediation/screening-board': {
    subjects: 'none',
    request: () => ({ path: '/api/mediation/screening-board', query: { month: thisMonth() } }),
    expected: inScope(200),
    items: (board) => board.rows,
    visible: (a, row: { officeId: string }, _s, env) => canReadOffice(a, { id: row.officeId, areaId: env.areaOf(row.officeId) ?? '' }),
  },
  'GET /api/mediation/disputes': scopedList('/api/mediation/disputes'),
  'PUT /api/mediation/disputes/{disputeId}': onRecord({
    subjects: 'disputes',
    expected: changesRecord(200),
    path: (d) => `/api/mediation/disputes/${d.id}`,
    body: (d) => updateOf(d, DISPUTE_FIELDS),
  }),
  'POST /api/mediation/disputes/{disputeId}/report': onRecord({
    subjects: 'major-disputes',
    expected: changesRecord(200),
    path: (d) => `/api/mediation/disputes/${d.id}/report`,
    body: (d) => ({ version: d.version }),
  }),
  'POST /api/mediation/monthly-reports': {
    subjects: 'offices',
    request: ({ subject, env }) => ({ path: '/api/mediation/monthly-reports', body: { officeId: subject.office!.id, month: pastMonth(env.unique()), note: '矩阵测试报表' } }),
    expected: createsRecord(201),
  },

  // ---- mediation: typical cases and one-sentence news ----
  'POST /api/mediation/submissions': {
    subjects: 'offices',
    request: ({ subject, env }) => ({ path: '/api/mediation/submissions', body: newSubmissionBody(subject.office!.id, env.unique()) }),
    expected: createsRecord(201),
  },
  'GET /api/mediation/submissions': scopedList('/api/mediation/submissions'),
  'PUT /api/mediation/submissions/{submissionId}': onRecord({
    subjects: ['returned-submissions', 'submissions'],
    expected: submissionCommand('update'),
    path: (s) => `/api/mediation/submissions/${s.id}`,
    body: (s) => updateOf(s, SUBMISSION_FIELDS),
  }),
  'POST /api/mediation/submissions/{submissionId}/return': onRecord({
    subjects: ['submissions', 'returned-submissions'],
    expected: submissionCommand('return', canReturnSubmission),
    path: (s) => `/api/mediation/submissions/${s.id}/return`,
    body: (s) => ({ version: s.version, comment: '矩阵测试：请补充调解经过' }),
  }),
  'POST /api/mediation/submissions/{submissionId}/adopt': onRecord({
    subjects: ['submissions', 'returned-submissions'],
    expected: submissionCommand('adopt', (a) => canAdoptSubmission(a)),
    path: (s) => `/api/mediation/submissions/${s.id}/adopt`,
    body: (s) => ({ version: s.version, level: 'county' }),
  }),
  'POST /api/mediation/submissions/{submissionId}/withdraw': onRecord({
    subjects: ['submissions', 'returned-submissions'],
    expected: submissionCommand('withdraw'),
    path: (s) => `/api/mediation/submissions/${s.id}/withdraw`,
    body: (s) => ({ version: s.version }),
  }),

  // ---- mediation: committees and the mediator roster ----
  'GET /api/mediation/committees': scopedList('/api/mediation/committees'),
  'POST /api/mediation/committees': {
    subjects: 'offices',
    request: ({ subject, env }) => ({ path: '/api/mediation/committees', body: newCommitteeBody(subject.office!.id, env.unique()) }),
    expected: createsRecord(201),
  },
  'PUT /api/mediation/committees/{committeeId}': onRecord({
    subjects: 'committees',
    expected: changesRecord(200),
    path: (c) => `/api/mediation/committees/${c.id}`,
    body: (c) => updateOf(c, COMMITTEE_FIELDS),
  }),
  'GET /api/mediation/mediators': scopedList('/api/mediation/mediators'),
  'POST /api/mediation/mediators': {
    // A new mediator of the subject's committee.
    subjects: 'committees',
    request: ({ subject, env }) => ({ path: '/api/mediation/mediators', body: newMediatorBody(subject.record, env.unique()) }),
    expected: createsRecord(201),
  },
  'PUT /api/mediation/mediators/{mediatorId}': onRecord({
    subjects: 'mediators',
    expected: changesRecord(200),
    path: (m) => `/api/mediation/mediators/${m.id}`,
    body: (m) => updateOf(m, MEDIATOR_FIELDS),
  }),
  'GET /api/mediation/mediators/export.xlsx': { ...scopedFigures('/api/mediation/mediators/export.xlsx', () => ({})), file: 'xlsx' },
  'POST /api/mediation/mediators/import': {
    // The office's own roster as exported: importing it again changes nobody (each ID number is on it once).
    subjects: 'offices',
    request: async ({ subject, env }) => ({
      path: '/api/mediation/mediators/import',
      body: { officeId: subject.office!.id, fileName: '人民调解员花名册.xlsx', contentBase64: await rosterOf(env, subject.office!.id) },
    }),
    expected: createsRecord(200),
  },

  // ---- mediation: the homes' cards ----
  'GET /api/mediation/summary': { subjects: 'none', request: () => ({ path: '/api/mediation/summary' }), expected: inScope(200) },

  // ---- registers: the declared books, and leave, reports, tasks ----
  ...REGISTER_ENTRY_CASES,
  ...REGISTER_WORKFLOW_CASES,
  ...ASSESSMENT_PIPELINE_CASES,
  ...ASSESSMENT_YEAR_CASES,
};

export { MATRIX_PASSWORD };
