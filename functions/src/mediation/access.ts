// Who may do what with mediation records, and loading what a request names: shared by the use cases.
// Reading follows the office scope (a record outside it answers as missing); writing is the office's
// own (or the county admin's); reviews, returns and adoptions have predicates of their own in the domain.
import { DICTIONARY_LABELS, type DictionaryName, type FieldErrors } from '@sifasuo/domain';
import { orgDirectory } from '../shared/org-directory';
import { writableOffice as writableOfficeOf } from '../shared/record-access';
import type { RequestContext } from '../shared/request-context';
import type { OfficeScoped } from '../shared/scope';

export { officeNamed, readable, requireActor, throwIfAny, writable } from '../shared/record-access';

/** A new record of `officeId`: the office must exist and be the caller's to keep (403 otherwise). */
export const writableOffice = (ctx: RequestContext, officeId: string) => writableOfficeOf(ctx, officeId, '只能登记本所的调解工作记录');

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
