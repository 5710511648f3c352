// The figures of the homes (工作台): staffing of the offices in the caller's scope, and for the county
// admin the users at a glance and the org records changed last. Read with keyed queries only: one
// query for the offices, one per office for its staff (there is no index across offices' staff).
import {
  canAdministerOrg,
  canReadOffice,
  forbidden,
  officeStaffing,
  readScope,
  recentChanges,
  staffingSummary,
  userSummary,
  type Office,
  type RecentChange,
  type RecentChangesQuery,
  type StaffingSummary,
  type UserSummary,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { requireReferenceReader } from './access';
import { orgRepository as repo } from './repository';

/** Staff lists read at once: enough to answer 49 offices quickly without a burst on the table. */
const STAFF_QUERIES_AT_ONCE = 8;

const inBatches = async <T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
};

const requireOrgAdmin = (ctx: RequestContext) => {
  if (!ctx.actor || !canAdministerOrg(ctx.actor)) throw forbidden('仅系统管理员可以查看账号概况');
  return ctx.actor;
};

export const summaries = {
  /** Every office for readers of all; an area director's area; office staff their own office. */
  staffing: async (ctx: RequestContext): Promise<StaffingSummary> => {
    const actor = requireReferenceReader(ctx);
    const scope = readScope(actor);
    let offices: Office[];
    switch (scope.kind) {
      case 'all':
        offices = await repo.allOffices();
        break;
      case 'area':
        offices = await repo.allOfficesOfArea(scope.areaId);
        break;
      case 'office': {
        const own = await repo.getOffice(scope.officeId);
        offices = own ? [own] : [];
        break;
      }
      case 'none':
        throw forbidden();
    }
    // Checked again per office, as every list is: an office filed under the wrong area never leaks.
    const readable = offices.filter((o) => canReadOffice(actor, o));
    const [rows, areas] = await Promise.all([
      inBatches(readable, STAFF_QUERIES_AT_ONCE, async (o) => officeStaffing(o, await repo.allStaffOf(o.id))),
      repo.listAreas(),
    ]);
    return staffingSummary(rows, areas);
  },

  userSummary: async (ctx: RequestContext): Promise<UserSummary> => {
    requireOrgAdmin(ctx);
    return userSummary(await repo.allUsers());
  },

  /** Users and offices by their last change: what the admin did lately (the audit log is the auditor's, 三员分立). */
  recentChanges: async (ctx: RequestContext, q: RecentChangesQuery): Promise<{ items: RecentChange[] }> => {
    requireOrgAdmin(ctx);
    const [users, offices] = await Promise.all([repo.allUsers(), repo.allOffices()]);
    return { items: recentChanges(users, offices, q.limit) };
  },
};
