// The demo seeds' writes (local only): thousands of items go in parallel BatchWrites rather than one
// transaction each, and a seed resumes where a failed run stopped.
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SeedEvent, SeedResult } from '@sifasuo/wiring/src/types';
import { dynamo } from './aws';
import { chunksOf, forEachInParallel } from './parallel';
import type { RequestContext } from './request-context';

type Item = Record<string, unknown>;

const BATCH = 25;
const PARALLEL = 8;

/** BatchWrites of 25, eight at a time; what DynamoDB leaves unprocessed is sent again. */
export const putAll = async (table: string, items: Item[]) => {
  const write = async (batch: Item[]) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const r = await dynamo().send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (r.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  await forEachInParallel(chunksOf(items, BATCH), PARALLEL, write);
};

/** What a resumable seed's marker holds: the clock and size of its first run, and how far it got. */
interface SeedMarker {
  clock: string;
  demo: SeedEvent['demo'];
  /** Items (in the order `build` gives them) already stored. */
  written: number;
  done: boolean;
  summary?: string;
}

/** Items between two progress notes in the marker. */
const WAVE = 1_000;

/**
 * A context's demo seed, safe to run again: a marker item (`SEED#<name>`) holds the clock and size of
 * the first run and how many items are stored, so a run after a failure generates the very same items
 * (ids and keys are deterministic) and carries on where it stopped, and a run after success writes
 * nothing. `build` makes the items from the first run's clock and size; `finish` (with a system
 * request context for its audit record) answers the start log's summary once every item is stored.
 */
export const resumableSeed = async <Built extends { items: Item[] }>(
  seed: { name: string; table: string; clock: Date; demo: SeedEvent['demo'] },
  build: (now: Date, demo: SeedEvent['demo']) => Promise<Built>,
  finish: (built: Built, run: { now: Date; ctx: RequestContext; seconds: number }) => Promise<string>,
): Promise<SeedResult> => {
  const t0 = Date.now();
  const key = { PK: `SEED#${seed.name}`, SK: 'SEED' };
  const stored = (await dynamo().send(new GetCommand({ TableName: seed.table, Key: key, ConsistentRead: true }))).Item as SeedMarker | undefined;
  if (stored?.done) return { summary: `已有演示数据（${stored.summary ?? stored.clock}）` };
  const marker: SeedMarker = stored ?? { clock: seed.clock.toISOString(), demo: seed.demo, written: 0, done: false };
  const note = (m: SeedMarker) => dynamo().send(new PutCommand({ TableName: seed.table, Item: { ...key, entity: 'seed', ...m } }));
  if (!stored) await note(marker);
  const now = new Date(marker.clock);
  const built = await build(now, marker.demo);
  for (let from = marker.written; from < built.items.length; from += WAVE) {
    await putAll(seed.table, built.items.slice(from, from + WAVE));
    await note({ ...marker, written: Math.min(built.items.length, from + WAVE) });
  }
  const ctx: RequestContext = { actor: { username: 'system-seed', displayName: '演示数据初始化', roles: [] }, requestId: 'seed', now: new Date(Math.max(Date.now(), now.getTime())) };
  const summary = await finish(built, { now, ctx, seconds: (Date.now() - t0) / 1000 });
  await note({ ...marker, written: built.items.length, done: true, summary });
  return { summary };
};

/** The seed handlers' clock: the folder's demo clock when the cloud gives one (a marker's own clock still wins: a resumed run keeps its first instant). */
export const seedClock = (event?: Partial<SeedEvent>) => (event?.clock ? new Date(event.clock) : new Date());
