// What the homes (工作台) of the foundation show, computed from records the server reads in scope:
// staffing across offices, the users at a glance, the org records changed last, a day of the audit
// trail and the state of its digest chain. Pure: records and `now` come in, figures go out.
import * as z from 'zod';
import { type AuditOutcome, type AuditRecord, type VerifiedDigest } from './audit';
import { auditActionLabel } from './audit-labels';
import { type Area, type Office, type OfficeClass, type Staff, type User } from './org';
import { ROLES, type Role } from './roles';
import { shanghaiDay, shanghaiPreviousDay } from './time';
import { dateString } from './validation';

// ---- Staffing (docs/domain.md §一) ----------------------------------------------------------------

/**
 * The fewest active staff an office should have. DOMAIN.md gives 2–4 per area-central office, which
 * also runs its area; a regular township office is taken as needing 2 (a director or 负责人 and an
 * assistant). Below this an office counts as short of staff, by the difference (its vacancies).
 */
export const MIN_ACTIVE_STAFF: Record<OfficeClass, number> = { central: 3, regular: 2 };

export interface OfficeStaffing {
  officeId: string;
  name: string;
  areaId: string;
  officeClass: OfficeClass;
  /** Staff in post (`status: active`). */
  activeStaff: number;
  /** Active staff holding the legal-exam certificate (法律职业资格证书). */
  certificateHolders: number;
  /** Active staff missing to reach MIN_ACTIVE_STAFF for the office's class (0 when staffed). */
  shortfall: number;
}

export interface StaffingTotals {
  offices: number;
  activeStaff: number;
  certificateHolders: number;
  /** The sum of the offices' shortfalls. */
  vacancies: number;
  /** Offices with a shortfall. */
  understaffedOffices: number;
  /** certificateHolders ÷ activeStaff, 0..1; null without active staff. */
  certificateRate: number | null;
}

export interface AreaStaffing extends Omit<StaffingTotals, 'certificateRate'> {
  areaId: string;
  name: string;
}

/** `GET /api/org/staffing`: the offices of the caller's scope, their areas, and the totals. */
export interface StaffingSummary {
  offices: OfficeStaffing[];
  areas: AreaStaffing[];
  totals: StaffingTotals;
}

export const officeStaffing = (office: Pick<Office, 'id' | 'name' | 'areaId' | 'officeClass'>, staff: readonly Pick<Staff, 'status' | 'legalExamCertificate'>[]): OfficeStaffing => {
  const active = staff.filter((s) => s.status === 'active');
  return {
    officeId: office.id,
    name: office.name,
    areaId: office.areaId,
    officeClass: office.officeClass,
    activeStaff: active.length,
    certificateHolders: active.filter((s) => s.legalExamCertificate).length,
    shortfall: Math.max(0, MIN_ACTIVE_STAFF[office.officeClass] - active.length),
  };
};

const totalsOf = (rows: readonly OfficeStaffing[]): StaffingTotals => {
  const sum = (f: (r: OfficeStaffing) => number) => rows.reduce((n, r) => n + f(r), 0);
  const activeStaff = sum((r) => r.activeStaff);
  const certificateHolders = sum((r) => r.certificateHolders);
  return {
    offices: rows.length,
    activeStaff,
    certificateHolders,
    vacancies: sum((r) => r.shortfall),
    understaffedOffices: rows.filter((r) => r.shortfall > 0).length,
    certificateRate: activeStaff ? certificateHolders / activeStaff : null,
  };
};

/** Offices by id, areas in their order (only those with an office in `rows`), and the totals. */
export const staffingSummary = (rows: readonly OfficeStaffing[], areas: readonly Pick<Area, 'id' | 'name'>[]): StaffingSummary => {
  const offices = [...rows].sort((a, b) => a.officeId.localeCompare(b.officeId));
  const byArea = areas.flatMap((area) => {
    const own = offices.filter((o) => o.areaId === area.id);
    if (!own.length) return [];
    const { certificateRate: _rate, ...totals } = totalsOf(own);
    return [{ areaId: area.id, name: area.name, ...totals }];
  });
  return { offices, areas: byArea, totals: totalsOf(offices) };
};

/** 46% — a share for people, rounded to a whole percent; `—` when there is nothing to divide. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

// ---- Users and recent changes (the county admin's home) --------------------------------------------

/** `GET /api/org/user-summary`. */
export interface UserSummary {
  total: number;
  enabled: number;
  disabled: number;
  /** Accounts holding each role (an account with two roles counts for both). */
  byRole: Record<Role, number>;
}

export const userSummary = (users: readonly Pick<User, 'roles' | 'enabled'>[]): UserSummary => ({
  total: users.length,
  enabled: users.filter((u) => u.enabled).length,
  disabled: users.filter((u) => !u.enabled).length,
  byRole: Object.fromEntries(ROLES.map((r) => [r, users.filter((u) => u.roles.includes(r)).length])) as Record<Role, number>,
});

export const RECENT_CHANGE_KINDS = ['user', 'office'] as const;
export type RecentChangeKind = (typeof RECENT_CHANGE_KINDS)[number];
export const RECENT_CHANGE_KIND_LABELS: Record<RecentChangeKind, string> = { user: '账号', office: '司法所' };

/** One org record as last changed: what it is, its id, a name for people, when, and its version (1: created). */
export interface RecentChange {
  kind: RecentChangeKind;
  id: string;
  name: string;
  updatedAt: string;
  version: number;
}

/** `GET /api/org/recent-changes`: how many of the most recently changed records to show. */
export const recentChangesQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z.coerce
    .number({ error: '条数应为数字' })
    .int({ error: '条数应为整数' })
    .min(1, { error: '条数至少为1' })
    .max(20, { error: '条数最多为20' })
    .default(8),
});
export type RecentChangesQuery = z.output<typeof recentChangesQuery>;

/** The `limit` records changed last, newest first (ties: users before offices, then by id). */
export const recentChanges = (
  users: readonly Pick<User, 'username' | 'displayName' | 'updatedAt' | 'version'>[],
  offices: readonly Pick<Office, 'id' | 'name' | 'updatedAt' | 'version'>[],
  limit: number,
): RecentChange[] =>
  [
    ...users.map((u): RecentChange => ({ kind: 'user', id: u.username, name: u.displayName, updatedAt: u.updatedAt, version: u.version })),
    ...offices.map((o): RecentChange => ({ kind: 'office', id: o.id, name: o.name, updatedAt: o.updatedAt, version: o.version })),
  ]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || RECENT_CHANGE_KINDS.indexOf(a.kind) - RECENT_CHANGE_KINDS.indexOf(b.kind) || a.id.localeCompare(b.id))
    .slice(0, limit);

/** `GET /api/auth/locked-accounts`: an account that may not sign in until `lockedUntil`. */
export interface LockedAccount {
  username: string;
  displayName: string;
  roles: Role[];
  lockedUntil: string;
}

// ---- The audit trail today (the auditor's home) ------------------------------------------------


/** `GET /api/audit/summary`: one Shanghai day, today when `day` is omitted. */
export const auditSummaryQuery = /* @__PURE__ */ z.strictObject({ day: /* @__PURE__ */ dateString('日期').optional() });
export type AuditSummaryQuery = z.output<typeof auditSummaryQuery>;

export interface AuditDaySummary {
  day: string;
  total: number;
  /** Records by outcome; `denied` are the refusals (a request outside the caller's rights or scope). */
  byOutcome: Record<AuditOutcome, number>;
  /** Actions by count, most frequent first. */
  byAction: Array<{ action: string; label: string; count: number }>;
}

export const auditDaySummary = (day: string, records: readonly Pick<AuditRecord, 'action' | 'outcome'>[]): AuditDaySummary => {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  const count = (o: AuditOutcome) => records.filter((r) => r.outcome === o).length;
  return {
    day,
    total: records.length,
    byOutcome: { success: count('success'), denied: count('denied'), rejected: count('rejected'), failed: count('failed') },
    byAction: [...counts]
      .map(([action, n]) => ({ action, label: auditActionLabel(action), count: n }))
      .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
  };
};

/** How far back the auditor's home checks the digest chain. */
export const DIGEST_CHECK_DAYS = 7;

/** The days whose digests the home checks: the `days` Shanghai days before today (today is digested tomorrow). */
export const digestCheckRange = (now: Date, days = DIGEST_CHECK_DAYS): { from: string; to: string } => {
  const to = shanghaiPreviousDay(shanghaiDay(now));
  let from = to;
  for (let i = 1; i < days; i++) from = shanghaiPreviousDay(from);
  return { from, to };
};

export type DigestDayState = 'verified' | 'broken' | 'missing';
export const DIGEST_DAY_STATE_LABELS: Record<DigestDayState, string> = { verified: '核验通过', broken: '核验不符', missing: '缺少摘要' };

export interface DigestChainState {
  days: Array<{ day: string; state: DigestDayState }>;
  verified: number;
  broken: number;
  missing: number;
}

/** Each day of `from..to` as its re-verified digest says: intact, not intact, or not digested at all. */
export const digestChainState = (range: { from: string; to: string }, digests: readonly Pick<VerifiedDigest, 'day' | 'intact'>[]): DigestChainState => {
  const days: DigestChainState['days'] = [];
  for (let day = range.to; day >= range.from; day = shanghaiPreviousDay(day)) {
    const d = digests.find((x) => x.day === day);
    days.unshift({ day, state: !d ? 'missing' : d.intact ? 'verified' : 'broken' });
  }
  const count = (s: DigestDayState) => days.filter((d) => d.state === s).length;
  return { days, verified: count('verified'), broken: count('broken'), missing: count('missing') };
};
