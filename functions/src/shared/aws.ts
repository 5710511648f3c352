// SDK clients and configuration. Each client is made on first use and kept for the container's life;
// endpoints come from the standard AWS_ENDPOINT_URL_* variables, so the same code talks to AWS or to
// the local emulators. Each client lives in a module of its own (clients/*) and this one only
// re-exports: with the functions package side-effect free, a bundle carries only the clients its
// function calls (importing @aws-sdk/lib-dynamodb at all keeps the DynamoDB client in a bundle).
// The wiring's pure leaf module: the joined wiring (every context's routes and schemas) stays out of bundles.
import { bucketEnv, ENV, tableEnv, type BucketId, type TableId } from '@sifasuo/wiring/src/types';

export { logger } from './logger';
export { dynamo } from './clients/dynamo';
export { kms } from './clients/kms';
export { eventBridge } from './clients/event-bridge';
export { s3 } from './clients/s3';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

export const tableName = (id: TableId) => required(tableEnv(id));
export const bucketName = (id: BucketId) => required(bucketEnv(id));
export const signingKey = () => required(ENV.signingKey);
/** Set in AWS only (CloudFront's secret header); locally there is no CloudFront to check for. */
export const originSecret = () => process.env[ENV.originSecret] || undefined;
export const eventBusName = () => required(ENV.eventBus);
