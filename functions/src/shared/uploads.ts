// The uploads kit: browsers PUT files straight into the `uploads` bucket by presigned URL (the API
// never carries their bytes), and functions read, keep and hand them back out.
//   incoming/<uploadId>  what the browser PUTs; expires after the bucket's `expireDays` (lifecycle rule)
//   kept/<uploadId>      copied there once a record keeps the file; never expires
// An upload id is a ULID the API hands out with the ticket; keys are built from nothing else.
import {
  CopyObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { validationError } from '@sifasuo/domain';
import { UPLOAD_PREFIXES } from '@sifasuo/wiring/src/types';
import { bucketName, s3 } from './aws';
import { presigningS3 } from './clients/s3';
import { attachmentDisposition } from './disposition';

const BUCKET = 'uploads';
const UPLOAD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const DEFAULT_TICKET_SECONDS = 900;

const checked = (uploadId: string) => {
  if (!UPLOAD_ID.test(uploadId)) throw validationError({ uploadId: '上传编号无效' });
  return uploadId;
};

const incomingKey = (uploadId: string) => `${UPLOAD_PREFIXES.incoming}${checked(uploadId)}`;
const keptKey = (uploadId: string) => `${UPLOAD_PREFIXES.kept}${checked(uploadId)}`;

const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
/** Nothing under the key (404: the functions may list the bucket, so S3 does not answer 403). */
const isMissing = (e: unknown) => e instanceof NoSuchKey || e instanceof NotFound || statusOf(e) === 404;

/** The size of an object, or undefined when there is none. */
const sizeOf = async (key: string): Promise<number | undefined> => {
  try {
    return (await s3().send(new HeadObjectCommand({ Bucket: bucketName(BUCKET), Key: key }))).ContentLength ?? 0;
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
};

/** `5MB`, `1.5MB`; below a megabyte in KB. */
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))}MB` : `${Math.floor(bytes / 1024)}KB`;

/** The bytes of an object, or undefined when there is none; larger than `maxBytes` is the user's 400. */
const bytesOf = async (key: string, maxBytes: number): Promise<Uint8Array | undefined> => {
  let object;
  try {
    object = await s3().send(new GetObjectCommand({ Bucket: bucketName(BUCKET), Key: key }));
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
  if ((object.ContentLength ?? 0) > maxBytes) {
    // Unread: the body's connection is closed rather than drained.
    (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
    throw validationError({ uploadId: `文件不能超过${sizeText(maxBytes)}` });
  }
  return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
};

const expiresAt = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

export const uploads = {
  /**
   * A presigned PUT of `incoming/<uploadId>`. The exact content length is signed (so the size is
   * bounded: S3 refuses any other body) and so is the content type (the browser sends `headers`).
   */
  async ticket(
    uploadId: string, file: { size: number; contentType: string }, now: Date, expiresInSeconds = DEFAULT_TICKET_SECONDS,
  ): Promise<{ url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string }> {
    const command = new PutObjectCommand({
      Bucket: bucketName(BUCKET), Key: incomingKey(uploadId), ContentLength: file.size, ContentType: file.contentType,
    });
    const url = await getSignedUrl(presigningS3(), command, {
      expiresIn: expiresInSeconds, signingDate: now, signableHeaders: new Set(['content-type']),
    });
    return { url, method: 'PUT', headers: { 'content-type': file.contentType }, expiresAt: expiresAt(now, expiresInSeconds) };
  },

  /**
   * The bytes of `incoming/<uploadId>` (or of `kept/` once kept and expired from incoming), or
   * undefined when nothing arrived; a file over `maxBytes` is a 400 on `uploadId`.
   */
  async read(uploadId: string, maxBytes: number): Promise<Uint8Array | undefined> {
    return (await bytesOf(incomingKey(uploadId), maxBytes)) ?? (await bytesOf(keptKey(uploadId), maxBytes));
  },

  /** Copies `incoming/<uploadId>` to `kept/<uploadId>` (once: again answers the kept size); undefined when nothing arrived. */
  async keep(uploadId: string): Promise<number | undefined> {
    const kept = await sizeOf(keptKey(uploadId));
    if (kept !== undefined) return kept;
    const size = await sizeOf(incomingKey(uploadId));
    if (size === undefined) return undefined;
    const bucket = bucketName(BUCKET);
    try {
      await s3().send(new CopyObjectCommand({
        Bucket: bucket, Key: keptKey(uploadId),
        // The key is a ULID under a prefix: nothing in it needs URL-encoding.
        CopySource: `${bucket}/${incomingKey(uploadId)}`,
      }));
    } catch (e) {
      // Expired between the look and the copy.
      if (isMissing(e)) return undefined;
      throw e;
    }
    return size;
  },

  /** A presigned GET of `kept/<uploadId>` that the browser saves under `fileName` (RFC 5987, Chinese names kept). */
  async downloadUrl(uploadId: string, fileName: string, now: Date, expiresInSeconds = DEFAULT_TICKET_SECONDS): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: bucketName(BUCKET), Key: keptKey(uploadId), ResponseContentDisposition: attachmentDisposition(fileName),
    });
    return getSignedUrl(presigningS3(), command, { expiresIn: expiresInSeconds, signingDate: now });
  },
};
