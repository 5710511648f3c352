// User accounts, managed by the county admin — but auditor accounts by the bureau leader alone
// (三员分立, packages/domain/src/roles.ts). The org table's record is the source of truth for
// roles, unit and status; the auth context reads it on every sign-in and (cached ≤ 30 s) request, and
// keeps the credentials. A change that must end the user's sessions says so in UserChanged.
import {
  canViewAccount,
  filteredPage,
  ownAccountProblems,
  sessionEndingChange,
  userUnitProblems,
  validationError,
  type CreateUserInput,
  type Page,
  type UpdateUserInput,
  type User,
  type UserListQuery,
  userMatches,
} from '@sifasuo/domain';
import { orgEvents } from '@sifasuo/wiring/src/org';
import { logger } from '../shared/aws';
import type { RequestContext } from '../shared/request-context';
import { publishEvent } from '../shared/events';
import { requireManages, requireUserAdmin, throwIfAny, visibleUser } from './access';
import { orgRepository as repo } from './repository';

/** Checks the user's units and derives the area from the office (area directors see their area). */
const unitOf = async (input: { roles: User['roles']; officeId?: string; departmentId?: string }) => {
  const office = input.officeId ? await repo.getOffice(input.officeId) : undefined;
  const departmentExists = !input.departmentId || !!(await repo.getDepartment(input.departmentId));
  throwIfAny(userUnitProblems(input, office, departmentExists));
  return { areaId: office?.areaId };
};

/**
 * Tells the auth context. Access never waits for it: the authorizer reads the record itself (a
 * disabled user is refused, new roles apply, within 30 s); the event ends the sessions' refresh
 * tokens. If the bus is down the change still stands — logged, and refresh checks the record too.
 */
const announceUserChanged = async (user: User, endsSessions?: string) => {
  try {
    await publishEvent('org', orgEvents.UserChanged, { username: user.username, version: user.version, ...(endsSessions ? { endsSessions } : {}) });
  } catch (e) {
    logger.error('UserChanged not published', { error: e as Error, username: user.username });
  }
};

export const users = {
  /**
   * The county admin sees every account; the bureau leader, the auditor accounts. Searched and filtered
   * while paging (a county has about 150 accounts): a page holds `limit` matches unless the list ends.
   */
  listUsers: async (ctx: RequestContext, { limit, cursor, ...search }: UserListQuery): Promise<Page<User>> => {
    const actor = requireUserAdmin(ctx);
    return filteredPage(repo.listUsers, (u) => canViewAccount(actor, u) && userMatches(u, search), limit, cursor);
  },

  getUser: async (ctx: RequestContext, username: string): Promise<User> => {
    return visibleUser(requireUserAdmin(ctx), username);
  },

  /** The account signs in once the admin sets its initial password (auth: PUT /api/auth/accounts/{username}/password). */
  createUser: async (ctx: RequestContext, input: CreateUserInput): Promise<User> => {
    requireManages(requireUserAdmin(ctx), input);
    if (await repo.getUser(input.username)) throw validationError({ username: `用户名 ${input.username} 已存在` });
    const user: User = { ...input, ...(await unitOf(input)), version: 1, updatedAt: ctx.now.toISOString() };
    await repo.createUser(ctx, user);
    await announceUserChanged(user);
    return user;
  },

  updateUser: async (ctx: RequestContext, username: string, { version, ...input }: UpdateUserInput): Promise<User> => {
    const actor = requireUserAdmin(ctx);
    const before = await visibleUser(actor, username);
    throwIfAny(ownAccountProblems(actor, username, before, input));
    // Both sides: granting the auditor role and taking it away are the leader's, and nothing else is.
    requireManages(actor, before);
    requireManages(actor, input);
    const after: User = { ...input, ...(await unitOf(input)), username, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceUser(ctx, before, after, version);
    await announceUserChanged(after, sessionEndingChange(before, after));
    return after;
  },
};
