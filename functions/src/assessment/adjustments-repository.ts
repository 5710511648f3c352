// Deductions and bonuses of a month (PK ADJUST#<month>, SK <officeId>#<id>). The id carries the month
// and the office, so the withdraw route finds the item by its id alone.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { assessmentTable, keys, type AdjustmentItem } from './keys';

/** `2026-10-0101-<ulid>`: month, office, then a ULID. */
export const adjustmentIdOf = (month: string, officeId: string, unique: string) => `${month}-${officeId}-${unique}`;
export const parseAdjustmentId = (id: string): { month: string; officeId: string } | undefined => {
  const m = /^(\d{4}-(?:0[1-9]|1[0-2]))-(\d{4})-[0-9A-HJKMNP-TV-Z]{26}$/.exec(id);
  return m ? { month: m[1]!, officeId: m[2]! } : undefined;
};

/** A month's adjustments (withdrawn ones too), of one office when given, in office then time order. */
export const monthAdjustments = (month: string, officeId?: string): Promise<AdjustmentItem[]> =>
  queryAll(
    {
      table: assessmentTable(),
      partition: { name: 'PK', value: keys.adjustments(month).PK },
      ...(officeId ? { sortKey: { name: 'SK', beginsWith: `${officeId}#` } } : {}),
    },
    (i) => withoutKeys<AdjustmentItem>(i),
  );

export const getAdjustment = async (id: string): Promise<AdjustmentItem | undefined> => {
  const at = parseAdjustmentId(id);
  if (!at) return undefined;
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.adjustment({ ...at, id }), ConsistentRead: true }));
  return r.Item ? withoutKeys<AdjustmentItem>(r.Item) : undefined;
};
