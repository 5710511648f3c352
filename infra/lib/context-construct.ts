// One construct per bounded context: the context's functions from the wiring, each an AppFunction
// with exactly the grants the wiring declares for it.
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { bucketArn, bucketObjectsArnAsNagPrintsIt } from './config';
import { deployedFunctions, type ContextName, type FunctionDecl } from '@sifasuo/wiring';
import { AppFunction } from './app-function';
import { grantFromWiring, S3_OBJECT_PREFIXES, type BucketAccess } from './grants';
import { suppress } from './nag';
import type { StatefulStack } from './stateful-stack';

export interface ContextConstructProps {
  stage: string;
  context: ContextName;
  repoRoot: string;
  stateful: StatefulStack;
  /** The environment of one function (it differs: SIGNING_KEY only with `signing`, ORIGIN_SECRET only for API functions). */
  environment: (decl: FunctionDecl) => Record<string, string>;
  logRetention: logs.RetentionDays;
}

/** Why a grant names a bucket's objects by wildcard: the keys are made at run time. */
const WHY_OBJECT_WILDCARD: Record<BucketAccess, string> = {
  'write-once': 'object keys are per record; Object Lock keeps every version',
  read: 'object keys are per record',
  upload: 'keys are upload ids, handed out per upload',
};

export class ContextConstruct extends Construct {
  readonly functions = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id);
    const { stateful } = props;
    for (const decl of deployedFunctions().filter((f) => f.context === props.context)) {
      const fn = new AppFunction(this, decl.id, {
        stage: props.stage,
        decl,
        repoRoot: props.repoRoot,
        environment: props.environment(decl),
        logRetention: props.logRetention,
      });
      grantFromWiring(fn, decl, {
        tables: stateful.tables, dataKey: stateful.dataKey, signingKey: stateful.signingKey,
        bucketArn: (id) => bucketArn(Stack.of(this), props.stage, id),
      });
      for (const { bucket, access } of decl.buckets ?? []) {
        suppress(fn.role!, S3_OBJECT_PREFIXES[access].map((prefix) => [
          `AwsSolutions-IAM5[Resource::${bucketObjectsArnAsNagPrintsIt(Stack.of(this), props.stage, bucket, prefix)}]`,
          `Objects ${prefix ? `under ${prefix} ` : ''}of the ${bucket} bucket only (${WHY_OBJECT_WILDCARD[access]}), and no delete is granted.`,
        ]));
      }
      if (decl.publishesEvents) stateful.bus.grantPutEventsTo(fn);
      if (decl.kind === 'stream') {
        suppress(fn.role!, [
          ['AwsSolutions-IAM5[Resource::*]', 'dynamodb:ListStreams, which a table-stream consumer needs, does not support resource-level permissions (its other stream actions name the stream).'],
        ]);
      }
      this.functions.set(decl.id, fn);
    }
  }
}
