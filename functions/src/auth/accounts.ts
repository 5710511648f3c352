// Accounts' sign-in, as their owners and the county admin manage it: the own password and second
// factor; the admin's password reset, forced sign-out, second-factor reset and the county setting.
// Auditor accounts' are the bureau leader's instead (三员分立, packages/domain/src/roles.ts).
// Every change that must end sessions ends them in the same write as the change and its audit record.
import {
  accountManagementRefusal,
  AUTH_AUDIT,
  canAdministerOrg,
  canAdministerUsers,
  forbidden,
  isDomainError,
  isLocked,
  notFound,
  staleVersion,
  totpRequiredFor,
  unauthenticated,
  validationError,
  type AccountSecurity,
  type Actor,
  type AuthSettings,
  type ChangePasswordInput,
  type MyAccount,
  type ResetPasswordInput,
  type TotpConfirmInput,
  type TotpDisableInput,
  type TotpEnrolment,
  type UpdateAuthSettingsInput,
  type User,
} from '@sifasuo/domain';
import { auditedWrite } from '../shared/audited';
import type { RequestContext } from '../shared/request-context';
import { hashPassword, verifyPassword } from './passwords';
import { acceptTotp, newEnrolment, newRecoveryCodes } from './second-factor';
import { changeAndEndSessions, readUser, sessionInfo } from './sessions';
import { enrolItem } from './sign-in';
import { authStore, authTable, keys } from './store';

const signedIn = (ctx: RequestContext): Actor => {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
};

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
  const refusal = accountManagementRefusal(actor, user);
  if (refusal) throw forbidden(refusal);
  return user;
};

/** A new password hash, and the lockout starts again (an admin's reset is also how a locked account is opened). */
const passwordItems = (username: string, passwordHash: string, now: Date) => [
  {
    Update: {
      TableName: authTable(),
      Key: keys.credential(username),
      UpdateExpression: 'SET passwordHash = :h, passwordChangedAt = :now, username = :u',
      ExpressionAttributeValues: { ':h': passwordHash, ':now': now.toISOString(), ':u': username },
    },
  },
  { Delete: { TableName: authTable(), Key: keys.attempts(username) } },
];

const removeSecondFactorItem = (username: string) => ({
  Update: {
    TableName: authTable(),
    Key: keys.credential(username),
    UpdateExpression: 'SET username = :u REMOVE totpSecret, recoveryCodes, totpPendingSecret, totpLastStep',
    ExpressionAttributeValues: { ':u': username },
  },
});

/** Checks the caller's own password, counted like a sign-in: a stolen session cannot guess it. */
const checkOwnPassword = async (ctx: RequestContext, password: string, field: string) => {
  const { username } = signedIn(ctx);
  const cred = await authStore.getCredential(username);
  const reserved = await authStore.reserveAttempt(username, ctx.now);
  if (!reserved) throw validationError({ [field]: '密码错误次数过多，账号已锁定，请稍后再试' });
  if (cred?.passwordHash && (await verifyPassword(cred.passwordHash, password)).ok) {
    await authStore.clearFailedAttempts(username);
    return;
  }
  await authStore.lockIfExhausted(username, reserved, ctx.now);
  throw validationError({ [field]: '密码不正确' });
};

export const accounts = {
  me: async (ctx: RequestContext): Promise<MyAccount> => {
    const actor = signedIn(ctx);
    const [cred, settings] = await Promise.all([authStore.getCredential(actor.username), authStore.getSettings()]);
    return { ...actor, totpEnrolled: !!cred?.totpSecret, totpRequired: totpRequiredFor(actor.roles, settings) };
  },

  /** The own password: other sessions end (a thief's among them); this one goes on. */
  changePassword: async (ctx: RequestContext, { oldPassword, newPassword }: ChangePasswordInput) => {
    const { username } = signedIn(ctx);
    if (oldPassword === newPassword) throw validationError({ newPassword: '新密码不能与原密码相同' });
    await checkOwnPassword(ctx, oldPassword, 'oldPassword');
    await changeAndEndSessions(ctx, username, '密码已修改，请重新登录', {
      items: passwordItems(username, await hashPassword(newPassword), ctx.now),
      audit: { action: AUTH_AUDIT['change-password'], targetId: username },
      end: ctx.sessionId ? { allBut: ctx.sessionId } : { all: true },
    });
  },

  /** Offers a new secret; it takes effect when a code from it is confirmed. */
  startEnrolment: async (ctx: RequestContext): Promise<TotpEnrolment> => {
    const { username } = signedIn(ctx);
    const cred = await authStore.getCredential(username);
    if (cred?.totpSecret) throw validationError({ code: '已启用两步验证；如需更换手机，请先关闭后重新启用' });
    const enrolment = newEnrolment(username);
    await authStore.setPendingSecret(username, enrolment.secret);
    return enrolment;
  },

  confirmEnrolment: async (ctx: RequestContext, { code }: TotpConfirmInput): Promise<{ recoveryCodes: string[] }> => {
    const { username } = signedIn(ctx);
    const cred = await authStore.getCredential(username);
    if (!cred?.totpPendingSecret) throw validationError({ code: '请先获取二维码' });
    if (!(await acceptTotp(username, cred.totpPendingSecret, code, ctx.now, cred.totpLastStep))) {
      throw validationError({ code: '验证码不正确，请核对手机时间后重试' });
    }
    const recovery = newRecoveryCodes();
    await auditedWrite(ctx, {
      items: [enrolItem(username, cred.totpPendingSecret, recovery.hashes)],
      audit: { action: AUTH_AUDIT['totp.enrol'], targetId: username },
      onConditionFailed: () => staleVersion(),
    });
    return { recoveryCodes: recovery.codes };
  },

  disableOwn: async (ctx: RequestContext, { password }: TotpDisableInput) => {
    const actor = signedIn(ctx);
    if (totpRequiredFor(actor.roles, await authStore.getSettings())) throw forbidden('本县要求您的角色使用两步验证，不能关闭');
    await checkOwnPassword(ctx, password, 'password');
    await auditedWrite(ctx, {
      items: [removeSecondFactorItem(actor.username)],
      audit: { action: AUTH_AUDIT['totp.disable'], targetId: actor.username },
      onConditionFailed: () => staleVersion(),
    });
  },

  security: async (ctx: RequestContext, username: string): Promise<AccountSecurity> => {
    const user = await managedUser(ctx, username);
    const [cred, attempts, settings, live] = await Promise.all([
      authStore.getCredential(username), authStore.getAttempts(username), authStore.getSettings(), authStore.liveSessions(username, ctx.now),
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
    await auditedWrite(ctx, {
      items: [
        {
          Put: {
            TableName: authTable(),
            Item: { ...keys.settings(), entity: 'settings', ...after },
            // Version 0 is the default nobody saved yet.
            ConditionExpression: version === 0 ? 'attribute_not_exists(PK)' : '#v = :expected',
            ...(version === 0 ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': version } }),
          },
        },
      ],
      audit: { action: AUTH_AUDIT['settings.update'], targetId: 'auth', before, after },
      onConditionFailed: () => staleVersion(),
    });
    return after;
  },
};

/** Creates a credential unless the account has one (bootstrap and the demo seed), audited. */
export const provisionCredential = async (ctx: RequestContext, username: string, password: string): Promise<boolean> => {
  try {
    await auditedWrite(ctx, {
      items: [
        {
          Put: {
            TableName: authTable(),
            Item: { ...keys.credential(username), entity: 'credential', username, passwordHash: await hashPassword(password), passwordChangedAt: ctx.now.toISOString() },
            ConditionExpression: 'attribute_not_exists(passwordHash)',
          },
        },
      ],
      audit: { action: AUTH_AUDIT['reset-password'], targetId: username, reason: 'initial password (provisioning)' },
      onConditionFailed: () => staleVersion(),
    });
    return true;
  } catch (e) {
    if (isDomainError(e) && e.code === 'CONFLICT') return false;
    throw e;
  }
};

/** The county's setting, written once unless present (the demo seed turns the requirement off). */
export const provisionSettings = async (ctx: RequestContext, settings: Pick<AuthSettings, 'totpRequiredForPrivileged'>) => {
  try {
    await auditedWrite(ctx, {
      items: [{ Put: { TableName: authTable(), Item: { ...keys.settings(), entity: 'settings', ...settings, version: 1, updatedAt: ctx.now.toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' } }],
      audit: { action: AUTH_AUDIT['settings.update'], targetId: 'auth', after: settings, reason: 'provisioning' },
      onConditionFailed: () => staleVersion(),
    });
  } catch (e) {
    if (!(isDomainError(e) && e.code === 'CONFLICT')) throw e;
  }
};
