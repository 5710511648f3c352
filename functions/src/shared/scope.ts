// Scope-aware reading of office-scoped records. Every such record stores `officeId` and `areaId`;
// which of them a caller may read is decided by the domain's scope functions, here, for every context.
import { canReadOffice, forbidden, readScope, type Actor, type Page } from '@sifasuo/domain';
import { GSI1, GSI2, GSI3, indexKeys } from '@sifasuo/wiring/src/types';
import { queryPage, withoutKeys } from './dynamo';
import { orgDirectory } from './org-directory';

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
      // The office filter is decided by the office's own area, not by what the query finds: an office of
      // another area with no records must be refused too, or the answer would tell whether it has any.
      if (filter.officeId) {
        const office = await orgDirectory.office(filter.officeId);
        if (!office || !canReadOffice(actor, office)) throw forbidden('无权查看该司法所的数据');
      }
      page = filter.officeId ? await queries.byOffice(filter.officeId) : await queries.byArea(scope.areaId);
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

// ---- The index layout of office-scoped records ------------------------------------------------------
// A table declared with `SCOPED_INDEXES` files each record of a type three ways, one index each: by
// office (GSI1), by area (GSI2) and county-wide (GSI3), all sorted by the same key (usually a date and
// the id, so a month is a `begins_with`). `listInScope` then takes the one its caller's scope allows.

const BY_OFFICE = indexKeys(GSI1);
const BY_AREA = indexKeys(GSI2);
const COUNTY = indexKeys(GSI3);

/** The index attributes of a record of `type` (`CASE`, `SCREENING`, …) filed under its office and area. */
export const scopedKeys = (type: string, r: OfficeScoped, sortKey: string) => ({
  [BY_OFFICE.pk]: `${type}#O#${r.officeId}`,
  [BY_OFFICE.sk]: sortKey,
  [BY_AREA.pk]: `${type}#A#${r.areaId}`,
  [BY_AREA.sk]: sortKey,
  [COUNTY.pk]: type,
  [COUNTY.sk]: sortKey,
});

/**
 * The three queries of `listInScope` over records filed with `scopedKeys`; `sortPrefix` narrows all
 * three (e.g. a month), or `sortBetween` (inclusive bounds, e.g. from one day to another).
 */
export const scopedQueries = <T>(
  table: string,
  type: string,
  page: { limit: number; cursor?: string; sortPrefix?: string; sortBetween?: [string, string]; newestFirst?: boolean },
  map: (item: Record<string, unknown>) => T,
): ScopedQueries<T> => {
  const on = (index: string, keys: { pk: string; sk: string }, value: string) =>
    queryPage(
      {
        table, index, partition: { name: keys.pk, value }, limit: page.limit, cursor: page.cursor, newestFirst: page.newestFirst,
        ...(page.sortPrefix
          ? { sortKey: { name: keys.sk, beginsWith: page.sortPrefix } }
          : page.sortBetween
            ? { sortKey: { name: keys.sk, between: page.sortBetween } }
            : {}),
      },
      map,
    );
  return {
    all: () => on(GSI3, COUNTY, type),
    byArea: (areaId) => on(GSI2, BY_AREA, `${type}#A#${areaId}`),
    byOffice: (officeId) => on(GSI1, BY_OFFICE, `${type}#O#${officeId}`),
  };
};

/** What a list of a scoped type asks for: an office or area filter, a sort-key prefix, a page. */
export interface ScopedList {
  officeId?: string;
  areaId?: string;
  /** A prefix of the sort key (a month, a year, a day). */
  sortPrefix?: string;
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

const scopeOf = (r: OfficeScoped): OfficeScoped => ({ officeId: r.officeId, areaId: r.areaId });

/** One page of `type` (filed with `scopedKeys` in `table`) within the caller's scope. */
export const pageInScope = <T extends OfficeScoped>(actor: Actor, table: string, type: string, q: ScopedList): Promise<Page<T>> =>
  listInScope(actor, { officeId: q.officeId, areaId: q.areaId }, scopedQueries(table, type, q, (i) => withoutKeys<T>(i)), scopeOf);

/** Every item of `type` within the caller's scope (bounded sets: a month's records, an office's roster). */
export const allInScope = async <T extends OfficeScoped>(actor: Actor, table: string, type: string, q: Omit<ScopedList, 'limit' | 'cursor'>): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageInScope<T>(actor, table, type, { ...q, limit: 100, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
};
