// Module-scope SDK clients and configuration, created once per container. Endpoints come from the
// standard AWS_ENDPOINT_URL_* variables, so the same code talks to AWS or to the local emulators.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { bucketById, ENV, tableById, type BucketId, type TableId } from '@sifasuo/wiring';

export const logger = new Logger({ serviceName: 'sifasuo' });

const lazy = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const dynamo = /* @__PURE__ */ lazy(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
export const cognito = /* @__PURE__ */ lazy(() => new CognitoIdentityProviderClient({}));
export const eventBridge = /* @__PURE__ */ lazy(() => new EventBridgeClient({}));
/** Locally (s3rver) path-style addressing, and checksums only where required: s3rver stores aws-chunked bodies as sent. */
export const s3 = /* @__PURE__ */ lazy(() =>
  process.env[ENV.localS3]
    ? new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' })
    : new S3Client({}),
);

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

export const tableName = (id: TableId) => required(tableById(id).env);
export const bucketName = (id: BucketId) => required(bucketById(id).env);
export const userPoolId = () => required(ENV.userPoolId);
export const userPoolClientId = () => required(ENV.userPoolClientId);
export const eventBusName = () => required(ENV.eventBus);
