// Deductions and bonuses of a month (PK ADJUST#<month>, SK <officeId>#<id>). The id carries the month
// and the office, so the withdraw route finds the item by its id alone.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { assessmentTable, keys, type AdjustmentItem } from './keys';

/** The month and office an id (`adjustmentIdOf`: `2026-10-0101-<ulid>`) names. */
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

/** The month's active adjustments (deductions and bonuses) of every office, by office. */
export const activeAdjustments = async (month: string): Promise<Map<string, AdjustmentItem[]>> => {
  const byOffice = new Map<string, AdjustmentItem[]>();
  for (const a of (await monthAdjustments(month)).filter((a) => a.status === 'active')) byOffice.set(a.officeId, [...(byOffice.get(a.officeId) ?? []), a]);
  return byOffice;
};

export const getAdjustment = async (id: string): Promise<AdjustmentItem | undefined> => {
  const at = parseAdjustmentId(id);
  if (!at) return undefined;
  const r = await dynamo().send(new GetCommand({ TableName: assessmentTable(), Key: keys.adjustment({ ...at, id }), ConsistentRead: true }));
  return r.Item ? withoutKeys<AdjustmentItem>(r.Item) : undefined;
};
