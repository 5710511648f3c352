// The stateless side built from the wiring: one ContextConstruct per context, the HTTP API with
// every wiring route (behind the wiring's session authorizer unless the route is `none`), SQS event
// sources for consumers and EventBridge Scheduler schedules (Asia/Shanghai) for jobs.
import { CfnElement, CfnOutput, Duration, Fn, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import {
  AUTHORIZER_CACHE_SECONDS, authorizerFunction, awsCron, deployedFunctions, ENV, functionEnvironment, queues, resourceName,
  routes, schedules, tables, type ContextName, type FunctionDecl, type PhysicalNames,
} from '@sifasuo/wiring';
import type { AppFunction } from './app-function';
import { bucketPhysicalName } from './config';
import { ContextConstruct } from './context-construct';
import { suppress } from './nag';
import { originSecretValue } from './origin-secret';
import { alarmOnFirst, dlqAlarm, type StatefulStack } from './stateful-stack';

/** Stage-wide API throttling (requests per second / burst); a county has a few hundred users. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 };

export interface ServiceStackProps extends StackProps {
  stage: string;
  repoRoot: string;
  stateful: StatefulStack;
  /** Pins the origin secret's version (deploy parameter `originSecretVersion`, for a rotation). */
  originSecretVersion?: string;
}

/** Who gets ORIGIN_SECRET: the functions behind the API routes (the adapter checks the header). */
export const getsOriginSecret = (decl: Pick<FunctionDecl, 'kind'>) => decl.kind === 'api';

export class ServiceStack extends Stack {
  readonly contexts = new Map<ContextName, ContextConstruct>();
  readonly functions = new Map<string, AppFunction>();
  readonly api: apigw.HttpApi;
  readonly apiStage: apigw.HttpStage;
  /** `xxxx.execute-api.<region>.<suffix>`, the CloudFront origin of `/api/*`. */
  readonly apiDomain: string;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { stage, stateful } = props;
    const name = (x: string) => resourceName(stage, x);
    const prod = stage === 'prod';
    const logRetention = logs.RetentionDays.ONE_YEAR;

    // The wiring's function environment, with the real AWS names: SIGNING_KEY (the key's ARN) only for
    // functions declaring `signing`, and the origin secret only for the API functions, which check it.
    const names: PhysicalNames = {
      signingKey: stateful.signingKey.keyArn,
      eventBus: stateful.bus.eventBusName,
      table: (id) => stateful.tables.get(id)!.tableName,
      bucket: (id) => bucketPhysicalName(this, stage, id),
    };
    const originSecret = originSecretValue(stateful.originSecret, props.originSecretVersion);
    const environment = (decl: FunctionDecl) => ({
      ...functionEnvironment(stage, names, decl),
      ...(getsOriginSecret(decl) ? { [ENV.originSecret]: originSecret } : {}),
    });

    for (const context of [...new Set(deployedFunctions().map((f) => f.context))]) {
      const c = new ContextConstruct(this, `Context-${context}`, {
        stage, context, repoRoot: props.repoRoot, stateful, environment, logRetention,
      });
      this.contexts.set(context, c);
      for (const [fid, fn] of c.functions) this.functions.set(fid, fn);
    }
    const fn = (fid: string) => {
      const f = this.functions.get(fid);
      if (!f) throw new Error(`wiring: no function ${fid}`);
      return f;
    };

    // ---- HTTP API -------------------------------------------------------------------------------
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: name('api'),
      description: `${name('api')}: 司法所工作管理系统`,
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${name('api')}`,
      retention: logRetention,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.apiStage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          ip: '$context.identity.sourceIp',
          userAgent: '$context.identity.userAgent',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          responseLength: '$context.responseLength',
          // From the session authorizer's context (packages/domain/src/auth.ts, AuthorizerContext).
          user: '$context.authorizer.username',
          authorizerError: '$context.authorizer.error',
          integrationError: '$context.integrationErrorMessage',
        })),
      },
    });
    // From the API id, not by splitting the endpoint URL: the CloudFront origin is then a plain join
    // CloudFormation resolves in every partition (`amazonaws.com` or `amazonaws.com.cn`).
    this.apiDomain = Fn.join('', [this.api.apiId, '.execute-api.', this.region, '.', this.urlSuffix]);

    // The session authorizer, from the wiring (its one `authorizer` function): a Lambda REQUEST
    // authorizer with simple responses (payload 2.0), keyed on the Authorization header and cached
    // AUTHORIZER_CACHE_SECONDS per token, so a revoked session or a changed user record takes effect
    // within that time. A Lambda authorizer rather than the HTTP API JWT authorizer: the latter must
    // fetch the issuer's discovery document over public HTTPS (in China only once the ICP domain is
    // up), and it cannot see revocation or the live user record (infra/README.md).
    const authorizer = routes.some((r) => r.auth === 'jwt')
      ? new HttpLambdaAuthorizer('SessionAuthorizer', fn(authorizerFunction().id), {
        authorizerName: name('session'),
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.Authorization'],
        resultsCacheTtl: Duration.seconds(AUTHORIZER_CACHE_SECONDS),
      })
      : undefined;
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const r of routes) {
      let integration = integrations.get(r.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Integration-${r.function}`, fn(r.function), {
          payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(r.function, integration);
      }
      const [route] = this.api.addRoutes({
        path: r.path,
        methods: [apigw.HttpMethod[r.method]],
        integration,
        authorizer: r.auth === 'jwt' ? authorizer! : new apigw.HttpNoneAuthorizer(),
      });
      if (r.auth === 'none') {
        suppress(route!, [
          ['AwsSolutions-APIG4', `${r.method} ${r.path} is public by design (health check, the sign-in steps that issue the session, the public JWKS); the wiring marks only such routes auth: none.`],
        ]);
      }
    }

    // An API function that cannot record a refusal fails the request and logs AUDIT_WRITE_FAILED
    // (functions/src/shared/http.ts): an audit gap is never silent.
    for (const fid of integrations.keys()) {
      const auditGap = new logs.MetricFilter(this, `Api-${fid}-audit-write-failed`, {
        logGroup: fn(fid).appLogGroup,
        filterPattern: logs.FilterPattern.literal('"AUDIT_WRITE_FAILED"'),
        metricNamespace: 'sifasuo',
        metricName: name(`${fid}-audit-write-failed`),
        metricValue: '1',
      });
      alarmOnFirst(
        this, `Api-${fid}-audit-write-failed-alarm`, name(`${fid}-audit-write-failed`),
        `${name(fid)} could not write the audit record of a refused request (the request failed): check the audit table`,
        auditGap.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      );
    }

    // ---- Table streams --------------------------------------------------------------------------
    for (const t of tables.filter((x) => x.stream)) {
      const table = stateful.tables.get(t.id)!;
      const consumer = fn(t.stream!.consumer);
      // A record the consumer keeps failing on is parked here (its stream position). For the audit table
      // the nightly digest copies to the vault whatever the stream did not; an outbox item parked here
      // is re-published by hand from the table (docs/architecture.md, "Facts").
      const failed = new sqs.Queue(this, `Stream-${t.id}-failures`, {
        queueName: name(`${t.id}-stream-failures`),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      suppress(failed, [['AwsSolutions-SQS3', 'This queue is itself the on-failure destination of the stream event source.']]);
      dlqAlarm(this, `Stream-${t.id}-failures-depth`, failed, name(`${t.id}-stream-failures-depth`));
      consumer.addEventSource(new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: t.stream!.batchSize,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(failed),
      }));
      if (!t.appendOnly) continue;
      // The vault consumer logs AUDIT_TAMPERING when an audit record is changed or removed.
      const tampering = new logs.MetricFilter(this, `Stream-${t.id}-tampering`, {
        logGroup: consumer.appLogGroup,
        filterPattern: logs.FilterPattern.literal('"AUDIT_TAMPERING"'),
        metricNamespace: 'sifasuo',
        metricName: name(`${t.id}-tampering`),
        metricValue: '1',
      });
      alarmOnFirst(
        this, `Stream-${t.id}-tampering-alarm`, name(`${t.id}-tampering`),
        `An item of ${name(t.id)} was changed or removed: the old image is in the audit vault under tampering/`,
        tampering.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      );
    }

    // ---- Queue consumers ------------------------------------------------------------------------
    for (const q of queues) {
      const pair = stateful.queues.get(q.id);
      if (!pair) throw new Error(`infra: no queue ${q.id}`);
      fn(q.consumer).addEventSource(new SqsEventSource(pair.queue, {
        batchSize: q.batchSize,
        ...(q.batchingWindowSeconds ? { maxBatchingWindow: Duration.seconds(q.batchingWindowSeconds) } : {}),
        reportBatchItemFailures: true,
      }));
    }

    // ---- Schedules ------------------------------------------------------------------------------
    for (const s of schedules) {
      const target = fn(s.function);
      // The scheduler invokes asynchronously: its DLQ only sees deliveries that failed. A run that
      // throws is retried by Lambda twice and then parked in the same queue (its alarm fires), so a
      // failed nightly job is never silently dropped.
      target.configureAsyncInvoke({ onFailure: new SqsDestination(stateful.schedulesDlq), retryAttempts: 2 });
      const role = new iam.Role(this, `Schedule-${s.id}-Role`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
        description: `${name(s.id)}: invoke ${target.functionName} and dead-letter to the schedules DLQ`,
      });
      const targetArn = `<${this.getLogicalId(target.node.defaultChild as CfnElement)}.Arn>`;
      suppress(role, [
        [`AwsSolutions-IAM5[Resource::${targetArn}:*]`, 'lambda:InvokeFunction on the scheduled function and its versions/aliases (CDK grantInvoke adds `<arn>:*`); the function is named, only its qualifier is open.'],
      ]);
      new scheduler.Schedule(this, `Schedule-${s.id}`, {
        scheduleName: name(s.id),
        description: s.description,
        schedule: scheduler.ScheduleExpression.expression(awsCron(s.cron), TimeZone.of(s.timezone)),
        target: new LambdaInvoke(target, {
          role,
          // The scheduled instant, as the local cron runner passes it: jobs compute "yesterday" from it.
          input: scheduler.ScheduleTargetInput.fromObject({ time: scheduler.ContextAttribute.scheduledTime }),
          deadLetterQueue: stateful.schedulesDlq,
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
        }),
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url });
  }
}
