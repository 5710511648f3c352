// Setting up an environment's organisation: the county's bureau, departments, areas and offices, the
// default dictionaries, and accounts. Used by the demo seed (local) and by the operator's bootstrap
// command (AWS). Every step creates only what is absent, with its audit record, so it is safe to run
// again; a file that contradicts what is stored is refused before anything is written.
import {
  DEFAULT_DEPARTMENTS,
  DEFAULT_DICTIONARIES,
  DICTIONARY_LABELS,
  ORG_AUDIT,
  type CountyDefinition,
  type DictionaryName,
  type FieldErrors,
  type Office,
  type User,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { throwIfAny } from './access';
import { keys, orgRepository as repo, provisionItem } from './repository';

/** Areas and offices already stored must agree with the file (same central office, area and class). */
const conflictsWithStored = async (county: CountyDefinition): Promise<FieldErrors> => {
  const fields: FieldErrors = {};
  for (const [a, area] of county.areas.entries()) {
    const central = area.offices.find((o) => o.officeClass === 'central')!;
    const stored = await repo.getArea(area.id);
    if (stored && stored.centralOfficeId !== central.id) {
      fields[`areas.${a}.offices`] = `片区 ${area.id} 已有片区中心所 ${stored.centralOfficeId}`;
    }
    for (const [i, o] of area.offices.entries()) {
      const existing = await repo.getOffice(o.id);
      if (existing && (existing.areaId !== area.id || existing.officeClass !== o.officeClass)) {
        fields[`areas.${a}.offices.${i}.id`] = `司法所 ${o.id} 已存在，所属片区或所别与文件不同`;
      }
    }
  }
  return fields;
};

export const provisionCounty = async (ctx: RequestContext, county: CountyDefinition): Promise<Office[]> => {
  throwIfAny(await conflictsWithStored(county));
  const at = ctx.now.toISOString();
  const create = (item: Record<string, unknown>, type: 'bureau' | 'department' | 'area' | 'office' | 'dictionary', id: string, after: unknown) =>
    provisionItem(ctx, item, { action: ORG_AUDIT[`${type}.provision`], targetId: id, after });

  await create({ ...keys.bureau(), entity: 'bureau', ...county.bureau }, 'bureau', 'bureau', county.bureau);
  for (const d of DEFAULT_DEPARTMENTS) await create({ ...keys.department(d.id), entity: 'department', ...d }, 'department', d.id, d);
  const offices: Office[] = [];
  for (const area of county.areas) {
    const central = area.offices.find((o) => o.officeClass === 'central')!;
    const stored = { id: area.id, name: area.name, centralOfficeId: central.id };
    await create({ ...keys.area(area.id), entity: 'area', ...stored }, 'area', area.id, stored);
    for (const o of area.offices) {
      const office: Office = { ...o, areaId: area.id, version: 1, updatedAt: at };
      await create({ ...keys.office(office), entity: 'office', ...office }, 'office', office.id, office);
      offices.push(office);
    }
  }
  for (const [name, entries] of Object.entries(DEFAULT_DICTIONARIES)) {
    const dict = { name, label: DICTIONARY_LABELS[name as DictionaryName], entries, version: 1, updatedAt: at };
    await create({ ...keys.dictionary(name), entity: 'dictionary', ...dict }, 'dictionary', name, dict);
  }
  return offices;
};

/** Creates a user record (audited) unless it exists; its credentials are the auth context's to set. */
export const provisionUser = async (ctx: RequestContext, user: User): Promise<'created' | 'existed'> => {
  if (await repo.getUser(user.username)) return 'existed';
  await repo.createUser(ctx, user);
  return 'created';
};
