// S3 via s3rver 3.7.1, persisted on disk. Buckets from the wiring are created on every start; an
// `uploads` bucket gets the CORS rules browsers need to PUT into it by presigned URL.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { resourceName, UPLOADS_CORS, type BucketDecl } from '@sifasuo/wiring';
import { localCredentials } from './config';
import { HOST } from './util';

const require = createRequire(import.meta.url);

interface KoaContext {
  method: string;
  url: string;
  get(header: string): string;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  /** Koa's middleware list (S3rver is a Koa application). */
  middleware: Middleware[];
}

export interface S3Handle {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Pages that may use an upload bucket from a browser: the local gateway serves the portal on
 * loopback, on a port chosen after S3 starts (0 picks a free one), so any loopback origin. The
 * presigned signature, not CORS, is what admits a request.
 */
export const LOCAL_UPLOAD_ORIGINS = [`http://${HOST}:*`, 'http://localhost:*'] as const;

/** The wiring's CORS rule of an uploads bucket (the CDK gives AWS the same), in S3's XML, for `origins`. */
export const uploadsCorsXml = (origins: readonly string[]) =>
  [
    '<CORSConfiguration><CORSRule>',
    ...origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`),
    ...UPLOADS_CORS.methods.map((m) => `<AllowedMethod>${m}</AllowedMethod>`),
    ...UPLOADS_CORS.headers.map((h) => `<AllowedHeader>${h}</AllowedHeader>`),
    ...UPLOADS_CORS.exposeHeaders.map((h) => `<ExposeHeader>${h}</ExposeHeader>`),
    `<MaxAgeSeconds>${UPLOADS_CORS.maxAgeSeconds}</MaxAgeSeconds>`,
    '</CORSRule></CORSConfiguration>',
  ].join('');

export async function startS3(dataDir: string, port: number, decls: readonly BucketDecl[], stage = 'local'): Promise<S3Handle> {
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => S3rverInstance;
  const server = new S3rver({
    address: HOST,
    port,
    directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: decls.map((b) => ({
      name: resourceName(stage, b.id),
      ...(b.uploads ? { configs: [uploadsCorsXml(LOCAL_UPLOAD_ORIGINS)] } : {}),
    })),
  });
  // First in the chain: s3rver itself accepts any SigV4 signature, S3 does not.
  server.middleware.unshift(verifyPresignedV4);
  // s3rver warns "the bucket already exists" on every restart through its logger; silent hides it.
  const addr = await server.run();
  return {
    endpoint: `http://${HOST}:${addr.port}`,
    stop: () => server.close(),
  };
}

// ---- Presigned SigV4 ---------------------------------------------------------------------------------
// s3rver checks a presigned URL's expiry but not its signature. A browser's PUT must be refused as S3
// refuses it when it differs from what was signed (another length, another content type), so the
// signature of query-signed requests is computed again here (AWS SigV4, S3 flavour: the path is
// signed as sent, not encoded twice) and compared. Header-signed SDK requests are left to s3rver.

const S3Error = require('s3rver/lib/models/error') as new (code: string, message: string, detail?: Record<string, string>) => Error;

/** RFC 3986 encoding, as SigV4 wants it. */
const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** Decoded by hand: URLSearchParams would read a `+` as a space, which SigV4 does not. */
const queryParams = (rawQuery: string) => {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new S3Error('InvalidArgument', 'The query string is not valid percent-encoding.');
    }
  };
  return new Map(rawQuery.split('&').filter(Boolean).map((pair): [string, string] => {
    const at = pair.indexOf('=');
    return at < 0 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
  }));
};

export const verifyPresignedV4: Middleware = async (ctx, next) => {
  const [path, rawQuery = ''] = ctx.url.split('?', 2);
  const params = queryParams(rawQuery);
  // A CORS preflight carries the URL's query but is never signed.
  if (ctx.method === 'OPTIONS' || params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return next();
  const provided = params.get('X-Amz-Signature') ?? '';
  const amzDate = params.get('X-Amz-Date') ?? '';
  const [, ...scopeParts] = (params.get('X-Amz-Credential') ?? '').split('/');
  const signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';');
  const canonicalQuery = [...params]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]): [string, string] => [uriEncode(name), uriEncode(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${ctx.get(h).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [
    ctx.method, path, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), params.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = scopeParts.join('/');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const [day = '', region = '', service = '', terminator = ''] = scopeParts;
  const key = hmac(hmac(hmac(hmac(`AWS4${localCredentials.secretAccessKey}`, day), region), service), terminator);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(provided, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new S3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      { StringToSign: stringToSign, CanonicalRequest: canonicalRequest },
    );
  }
  return next();
};
