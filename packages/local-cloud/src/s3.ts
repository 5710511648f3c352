// S3 via s3rver 3.7.1, persisted on disk. Buckets from the wiring are created on every start.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { resourceName, type BucketDecl } from '@sifasuo/wiring';
import { HOST } from './util';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

export interface S3Handle {
  endpoint: string;
  stop(): Promise<void>;
}

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
    configureBuckets: decls.map((b) => ({ name: resourceName(stage, b.id) })),
  });
  // s3rver warns "the bucket already exists" on every restart through its logger; silent hides it.
  const addr = await server.run();
  return {
    endpoint: `http://${HOST}:${addr.port}`,
    stop: () => server.close(),
  };
}
