// Scope-aware reading of office-scoped records. Every such record stores `officeId` and `areaId`;
// which of them a caller may read is decided by the domain's scope functions, here, for every context.
import { canReadOffice, forbidden, readScope, type Actor, type Page } from '@sifasuo/domain';

export interface OfficeScoped {
  officeId: string;
  areaId: string;
}

const refOf = (r: OfficeScoped) => ({ id: r.officeId, areaId: r.areaId });

export const canReadRecord = (actor: Actor, record: OfficeScoped) => canReadOffice(actor, refOf(record));

export interface ScopedQueries<T> {
  all: () => Promise<Page<T>>;
  byArea: (areaId: string) => Promise<Page<T>>;
  byOffice: (officeId: string) => Promise<Page<T>>;
}

/**
 * Lists within the caller's scope: the widest query its scope allows and the filter asks for, then
 * every item checked again (a record filed under the wrong key never leaks). A filter outside the
 * scope is a 403.
 */
export const listInScope = async <T>(
  actor: Actor,
  filter: { areaId?: string; officeId?: string },
  queries: ScopedQueries<T>,
  scopedOf: (item: T) => OfficeScoped,
): Promise<Page<T>> => {
  const scope = readScope(actor);
  let page: Page<T>;
  switch (scope.kind) {
    case 'all':
      page = filter.officeId ? await queries.byOffice(filter.officeId) : filter.areaId ? await queries.byArea(filter.areaId) : await queries.all();
      break;
    case 'area':
      if (filter.areaId && filter.areaId !== scope.areaId) throw forbidden('无权查看其他片区的数据');
      page = filter.officeId ? await queries.byOffice(filter.officeId) : await queries.byArea(scope.areaId);
      if (filter.officeId && page.items.some((i) => !canReadRecord(actor, scopedOf(i)))) throw forbidden('无权查看该司法所的数据');
      break;
    case 'office':
      if (filter.officeId && filter.officeId !== scope.officeId) throw forbidden('只能查看本所的数据');
      page = await queries.byOffice(scope.officeId);
      break;
    case 'none':
      throw forbidden();
  }
  const items = page.items.filter((i) => canReadRecord(actor, scopedOf(i)) && (!filter.areaId || scopedOf(i).areaId === filter.areaId));
  return { ...page, items };
};
