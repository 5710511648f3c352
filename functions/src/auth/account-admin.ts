// Other accounts' sign-in, as the county admin manages it — the password reset, forced sign-out,
// second-factor reset and the county setting; auditor accounts' are the bureau leader's instead
// (三员分立, packages/domain/src/roles.ts). A change ends the account's sessions in the same write as
// the change and its audit record.
import {
  accountManagementRefusal,
  AUTH_AUDIT,
  canAdministerOrg,
  canAdministerUsers,
  canViewAccount,
  forbidden,
  hiddenRecord,
  isLocked,
  notFound,
  staleVersion,
  totpRequiredFor,
  type AccountSecurity,
  type AuthSettings,
  type ResetPasswordInput,
  type UpdateAuthSettingsInput,
  type User,
} from '@sifasuo/domain';
import { createAudited, replaceAudited } from '../shared/audited';
import type { RequestContext } from '../shared/request-context';
import { signedIn } from './accounts';
import { loginAttempts } from './login-attempts';
import { hashPassword } from './passwords';
import { changeAndEndSessions, readUser, sessionInfo } from './sessions';
import { authStore, authTable, keys, passwordItems, removeSecondFactorItem } from './store';

const requireAdmin = (ctx: RequestContext) => {
  if (!canAdministerOrg(signedIn(ctx))) throw forbidden('仅系统管理员可管理账号登录安全');
};

const existingUser = async (username: string): Promise<User> => {
  const user = await readUser(username);
  if (!user) throw notFound(`账号 ${username} `);
  return user;
};

/**
 * Another account's sign-in security, separated (三员分立): the county admin manages every account but
 * an auditor's, the bureau leader the auditor accounts only. The security view follows the actions: it
 * is there to decide on them, and an auditor's sessions (when, from where) are not the admin's to watch.
 */
const managedUser = async (ctx: RequestContext, username: string): Promise<User> => {
  const actor = signedIn(ctx);
  if (!canAdministerUsers(actor)) throw forbidden('仅系统管理员可管理账号登录安全');
  const user = await existingUser(username);
  if (!canViewAccount(actor, user)) throw hiddenRecord(`账号 ${username} `, '账号不在其管理范围（三员分立）');
  const refusal = accountManagementRefusal(actor, user);
  if (refusal) throw forbidden(refusal);
  return user;
};

export const accountAdmin = {
  security: async (ctx: RequestContext, username: string): Promise<AccountSecurity> => {
    const user = await managedUser(ctx, username);
    const [cred, attempts, settings, live] = await Promise.all([
      authStore.getCredential(username), loginAttempts.get(username), authStore.getSettings(), authStore.liveSessions(username, ctx.now),
    ]);
    const lockedUntil = isLocked(attempts, ctx.now) ? attempts.lockedUntil : undefined;
    return {
      username,
      hasPassword: !!cred?.passwordHash,
      totpEnrolled: !!cred?.totpSecret,
      totpRequired: totpRequiredFor(user.roles, settings),
      recoveryCodesLeft: cred?.recoveryCodes?.length ?? 0,
      ...(lockedUntil ? { lockedUntil } : {}),
      sessions: live.map(sessionInfo),
    };
  },

  /** Sets the password (initial, or forgotten), unlocks, and ends every session of the account. */
  resetPassword: async (ctx: RequestContext, username: string, { password }: ResetPasswordInput) => {
    await managedUser(ctx, username);
    await changeAndEndSessions(ctx, username, '密码已被管理员重置，请使用新密码登录', {
      items: passwordItems(username, await hashPassword(password), ctx.now),
      audit: { action: AUTH_AUDIT['reset-password'], targetId: username },
      end: { all: true },
    });
  },

  signOut: async (ctx: RequestContext, username: string): Promise<{ ended: number }> => {
    await managedUser(ctx, username);
    const ended = await changeAndEndSessions(ctx, username, '已被管理员强制下线', {
      audit: { action: AUTH_AUDIT['end-sessions'], targetId: username },
      end: { all: true },
    });
    return { ended };
  },

  /** A lost phone: the account enrols again at its next sign-in (if required) and its sessions end. */
  resetSecondFactor: async (ctx: RequestContext, username: string) => {
    await managedUser(ctx, username);
    await changeAndEndSessions(ctx, username, '两步验证已被管理员重置，请重新登录', {
      items: [removeSecondFactorItem(username)],
      audit: { action: AUTH_AUDIT['totp.reset'], targetId: username },
      end: { all: true },
    });
  },

  settings: async (ctx: RequestContext): Promise<AuthSettings> => {
    requireAdmin(ctx);
    return authStore.getSettings();
  },

  updateSettings: async (ctx: RequestContext, { version, ...input }: UpdateAuthSettingsInput): Promise<AuthSettings> => {
    requireAdmin(ctx);
    const before = await authStore.getSettings();
    const after: AuthSettings = { ...input, version: version + 1, updatedAt: ctx.now.toISOString() };
    const item = { ...keys.settings(), entity: 'settings', ...after };
    const audit = { action: AUTH_AUDIT['settings.update'], targetId: 'auth', before, after };
    // Version 0 is the default nobody saved yet: the first save creates the item.
    if (version === 0) await createAudited(ctx, authTable(), item, audit, staleVersion().message);
    else await replaceAudited(ctx, authTable(), item, version, audit);
    return after;
  },
};
