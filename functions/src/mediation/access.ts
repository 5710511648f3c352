// Who may do what with mediation records, and loading what a request names: shared by the use cases.
// Reading follows the office scope (a record outside it answers as missing); writing is the office's
// own (or the county admin's); reviews, returns and adoptions have predicates of their own in the domain.
import {
  canWriteOfficeRecords,
  forbidden,
  hiddenRecord,
  notFound,
  validationError,
  DICTIONARY_LABELS,
  type Actor,
  type DictionaryName,
  type FieldErrors,
  type Office,
} from '@sifasuo/domain';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { canReadRecord, type OfficeScoped } from '../shared/scope';

export const requireActor = (ctx: RequestContext): Actor => {
  if (!ctx.actor) throw forbidden();
  return ctx.actor;
};

/** Field problems found against stored data are the caller's mistake: 400. */
export const throwIfAny = (fields: FieldErrors) => {
  if (Object.keys(fields).length) throw validationError(fields);
};

/** The office a body names (400 on `field` when there is none), for filing a new record under its area. */
export const officeNamed = async (officeId: string, field = 'officeId'): Promise<Office> => {
  const office = await orgDirectory.office(officeId);
  if (!office) throw validationError({ [field]: `司法所 ${officeId} 不存在` });
  return office;
};

/** A new record of `officeId`: the office must exist and be the caller's to keep (403 otherwise). */
export const writableOffice = async (ctx: RequestContext, officeId: string): Promise<Office> => {
  const actor = requireActor(ctx);
  const office = await officeNamed(officeId);
  if (!canWriteOfficeRecords(actor, office.id)) throw forbidden('只能登记本所的调解工作记录');
  return office;
};

/** A stored record the caller may read; one outside its scope answers like a missing one (audited as a denial). */
export const readable = <T extends OfficeScoped>(ctx: RequestContext, record: T | undefined, what: string): T => {
  const actor = requireActor(ctx);
  if (!record) throw notFound(what);
  if (!canReadRecord(actor, record)) throw hiddenRecord(what, `司法所 ${record.officeId} 超出数据范围`);
  return record;
};

/** A stored record the caller may change: readable, and its office's records are the caller's to keep. */
export const writable = <T extends OfficeScoped>(ctx: RequestContext, record: T | undefined, what: string): T => {
  const found = readable(ctx, record, what);
  if (!canWriteOfficeRecords(ctx.actor!, found.officeId)) throw forbidden(`只能维护本所的${what}`);
  return found;
};

/** Dictionary codes a body names must be entries of the org's dictionaries (400 on the field otherwise). */
export const dictionaryProblems = async (named: Record<string, { dictionary: DictionaryName; code: string }>): Promise<FieldErrors> => {
  const entries = new Map<DictionaryName, Set<string>>();
  for (const { dictionary } of Object.values(named)) {
    if (!entries.has(dictionary)) entries.set(dictionary, new Set((await orgDirectory.dictionary(dictionary)).filter((e) => e.active).map((e) => e.code)));
  }
  return Object.fromEntries(
    Object.entries(named).flatMap(([field, { dictionary, code }]) =>
      entries.get(dictionary)!.has(code) ? [] : [[field, `${DICTIONARY_LABELS[dictionary]}「${code}」不存在或已停用`]],
    ),
  );
};

/** The office reference the domain's predicates take. */
export const officeRef = (r: OfficeScoped) => ({ id: r.officeId, areaId: r.areaId });
