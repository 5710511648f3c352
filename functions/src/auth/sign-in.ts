// Signing in, step by step: the password, then — when the account has one, or the county requires
// one of its roles — the second factor (or its enrolment); then a session. Refreshing and signing out.
// Unknown user and wrong password get the same answer after the same work; a disabled account is
// named only to whoever knows its password; every password or code checked is counted first, so
// parallel guesses cannot outrun the lockout.
import { randomBytes } from 'node:crypto';
import {
  AUTH_AUDIT,
  CHALLENGE_MINUTES,
  forbidden,
  locked,
  lockedMessage,
  sessionEndedReason,
  totpRequiredFor,
  unauthenticated,
  WRONG_CREDENTIALS_MESSAGE,
  type DomainError,
  type LoginInput,
  type LoginStep,
  type RefreshInput,
  type SessionTokens,
  type TotpEnrolLoginInput,
  type TotpLoginInput,
  type User,
} from '@sifasuo/domain';
import { writeAudit } from '../shared/audit-writer';
import type { RequestContext } from '../shared/request-context';
import { verifyDummy, verifyPassword, hashPassword } from './passwords';
import { acceptSecondFactor, acceptTotp, newEnrolment, newRecoveryCodes } from './second-factor';
import { changeAndEndSessions, meOf, readUser, rotateSession, splitRefreshToken, startSession, SYSTEM_ACTOR } from './sessions';
import { countedAttempt } from './login-attempts';
import { authStore, enrolItem, type Challenge } from './store';

const EXPIRED_STEP = '登录步骤已失效，请重新输入用户名和密码';
const DISABLED = '账号已停用，会话已结束';
const REUSED = '刷新令牌被重复使用（可能已泄露），会话已结束';

/** Audits a refused sign-in step and returns the error to throw. */
const refusal = async (ctx: RequestContext, username: string, error: DomainError, reason: string) => {
  const outcome = error.code === 'FORBIDDEN' || error.code === 'LOCKED' ? 'denied' : 'rejected';
  await writeAudit(ctx, { action: AUTH_AUDIT.login, targetId: username, actorName: username, outcome, reason });
  return error;
};

/** A counted try of a sign-in step; a refusal is audited and thrown. */
const attempt = async (ctx: RequestContext, username: string, check: () => Promise<boolean>, wrong: () => DomainError, what: string) => {
  const r = await countedAttempt(username, ctx.now, check);
  if (r.outcome === 'passed') return;
  if (r.outcome === 'wrong') throw await refusal(ctx, username, wrong(), what);
  throw await refusal(ctx, username, locked(lockedMessage(r.state, ctx.now)), r.beforeCheck ? 'account locked' : `${what}; locked`);
};

const newChallenge = async (ctx: RequestContext, c: Omit<Challenge, 'id' | 'expiresAt'>): Promise<string> => {
  const challenge: Challenge = { ...c, id: randomBytes(24).toString('base64url'), expiresAt: new Date(ctx.now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString() };
  await authStore.putChallenge(challenge);
  return challenge.id;
};

/** The challenge named by a second step, with the account behind it still able to sign in. */
const openChallenge = async (ctx: RequestContext, id: string, purpose: Challenge['purpose']) => {
  const challenge = await authStore.getChallenge(id);
  if (!challenge || challenge.purpose !== purpose || Date.parse(challenge.expiresAt) <= ctx.now.getTime()) throw unauthenticated(EXPIRED_STEP);
  const [user, cred] = await Promise.all([readUser(challenge.username), authStore.getCredential(challenge.username)]);
  if (!user || !cred) throw unauthenticated(EXPIRED_STEP);
  if (!user.enabled) throw await refusal(ctx, user.username, forbidden('账号已停用，请联系系统管理员'), 'account disabled');
  return { challenge, user, cred };
};

/** The challenge is spent by the step that succeeds; a second use of the same one is refused. */
const spend = async (id: string) => {
  if (!(await authStore.takeChallenge(id))) throw unauthenticated(EXPIRED_STEP);
};

const signedIn = async (ctx: RequestContext, user: User, extra: Parameters<typeof startSession>[2] = {}, recoveryCodes?: string[]): Promise<LoginStep> => ({
  status: 'signed-in',
  tokens: await startSession(ctx, user, extra),
  user: meOf(user),
  ...(recoveryCodes ? { recoveryCodes } : {}),
});

export const signIn = {
  login: async (ctx: RequestContext, { username, password }: LoginInput): Promise<LoginStep> => {
    const [user, cred] = await Promise.all([readUser(username), authStore.getCredential(username)]);
    // An unknown name (or one without a password yet) costs the same work and counts towards the
    // same lockout as a wrong password: nothing in the answers tells the two apart.
    const stored = user && cred?.passwordHash;
    let rehash = false;
    await attempt(
      ctx, username,
      async () => {
        if (!stored) return verifyDummy(password).then(() => false);
        const v = await verifyPassword(stored, password);
        rehash = v.rehash;
        return v.ok;
      },
      () => unauthenticated(WRONG_CREDENTIALS_MESSAGE), !user ? 'unknown user' : !stored ? 'no password set' : 'wrong password',
    );
    if (!user || !cred) throw new Error('unreachable: a password matched without an account');
    if (rehash) await authStore.replaceHash(username, await hashPassword(password));
    if (!user.enabled) throw await refusal(ctx, username, forbidden('账号已停用，请联系系统管理员'), 'account disabled');

    if (cred.totpSecret) return { status: 'totp-required', challenge: await newChallenge(ctx, { username, purpose: 'totp' }) };
    if (totpRequiredFor(user.roles, await authStore.getSettings())) {
      const enrolment = newEnrolment(username);
      return {
        status: 'totp-enrolment-required',
        challenge: await newChallenge(ctx, { username, purpose: 'enrol', pendingSecret: enrolment.secret }),
        enrolment,
      };
    }
    return signedIn(ctx, user);
  },

  /** The second step: a code from the authenticator, or a recovery code (used up). */
  loginTotp: async (ctx: RequestContext, { challenge: id, code }: TotpLoginInput): Promise<LoginStep> => {
    const { user, cred } = await openChallenge(ctx, id, 'totp');
    let used: 'totp' | 'recovery' | undefined;
    await attempt(ctx, user.username, async () => !!(used = await acceptSecondFactor(cred, code, ctx.now)), () => unauthenticated('验证码不正确或已使用'), 'wrong second factor');
    await spend(id);
    const reason = used === 'recovery' ? `recovery code used; ${(cred.recoveryCodes?.length ?? 1) - 1} left` : undefined;
    return signedIn(ctx, user, { audit: { action: AUTH_AUDIT.login, targetId: user.username, actorName: user.username, ...(reason ? { reason } : {}) } });
  },

  /** Enrolment at sign-in (required, not yet enrolled): the first code proves the authenticator holds the secret. */
  loginTotpEnrolment: async (ctx: RequestContext, { challenge: id, code }: TotpEnrolLoginInput): Promise<LoginStep> => {
    const { challenge, user } = await openChallenge(ctx, id, 'enrol');
    await attempt(ctx, user.username, () => acceptTotp(user.username, challenge.pendingSecret!, code, ctx.now), () => unauthenticated('验证码不正确，请核对手机时间后重试'), 'wrong enrolment code');
    await spend(id);
    const recovery = newRecoveryCodes();
    return signedIn(
      ctx, user,
      {
        items: [enrolItem(user.username, challenge.pendingSecret!, recovery.hashes)],
        audit: { action: AUTH_AUDIT['totp.enrol'], targetId: user.username, actorName: user.username, reason: 'enrolled at sign-in' },
      },
      recovery.codes,
    );
  },

  refresh: async (ctx: RequestContext, { refreshToken }: RefreshInput): Promise<SessionTokens> => {
    const presented = splitRefreshToken(refreshToken);
    const session = presented && (await authStore.getSession(presented.id));
    if (!presented || !session) throw unauthenticated('会话已结束，请重新登录');
    const ended = sessionEndedReason(session, ctx.now);
    if (ended) throw unauthenticated(ended);
    const user = await readUser(session.username);
    // A disabled account, or a refresh token presented twice (a copy is in someone else's hands).
    const rotated = !user?.enabled ? DISABLED : session.refreshHash === presented.hash ? ((await rotateSession(session, presented.hash, ctx.now)) ?? REUSED) : REUSED;
    if (typeof rotated === 'string') {
      await changeAndEndSessions(ctx, session.username, rotated, {
        audit: { action: AUTH_AUDIT['end-sessions'], targetId: session.username, actorName: SYSTEM_ACTOR },
        end: { only: session.id },
      });
      throw unauthenticated(rotated);
    }
    return rotated;
  },

  logout: async (ctx: RequestContext): Promise<void> => {
    const session = ctx.sessionId ? await authStore.getSession(ctx.sessionId) : undefined;
    if (!session || session.username !== ctx.actor?.username || session.endedAt) return;
    await changeAndEndSessions(ctx, session.username, '已退出登录', {
      audit: { action: AUTH_AUDIT.logout, targetId: session.username },
      end: { only: session.id },
    });
  },
};
