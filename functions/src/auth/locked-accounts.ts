// The accounts locked out now (five wrong passwords or codes): the county admin's home lists them, each
// linking to its 登录安全 page where a password reset opens it. Separated like that page (三员分立): the
// admin sees the accounts it manages, the bureau leader the auditor accounts.
import { canAdministerUsers, canManageAccount, forbidden, type LockedAccount } from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { signedIn } from './accounts';
import { loginAttempts } from './login-attempts';
import { readUser } from './sessions';

export const lockedAccounts = async (ctx: RequestContext): Promise<{ items: LockedAccount[] }> => {
  const actor = signedIn(ctx);
  if (!canAdministerUsers(actor)) throw forbidden('仅系统管理员可管理账号登录安全');
  const locked = await loginAttempts.lockedNames(ctx.now);
  // Names nobody has are locked alike (so the lockout tells nothing apart); they are no account to open.
  const users = await Promise.all(locked.map((l) => readUser(l.username)));
  const items = locked.flatMap((l, i) => {
    const user = users[i];
    if (!user || !canManageAccount(actor, user)) return [];
    return [{ username: user.username, displayName: user.displayName, roles: user.roles, lockedUntil: l.lockedUntil }];
  });
  return { items: items.sort((a, b) => a.lockedUntil.localeCompare(b.lockedUntil) || a.username.localeCompare(b.username)) };
};
