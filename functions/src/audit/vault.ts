// Consumer of the audit table's stream. Every new record is copied to the audit vault (S3 with
// Object Lock in AWS: nobody can alter or delete it for 180 days). The table is append-only, so a
// MODIFY or REMOVE can only be tampering: it is reported — with the old image kept in the vault —
// and logged as AUDIT_TAMPERING for the alarm. A copy the stream could not make is made by the
// nightly digest, which checks the vault against the day's records.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { streamConsumer } from '../shared/consumers';
import { putOnce, recordKey } from './vault-store';

type Image = Record<string, AttributeValue> | undefined;
const plain = (image: Image) => (image ? unmarshall(image as never) : undefined);

/** In order; the first failure stops the batch so nothing after it is handled before it. */
export const handler = streamConsumer('audit', async (record, { logger }) => {
  const change = record.dynamodb;
  const keys = plain(change?.Keys as Image) ?? {};
  if (record.eventName === 'INSERT') {
    await putOnce(recordKey(keys as { PK: unknown; SK: unknown }), plain(change?.NewImage as Image));
    return;
  }
  logger.error('AUDIT_TAMPERING: an audit record was changed or removed', { eventName: record.eventName, keys });
  await putOnce(`tampering/${record.eventID}.json`, {
    detectedAt: new Date().toISOString(),
    eventName: record.eventName,
    eventID: record.eventID,
    keys,
    oldImage: plain(change?.OldImage as Image),
    newImage: plain(change?.NewImage as Image),
  });
});
