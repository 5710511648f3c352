// The audit vault (S3, Object Lock in AWS): write-once copies of audit records and tampering reports.
import { HeadObjectCommand, ListObjectsV2Command, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { canonicalJson } from '@sifasuo/domain';
import { bucketName, s3 } from '../shared/aws';

const bucket = () => bucketName('audit-vault');
const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** `records/DAY#2026-11-26/2026-11-26T08:00:00.000Z#01J….json`: one object per record, by its table key. */
export const recordKey = (keys: { PK: unknown; SK: unknown }) => `records/${String(keys.PK)}/${String(keys.SK)}.json`;

const exists = async (Key: string) => {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key }));
    return true;
  } catch (e) {
    if (e instanceof NotFound || statusOf(e) === 404) return false;
    throw e;
  }
};

/**
 * Write-once: a redelivered copy finds its object and writes nothing; two racing writers are settled
 * by S3's conditional write (If-None-Match, required by the bucket policy in AWS): 412 = already there.
 */
export const putOnce = async (Key: string, value: unknown): Promise<void> => {
  if (await exists(Key)) return;
  try {
    await s3().send(
      new PutObjectCommand({ Bucket: bucket(), Key, Body: canonicalJson(value), ContentType: 'application/json; charset=utf-8', IfNoneMatch: '*' }),
    );
  } catch (e) {
    if (statusOf(e) === 412) return;
    throw e;
  }
};

/** Every key under a prefix (all pages). */
export const keysUnder = async (Prefix: string): Promise<Set<string>> => {
  const keys = new Set<string>();
  let ContinuationToken: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix, ContinuationToken }));
    for (const o of page.Contents ?? []) if (o.Key) keys.add(o.Key);
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys;
};
