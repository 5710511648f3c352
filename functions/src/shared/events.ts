// Publishing declared domain events onto the bus (EventBridge in AWS, the local cloud's bus locally).
// Only an event the wiring declares can be published, and its detail is checked against its schema.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventSource, type ContextName, type EventDecl } from '@sifasuo/wiring/src/types';
import type * as z from 'zod';
import { eventBridge, eventBusName } from './aws';

export interface BusEntry {
  source: string;
  detailType: string;
  detail: unknown;
}

/** Puts up to 10 entries in one call; throws if any was not accepted (the caller retries them all). */
export const putOnBus = async (entries: readonly BusEntry[]): Promise<void> => {
  if (!entries.length) return;
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: entries.map((e) => ({ EventBusName: eventBusName(), Source: e.source, DetailType: e.detailType, Detail: JSON.stringify(e.detail) })),
    }),
  );
  if (result.FailedEntryCount) {
    const failed = result.Entries?.find((x) => x.ErrorCode);
    throw new Error(`${result.FailedEntryCount} event(s) not accepted: ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? 'unknown error'}`);
  }
};

/** A declared event's bus entry, its detail checked against its schema (for putOnBus, ten to a call). */
export const busEntry = <S extends z.ZodType>(context: ContextName, event: EventDecl<string, S>, detail: z.input<S>): BusEntry =>
  ({ source: eventSource(context), detailType: event.name, detail: event.detail.parse(detail) });

export const publishEvent = async <S extends z.ZodType>(context: ContextName, event: EventDecl<string, S>, detail: z.input<S>): Promise<void> =>
  putOnBus([busEntry(context, event, detail)]);

/** The detail of an EventBridge envelope a queue delivered (undefined when the body is not one). */
export const envelopeDetail = (envelope: unknown): unknown => (envelope as { detail?: unknown } | null)?.detail;
