// Issue 6 (hardening): the scope matrix, generated from the wiring. Every declared route is called by
// every demo role about its subjects — the caller's own office, another office of the same area and
// one of another area (their offices, staff records, accounts and mediation records; and for user
// administration, an auditor account too) — and the answer must be the one the domain's rules give
// (tests/support/route-cases.ts). No list may hold an item outside the caller's scope, and every
// refusal is in the audit trail (a record out of scope answers 404, exactly like a missing one, and is
// recorded as a denial). A route declared without a case fails here, so a new context's routes are
// covered the moment they exist.
//
// The callers stand in for the demo users: accounts of their own with the same roles and unit, so
// that what self-service routes change (a password, a second factor, a sign-out) touches nobody else.
import { ROLES, type Actor, type OfficeRef } from '@sifasuo/domain';
import { demoUsers } from '@sifasuo/domain/src/demo-county';
import { routeKey, routes, type RouteKey } from '@sifasuo/wiring';
import { api, auditRecordsOf, login, signIn } from '../support/cloud';
import { mediationSubjects } from '../support/mediation-subjects';
import { FILE_TYPES, MATRIX_PASSWORD, ROUTE_CASES, type Account, type Caller, type MatrixEnv, type RouteCase, type Subject, type SubjectKind } from '../support/route-cases';

/** The own office of the office-bound demo users, another of their area, one of another area. */
const OFFICES = [
  { id: '0101', label: '本所 0101' },
  { id: '0102', label: '同片区 0102' },
  { id: '0201', label: '其他片区 0201' },
];
const TARGET_ACCOUNTS: (Account & { displayName: string })[] = [
  { username: 'mx-target-0101', displayName: '矩阵对象甲', roles: ['office_staff'], officeId: '0101' },
  { username: 'mx-target-0201', displayName: '矩阵对象乙', roles: ['office_staff'], officeId: '0201' },
  { username: 'mx-target-auditor', displayName: '矩阵审计员', roles: ['auditor'] },
];
const MAX_PAGES = 20;

interface Cell {
  route: RouteKey;
  caller: Caller;
  subject: Subject;
  status: number;
  requestId: string | null;
}

describe('scope matrix: every route × every demo role × own / other office (issue 6)', () => {
  const areas = new Map<string, string>();
  const env: MatrixEnv = { admin: '', leader: '', reviewer: '', unique: (() => { let n = 0; return () => ++n; })(), areaOf: (officeId) => areas.get(officeId) };
  const callers: Caller[] = [];
  const subjects = {} as Record<SubjectKind, Subject[]>;
  const cells: Cell[] = [];

  /** A new account, its password set by whoever manages it (三员分立: the leader for auditor accounts). */
  const createAccount = async (account: { username: string; displayName: string; roles: Account['roles']; officeId?: string; departmentId?: string }) => {
    const manager = account.roles.includes('auditor') ? env.leader : env.admin;
    const created = await api('/api/org/users', { method: 'POST', token: manager, body: account });
    if (created.status !== 201) throw new Error(`matrix: creating ${account.username} answered ${created.status} ${JSON.stringify(created.body)}`);
    const pw = await api(`/api/auth/accounts/${account.username}/password`, { method: 'PUT', token: manager, body: { password: MATRIX_PASSWORD } });
    if (pw.status !== 204) throw new Error(`matrix: setting ${account.username}'s password answered ${pw.status}`);
  };

  // Set up in small hooks: each account costs two password hashings, slow on a loaded machine.
  beforeAll(async () => {
    [env.admin, env.leader, env.reviewer] = [await login('admin'), await login('leader'), await login('dept-mediation')];
  });
  // One stand-in per role, with the first demo user's unit holding it.
  for (const role of ROLES) {
    beforeAll(async () => {
      const demo = demoUsers.find((u) => u.roles.includes(role))!;
      const username = `mx-${demo.username}`;
      await createAccount({ ...demo, username });
      const tokens = await signIn(username, MATRIX_PASSWORD);
      const me = (await api('/api/auth/me', { token: tokens.accessToken })).body as Actor;
      const actor: Actor = { username, displayName: me.displayName, roles: me.roles, officeId: me.officeId, areaId: me.areaId, departmentId: me.departmentId };
      callers.push({ username, actor, password: MATRIX_PASSWORD, tokens, role });
    });
  }
  for (const account of TARGET_ACCOUNTS) beforeAll(() => createAccount(account));
  beforeAll(async () => {
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = (await api(`/api/org/offices${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token: env.admin })).body;
      for (const office of page.items) areas.set(office.id, office.areaId);
      cursor = page.cursor;
    }
    const offices: (OfficeRef & { label: string })[] = [];
    for (const o of OFFICES) {
      const office = (await api(`/api/org/offices/${o.id}`, { token: env.admin })).body;
      offices.push({ id: office.id, areaId: office.areaId, label: o.label });
    }
    const staff: Subject[] = [];
    for (const office of offices) {
      const first = (await api(`/api/org/offices/${office.id}/staff`, { token: env.admin })).body.items[0];
      staff.push({ label: `${office.label} 的工作人员`, office, staffId: first.id });
    }
    subjects.none = [{ label: '—' }];
    subjects.offices = offices.map((office) => ({ label: office.label, office }));
    subjects.staff = staff;
    subjects['staff-reveal'] = staff.flatMap((s) => [s, { ...s, label: `${s.label}（查看完整身份证号）`, reveal: true }]);
    subjects.accounts = TARGET_ACCOUNTS.map((account) => ({ label: account.username, account }));
    subjects['new-accounts'] = TARGET_ACCOUNTS.map(({ roles, officeId }) => ({
      label: `新建 ${roles.join('+')}${officeId ? ` @${officeId}` : ''}`, account: { username: '(new)', roles, officeId },
    }));
    Object.assign(subjects, await mediationSubjects(env, offices));
  });

  afterAll(() => {
    const jwt = routes.filter((r) => r.auth === 'jwt').length;
    // By the path's context segment (`/api/<context>/…`), so a new context's share shows.
    const byContext = new Map<string, number>();
    for (const cell of cells) byContext.set(cell.route.split('/')[2]!, (byContext.get(cell.route.split('/')[2]!) ?? 0) + 1);
    console.log(
      `scope matrix: ${routes.length} routes (${jwt} signed-in) × ${callers.length} roles = ${routes.length * callers.length} route-role pairs; ` +
        `${cells.length} requests over their subjects (own office, same area, other area; accounts), by context ${JSON.stringify(Object.fromEntries(byContext))}`,
    );
  });

  // One test per route and role: a route's requests for one caller stay well inside a test's time, even
  // where each costs a password hashing (sign-in, password change) on a loaded machine.
  describe.each(routes.map((r) => [routeKey(r), r] as const))('%s', (key, route) => {
    it.each([...ROLES])('as %s', async (role) => {
      const c: RouteCase & { file?: keyof typeof FILE_TYPES } = ROUTE_CASES[key as RouteKey];
      if (!c) throw new Error(`${key} has no case in tests/support/route-cases.ts: declare its subjects and expected answers there`);
      const caller = callers.find((x) => x.role === role)!;
      const wrong: string[] = [];
      for (const subject of [c.subjects].flat().flatMap((kind) => subjects[kind])) {
        const req = await c.request({ caller, subject, env });
        const token =
          req.session === 'none' ? undefined : req.session === 'fresh' ? (await signIn(caller.username, caller.password)).accessToken : caller.tokens.accessToken;
        const url = `${req.path}${req.query ? `?${new URLSearchParams(req.query)}` : ''}`;
        const r = await api(url, { method: route.method, token, body: req.body });
        cells.push({ route: key as RouteKey, caller, subject, status: r.status, requestId: r.headers.get('x-request-id') });
        const want = c.expected(caller.actor, subject, req.record);
        const who = `${caller.username} about ${subject.label}`;
        if (r.status !== want) wrong.push(`${who}: expected ${want}, got ${r.status} ${JSON.stringify(r.body)?.slice(0, 160)}`);
        // A file route answers an allowed caller with the file itself (the JSON client reads it as text).
        const file = c.file && FILE_TYPES[c.file];
        if (file && r.status === 200 && (!r.headers.get('content-type')?.startsWith(file.contentType) || !String(r.body).startsWith(file.magic))) {
          wrong.push(`${who}: expected a ${c.file} file, got ${r.headers.get('content-type')} ${String(r.body).slice(0, 40)}`);
        }
        if (r.status < 300 && c.undo) await c.undo({ caller, env, body: r.body });
        if (!c.visible || r.status !== 200) continue;
        // Every page: an item out of scope on any of them is a leak.
        let page = r.body;
        for (let n = 1; ; n++) {
          for (const item of c.items ? c.items(page) : page.items) {
            if (!c.visible(caller.actor, item, subject, env)) wrong.push(`${who}: the list holds ${JSON.stringify(item).slice(0, 120)}`);
          }
          if (!page.cursor || n >= MAX_PAGES) break;
          page = (await api(`${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(page.cursor)}`, { token })).body;
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  it('every refusal of a signed-in caller is in the audit trail; one out of scope (404 or 403) as a denial', async () => {
    const jwt = new Set(routes.filter((r) => r.auth === 'jwt').map(routeKey));
    // A 401 has no caller to record; every subject exists, so each 404 here is a record out of scope.
    const refused = cells.filter((cell) => jwt.has(cell.route) && cell.status >= 400 && cell.status !== 401);
    expect(refused.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const caller of callers) {
      const mine = refused.filter((cell) => cell.caller === caller);
      const records = new Map((await auditRecordsOf(caller.username, mine.map((cell) => cell.requestId ?? ''))).map((r) => [r.requestId, r]));
      for (const cell of mine) {
        const record = records.get(cell.requestId ?? '');
        const what = `${caller.username} ${cell.route} about ${cell.subject.label} (${cell.status})`;
        if (!record) problems.push(`${what}: no audit record`);
        else if ((cell.status === 403 || cell.status === 404) && record.outcome !== 'denied') problems.push(`${what}: recorded as ${record.outcome}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
