// Loading what a request names, for every context's use cases: the caller, the office a body names,
// and stored office-scoped records as the caller may read or change them. Reading follows the office
// scope (a record outside it answers as missing, audited as a denial with the real reason); writing is
// the office's own (or the county admin's).
import { canWriteOfficeRecords, forbidden, hiddenRecord, notFound, validationError, type Actor, type FieldErrors, type Office } from '@sifasuo/domain';
import { orgDirectory } from './org-directory';
import type { RequestContext } from './request-context';
import { canReadRecord, type OfficeScoped } from './scope';

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

/** The office a new record is filed under: it must exist (400) and be the caller's to keep (403 with `refusal`). */
export const writableOffice = async (ctx: RequestContext, officeId: string, refusal: string): Promise<Office> => {
  const actor = requireActor(ctx);
  const office = await officeNamed(officeId);
  if (!canWriteOfficeRecords(actor, office.id)) throw forbidden(refusal);
  return office;
};

/** A stored record the caller may read; one outside its scope answers like a missing one (audited as a denial). */
export const readable = <T extends OfficeScoped>(ctx: RequestContext, record: T | undefined, what: string): T => {
  const actor = requireActor(ctx);
  if (!record) throw notFound(what);
  if (!canReadRecord(actor, record)) throw hiddenRecord(what, `司法所 ${record.officeId} 超出数据范围`);
  return record;
};

/** A stored record the caller may change: readable (so one out of scope stays a 404), and its office's records the caller's to keep. */
export const writable = <T extends OfficeScoped>(ctx: RequestContext, record: T | undefined, what: string): T => {
  const found = readable(ctx, record, what);
  if (!canWriteOfficeRecords(ctx.actor!, found.officeId)) throw forbidden(`只能维护本所的${what}`);
  return found;
};
