// The demo seeds' bulk writes (local only): thousands of items go in parallel BatchWrites rather
// than one transaction each.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './aws';

type Item = Record<string, unknown>;

const BATCH = 25;
const PARALLEL = 8;

/** BatchWrites of 25, eight at a time; what DynamoDB leaves unprocessed is sent again. */
export const putAll = async (table: string, items: Item[]) => {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const write = async (batch: Item[]) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const r = await dynamo().send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (r.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < batches.length) await write(batches[next++]!);
  }));
};
