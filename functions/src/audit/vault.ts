// Consumer of the audit table's stream. Every new record is copied to the audit vault (S3 with
// Object Lock in AWS: nobody can alter or delete it for 180 days). The table is append-only, so a
// MODIFY or REMOVE can only be tampering: it is reported — with the old image kept in the vault —
// and logged as AUDIT_TAMPERING for the alarm.
import { HeadObjectCommand, PutObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { canonicalJson } from '@sifasuo/domain';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { bucketName, logger, s3 } from '../shared/aws';

type Image = Record<string, AttributeValue> | undefined;
const plain = (image: Image) => (image ? unmarshall(image as never) : undefined);

/** `records/DAY#2026-11-26/2026-11-26T08:00:00.000Z#01J….json`: one object per record, keyed by its table key. */
export const vaultKey = (keys: Record<string, unknown>) => `records/${String(keys.PK)}/${String(keys.SK)}.json`;

const exists = async (Key: string) => {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucketName('audit-vault'), Key }));
    return true;
  } catch (e) {
    if (e instanceof NotFound || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw e;
  }
};

/** Write-once: a redelivered insert finds its copy already there and writes nothing. */
const putOnce = async (Key: string, body: string) => {
  if (await exists(Key)) return;
  await s3().send(
    new PutObjectCommand({ Bucket: bucketName('audit-vault'), Key, Body: body, ContentType: 'application/json; charset=utf-8' }),
  );
};

const handle = async (record: DynamoDBRecord) => {
  const change = record.dynamodb;
  const keys = plain(change?.Keys as Image) ?? {};
  if (record.eventName === 'INSERT') {
    await putOnce(vaultKey(keys), canonicalJson(plain(change?.NewImage as Image)));
    return;
  }
  const report = {
    detectedAt: new Date().toISOString(),
    eventName: record.eventName,
    eventID: record.eventID,
    keys,
    oldImage: plain(change?.OldImage as Image),
    newImage: plain(change?.NewImage as Image),
  };
  logger.error('AUDIT_TAMPERING: an audit record was changed or removed', { eventName: record.eventName, keys });
  await putOnce(`tampering/${record.eventID}.json`, canonicalJson(report));
};

/** In order; the first failure stops the batch so nothing after it is handled before it. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    try {
      await handle(record);
    } catch (e) {
      logger.error('audit vault copy failed', { error: e as Error, eventID: record.eventID });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
