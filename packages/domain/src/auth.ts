// Login rules we enforce ourselves in both worlds (cognito-local enforces none of them): password
// complexity, lockout after repeated failures, disabled users refused (docs/domain.md, Security duties).
import * as z from 'zod';
import { auditActions } from './audit';
import type { Actor } from './roles';

export const AUTH_AUDIT = auditActions('auth', {
  login: { targetType: 'user', label: '登录' },
  'change-password': { targetType: 'user', label: '修改本人密码' },
});

/** The signed-in user as the portal sees it. */
export type Me = Actor;

export interface LoginResult {
  accessToken: string;
  idToken: string;
  /** Seconds. */
  expiresIn: number;
  user: Me;
}

export const PASSWORD_MIN_LENGTH = 10;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
/** The portal logs a user out after this long without activity. */
export const IDLE_TIMEOUT_MINUTES = 30;

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
