// The signed-in user's own sign-in: their password and their second factor. (Other accounts' are
// the admin's: account-admin.ts.) A change that must end sessions ends them in the same write as the
// change and its audit record.
import {
  AUTH_AUDIT,
  forbidden,
  staleVersion,
  totpRequiredFor,
  unauthenticated,
  validationError,
  type Actor,
  type ChangePasswordInput,
  type MyAccount,
  type TotpConfirmInput,
  type TotpDisableInput,
  type TotpEnrolment,
} from '@sifasuo/domain';
import { auditedWrite } from '../shared/audited';
import type { RequestContext } from '../shared/request-context';
import { hashPassword, verifyPassword } from './passwords';
import { acceptTotp, newEnrolment, newRecoveryCodes } from './second-factor';
import { changeAndEndSessions } from './sessions';
import { countedAttempt } from './login-attempts';
import { authStore, enrolItem, passwordItems, removeSecondFactorItem } from './store';

export const signedIn = (ctx: RequestContext): Actor => {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
};

/** Checks the caller's own password, counted like a sign-in: a stolen session cannot guess it. */
const checkOwnPassword = async (ctx: RequestContext, password: string, field: string) => {
  const { username } = signedIn(ctx);
  const cred = await authStore.getCredential(username);
  const r = await countedAttempt(username, ctx.now, async () => !!cred?.passwordHash && (await verifyPassword(cred.passwordHash, password)).ok);
  if (r.outcome === 'passed') return;
  if (r.outcome === 'locked' && r.beforeCheck) throw validationError({ [field]: '密码错误次数过多，账号已锁定，请稍后再试' });
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
};
