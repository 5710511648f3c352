// The figures of the homes (工作台): staffing of the offices in the caller's scope, and for the county
// admin the users at a glance and the org records changed last. Read with keyed queries only: one
// query for the offices, one per office for its staff (there is no index across offices' staff).
import {
  officeStaffing,
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
import { listInScope } from '../shared/scope';
import { requireAdmin, requireReferenceReader } from './access';
import { orgRepository as repo } from './repository';

/** Staff lists read at once: enough to answer 49 offices quickly without a burst on the table. */
const STAFF_QUERIES_AT_ONCE = 8;

const inBatches = async <T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
};

export const summaries = {
  /** Every office for readers of all; an area director's area; office staff their own office. */
  staffing: async (ctx: RequestContext): Promise<StaffingSummary> => {
    // The scope's own query, every office checked again (listInScope), as every list is read.
    const { items: readable } = await listInScope(
      requireReferenceReader(ctx),
      {},
      {
        all: async () => ({ items: await repo.allOffices() }),
        byArea: async (areaId) => ({ items: await repo.allOfficesOfArea(areaId) }),
        byOffice: async (officeId) => {
          const own = await repo.getOffice(officeId);
          return { items: own ? [own] : [] };
        },
      },
      (o: Office) => ({ officeId: o.id, areaId: o.areaId }),
    );
    const [rows, areas] = await Promise.all([
      inBatches(readable, STAFF_QUERIES_AT_ONCE, async (o) => officeStaffing(o, await repo.allStaffOf(o.id))),
      repo.listAreas(),
    ]);
    return staffingSummary(rows, areas);
  },

  userSummary: async (ctx: RequestContext): Promise<UserSummary> => {
    requireAdmin(ctx);
    return userSummary(await repo.allUsers());
  },

  /** Users and offices by their last change: what the admin did lately (the audit log is the auditor's, 三员分立). */
  recentChanges: async (ctx: RequestContext, q: RecentChangesQuery): Promise<{ items: RecentChange[] }> => {
    requireAdmin(ctx);
    const [users, offices] = await Promise.all([repo.allUsers(), repo.allOffices()]);
    return { items: recentChanges(users, offices, q.limit) };
  },
};
