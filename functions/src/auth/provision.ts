// Provisioning sign-in (the operator's bootstrap and the local demo seed): what is absent is created,
// audited; what exists stays as it is, so both may run again.
import { AUTH_AUDIT, type AuthSettings } from '@sifasuo/domain';
import { createIfAbsent } from '../shared/audited';
import type { RequestContext } from '../shared/request-context';
import { hashPassword } from './passwords';
import { authTable, keys } from './store';

/** An account's initial password, unless it has a credential already. */
export const provisionCredential = async (ctx: RequestContext, username: string, password: string): Promise<boolean> =>
  createIfAbsent(
    ctx, authTable(),
    { ...keys.credential(username), entity: 'credential', username, passwordHash: await hashPassword(password), passwordChangedAt: ctx.now.toISOString() },
    { action: AUTH_AUDIT['reset-password'], targetId: username, reason: 'initial password (provisioning)' },
  );

/** The county's setting, unless present (the demo seed turns the requirement off). */
export const provisionSettings = async (ctx: RequestContext, settings: Pick<AuthSettings, 'totpRequiredForPrivileged'>) =>
  createIfAbsent(
    ctx, authTable(),
    { ...keys.settings(), entity: 'settings', ...settings, version: 1, updatedAt: ctx.now.toISOString() },
    { action: AUTH_AUDIT['settings.update'], targetId: 'auth', after: settings, reason: 'provisioning' },
  );
