// Setting up an environment's organisation: the county's bureau, departments, areas and offices, the
// default dictionaries, and accounts. Used by the demo seed (local) and by the operator's bootstrap
// command (AWS). Every step creates only what is absent, so it is safe to run again.
import {
  DEFAULT_DEPARTMENTS,
  DEFAULT_DICTIONARIES,
  DICTIONARY_LABELS,
  isDomainError,
  type CountyDefinition,
  type DictionaryName,
  type Office,
  type User,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/audit-writer';
import { directory } from './directory';
import { keys, orgRepository, putIfAbsent } from './repository';

export const provisionCounty = async (county: CountyDefinition, now: Date): Promise<Office[]> => {
  const at = now.toISOString();
  await putIfAbsent({ ...keys.bureau(), entity: 'bureau', ...county.bureau });
  for (const d of DEFAULT_DEPARTMENTS) await putIfAbsent({ ...keys.department(d.id), entity: 'department', ...d });
  const offices: Office[] = [];
  for (const area of county.areas) {
    const central = area.offices.find((o) => o.officeClass === 'central')!;
    await putIfAbsent({ ...keys.area(area.id), entity: 'area', id: area.id, name: area.name, centralOfficeId: central.id });
    for (const o of area.offices) {
      const office: Office = { ...o, areaId: area.id, version: 1, updatedAt: at };
      await putIfAbsent({ ...keys.office(office), entity: 'office', ...office });
      offices.push(office);
    }
  }
  for (const [name, entries] of Object.entries(DEFAULT_DICTIONARIES)) {
    await putIfAbsent({
      ...keys.dictionary(name), entity: 'dictionary', name, label: DICTIONARY_LABELS[name as DictionaryName], entries, version: 1, updatedAt: at,
    });
  }
  return offices;
};

/**
 * Creates an account (sign-in identity + user record, audited) unless the record exists. A sign-in
 * identity left behind by an interrupted run is reused with the given password.
 */
export const provisionUser = async (ctx: RequestContext, user: User, password: string): Promise<'created' | 'existed'> => {
  if (await orgRepository.getUser(user.username)) return 'existed';
  try {
    await directory.createUser(user, password);
  } catch (e) {
    if (!(isDomainError(e) && e.code === 'CONFLICT')) throw e;
    await directory.setPassword(user.username, password);
  }
  await directory.syncUser(user);
  await orgRepository.createUser(ctx, user);
  return 'created';
};
