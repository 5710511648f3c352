// Everything that holds data or identity, in one stack that is never torn down casually: the
// customer-managed key, the tables, the archive bucket (+ its access-log bucket), the queues with
// their DLQs, the event bus with the wiring's rules, and the Cognito user pool. Stateless stacks
// receive these constructs directly (same app), so the CDK wires the cross-stack references.
import { Aspects, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
// roles.ts directly: the domain index pulls in zod, which the CDK app does not need.
import { ROLES, ROLE_LABELS, SCOPE_ATTRIBUTES } from '@sifasuo/domain/src/roles';
import {
  buckets, eventRules, patternOf, queues, resourceName, tables, type BucketDecl, type TableDecl, type TableId,
} from '@sifasuo/wiring';
import { bucketPhysicalName } from './config';
import { suppress } from './nag';

/** Archive records are WORM for this long (governance mode: a privileged principal can still lift it). */
export const ARCHIVE_RETENTION_DAYS = 3650;
/** Access logs are kept ≥ 180 days as docs/domain.md (Security duties) asks for audit evidence. */
export const LOG_BUCKET_EXPIRY_DAYS = 400;

export interface QueuePair {
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

export interface StatefulStackProps extends StackProps {
  stage: string;
  /** Who hears every alarm (e-mail addresses; deploy parameter `-c alarmEmail=a@x,b@y`). */
  alarmEmails?: readonly string[];
}

export class StatefulStack extends Stack {
  readonly stage: string;
  readonly dataKey: kms.Key;
  readonly tables = new Map<TableId, dynamodb.Table>();
  readonly buckets = new Map<BucketDecl['id'], s3.Bucket>();
  readonly queues = new Map<string, QueuePair>();
  readonly logBucket: s3.Bucket;
  readonly bus: events.EventBus;
  /** Dead-letter queue of every EventBridge Scheduler target (invocations that kept failing). */
  readonly schedulesDlq: sqs.Queue;
  /** Every alarm of the app notifies this topic (see `notifyEveryAlarm`). */
  readonly alarmTopic: sns.Topic;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;
    this.stage = stage;
    const name = (x: string) => resourceName(stage, x);

    this.dataKey = new kms.Key(this, 'DataKey', {
      alias: `alias/${name('data')}`,
      description: `${name('data')}: tables and archive (personal data at rest)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const t of tables) this.tables.set(t.id, this.table(stage, t));

    this.alarmTopic = new sns.Topic(this, 'Alarms', {
      topicName: name('alarms'),
      displayName: '司法所工作管理系统告警',
      masterKey: this.dataKey,
      enforceSSL: true,
    });
    // CloudWatch publishes alarm notifications into the encrypted topic.
    this.dataKey.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    for (const email of props.alarmEmails ?? []) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(email));

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logging cannot write to SSE-KMS buckets
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(LOG_BUCKET_EXPIRY_DAYS), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    suppress(this.logBucket, [
      ['AwsSolutions-S1', 'This is the access-log destination itself; logging it into itself would loop.'],
    ]);

    for (const b of buckets) {
      this.buckets.set(b.id, new s3.Bucket(this, `Bucket-${b.id}`, {
        bucketName: bucketPhysicalName(this, stage, b.id),
        versioned: true,
        objectLockEnabled: b.objectLock,
        // The audit vault is compliance mode: not even the account root can shorten it (docs/domain.md, Security duties).
        objectLockDefaultRetention: !b.objectLock
          ? undefined
          : b.retentionDays
            ? s3.ObjectLockRetention.compliance(Duration.days(b.retentionDays))
            : s3.ObjectLockRetention.governance(Duration.days(ARCHIVE_RETENTION_DAYS)),
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.dataKey,
        bucketKeyEnabled: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        enforceSSL: true,
        serverAccessLogsBucket: this.logBucket,
        serverAccessLogsPrefix: `${b.id}/`,
        removalPolicy: RemovalPolicy.RETAIN,
      }));
      if (b.retentionDays) {
        // Write-once for everyone: a request that creates an object (PutObject, CompleteMultipartUpload)
        // must carry If-None-Match, so no new "current version" can be laid over a locked original (S3
        // conditional writes). The parts of a multipart upload cannot carry the header and are exempt
        // (s3:ObjectCreationOperation is false for them); CopyObject into the vault is impossible.
        this.buckets.get(b.id)!.addToResourcePolicy(new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [this.buckets.get(b.id)!.arnForObjects('*')],
          conditions: { Null: { 's3:if-none-match': 'true' }, Bool: { 's3:ObjectCreationOperation': 'true' } },
        }));
      }
    }

    for (const q of queues) {
      const dlq = new sqs.Queue(this, `Queue-${q.id}-dlq`, {
        queueName: name(`${q.id}-dlq`),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new sqs.Queue(this, `Queue-${q.id}`, {
        queueName: name(q.id),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount },
      });
      dlqAlarm(this, `Queue-${q.id}-dlq-depth`, dlq, name(`${q.id}-dlq-depth`));
      this.queues.set(q.id, { queue, dlq });
    }

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: name('bus') });

    // Events the bus could not deliver to a target queue land here instead of being dropped.
    const eventsDlq = new sqs.Queue(this, 'EventsDlq', {
      queueName: name('events-dlq'),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    dlqAlarm(this, 'EventsDlqDepth', eventsDlq, name('events-dlq-depth'));
    suppress(eventsDlq, [
      ['AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the EventBridge rule targets.'],
    ]);

    for (const r of eventRules) {
      const pattern = patternOf(r);
      const target = this.queues.get(r.targetQueue);
      if (!target) throw new Error(`wiring: event rule ${r.id} targets unknown queue ${r.targetQueue}`);
      new events.Rule(this, `Rule-${r.id}`, {
        ruleName: name(r.id),
        eventBus: this.bus,
        eventPattern: { source: [...pattern.source], detailType: [...pattern.detailType] },
        // The target adds the queue policy allowing this rule (aws:SourceArn) to send.
        targets: [new targets.SqsQueue(target.queue, { deadLetterQueue: eventsDlq, retryAttempts: 8 })],
      });
    }

    this.schedulesDlq = new sqs.Queue(this, 'SchedulesDlq', {
      queueName: name('schedules-dlq'),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    dlqAlarm(this, 'SchedulesDlqDepth', this.schedulesDlq, name('schedules-dlq-depth'));
    suppress(this.schedulesDlq, [
      ['AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the EventBridge Scheduler targets.'],
    ]);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: name('users'),
      selfSignUpEnabled: false, // accounts are created by the county admin (org context)
      signInAliases: { username: true },
      signInCaseSensitive: false,
      customAttributes: Object.fromEntries(
        SCOPE_ATTRIBUTES.map((a) => [a, new cognito.StringAttribute({ mutable: true, minLen: 1, maxLen: 64 })]),
      ),
      // The real rule is "≥ 10 characters with 3 of the 4 classes" (packages/domain/src/auth.ts);
      // Cognito can only require each class individually. Requiring any class would refuse passwords
      // the rule accepts, so Cognito checks the length and our use cases check the classes before
      // every AdminSetUserPassword / ChangePassword call.
      passwordPolicy: {
        minLength: 10,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OFF,
      accountRecovery: cognito.AccountRecovery.NONE, // passwords are reset by the county admin
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    suppress(this.userPool, [
      ['AwsSolutions-COG1', 'Cognito cannot express "3 of 4 character classes"; it enforces the 10-character minimum and the login/user use cases enforce the class rule (packages/domain/src/auth.ts) before any password reaches Cognito.'],
      ['AwsSolutions-COG2', 'MFA is not part of the first release: staff log in through our own login API (USER_PASSWORD_AUTH) which does not handle MFA challenges yet; compensated by lockout after 5 failures and a 30-minute idle timeout (docs/domain.md, Security duties).'],
      ['AwsSolutions-COG8', 'Plus-tier threat protection is not used: lockout after repeated failures is implemented and audited by the login use case in both worlds, and the Plus tier is not offered in every (China) region.'],
    ]);
    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: ROLE_LABELS[role] });
    }
    this.userPoolClient = this.userPool.addClient('PortalClient', {
      userPoolClientName: name('portal'),
      authFlows: { userPassword: true }, // the login function calls InitiateAuth(USER_PASSWORD_AUTH)
      generateSecret: false,
      disableOAuth: true, // no hosted UI, no implicit/code flows: tokens only come from our login API
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ preferredUsername: true, fullname: true })
        .withCustomAttributes(...SCOPE_ATTRIBUTES),
      // The scope attributes decide data scope: only the admin API (AdminUpdateUserAttributes)
      // sets them. The list must not be empty — an empty WriteAttributes leaves every mutable
      // attribute writable with the user's own token — so it names two harmless ones.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ locale: true, timezone: true }),
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  private table(stage: string, t: TableDecl): dynamodb.Table {
    const table = new dynamodb.Table(this, `Table-${t.id}`, {
      tableName: resourceName(stage, t.id),
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      stream: t.stream ? dynamodb.StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      // Outbox items expire once forwarded (the forwarder ignores the removals).
      timeToLiveAttribute: t.outbox ? 'expiresAt' : undefined,
    });
    for (const index of t.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index,
        partitionKey: { name: `${index}PK`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `${index}SK`, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}

/** Every CloudWatch alarm in `scope` (all stacks, when given the app) notifies the topic. */
export const notifyEveryAlarm = (scope: Construct, topic: sns.ITopic) =>
  Aspects.of(scope).add({
    visit: (node) => {
      if (node instanceof cloudwatch.Alarm) node.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    },
  });

/** Alarm on the first occurrence: a metric that should stay at zero. */
export const alarmOnFirst = (scope: Construct, id: string, alarmName: string, alarmDescription: string, metric: cloudwatch.IMetric) =>
  new cloudwatch.Alarm(scope, id, {
    alarmName,
    alarmDescription,
    metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

/** Alarm as soon as one message sits in a dead-letter queue. */
export const dlqAlarm = (scope: Construct, id: string, dlq: sqs.IQueue, alarmName: string) =>
  alarmOnFirst(
    scope, id, alarmName, `Messages in ${alarmName.replace(/-depth$/, '')}: inspect and redrive`,
    dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
  );
