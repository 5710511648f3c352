// User accounts, managed by the county admin. The org table's record is the source of truth;
// Cognito (sign-in) follows it through the UserChanged event.
import {
  ORG_AUDIT,
  passwordProblem,
  userUnitProblems,
  validationError,
  type CreateUserInput,
  type Page,
  type PageQuery,
  type ResetPasswordInput,
  type UpdateUserInput,
  type User,
} from '@sifasuo/domain';
import { orgEvents } from '@sifasuo/wiring/src/org';
import { logger } from '../shared/aws';
import { writeAudit } from '../shared/audit-writer';
import type { RequestContext } from '../shared/request-context';
import { publishEvent } from '../shared/events';
import { loadUser, requireAdmin, throwIfAny } from './access';
import { directory } from './directory';
import { orgRepository as repo } from './repository';

/** Checks the user's units and derives the area from the office (area directors see their area). */
const unitOf = async (input: { roles: User['roles']; officeId?: string; departmentId?: string }) => {
  const office = input.officeId ? await repo.getOffice(input.officeId) : undefined;
  const departmentExists = !input.departmentId || !!(await repo.getDepartment(input.departmentId));
  throwIfAny(userUnitProblems(input, office, departmentExists));
  return { areaId: office?.areaId };
};

/**
 * Cognito follows the record through the bus; if the bus is down, sync now. The record is already
 * saved, so if both fail the change still stands (the next change of the user syncs it) — logged.
 */
const announceUserChanged = async (user: User) => {
  try {
    await publishEvent('org', orgEvents.UserChanged, { username: user.username, version: user.version });
  } catch (e) {
    logger.error('UserChanged not published; syncing directly', { error: e as Error });
    await directory.syncUser(user).catch((err) => logger.error('directory sync failed', { error: err as Error, username: user.username }));
  }
};

export const users = {
  listUsers: async (ctx: RequestContext, q: PageQuery): Promise<Page<User>> => {
    requireAdmin(ctx);
    return repo.listUsers(q.limit, q.cursor);
  },

  getUser: async (ctx: RequestContext, username: string): Promise<User> => {
    requireAdmin(ctx);
    return loadUser(username);
  },

  createUser: async (ctx: RequestContext, { password, ...input }: CreateUserInput): Promise<User> => {
    requireAdmin(ctx);
    const weak = passwordProblem(password);
    if (weak) throw validationError({ password: weak });
    if (await repo.getUser(input.username)) throw validationError({ username: `用户名 ${input.username} 已存在` });
    const user: User = { ...input, ...(await unitOf(input)), version: 1, updatedAt: ctx.now.toISOString() };
    await directory.createUser(user, password);
    try {
      await repo.createUser(ctx, user);
    } catch (e) {
      // Keep the two stores in step: no sign-in identity without its user record.
      await directory.deleteUser(user.username).catch((err) => logger.error('could not undo directory user', { error: err as Error }));
      throw e;
    }
    await announceUserChanged(user);
    return user;
  },

  updateUser: async (ctx: RequestContext, username: string, { version, ...input }: UpdateUserInput): Promise<User> => {
    requireAdmin(ctx);
    const before = await loadUser(username);
    if (username === ctx.actor!.username) {
      if (!input.enabled) throw validationError({ enabled: '不能停用自己的账号' });
      if ([...input.roles].sort().join() !== [...before.roles].sort().join()) throw validationError({ roles: '不能修改自己的角色' });
    }
    const after: User = { ...input, ...(await unitOf(input)), username, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceUser(ctx, before, after, version);
    await announceUserChanged(after);
    return after;
  },

  resetPassword: async (ctx: RequestContext, username: string, { password }: ResetPasswordInput): Promise<void> => {
    requireAdmin(ctx);
    await loadUser(username);
    await directory.setPassword(username, password);
    await repo.resetLoginState(username);
    await writeAudit(ctx, { action: ORG_AUDIT['user.reset-password'], targetId: username, outcome: 'success' });
  },
};
