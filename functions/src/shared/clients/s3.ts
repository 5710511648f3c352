import { S3Client } from '@aws-sdk/client-s3';
import { ENV } from '@sifasuo/wiring/src/types';
import { lazy } from './lazy';

/** Locally (s3rver) path-style addressing, and checksums only where required: s3rver stores aws-chunked bodies as sent. */
export const s3 = /* @__PURE__ */ lazy(() =>
  process.env[ENV.localS3]
    ? new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' })
    : new S3Client({}),
);
