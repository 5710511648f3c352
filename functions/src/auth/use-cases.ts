// Login and passwords. Cognito checks the password and issues tokens; the rules it does not enforce
// locally (lockout, disabled accounts, complexity) are enforced here, the same way in both worlds.
import {
  afterFailedLogin,
  changePasswordInput,
  forbidden,
  isLocked,
  locked,
  lockedMessage,
  loginInput,
  MAX_FAILED_ATTEMPTS,
  parseInput,
  unauthenticated,
  validationError,
  type Actor,
  type DomainError,
} from '@sifasuo/domain';
import { writeAudit, type RequestContext } from '../shared/audit-writer';
import { directory } from '../org/directory';
import { orgRepository as repo } from '../org/repository';

/** The signed-in user as the portal sees it. */
export type Me = Actor;

export const auth = {
  login: async (ctx: RequestContext, body: unknown) => {
    const { username, password } = parseInput(loginInput, body);
    const refuse = async (error: DomainError, reason: string) => {
      const outcome = error.code === 'FORBIDDEN' || error.code === 'LOCKED' ? 'denied' : 'rejected';
      await writeAudit(ctx, { action: 'auth.login', targetType: 'user', targetId: username, actorName: username, outcome, reason });
      return error;
    };

    const user = await repo.getUser(username);
    if (!user) throw await refuse(unauthenticated('用户名或密码错误'), 'unknown user');
    if (!user.enabled) throw await refuse(forbidden('账号已停用，请联系系统管理员'), 'account disabled');
    const state = await repo.getLoginState(username);
    if (isLocked(state, ctx.now)) throw await refuse(locked(lockedMessage(state, ctx.now)), 'account locked');

    const tokens = await directory.authenticate(username, password);
    if (!tokens) {
      const next = afterFailedLogin(state, ctx.now);
      await repo.putLoginState(username, next);
      if (isLocked(next, ctx.now)) throw await refuse(locked(lockedMessage(next, ctx.now)), 'wrong password; locked');
      const left = MAX_FAILED_ATTEMPTS - next.failedAttempts;
      throw await refuse(unauthenticated(`用户名或密码错误，再错${left}次账号将被锁定15分钟`), 'wrong password');
    }
    if (state.failedAttempts > 0 || state.lockedUntil) await repo.putLoginState(username, { failedAttempts: 0 });
    await writeAudit(ctx, { action: 'auth.login', targetType: 'user', targetId: username, actorName: username, outcome: 'success' });
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

  changePassword: async (ctx: RequestContext, body: unknown) => {
    if (!ctx.actor) throw unauthenticated();
    const actor = ctx.actor;
    const { oldPassword, newPassword } = parseInput(changePasswordInput, body);
    if (oldPassword === newPassword) throw validationError({ newPassword: '新密码不能与原密码相同' });
    if (!(await directory.authenticate(actor.username, oldPassword))) throw validationError({ oldPassword: '原密码不正确' });
    await directory.setPassword(actor.username, newPassword);
    await writeAudit(ctx, { action: 'auth.change-password', targetType: 'user', targetId: actor.username, outcome: 'success' });
  },
};
