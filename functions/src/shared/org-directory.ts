// The org context's reference data as every office-scoped context reads it: offices (name, area,
// class) and dictionaries, from the org table by the keys the domain publishes (`officeRecordKey`,
// `dictionaryRecordKey`) — read-only, declared as `{ table: 'org', access: 'read' }` in the wiring.
// A context files each record under its office's area, so scope checks need no second lookup.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  bureauRecordKey,
  dictionaryRecordKey,
  notFound,
  OFFICE_PARTITION,
  officeRecordKey,
  type Bureau,
  type Dictionary,
  type DictionaryEntry,
  type DictionaryName,
  type Office,
} from '@sifasuo/domain';
import { dynamo, tableName } from './aws';
import { queryAll, withoutKeys } from './dynamo';

const org = () => tableName('org');

export const orgDirectory = {
  /** The county bureau (its name heads documents). */
  bureau: async (): Promise<Bureau> => {
    const r = await dynamo().send(new GetCommand({ TableName: org(), Key: bureauRecordKey() }));
    if (!r.Item) throw notFound('司法局信息');
    return withoutKeys<Bureau>(r.Item);
  },
  office: async (id: string): Promise<Office | undefined> => {
    const r = await dynamo().send(new GetCommand({ TableName: org(), Key: officeRecordKey(id) }));
    return r.Item ? withoutKeys<Office>(r.Item) : undefined;
  },
  /** Every office of the county, in id order. */
  offices: (): Promise<Office[]> => queryAll({ table: org(), partition: { name: 'PK', value: OFFICE_PARTITION } }, (i) => withoutKeys<Office>(i)),
  /** Every office of the county, by id. */
  officesById: async (): Promise<Map<string, Office>> => new Map((await orgDirectory.offices()).map((o) => [o.id, o])),
  /** A dictionary's entries (inactive ones too: old records still name them). */
  dictionary: async (name: DictionaryName): Promise<DictionaryEntry[]> => {
    const r = await dynamo().send(new GetCommand({ TableName: org(), Key: dictionaryRecordKey(name) }));
    if (!r.Item) throw notFound('字典');
    return withoutKeys<Dictionary>(r.Item).entries;
  },
};
