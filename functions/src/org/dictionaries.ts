// Editable dictionaries (dispute types, case sources, retention periods): read by every working
// role, changed by the county admin with versions.
import {
  DICTIONARY_LABELS,
  dictionaryName,
  notFound,
  type Dictionary,
  type UpdateDictionaryInput,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { requireAdmin, requireReferenceReader } from './access';
import { orgRepository as repo } from './repository';

const load = async (name: string) => {
  const parsed = dictionaryName.safeParse(name);
  const dict = parsed.success ? await repo.getDictionary(parsed.data) : undefined;
  if (!dict) throw notFound('字典');
  return dict;
};

export const dictionaries = {
  listDictionaries: async (ctx: RequestContext) => {
    requireReferenceReader(ctx);
    return { items: await repo.listDictionaries() };
  },

  getDictionary: async (ctx: RequestContext, name: string): Promise<Dictionary> => {
    requireReferenceReader(ctx);
    return load(name);
  },

  updateDictionary: async (ctx: RequestContext, name: string, { version, entries }: UpdateDictionaryInput): Promise<Dictionary> => {
    requireAdmin(ctx);
    const before = await load(name);
    const after: Dictionary = { ...before, label: DICTIONARY_LABELS[before.name], entries, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceDictionary(ctx, before, after, version);
    return after;
  },
};
