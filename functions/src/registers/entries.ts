// The declared books' entries: one set of use cases for every register, driven by its declaration —
// its schema (applied at the edge), its cross-field checks, its derived values and the facts an entry
// earns. Entries are stored flat and version-checked, each write with its audit record and its facts
// (earned, changed, or retracted) in one transaction. ID numbers are masked in every answer.
import {
  conflict,
  filteredPage,
  maskIdNumber,
  notFound,
  registerById,
  REGISTERS_AUDIT,
  retractFact,
  shanghaiDay,
  staleVersion,
  validationError,
  canonicalJson,
  type EntryListQuery,
  type EntryValues,
  type FieldErrors,
  type Office,
  type Page,
  type RegisterDeclaration,
  type RegisterEntry,
  type ScorableFact,
  type WithdrawEntryInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import type { RequestContext } from '../shared/request-context';
import { readable as readableRecord, requireActor, throwIfAny, writable as writableRecord, writableOffice as writableOfficeOf } from '../shared/record-access';
import { entriesRepository as repo, entryFacts, entryItems, entryWrites } from './entries-repository';

const ENTRY = '台账记录';

// ---- Access ------------------------------------------------------------------------------------------

export { requireActor };

/** The declaration the path names; an unknown register is a 404. */
export const declarationOf = (register: string): RegisterDeclaration => {
  const d = registerById(register);
  if (!d) throw notFound('台账');
  return d;
};

/** The office a new entry (or an import) is filed under: it must exist and be the caller's to keep (403 otherwise). */
export const writableOffice = (ctx: RequestContext, officeId: string) => writableOfficeOf(ctx, officeId, '只能登记本所的台账');

const readable = (ctx: RequestContext, entry: RegisterEntry | undefined) => readableRecord(ctx, entry, ENTRY);

/** A stored entry the caller may change: readable, its office's books the caller's to keep, and not withdrawn. */
const writable = (ctx: RequestContext, entry: RegisterEntry | undefined): RegisterEntry => {
  const found = writableRecord(ctx, entry, ENTRY);
  if (found.status === 'withdrawn') throw conflict('该台账记录已撤销，不能再修改');
  return found;
};

// ---- The entry from its values ----------------------------------------------------------------------

/** The entry with its ID numbers masked (every answer, and the audit trail). */
export const maskEntry = (d: RegisterDeclaration, e: RegisterEntry): RegisterEntry => {
  const masked = { ...e };
  for (const f of d.fields) if (f.kind === 'idNumber' && typeof e[f.key] === 'string') masked[f.key] = maskIdNumber(e[f.key] as string);
  return masked;
};

/** The Shanghai day an entry is filed under: its date field's day, or its datetime field's Shanghai day. */
export const filedOnOf = (d: RegisterDeclaration, values: EntryValues): string => {
  const value = String(values[d.dateField]);
  return value.length === 10 ? value : shanghaiDay(new Date(value));
};

/** The declaration's cross-field problems of these values (field → message). */
export const entryProblems = (d: RegisterDeclaration, values: EntryValues, now: Date): FieldErrors => d.checks?.(values, now) ?? {};

/** The stored form of values: the declared fields as given (blank optional ones dropped), the derived beside them. */
const withDerived = (d: RegisterDeclaration, values: EntryValues): EntryValues => {
  const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { ...kept, ...(d.derive?.(kept) ?? {}) };
};

/** A new active entry of an office (the caller has checked the values). */
export const newEntry = (
  d: RegisterDeclaration,
  office: Office,
  values: EntryValues,
  by: { username: string; now: Date; id: string; importId?: string },
): RegisterEntry => {
  const at = by.now.toISOString();
  return {
    ...withDerived(d, values),
    id: by.id,
    register: d.id,
    officeId: office.id,
    areaId: office.areaId,
    filedOn: filedOnOf(d, values),
    status: 'active',
    version: 1,
    createdAt: at,
    createdBy: by.username,
    updatedAt: at,
    updatedBy: by.username,
    ...(by.importId ? { importId: by.importId } : {}),
  };
};

/** The facts an entry earns: none once withdrawn. */
export const factsOfEntry = (d: RegisterDeclaration, e: RegisterEntry): ScorableFact[] => (e.status === 'active' ? (d.factsOf?.(e) ?? []) : []);

/**
 * What a change publishes: the facts the entry now earns that are new or changed (an unchanged fact
 * is not sent again), and the retraction of each it no longer earns — by the fact's stable id.
 */
const factChanges = (d: RegisterDeclaration, before: RegisterEntry, after: RegisterEntry, now: Date) => {
  const had = new Map(factsOfEntry(d, before).map((f) => [f.id, canonicalJson(f)]));
  const earns = factsOfEntry(d, after);
  const earned = new Set(earns.map((f) => f.id));
  return {
    facts: earns.filter((f) => had.get(f.id) !== canonicalJson(f)),
    retractions: factsOfEntry(d, before).filter((f) => !earned.has(f.id)).map((f) => retractFact(f, now)),
  };
};

/** `channel:visit,extended:true` → field → value, each a declared filter and one of its values (400 on `filter` otherwise). */
const filtersOf = (d: RegisterDeclaration, filter: string | undefined): Record<string, unknown> => {
  if (!filter) return {};
  const wanted: Record<string, unknown> = {};
  for (const pair of filter.split(',')) {
    const [key, value] = pair.split(':') as [string, string];
    const field = d.filters.includes(key) ? d.fields.find((f) => f.key === key) : undefined;
    if (!field) throw validationError({ filter: `${d.shortName}不能按「${key}」筛选，可按：${d.filters.join('、')}` });
    if (field.kind === 'choice') {
      if (!field.options.some((o) => o.value === value)) throw validationError({ filter: `${field.label}应为：${field.options.map((o) => o.value).join('、')}` });
      wanted[key] = value;
    } else if (field.kind === 'flag') {
      if (value !== 'true' && value !== 'false') throw validationError({ filter: `${field.label}应为 true 或 false` });
      wanted[key] = value === 'true';
    } else {
      throw validationError({ filter: `${d.shortName}不能按「${key}」筛选` });
    }
  }
  return wanted;
};

const matches = (e: RegisterEntry, wanted: Record<string, unknown>) =>
  // An unset flag reads as "no".
  Object.entries(wanted).every(([k, v]) => (typeof v === 'boolean' ? (e[k] === true) === v : e[k] === v));

// ---- Use cases ---------------------------------------------------------------------------------------

export const entries = {
  create: async (ctx: RequestContext, register: string, input: EntryValues & { officeId: string }): Promise<RegisterEntry> => {
    const d = declarationOf(register);
    const actor = requireActor(ctx);
    const { officeId, ...values } = input;
    const office = await writableOffice(ctx, officeId);
    throwIfAny(entryProblems(d, values, ctx.now));
    const entry = newEntry(d, office, values, { username: actor.username, now: ctx.now, id: ulid(ctx.now.getTime()) });
    await repo.create(
      ctx,
      entryItems.entry(entry),
      { action: REGISTERS_AUDIT['entry.create'], targetId: entry.id, after: maskEntry(d, entry) },
      '台账记录编号重复，请重试',
      entryFacts({ facts: factsOfEntry(d, entry) }),
    );
    return maskEntry(d, entry);
  },

  list: async (ctx: RequestContext, register: string, q: EntryListQuery): Promise<Page<RegisterEntry>> => {
    const d = declarationOf(register);
    const actor = requireActor(ctx);
    const wanted = filtersOf(d, q.filter);
    const status = q.status ?? 'active';
    const filedBetween: [string, string] | undefined = q.from || q.to ? [q.from ?? '0000-00-00', q.to ?? '9999-99-99'] : undefined;
    if (q.from && q.to && q.from > q.to) throw validationError({ to: '结束日期不能早于开始日期' });
    const keep = (e: RegisterEntry) => (status === 'all' || e.status === status) && matches(e, wanted);
    const page = await filteredPage(
      (limit, cursor) => repo.pageInScope(actor, d.id, { officeId: q.officeId, limit, cursor, filedBetween }),
      keep,
      q.limit,
      q.cursor,
    );
    return { ...page, items: page.items.map((e) => maskEntry(d, e)) };
  },

  get: async (ctx: RequestContext, register: string, id: string): Promise<RegisterEntry> => {
    const d = declarationOf(register);
    return maskEntry(d, readable(ctx, await repo.getEntry(d.id, id)));
  },

  /** PUT: the fields as they should now be (a full replacement); the derived values and facts follow. */
  update: async (ctx: RequestContext, register: string, id: string, input: EntryValues & { version: number }): Promise<RegisterEntry> => {
    const d = declarationOf(register);
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getEntry(d.id, id));
    const { version, ...sent } = input;
    if (before.version !== version) throw staleVersion();
    // Answers carry ID numbers masked, so a form sends none back: one left out keeps the stored number.
    const kept = d.fields.filter((f) => f.kind === 'idNumber' && sent[f.key] === undefined && before[f.key] !== undefined);
    const values: EntryValues = { ...sent, ...Object.fromEntries(kept.map((f) => [f.key, before[f.key]])) };
    throwIfAny(entryProblems(d, values, ctx.now));
    const meta = Object.fromEntries(Object.entries(before).filter(([k]) => !d.fields.some((f) => f.key === k) && !d.derived.some((x) => x.key === k)));
    const after = {
      ...meta,
      ...withDerived(d, values),
      filedOn: filedOnOf(d, values),
      version: before.version + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: actor.username,
    } as RegisterEntry;
    await repo.transact(
      ctx,
      [entryWrites.putIfVersion(entryItems.entry(after), version)],
      { action: REGISTERS_AUDIT['entry.update'], targetId: id, before: maskEntry(d, before), after: maskEntry(d, after) },
      entryFacts(factChanges(d, before, after, ctx.now)),
      () => staleVersion(),
    );
    return maskEntry(d, after);
  },

  /** Withdrawing keeps the entry (status withdrawn, with the reason) and retracts every fact it earned. */
  withdraw: async (ctx: RequestContext, register: string, id: string, input: WithdrawEntryInput): Promise<RegisterEntry> => {
    const d = declarationOf(register);
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getEntry(d.id, id));
    if (before.version !== input.version) throw staleVersion();
    const at = ctx.now.toISOString();
    const after: RegisterEntry = {
      ...before, status: 'withdrawn', withdrawnAt: at, withdrawnBy: actor.username, withdrawnReason: input.reason,
      version: before.version + 1, updatedAt: at, updatedBy: actor.username,
    };
    await repo.transact(
      ctx,
      [entryWrites.putIfVersion(entryItems.entry(after), input.version)],
      { action: REGISTERS_AUDIT['entry.withdraw'], targetId: id, before: maskEntry(d, before), after: maskEntry(d, after), reason: input.reason },
      entryFacts(factChanges(d, before, after, ctx.now)),
      () => staleVersion(),
    );
    return maskEntry(d, after);
  },
};
