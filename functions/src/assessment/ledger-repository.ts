// Reading the evidence ledger: an office's facts of a month as they stand (retractions applied by
// `factCounts`), and ledger items by id for the drill-down (retracted ones too, flagged).
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { ScorableFact } from '@sifasuo/domain';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { assessmentTable, factCounts, keys, type FactItem } from './keys';

/** Every ledger item of an office's month (recorded, retracted or both). */
export const officeLedger = (officeId: string, month: string): Promise<FactItem[]> =>
  queryAll({ table: assessmentTable(), partition: { name: 'PK', value: keys.facts(officeId, month).PK } }, (i) => withoutKeys<FactItem>(i));

/** The facts of an office's month that count now. */
export const effectiveFacts = async (officeId: string, month: string): Promise<ScorableFact[]> =>
  (await officeLedger(officeId, month)).filter(factCounts).map((i) => i.fact);

/** Ledger items by fact id (those missing are left out), with `retracted` where the fact no longer counts. */
export const ledgerFacts = async (officeId: string, month: string, factIds: readonly string[]): Promise<Array<ScorableFact & { retracted?: boolean }>> => {
  const out: Array<ScorableFact & { retracted?: boolean }> = [];
  const unique = [...new Set(factIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [assessmentTable()]: { Keys: unique.slice(i, i + 100).map((id) => keys.fact({ id, officeId, month })) },
    };
    while (request && Object.keys(request).length) {
      const r = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of r.Responses?.[assessmentTable()] ?? []) {
        const f = withoutKeys<FactItem>(item);
        if (f.fact) out.push(factCounts(f) ? f.fact : { ...f.fact, retracted: true });
      }
      request = r.UnprocessedKeys as typeof request;
    }
  }
  const order = new Map(unique.map((id, n) => [id, n]));
  return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
};
