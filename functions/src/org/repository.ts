// The org table (single-table design inside the context). Keys:
//   bureau       PK BUREAU            SK BUREAU
//   department   PK DEPT              SK <id>
//   area         PK AREA              SK <id>
//   office       PK OFFICE            SK <id>          GSI1 AREA#<areaId> / OFFICE#<id>
//   staff        PK STAFF#<id>        SK STAFF         GSI1 OFFICE#<officeId>#STAFF / <id>
//   user         PK USER#<username>   SK USER          GSI1 USER / <username>   (the auth context reads it: userRecordKey)
//   dictionary   PK DICT              SK <name>
// Every list is a Query on a key. Updates are conditional on the version read (stale → 409).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  ORG_AUDIT,
  type Area,
  type Bureau,
  type Department,
  type Dictionary,
  type DictionaryName,
  type Office,
  type Page,
  type Staff,
  type User,
  dictionaryRecordKey,
  OFFICE_PARTITION,
  officeRecordKey,
  userRecordKey,
} from '@sifasuo/domain';
import { GSI1, indexKeys } from '@sifasuo/wiring/src/types';
import { createAudited, createIfAbsent, replaceAudited, type AuditedChange } from '../shared/audited';
import { dynamo, tableName } from '../shared/aws';
import type { RequestContext } from '../shared/request-context';
import { queryAll, queryPage, withoutKeys } from '../shared/dynamo';

const table = () => tableName('org');

const get = async <T>(PK: string, SK: string): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: table(), Key: { PK, SK }, ConsistentRead: true }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

const G1 = indexKeys(GSI1);

export const keys = {
  bureau: () => ({ PK: 'BUREAU', SK: 'BUREAU' }),
  department: (id: string) => ({ PK: 'DEPT', SK: id }),
  area: (id: string) => ({ PK: 'AREA', SK: id }),
  office: (o: Pick<Office, 'id' | 'areaId'>) => ({ ...officeRecordKey(o.id), [G1.pk]: `AREA#${o.areaId}`, [G1.sk]: `OFFICE#${o.id}` }),
  staff: (s: Pick<Staff, 'id' | 'officeId'>) => ({ PK: `STAFF#${s.id}`, SK: 'STAFF', [G1.pk]: `OFFICE#${s.officeId}#STAFF`, [G1.sk]: s.id }),
  user: (username: string) => ({ ...userRecordKey(username), [G1.pk]: 'USER', [G1.sk]: username }),
  dictionary: (name: string) => dictionaryRecordKey(name),
};

const byGsi1 = (value: string) => ({ table: table(), index: GSI1, partition: { name: G1.pk, value } });

/** Provisioning (seed, bootstrap): creates an item with its audit record unless it exists. */
export const provisionItem = (ctx: RequestContext, item: Record<string, unknown>, audit: AuditedChange) =>
  createIfAbsent(ctx, table(), item, audit);

export const orgRepository = {
  getBureau: () => get<Bureau>('BUREAU', 'BUREAU'),
  listDepartments: () => queryAll({ table: table(), partition: { name: 'PK', value: 'DEPT' } }, (i) => withoutKeys<Department>(i)),
  getDepartment: (id: string) => get<Department>('DEPT', id),
  listAreas: () => queryAll({ table: table(), partition: { name: 'PK', value: 'AREA' } }, (i) => withoutKeys<Area>(i)),
  getArea: (id: string) => get<Area>('AREA', id),

  getOffice: (id: string) => get<Office>(OFFICE_PARTITION, id),
  listOffices: (limit: number, cursor?: string): Promise<Page<Office>> =>
    queryPage({ table: table(), partition: { name: 'PK', value: OFFICE_PARTITION }, limit, cursor }, (i) => withoutKeys<Office>(i)),
  listOfficesOfArea: (areaId: string, limit: number, cursor?: string): Promise<Page<Office>> =>
    queryPage(
      { ...byGsi1(`AREA#${areaId}`), limit, cursor },
      (i) => withoutKeys<Office>(i),
    ),
  /** Every office (49 in a county): the homes' figures. */
  allOffices: () => queryAll({ table: table(), partition: { name: 'PK', value: OFFICE_PARTITION } }, (i) => withoutKeys<Office>(i)),
  allOfficesOfArea: (areaId: string) => queryAll(byGsi1(`AREA#${areaId}`), (i) => withoutKeys<Office>(i)),
  createOffice: (ctx: RequestContext, office: Office) =>
    createAudited(ctx, table(), { ...keys.office(office), entity: 'office', ...office }, {
      action: ORG_AUDIT['office.create'], targetId: office.id, after: office,
    }, `司法所编号 ${office.id} 已存在`),
  replaceOffice: (ctx: RequestContext, before: Office, after: Office, expectedVersion: number) =>
    replaceAudited(ctx, table(), { ...keys.office(after), entity: 'office', ...after }, expectedVersion, {
      action: ORG_AUDIT['office.update'], targetId: after.id, before, after,
    }),

  getStaff: (id: string) => get<Staff>(`STAFF#${id}`, 'STAFF'),
  listStaff: (officeId: string, limit: number, cursor?: string): Promise<Page<Staff>> =>
    queryPage(
      { ...byGsi1(`OFFICE#${officeId}#STAFF`), limit, cursor },
      (i) => withoutKeys<Staff>(i),
    ),
  allStaffOf: (officeId: string) => queryAll(byGsi1(`OFFICE#${officeId}#STAFF`), (i) => withoutKeys<Staff>(i)),
  createStaff: (ctx: RequestContext, staff: Staff) =>
    createAudited(ctx, table(), { ...keys.staff(staff), entity: 'staff', ...staff }, {
      action: ORG_AUDIT['staff.create'], targetId: staff.officeId, after: staff,
    }, '工作人员编号重复，请重试'),
  replaceStaff: (ctx: RequestContext, before: Staff, after: Staff, expectedVersion: number) =>
    replaceAudited(ctx, table(), { ...keys.staff(after), entity: 'staff', ...after }, expectedVersion, {
      action: ORG_AUDIT['staff.update'], targetId: after.id, before, after,
    }),

  getUser: (username: string) => {
    const { PK, SK } = userRecordKey(username);
    return get<User>(PK, SK);
  },
  listUsers: (limit: number, cursor?: string): Promise<Page<User>> =>
    queryPage(
      { ...byGsi1('USER'), limit, cursor },
      (i) => withoutKeys<User>(i),
    ),
  allUsers: () => queryAll(byGsi1('USER'), (i) => withoutKeys<User>(i)),
  createUser: (ctx: RequestContext, user: User) =>
    createAudited(ctx, table(), { ...keys.user(user.username), entity: 'user', ...user }, {
      action: ORG_AUDIT['user.create'], targetId: user.username, after: user,
    }, `用户名 ${user.username} 已存在`),
  replaceUser: (ctx: RequestContext, before: User, after: User, expectedVersion: number) =>
    replaceAudited(ctx, table(), { ...keys.user(after.username), entity: 'user', ...after }, expectedVersion, {
      action: ORG_AUDIT['user.update'], targetId: after.username, before, after,
    }),

  listDictionaries: () =>
    queryAll({ table: table(), partition: { name: 'PK', value: 'DICT' } }, (i) => withoutKeys<Dictionary>(i)),
  getDictionary: (name: DictionaryName) => get<Dictionary>('DICT', name),
  replaceDictionary: (ctx: RequestContext, before: Dictionary, after: Dictionary, expectedVersion: number) =>
    replaceAudited(ctx, table(), { ...keys.dictionary(after.name), entity: 'dictionary', ...after }, expectedVersion, {
      action: ORG_AUDIT['dictionary.update'], targetId: after.name, before, after,
    }),
};
