// Outbox items: events written in the same transaction as the record that causes them, in the
// context's own table. The table's stream hands them to the outbox forwarder, which publishes them —
// so a crash between the write and the publish loses nothing, and a failed write publishes nothing.
import type { FactRetraction, ScorableFact } from '@sifasuo/domain';
import { factEvents } from '@sifasuo/wiring/src/facts';
import { eventSource, type ContextName, type EventDecl } from '@sifasuo/wiring/src/types';
import { ulid } from 'ulid';
import type * as z from 'zod';

export const OUTBOX_ENTITY = 'outbox';
/** Forwarded items expire after a week (DynamoDB TTL in AWS); the stream has long delivered them. */
const OUTBOX_TTL_SECONDS = 7 * 86_400;

export interface OutboxItem {
  PK: string;
  SK: string;
  entity: typeof OUTBOX_ENTITY;
  source: string;
  detailType: string;
  detail: unknown;
  createdAt: string;
  expiresAt: number;
}

/** One outbox item for a declared event; the detail is checked against the event's schema here. */
export const outboxItem = <S extends z.ZodType>(context: ContextName, event: EventDecl<string, S>, detail: z.input<S>, now: Date): OutboxItem => ({
  // Unique per emission: the stable identity travels inside the detail (a fact's id).
  PK: `OUTBOX#${ulid(now.getTime())}`,
  SK: 'OUTBOX',
  entity: OUTBOX_ENTITY,
  source: eventSource(context),
  detailType: event.name,
  detail: event.detail.parse(detail),
  createdAt: now.toISOString(),
  expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
});

export interface FactsToRecord {
  context: ContextName;
  /** Physical name of the context's table (the one declared with `outbox: true`). */
  table: string;
  /** Built with `makeFact` (stable id, Shanghai month). */
  facts?: readonly ScorableFact[];
  retractions?: readonly FactRetraction[];
}

/** The transaction items that carry facts and retractions along with the record that earns them. */
export const factPuts = (f: FactsToRecord, now: Date) => [
  ...(f.facts ?? []).map((fact) => outboxItem(f.context, factEvents.FactRecorded, fact, now)),
  ...(f.retractions ?? []).map((r) => outboxItem(f.context, factEvents.FactRetracted, r, now)),
].map((Item) => ({ Put: { TableName: f.table, Item, ConditionExpression: 'attribute_not_exists(PK)' } }));
