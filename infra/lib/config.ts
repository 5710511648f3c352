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

/** ARN of a wiring bucket, as seen from `stack`. */
export const bucketArn = (stack: Stack, stage: string, id: BucketId) => `arn:${stack.partition}:s3:::${bucketPhysicalName(stack, stage, id)}`;

/** The ARN of a bucket's objects under `prefix` as cdk-nag prints it in a finding: pseudo parameters as `<AWS::X>` unless known. */
export const bucketObjectsArnAsNagPrintsIt = (stack: Stack, stage: string, id: BucketId, prefix = '') => {
  const lit = (v: string, pseudo: string) => (Token.isUnresolved(v) ? `<AWS::${pseudo}>` : v);
  return `arn:${lit(stack.partition, 'Partition')}:s3:::${resourceName(stage, id)}-${lit(stack.account, 'AccountId')}-${lit(stack.region, 'Region')}/${prefix}*`;
};

/** The China regions (partition aws-cn) need an explicit region to be recognised. */
export const inChina = (stack: Stack) => !Token.isUnresolved(stack.region) && stack.region.startsWith('cn-');

/**
 * The origins the portal is served from: what an uploads bucket's CORS admits. With `-c portalDomain`
 * that domain alone (production: in China the bureau's ICP-filed domain is required anyway). Without
 * one the portal lives at CloudFront's generated domain, which exists only once the web stack does,
 * and the web stack depends on this one (a reference back would be a cycle): then any CloudFront
 * domain of the partition — `*.cloudfront.net`, `*.cloudfront.cn` in China, both when the region is
 * unknown at synth. That is no opening: CORS admits no request by itself (S3 serves only a valid
 * presigned signature, which only the API hands out); it lets the portal's own page send the PUT.
 */
export const portalOrigins = (stack: Stack, portalDomain: string | undefined): string[] => {
  if (portalDomain) return [`https://${portalDomain}`];
  if (Token.isUnresolved(stack.region)) return ['https://*.cloudfront.net', 'https://*.cloudfront.cn'];
  return [inChina(stack) ? 'https://*.cloudfront.cn' : 'https://*.cloudfront.net'];
};

/**
 * Where browsers reach a wiring bucket by presigned URL (the SDK's virtual-hosted regional endpoint,
 * `<bucket>.s3.<region>.amazonaws.com[.cn]`): the portal's CSP lets its page connect there.
 */
export const bucketBrowserOrigin = (stack: Stack, stage: string, id: BucketId) =>
  `https://${bucketPhysicalName(stack, stage, id)}.s3.${stack.region}.${stack.urlSuffix}`;

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
