// The outbox forwarder: the stream consumer the kit gives every table declared with `outbox: true`.
// Each new outbox item is published to the bus as the event it names, in order; a failure stops the
// batch and the stream retries from it, so every item is published at least once and a redelivery
// carries the same detail (a fact keeps its id). Items were checked against their event's schema when
// they were written (outbox.ts), so the forwarder needs no context's schemas.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { streamConsumer } from './consumers';
import { putOnBus } from './events';
import { OUTBOX_ENTITY, type OutboxItem } from './outbox';

export const handler = streamConsumer('outbox', async (record, { logger, metrics }) => {
  const image = record.dynamodb?.NewImage;
  // Only new or re-written items: a removal (the TTL sweeping a forwarded item) publishes nothing.
  if (record.eventName === 'REMOVE' || !image) return;
  const item = unmarshall(image as Record<string, AttributeValue> as never) as Partial<OutboxItem>;
  if (item.entity !== OUTBOX_ENTITY) return;
  if (typeof item.source !== 'string' || typeof item.detailType !== 'string' || item.detail === undefined) {
    throw new Error(`outbox item ${item.PK} is incomplete (source, detailType, detail)`);
  }
  await putOnBus([{ source: item.source, detailType: item.detailType, detail: item.detail }]);
  metrics.addMetric('eventsForwarded', 'Count', 1);
  logger.debug('forwarded', { detailType: item.detailType, pk: item.PK });
});
