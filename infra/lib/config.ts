// Stage, names and locations shared by every stack of the app.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { Stack, Token } from 'aws-cdk-lib';
import { resourceName, type BucketId } from '@sifasuo/wiring';

/**
 * A wiring bucket's physical name, computed the same way in every stack (S3 names are global, hence
 * account and region): grants and environments then name the bucket without a cross-stack reference.
 */
export const bucketPhysicalName = (stack: Stack, stage: string, id: BucketId) =>
  `${resourceName(stage, id)}-${stack.account}-${stack.region}`;

/** ARNs of a wiring bucket and of its objects, as seen from `stack`. */
export const bucketArns = (stack: Stack, stage: string, id: BucketId) => {
  const bucket = `arn:${stack.partition}:s3:::${bucketPhysicalName(stack, stage, id)}`;
  return { bucket, objects: `${bucket}/*` };
};

/** The same ARN as cdk-nag prints it in a finding: pseudo parameters as `<AWS::X>` unless known. */
export const bucketObjectsArnAsNagPrintsIt = (stack: Stack, stage: string, id: BucketId) => {
  const lit = (v: string, pseudo: string) => (Token.isUnresolved(v) ? `<AWS::${pseudo}>` : v);
  return `arn:${lit(stack.partition, 'Partition')}:s3:::${resourceName(stage, id)}-${lit(stack.account, 'AccountId')}-${lit(stack.region, 'Region')}/*`;
};

// At most 15 characters: `sifasuo-<stage>-audit-vault-<account>-<region>` must stay within S3's 63.
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{1,14}$/;

/** `-c stage=NAME` (default `dev`), checked so names stay valid and short. */
export const parseStage = (raw: unknown): string => {
  const stage = raw === undefined || raw === null || raw === '' ? 'dev' : String(raw);
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`stage "${stage}" must match ${STAGE_PATTERN} (lower-case letter, then 1-14 of a-z 0-9 -)`);
  }
  return stage;
};

/**
 * The repository root: the nearest folder upwards from `start` holding `cdk.json` and the wiring.
 * Works the same under `cdk synth` (cwd = root) and jest (cwd = root or a sub-folder), without
 * `import.meta` (jest runs this code as CommonJS).
 */
export const findRepoRoot = (start: string = process.cwd()): string => {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'cdk.json')) && existsSync(join(dir, 'packages', 'wiring'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no repository root (cdk.json + packages/wiring) above ${start}`);
    dir = up;
  }
};

/** The `context` block of cdk.json (feature flags): tests build their App with it, as the CLI does. */
export const cdkJsonContext = (repoRoot: string = findRepoRoot()): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
