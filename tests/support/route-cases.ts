// What the scope matrix (tests/generated/scope-matrix.test.ts) needs of every declared route: which
// subjects to try it on (offices, staff records, accounts: the caller's own office, another of its
// area, one of another area), the request a caller sends about a subject, and the answer the domain's
// scope and role rules give — computed with the same predicates the use cases call, never typed as a
// table of numbers. The record below is keyed by every route key of the wiring, so a route declared
// without a case here does not compile (and the matrix fails at run time, too).
import {
  canAdministerOrg,
  canAdministerUsers,
  canManageAccount,
  canReadAudit,
  canReadOffice,
  canReadReferenceData,
  canViewAccount,
  canWriteOfficeRecords,
  readScope,
  type Actor,
  type OfficeRef,
  type Role,
  type SessionTokens,
} from '@sifasuo/domain';
import type { RouteKey } from '@sifasuo/wiring';
import { api } from './cloud';
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
}

export type SubjectKind = 'none' | 'offices' | 'staff' | 'staff-reveal' | 'accounts' | 'new-accounts';

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
  unique: () => number;
}

export interface MatrixRequest {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Whose session sends it: the caller's (default), a new one of the caller's, or none (public routes). */
  session?: 'caller' | 'fresh' | 'none';
}

export interface RouteCase {
  subjects: SubjectKind;
  request: (c: { caller: Caller; subject: Subject; env: MatrixEnv }) => MatrixRequest | Promise<MatrixRequest>;
  /** The status the domain's rules give this caller about this subject. */
  expected: (actor: Actor, subject: Subject) => number;
  /** For lists: may the caller see this item? Every item of every page is checked. */
  visible?: (actor: Actor, item: any, subject: Subject) => boolean;
  /** Puts back what a successful request changed of the caller's own account. */
  undo?: (c: { caller: Caller; env: MatrixEnv; body: any }) => Promise<void>;
}

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

// ---- Requests ------------------------------------------------------------------------------------
const admin = async <T = any>(env: MatrixEnv, path: string): Promise<T> => {
  const r = await api<T>(path, { token: env.admin });
  if (r.status !== 200) throw new Error(`matrix: preparing with GET ${path} as admin answered ${r.status}`);
  return r.body;
};
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

export const ROUTE_CASES: { [K in RouteKey]: RouteCase } = {
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
};

export { MATRIX_PASSWORD };
