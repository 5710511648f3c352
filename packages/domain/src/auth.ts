// Sign-in rules of our own identity service (docs/domain.md, Security duties): password complexity,
// lockout after repeated failures, disabled users refused, sessions with idle and absolute limits,
// and a second factor for privileged roles.
import * as z from 'zod';
import { auditActions, type AuditFieldTable } from './audit';
import { ROLES, type Actor, type Role } from './roles';
import { TOTP_DIGITS } from './totp';

export const AUTH_AUDIT = auditActions('auth', {
  login: { targetType: 'user', label: '登录' },
  logout: { targetType: 'user', label: '退出登录' },
  'change-password': { targetType: 'user', label: '修改本人密码' },
  'reset-password': { targetType: 'user', label: '重置用户密码' },
  'end-sessions': { targetType: 'user', label: '结束会话（强制下线）' },
  'totp.enrol': { targetType: 'user', label: '启用两步验证' },
  'totp.disable': { targetType: 'user', label: '关闭两步验证' },
  'totp.reset': { targetType: 'user', label: '重置两步验证' },
  'settings.update': { targetType: 'settings', label: '修改登录安全设置' },
});

/** The auth context's audit targets, as the audit log names them. */
export const AUTH_TARGET_LABELS: Record<string, string> = { user: '账号', settings: '登录安全设置' };
/** The auth context's recorded fields (settings, and what a session-ending action adds). */
export const AUTH_FIELD_LABELS: AuditFieldTable = {
  settings: { totpRequiredForPrivileged: { label: '特权角色须两步验证', values: { true: '是', false: '否' } } },
  '*': { sessionsEnded: { label: '结束的会话数' }, password: { label: '密码' } },
};

/** The signed-in user as the portal sees it. */
export type Me = Actor;

/** A session's tokens: a short-lived access token and a single-use refresh token. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is accepted. */
  expiresIn: number;
  /** ISO instant at which the session ends however active it is (the absolute limit). */
  sessionExpiresAt: string;
}

export interface TotpEnrolment {
  /** Base32, for typing into an authenticator by hand. */
  secret: string;
  /** What the QR code holds. */
  otpauthUri: string;
}

/** One step of signing in: done, or a second factor to give (or to enrol first). */
export type LoginStep =
  | { status: 'signed-in'; tokens: SessionTokens; user: Me; /** Shown once, after enrolment. */ recoveryCodes?: string[] }
  | { status: 'totp-required'; challenge: string }
  | { status: 'totp-enrolment-required'; challenge: string; enrolment: TotpEnrolment };

/** The signed-in user's own account: who, and the state of the second factor. */
export interface MyAccount extends Me {
  totpEnrolled: boolean;
  /** The county requires a second factor of this user's roles. */
  totpRequired: boolean;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  sourceIp?: string;
  userAgent?: string;
}

/** What the county admin sees of an account's sign-in (never a hash or a secret). */
export interface AccountSecurity {
  username: string;
  hasPassword: boolean;
  totpEnrolled: boolean;
  totpRequired: boolean;
  /** Unused recovery codes left. */
  recoveryCodesLeft: number;
  lockedUntil?: string;
  sessions: SessionInfo[];
}

/** County settings of sign-in. */
export interface AuthSettings {
  /** A second factor is required of county admins, auditors and bureau leaders (GB/T 22239-2019 level 3). */
  totpRequiredForPrivileged: boolean;
  version: number;
  updatedAt?: string;
}

export const ACCESS_TOKEN_MINUTES = 15;
export const SESSION_ABSOLUTE_HOURS = 12;
/** A password accepted waits this long for its second factor. */
export const CHALLENGE_MINUTES = 5;
/** How long the API may act on a user record it has read (roles, unit, enabled). */
export const ACCOUNT_CACHE_SECONDS = 30;

/** Roles whose users must give a second factor when the county requires it. */
export const PRIVILEGED_ROLES: readonly Role[] = ['county_admin', 'auditor', 'bureau_leader'];
export const totpRequiredFor = (roles: readonly Role[], settings: Pick<AuthSettings, 'totpRequiredForPrivileged'>) =>
  settings.totpRequiredForPrivileged && roles.some((r) => PRIVILEGED_ROLES.includes(r));

export const PASSWORD_MIN_LENGTH = 10;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
/** The portal logs a user out after this long without activity. */
export const IDLE_TIMEOUT_MINUTES = 30;

/** A session as stored: the refresh token only as its hash. */
export interface SessionState {
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  endedAt?: string;
  endReason?: string;
}

/** Why a session no longer signs requests or refreshes, in Chinese; `undefined` while it is live. */
export const sessionEndedReason = (s: SessionState, now: Date): string | undefined => {
  if (s.endedAt) return s.endReason ?? '会话已结束';
  if (Date.parse(s.expiresAt) <= now.getTime()) return `登录已超过${SESSION_ABSOLUTE_HOURS}小时，请重新登录`;
  if (Date.parse(s.lastUsedAt) + IDLE_TIMEOUT_MINUTES * 60_000 <= now.getTime()) return `超过${IDLE_TIMEOUT_MINUTES}分钟未操作，请重新登录`;
  return undefined;
};

/** What a change of a user record does to their sessions: the reason they end, or none. */
export const sessionEndingChange = (
  before: { roles: readonly Role[]; enabled: boolean; officeId?: string; departmentId?: string },
  after: { roles: readonly Role[]; enabled: boolean; officeId?: string; departmentId?: string },
): string | undefined => {
  if (before.enabled && !after.enabled) return '账号已停用';
  if ([...before.roles].sort().join() !== [...after.roles].sort().join()) return '角色已变更';
  if (before.officeId !== after.officeId || before.departmentId !== after.departmentId) return '所属单位已变更';
  return undefined;
};

const CLASSES: ReadonlyArray<[RegExp, string]> = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/\d/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/** `undefined` when acceptable, else the reason in Chinese. */
export const passwordProblem = (password: string): string | undefined => {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  // Cognito refuses them too; refusing here keeps the two worlds alike.
  if (password.trim() !== password) return '密码首尾不能是空格';
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return undefined;
};

export const strongPassword = /* @__PURE__ */ z
  .string({ error: '请填写密码' })
  .max(128, { error: '密码不能超过128位' })
  .superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const loginInput = /* @__PURE__ */ z.strictObject({
  username: /* @__PURE__ */ z.string({ error: '请填写用户名' }).trim().min(1, { error: '请填写用户名' }).max(64, { error: '用户名过长' }),
  password: /* @__PURE__ */ z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128, { error: '密码过长' }),
});

export const changePasswordInput = /* @__PURE__ */ z.strictObject({
  oldPassword: /* @__PURE__ */ z.string({ error: '请填写原密码' }).min(1, { error: '请填写原密码' }).max(128),
  newPassword: strongPassword,
});

const code = /* @__PURE__ */ z
  .string({ error: '请填写验证码' })
  .trim()
  .regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`), { error: `验证码为${TOTP_DIGITS}位数字` });
/** A TOTP code, or (at sign-in) one of the recovery codes `xxxx-xxxx`. */
const codeOrRecovery = /* @__PURE__ */ z
  .string({ error: '请填写验证码' })
  .trim()
  .regex(new RegExp(`^(\\d{${TOTP_DIGITS}}|[0-9a-zA-Z]{4}-?[0-9a-zA-Z]{4})$`), { error: `请填写${TOTP_DIGITS}位验证码或恢复码` });
const challenge = /* @__PURE__ */ z.string({ error: '登录步骤已失效，请重新登录' }).min(1).max(200);

export const totpLoginInput = /* @__PURE__ */ z.strictObject({ challenge, code: codeOrRecovery });
export const totpEnrolLoginInput = /* @__PURE__ */ z.strictObject({ challenge, code });
export const totpConfirmInput = /* @__PURE__ */ z.strictObject({ code });
export const totpDisableInput = /* @__PURE__ */ z.strictObject({
  password: /* @__PURE__ */ z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128),
});
export const refreshInput = /* @__PURE__ */ z.strictObject({
  refreshToken: /* @__PURE__ */ z.string({ error: '缺少刷新令牌' }).min(1).max(300),
});
export const updateAuthSettingsInput = /* @__PURE__ */ z.strictObject({
  totpRequiredForPrivileged: /* @__PURE__ */ z.boolean({ error: '请选择是否强制两步验证' }),
  version: /* @__PURE__ */ z.number({ error: '缺少版本号' }).int().min(0),
});
export type TotpLoginInput = z.output<typeof totpLoginInput>;
export type TotpEnrolLoginInput = z.output<typeof totpEnrolLoginInput>;
export type TotpConfirmInput = z.output<typeof totpConfirmInput>;
export type TotpDisableInput = z.output<typeof totpDisableInput>;
export type RefreshInput = z.output<typeof refreshInput>;
export type UpdateAuthSettingsInput = z.output<typeof updateAuthSettingsInput>;

export const resetPasswordInput = /* @__PURE__ */ z.strictObject({ password: strongPassword });
export type ResetPasswordInput = z.output<typeof resetPasswordInput>;
export type LoginInput = z.output<typeof loginInput>;
export type ChangePasswordInput = z.output<typeof changePasswordInput>;

export interface LoginState {
  /** Consecutive wrong passwords since the last success or lock. */
  failedAttempts: number;
  /** ISO instant until which logins are refused. */
  lockedUntil?: string;
}

export const isLocked = (state: LoginState, now: Date): boolean =>
  !!state.lockedUntil && Date.parse(state.lockedUntil) > now.getTime();

/**
 * Given the failure count after an atomic increment, the lock to set, if any: the fifth consecutive
 * wrong password locks the account for 15 minutes (and the count starts again from zero).
 */
export const lockAfterFailure = (failedAttempts: number, now: Date): string | undefined =>
  failedAttempts >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : undefined;

/**
 * What the authorizer hands the API with every request: the user as the record says now (roles, unit)
 * for a live session, or why the token is refused. Values are strings and numbers, as API Gateway
 * passes a Lambda authorizer's context.
 */
export type AuthorizerContext =
  | { state: 'active'; username: string; displayName: string; roles: string; officeId?: string; areaId?: string; departmentId?: string; sessionId: string; expiresAt: number }
  | { state: 'refused'; reason: string };

/** The actor of an active authorizer context; `undefined` for a refused or missing one. */
export const actorFromAuthorizer = (c: Record<string, unknown> | undefined): (Actor & { sessionId: string; expiresAt: number }) | undefined => {
  if (!c || c.state !== 'active' || typeof c.username !== 'string' || !c.username) return undefined;
  const text = (k: string) => (typeof c[k] === 'string' && c[k] ? (c[k] as string) : undefined);
  const roles = String(c.roles ?? '').split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return {
    username: c.username, displayName: text('displayName') ?? c.username, roles,
    officeId: text('officeId'), areaId: text('areaId'), departmentId: text('departmentId'),
    sessionId: String(c.sessionId ?? ''), expiresAt: Number(c.expiresAt ?? 0),
  };
};

/** One answer for an unknown user and a wrong password, so logins do not reveal who has an account. */
export const WRONG_CREDENTIALS_MESSAGE = `用户名或密码错误（连续${MAX_FAILED_ATTEMPTS}次错误将锁定账号${LOCK_MINUTES}分钟）`;

export const lockedMessage = (state: LoginState, now: Date) => {
  const minutes = Math.max(1, Math.ceil((Date.parse(state.lockedUntil ?? '') - now.getTime()) / 60_000));
  return `连续${MAX_FAILED_ATTEMPTS}次密码错误，账号已锁定，请${minutes}分钟后再试`;
};

/**
 * A password hash as stored: the algorithm and its parameters travel with the hash, so they can be
 * raised later and old hashes still verify (and are re-hashed at the next successful login).
 */
export interface PasswordHash {
  algorithm: 'scrypt';
  /** CPU/memory cost (a power of two), block size, parallelism. */
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

/** Today's parameters: scrypt N=2^15, r=8, p=1 (about 32 MiB and tens of milliseconds). */
export const PASSWORD_HASH_PARAMS = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

export const formatPasswordHash = (h: PasswordHash) => `${h.algorithm}$${h.N}$${h.r}$${h.p}$${h.salt}$${h.hash}`;

export const parsePasswordHash = (stored: string): PasswordHash | undefined => {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/_-]+=*)\$([A-Za-z0-9+/_-]+=*)$/.exec(stored);
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || r < 1 || p < 1) return undefined;
  return { algorithm: 'scrypt', N, r, p, salt: m[4]!, hash: m[5]! };
};

/** A stored hash made with weaker parameters than today's: re-hash it at the next successful login. */
export const needsRehash = (h: PasswordHash) =>
  h.N < PASSWORD_HASH_PARAMS.N || h.r < PASSWORD_HASH_PARAMS.r || h.p < PASSWORD_HASH_PARAMS.p;
