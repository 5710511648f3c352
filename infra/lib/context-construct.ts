// One construct per bounded context: the context's functions from the wiring, each an AppFunction
// with exactly the grants the wiring declares for it.
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functions, type ContextName } from '@sifasuo/wiring';
import { AppFunction } from './app-function';
import { grantFromWiring } from './grants';
import { suppress } from './nag';
import type { StatefulStack } from './stateful-stack';

export interface ContextConstructProps {
  stage: string;
  context: ContextName;
  repoRoot: string;
  stateful: StatefulStack;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
}

export class ContextConstruct extends Construct {
  readonly functions = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id);
    const { stateful } = props;
    for (const decl of functions.filter((f) => f.context === props.context)) {
      const fn = new AppFunction(this, decl.id, {
        stage: props.stage,
        decl,
        repoRoot: props.repoRoot,
        environment: props.environment,
        logRetention: props.logRetention,
      });
      grantFromWiring(fn, decl, { tables: stateful.tables, dataKey: stateful.dataKey, userPool: stateful.userPool });
      if (decl.publishesEvents) stateful.bus.grantPutEventsTo(fn);
      suppress(fn.role!, [
        ['AwsSolutions-IAM5[Resource::*]', 'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (CDK adds exactly these two actions).'],
      ]);
      this.functions.set(decl.id, fn);
    }
  }
}
