// Login and passwords. Cognito checks the password and issues tokens; the rules it does not enforce
// locally (lockout, disabled accounts, complexity) are enforced here, the same way in both worlds.
import {
  AUTH_AUDIT,
  forbidden,
  isLocked,
  lockAfterFailure,
  MAX_FAILED_ATTEMPTS,
  locked,
  lockedMessage,
  unauthenticated,
  validationError,
  WRONG_CREDENTIALS_MESSAGE,
  type ChangePasswordInput,
  type DomainError,
  type LoginInput,
  type LoginResult,
  type Me,
} from '@sifasuo/domain';
import { writeAudit } from '../shared/audit-writer';
import type { RequestContext } from '../shared/request-context';
import { directory } from '../org/directory';
import { orgRepository as repo } from '../org/repository';

/** Refused before the password is checked: locked, or the fifth attempt of a burst still in flight. */
const lockedError = async (username: string, now: Date) => {
  const state = await repo.getLoginState(username);
  return locked(lockedMessage(isLocked(state, now) ? state : { failedAttempts: 0, lockedUntil: lockAfterFailure(MAX_FAILED_ATTEMPTS, now) }, now));
};

export const auth = {
  /**
   * Unknown user and wrong password get the same answer; a disabled account is named only to whoever
   * knows its password; each attempt is counted before Cognito is asked, so parallel guesses cannot
   * outrun the lockout.
   */
  login: async (ctx: RequestContext, { username, password }: LoginInput): Promise<LoginResult> => {
    const refuse = async (error: DomainError, reason: string) => {
      const outcome = error.code === 'FORBIDDEN' || error.code === 'LOCKED' ? 'denied' : 'rejected';
      await writeAudit(ctx, { action: AUTH_AUDIT.login, targetId: username, actorName: username, outcome, reason });
      return error;
    };

    const user = await repo.getUser(username);
    if (!user) throw await refuse(unauthenticated(WRONG_CREDENTIALS_MESSAGE), 'unknown user');
    const reserved = await repo.reserveLoginAttempt(username, ctx.now);
    if (!reserved) throw await refuse(await lockedError(username, ctx.now), 'account locked');

    const tokens = await directory.authenticate(username, password);
    if (!tokens) {
      const next = await repo.lockIfExhausted(username, reserved, ctx.now);
      if (isLocked(next, ctx.now)) throw await refuse(locked(lockedMessage(next, ctx.now)), 'wrong password; locked');
      throw await refuse(unauthenticated(WRONG_CREDENTIALS_MESSAGE), 'wrong password');
    }
    await repo.clearFailedAttempts(username);
    if (!user.enabled) throw await refuse(forbidden('账号已停用，请联系系统管理员'), 'account disabled');
    await writeAudit(ctx, { action: AUTH_AUDIT.login, targetId: username, actorName: username, outcome: 'success' });
    const me: Me = {
      username: user.username, displayName: user.displayName, roles: user.roles,
      officeId: user.officeId, areaId: user.areaId, departmentId: user.departmentId,
    };
    return { ...tokens, user: me };
  },

  /** The token's claims, named from the user record (not every issuer puts `name` in the ID token). */
  me: async (ctx: RequestContext): Promise<Me> => {
    if (!ctx.actor) throw unauthenticated();
    const user = await repo.getUser(ctx.actor.username);
    return { ...ctx.actor, displayName: user?.displayName ?? ctx.actor.displayName };
  },

  /** A wrong old password counts towards the lockout like a wrong login: a stolen session cannot guess. */
  changePassword: async (ctx: RequestContext, { oldPassword, newPassword }: ChangePasswordInput) => {
    if (!ctx.actor) throw unauthenticated();
    const { username } = ctx.actor;
    if (oldPassword === newPassword) throw validationError({ newPassword: '新密码不能与原密码相同' });
    const reserved = await repo.reserveLoginAttempt(username, ctx.now);
    if (!reserved) throw await lockedError(username, ctx.now);
    if (!(await directory.authenticate(username, oldPassword))) {
      const next = await repo.lockIfExhausted(username, reserved, ctx.now);
      if (isLocked(next, ctx.now)) throw locked(lockedMessage(next, ctx.now));
      throw validationError({ oldPassword: '原密码不正确' });
    }
    await repo.clearFailedAttempts(username);
    await directory.setPassword(username, newPassword);
    await writeAudit(ctx, { action: AUTH_AUDIT['change-password'], targetId: username, outcome: 'success' });
  },
};
