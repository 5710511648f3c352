import { S3Client } from '@aws-sdk/client-s3';
import { ENV } from '@sifasuo/wiring/src/types';
import { lazy } from './lazy';

/** Checksums only where an operation requires one. */
const CHECKSUMS_WHEN_REQUIRED = { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } as const;

/** Locally (s3rver) path-style addressing, and checksums only where required: s3rver stores aws-chunked bodies as sent. */
export const s3 = /* @__PURE__ */ lazy(() =>
  process.env[ENV.localS3] ? new S3Client({ forcePathStyle: true, ...CHECKSUMS_WHEN_REQUIRED }) : new S3Client({}),
);

/**
 * Presigns the requests browsers make (uploads kit). With the SDK's default checksums a presigned PUT
 * carries the CRC32 of the empty body the SDK had when signing, and S3 refuses every real file.
 */
export const presigningS3 = /* @__PURE__ */ lazy(() =>
  process.env[ENV.localS3] ? s3() : new S3Client(CHECKSUMS_WHEN_REQUIRED),
);
