// Least-privilege grants derived from the wiring. DynamoDB grants name the table and each of its
// indexes (no `/index/*`, no `dynamodb:*`, no Scan: every list is a Query on a key), an
// append-only table only ever gets PutItem, and the session-token key is granted per `signing`.
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { tableById, tables, UPLOAD_PREFIXES, type BucketId, type FunctionDecl, type TableAccess, type TableId } from '@sifasuo/wiring';

export const DYNAMO_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
  readwrite: [
    'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable',
    'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
  ],
  // Append-only: a new item, never an update or a delete (the writer also puts with attribute_not_exists).
  append: ['dynamodb:PutItem'],
};

/** What DynamoDB needs from the table's customer-managed key on the caller's behalf. */
export const KMS_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readwrite: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  append: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
};

export type BucketAccess = NonNullable<FunctionDecl['buckets']>[number]['access'];

/**
 * Object Lock keeps every version: `write-once` may add objects and check for them, never delete.
 * `upload` presigns browsers' PUTs (a presigned URL carries the signer's rights: PutObject) and GETs,
 * reads what arrived (GetObject, which HeadObject also needs) and copies it to `kept/` (GetObject on
 * the source, PutObject on the copy). Never a delete: `incoming/` empties itself by lifecycle rule.
 */
export const S3_ACTIONS: Record<BucketAccess, readonly string[]> = {
  'write-once': ['s3:PutObject', 's3:GetObject'],
  read: ['s3:GetObject'],
  upload: ['s3:PutObject', 's3:GetObject'],
};

/** The object keys each access reaches (`<bucket>/<prefix>*`): every key, or the uploads kit's two prefixes. */
export const S3_OBJECT_PREFIXES: Record<BucketAccess, readonly string[]> = {
  'write-once': [''],
  read: [''],
  upload: [UPLOAD_PREFIXES.incoming, UPLOAD_PREFIXES.kept],
};

/**
 * On the bucket itself: without ListBucket, S3 answers HeadObject/GetObject of a missing key with
 * 403 instead of 404, and a write-once check could not tell "absent" from "refused".
 */
export const S3_BUCKET_ACTIONS: Record<BucketAccess, readonly string[]> = {
  'write-once': ['s3:ListBucket'],
  read: ['s3:ListBucket'],
  upload: ['s3:ListBucket'],
};

/**
 * What a function declaring `signing` may do with the session-token key: the auth API signs tokens
 * (and publishes the public key as the JWKS), the authorizer only verifies them with the public key.
 * Never kms:Verify (verification is local, with the public key) and never anything on another key.
 */
export const SIGNING_ACTIONS: Record<NonNullable<FunctionDecl['signing']>, readonly string[]> = {
  sign: ['kms:GetPublicKey', 'kms:Sign'],
  verify: ['kms:GetPublicKey'],
};

const uniq = (xs: Iterable<string>) => [...new Set(xs)].sort();

export interface GrantTargets {
  tables: ReadonlyMap<TableId, dynamodb.ITable>;
  /** ARN of each bucket (built from its physical name, no cross-stack reference). */
  bucketArn: (id: BucketId) => string;
  dataKey: kms.IKey;
  /** The asymmetric key that signs session tokens. */
  signingKey: kms.IKey;
}

/** Adds the wiring's table, bucket, stream and signing-key grants of `decl` to `role`. */
export const grantFromWiring = (role: iam.IGrantable, decl: FunctionDecl, to: GrantTargets) => {
  const kmsActions = new Set<string>();
  const byTable = new Map<TableId, Set<TableAccess>>();
  for (const { table, access } of decl.tables) {
    const t = tableById(table);
    if (t.appendOnly && access === 'readwrite') {
      throw new Error(`wiring: ${decl.id} asks readwrite on append-only table ${table}`);
    }
    byTable.set(table, (byTable.get(table) ?? new Set()).add(access));
  }
  for (const [tableId, accesses] of byTable) {
    const table = to.tables.get(tableId);
    if (!table) throw new Error(`infra: no table ${tableId}`);
    const actions = uniq([...accesses].flatMap((a) => DYNAMO_ACTIONS[a]));
    // Reads may use the indexes; an append-only grant is the bare table (PutItem has no index form).
    const reads = [...accesses].some((a) => a !== 'append');
    const resources = [
      table.tableArn,
      ...(reads ? tableById(tableId).indexes.map((ix) => `${table.tableArn}/index/${ix}`) : []),
    ];
    role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
    for (const a of accesses) for (const k of KMS_ACTIONS[a]) kmsActions.add(k);
  }
  for (const { bucket, access } of decl.buckets ?? []) {
    const arn = to.bucketArn(bucket);
    role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: [...S3_ACTIONS[access]],
      resources: S3_OBJECT_PREFIXES[access].map((prefix) => `${arn}/${prefix}*`),
    }));
    role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...S3_BUCKET_ACTIONS[access]], resources: [arn] }));
    // Bucket keys encrypt with the data key (a browser's presigned PUT or GET uses the signer's rights to it too).
    for (const k of KMS_ACTIONS[access === 'read' ? 'read' : 'append']) kmsActions.add(k);
  }
  // A stream consumer reads the table's stream, encrypted with the data key: granted here, by name,
  // rather than left to the event source's or a bucket grant's side effects.
  if (tables.some((t) => t.stream?.consumer === decl.id)) for (const k of KMS_ACTIONS.read) kmsActions.add(k);
  if (kmsActions.size > 0) {
    role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: uniq(kmsActions),
      resources: [to.dataKey.keyArn],
    }));
  }
  if (decl.signing) {
    role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: [...SIGNING_ACTIONS[decl.signing]],
      resources: [to.signingKey.keyArn],
    }));
  }
};
