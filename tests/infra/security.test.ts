// Security properties of the synthesized templates: encryption and PITR on tables, DLQs on every
// queue, the session authorizer on every route but the public ones, least-privilege IAM (no wildcards
// on tables, the audit table append-only, the signing key per `signing`), arm64 Node 22+ functions,
// Asia/Shanghai schedules, CloudFront with origin access control, the origin secret and the viewer
// address, and no Cognito anywhere.
import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import {
  AUTHORIZER_CACHE_SECONDS, authorizerFunction, awsCron, buckets, deployedFunctions, ENV, eventRules, functionEnvironment, patternOf,
  functions, ORIGIN_SECRET_HEADER, queues, resourceName, routeKey, routes, schedules, tables, UPLOAD_PREFIXES,
} from '@sifasuo/wiring';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../../infra/lib/config';
import { SIGNING_ACTIONS } from '../../infra/lib/grants';
import { getsOriginSecret } from '../../infra/lib/service-stack';
import { API_FORWARDED_HEADERS } from '../../infra/lib/web-stack';
import { asArray, logicalId, resourcesOf, statementsOf, synthApp } from './synth';

const built = synthApp();
const { stateful, service, templates } = built;
const S = templates.stateful;
const A = templates.service;
const W = templates.web;

const keyId = logicalId(stateful, stateful.dataKey.node.defaultChild);
const signingKeyId = logicalId(stateful, stateful.signingKey.node.defaultChild);
const originSecretId = logicalId(stateful, stateful.originSecret.node.defaultChild);
const tableLogicalId = (id: string) => logicalId(stateful, stateful.tables.get(id)!.node.defaultChild);

/** The portal's Content-Security-Policy as written in the template (a string joined by CloudFormation, as JSON). */
const cspOf = (t: typeof W) => {
  const [, policy] = resourcesOf(t, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
  return JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
};

describe('stateful: keys and tables', () => {
  test('the customer-managed data key rotates and is retained', () => {
    const [, key] = resourcesOf(S, 'AWS::KMS::Key').find(([id]) => id === keyId)!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    expect(key.DeletionPolicy).toBe('Retain');
  });

  test('one table per wiring table, keys and indexes as declared', () => {
    const found = resourcesOf(S, 'AWS::DynamoDB::Table');
    expect(found.map(([, r]) => r.Properties.TableName).sort()).toEqual(tables.map((t) => resourceName('dev', t.id)).sort());
    for (const t of tables) {
      S.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: resourceName('dev', t.id),
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
        GlobalSecondaryIndexes: t.indexes.map((ix) => Match.objectLike({
          IndexName: ix,
          KeySchema: [{ AttributeName: `${ix}PK`, KeyType: 'HASH' }, { AttributeName: `${ix}SK`, KeyType: 'RANGE' }],
        })),
      });
    }
  });

  test('every table: customer-managed KMS key, PITR, on demand, deletion protection, retained', () => {
    const found = resourcesOf(S, 'AWS::DynamoDB::Table');
    expect(found.length).toBe(tables.length);
    for (const [, r] of found) {
      expect(r.Properties.SSESpecification).toEqual({
        SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      expect(r.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(r.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(r.Properties.DeletionProtectionEnabled).toBe(true);
      expect(r.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('stateful: buckets', () => {
  test('archive: Object Lock with default retention, versioned, SSE-KMS with the key, private, access-logged', () => {
    S.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: Match.stringLikeRegexp('GOVERNANCE|COMPLIANCE'), Days: Match.anyValue() } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [Match.objectLike({
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        })],
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
  });

  test('every bucket in every stack blocks public access, is encrypted and refuses plain HTTP', () => {
    for (const t of [S, W]) {
      const buckets = resourcesOf(t, 'AWS::S3::Bucket');
      expect(buckets.length).toBeGreaterThan(0);
      for (const [id, r] of buckets) {
        expect(r.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        });
        expect(r.Properties.BucketEncryption).toBeDefined();
        const policies = resourcesOf(t, 'AWS::S3::BucketPolicy').filter(([, p]) => p.Properties.Bucket.Ref === id);
        const denies = policies.flatMap(([, p]) => asArray<any>(p.Properties.PolicyDocument.Statement))
          .filter((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
        expect({ bucket: id, denies: denies.length }).toEqual({ bucket: id, denies: 1 });
      }
    }
  });
});

describe('stateful: uploads buckets', () => {
  const uploadBuckets = buckets.filter((b) => b.uploads);
  /** The template's bucket whose name is built from the wiring bucket `id`. */
  const bucketNamed = (t: typeof S, id: string) => {
    const found = resourcesOf(t, 'AWS::S3::Bucket').filter(([, r]) => JSON.stringify(r.Properties.BucketName ?? '').includes(`${resourceName('dev', id)}-`));
    expect(found).toHaveLength(1);
    return found[0]![1].Properties;
  };

  test('the wiring declares one (the platform\'s), with an expiry', () => {
    expect(uploadBuckets.map((b) => b.id)).toEqual(['uploads']);
  });

  test('private, SSE-KMS with the data key, versioned, TLS only, access-logged, no Object Lock', () => {
    for (const b of uploadBuckets) {
      const p = bucketNamed(S, b.id);
      expect(p.ObjectLockEnabled ?? false).toBe(false);
      expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault)
        .toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      expect(p.LoggingConfiguration).toMatchObject({ LogFilePrefix: `${b.id}/` });
    }
  });

  test('what arrives under incoming/ expires after the declared days; kept/ never; abandoned multipart uploads are aborted', () => {
    for (const b of uploadBuckets) {
      const rules = bucketNamed(S, b.id).LifecycleConfiguration.Rules;
      const expiring = rules.filter((r: any) => r.ExpirationInDays !== undefined);
      expect(expiring).toEqual([expect.objectContaining({
        Prefix: UPLOAD_PREFIXES.incoming, ExpirationInDays: b.uploads!.expireDays, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled',
      })]);
      expect(rules).toContainEqual(expect.objectContaining({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, ExpiredObjectDeleteMarker: true, Status: 'Enabled',
      }));
      expect(JSON.stringify(rules)).not.toContain(UPLOAD_PREFIXES.kept);
    }
  });

  test('CORS: the portal may PUT and GET with its content type; without a portal domain, any CloudFront domain (the region is unknown here)', () => {
    for (const b of uploadBuckets) {
      expect(bucketNamed(S, b.id).CorsConfiguration.CorsRules).toEqual([{
        AllowedOrigins: ['https://*.cloudfront.net', 'https://*.cloudfront.cn'],
        AllowedMethods: ['PUT', 'GET'],
        AllowedHeaders: ['content-type'],
        ExposedHeaders: ['ETag'],
        MaxAge: 3000,
      }]);
    }
  });

  test("with -c portalDomain only the portal's own origin; in a known region, that partition's CloudFront domains", () => {
    const corsOf = (context: Record<string, unknown>) =>
      bucketNamed(synthApp({ ...context, account: '123456789012' }).templates.stateful, 'uploads').CorsConfiguration.CorsRules[0].AllowedOrigins;
    expect(corsOf({ region: 'ap-southeast-1', portalDomain: 'sifasuo.example.org' })).toEqual(['https://sifasuo.example.org']);
    expect(corsOf({ region: 'ap-southeast-1' })).toEqual(['https://*.cloudfront.net']);
    expect(corsOf({ region: 'cn-northwest-1' })).toEqual(['https://*.cloudfront.cn']);
  });

  test("'upload' grants: put and get under incoming/ and kept/ only, list on the bucket (a missing key is 404), never a delete", () => {
    const uploaders = deployedFunctions().filter((f) => f.buckets?.some((b) => b.access === 'upload'));
    expect(uploaders.length).toBeGreaterThan(0);
    const onUploads = statementsOf(A).filter((s) => JSON.stringify(s.Resource).includes(`${resourceName('dev', 'uploads')}-`));
    const objectGrants = onUploads.filter((s) => asArray<string>(s.Action).includes('s3:PutObject'));
    expect(objectGrants).toHaveLength(uploaders.length);
    for (const s of objectGrants) {
      expect(asArray<string>(s.Action).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      const resources = asArray<unknown>(s.Resource).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(2);
      expect(resources[0]).toMatch(/\/incoming\/\*"\]\]\}$/);
      expect(resources[1]).toMatch(/\/kept\/\*"\]\]\}$/);
    }
    const bucketGrants = onUploads.filter((s) => !asArray<string>(s.Action).includes('s3:PutObject'));
    expect(bucketGrants.map((s) => asArray<string>(s.Action).join())).toEqual(uploaders.map(() => 's3:ListBucket'));
    for (const s of onUploads) expect(JSON.stringify(s.Action)).not.toMatch(/Delete|\*/);
  });
});

describe('stateful: queues, bus, rules', () => {
  const allQueues = resourcesOf(S, 'AWS::SQS::Queue');
  const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

  test('each wiring queue has a DLQ with the declared maxReceiveCount', () => {
    for (const q of queues) {
      const [, main] = allQueues.find(([, r]) => r.Properties.QueueName === resourceName('dev', q.id))!;
      const [dlqId] = allQueues.find(([, r]) => r.Properties.QueueName === resourceName('dev', `${q.id}-dlq`))!;
      expect(main.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(dlqId), maxReceiveCount: q.maxReceiveCount });
      expect(main.Properties.VisibilityTimeout).toBe(q.visibilityTimeoutSeconds);
    }
  });

  test('every queue has a DLQ or is one (of a queue, a rule target or a schedule), and is encrypted with TLS enforced', () => {
    const dlqArns = new Set<string>();
    for (const [, r] of allQueues) if (r.Properties.RedrivePolicy) dlqArns.add(JSON.stringify(r.Properties.RedrivePolicy.deadLetterTargetArn));
    for (const [, r] of resourcesOf(S, 'AWS::Events::Rule')) {
      for (const t of r.Properties.Targets) dlqArns.add(JSON.stringify(t.DeadLetterConfig.Arn));
    }
    const scheduleDlqs = resourcesOf(A, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties.Target.DeadLetterConfig.Arn);
    expect(scheduleDlqs.length).toBe(schedules.length);
    // Cross-stack: the schedule DLQ arrives as an output of the stateful stack named after its logical id.
    const scheduleDlqIds = scheduleDlqs.map((x) => JSON.stringify(x));
    for (const [id, r] of allQueues) {
      const isDlq = dlqArns.has(JSON.stringify(arnOf(id))) || scheduleDlqIds.some((s) => s.includes(id));
      expect({ queue: id, covered: Boolean(r.Properties.RedrivePolicy) || isDlq }).toEqual({ queue: id, covered: true });
      expect(r.Properties.SqsManagedSseEnabled ?? Boolean(r.Properties.KmsMasterKeyId)).toBe(true);
    }
    for (const [id] of allQueues) {
      const policy = resourcesOf(S, 'AWS::SQS::QueuePolicy').find(([, p]) => JSON.stringify(p.Properties.Queues).includes(id));
      expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain('aws:SecureTransport');
    }
  });

  test('an alarm watches the depth of every dead-letter queue', () => {
    const alarms = resourcesOf(S, 'AWS::CloudWatch::Alarm');
    const dlqs = allQueues.filter(([, r]) => !r.Properties.RedrivePolicy);
    expect(dlqs.length).toBeGreaterThan(0);
    for (const [id] of dlqs) {
      const alarm = alarms.find(([, a]) => JSON.stringify(a.Properties.Dimensions).includes(id));
      expect({ dlq: id, alarm: alarm?.[1].Properties.MetricName }).toEqual({ dlq: id, alarm: 'ApproximateNumberOfMessagesVisible' });
    }
  });

  test('the bus and the wiring rules, each targeting its queue with a DLQ, allowed by the queue policy', () => {
    S.hasResourceProperties('AWS::Events::EventBus', { Name: resourceName('dev', 'bus') });
    for (const r of eventRules) {
      const [ruleId, rule] = resourcesOf(S, 'AWS::Events::Rule').find(([, x]) => x.Properties.Name === resourceName('dev', r.id))!;
      expect(rule.Properties.EventPattern).toEqual({ source: patternOf(r).source, 'detail-type': patternOf(r).detailType });
      const [queueId] = allQueues.find(([, q]) => q.Properties.QueueName === resourceName('dev', r.targetQueue))!;
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({
        Arn: { 'Fn::GetAtt': [queueId, 'Arn'] }, DeadLetterConfig: expect.anything(),
      })]);
      const policy = resourcesOf(S, 'AWS::SQS::QueuePolicy').find(([, p]) => JSON.stringify(p.Properties.Queues).includes(queueId));
      const allow = asArray<any>(policy![1].Properties.PolicyDocument.Statement)
        .find((s) => s.Effect === 'Allow' && s.Principal?.Service === 'events.amazonaws.com');
      expect(allow.Condition.ArnEquals['aws:SourceArn']).toEqual({ 'Fn::GetAtt': [ruleId, 'Arn'] });
    }
  });
});

describe('stateful: identity (issue 11: no Cognito)', () => {
  test('no Cognito resource in any stack', () => {
    for (const t of [S, A, W]) {
      const types = Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((type) => type.startsWith('AWS::Cognito::'))).toEqual([]);
      expect(JSON.stringify(t.toJSON())).not.toMatch(/cognito/i);
    }
  });

  test('the signing key: asymmetric ECC_NIST_P256 for signing (ES256), retained, an alias per stage, its ARN an output', () => {
    const keys = resourcesOf(S, 'AWS::KMS::Key');
    expect(keys.map(([id]) => id).sort()).toEqual([keyId, signingKeyId].sort());
    const [, key] = keys.find(([id]) => id === signingKeyId)!;
    expect(key.Properties.KeySpec).toBe('ECC_NIST_P256');
    expect(key.Properties.KeyUsage).toBe('SIGN_VERIFY');
    expect(key.Properties.EnableKeyRotation).not.toBe(true); // KMS rotates symmetric keys only
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
    S.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/${resourceName('dev', 'signing')}`, TargetKeyId: { 'Fn::GetAtt': [signingKeyId, 'Arn'] } });
    const outputs = Object.values(S.toJSON().Outputs as Record<string, { Value: unknown; Export?: unknown }>).filter((o) => !o.Export);
    expect(outputs.map((o) => o.Value)).toContainEqual({ 'Fn::GetAtt': [signingKeyId, 'Arn'] });
  });

  test('the origin secret is generated by Secrets Manager at deploy time (no value in the template)', () => {
    const secrets = resourcesOf(S, 'AWS::SecretsManager::Secret');
    expect(secrets.map(([id]) => id)).toEqual([originSecretId]);
    const p = secrets[0]![1].Properties;
    expect(p.SecretString).toBeUndefined();
    expect(p.GenerateSecretString).toEqual(expect.objectContaining({ ExcludePunctuation: true, IncludeSpace: false }));
    expect(p.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
  });
});

describe('service: functions', () => {
  const fns = resourcesOf(A, 'AWS::Lambda::Function');

  test('one function per wiring function, arm64, Node.js 22 or newer, ESM handler, own log group', () => {
    expect(fns.map(([, f]) => f.Properties.FunctionName).sort()).toEqual(deployedFunctions().map((f) => resourceName('dev', f.id)).sort());
    // Demo seeds are local only: no seed function reaches AWS.
    expect(functions.filter((f) => f.kind === 'seed').length).toBeGreaterThan(0);
    expect(fns.some(([, f]) => functions.some((d) => d.kind === 'seed' && f.Properties.FunctionName === resourceName('dev', d.id)))).toBe(false);
    for (const [, f] of fns) {
      expect(f.Properties.Architectures).toEqual(['arm64']);
      const m = /^nodejs(\d+)\.x$/.exec(f.Properties.Runtime);
      expect(Number(m?.[1])).toBeGreaterThanOrEqual(22);
      expect(f.Properties.Handler).toBe('index.handler');
      expect(f.Properties.LoggingConfig.LogGroup).toBeDefined();
      // No X-Ray (not offered by Lambda in the China regions; no tracer is wired).
      expect(f.Properties.TracingConfig).toBeUndefined();
    }
    for (const [, lg] of resourcesOf(A, 'AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  test('environment: the same variables as the local cloud, plus the Powertools service name', () => {
    for (const decl of deployedFunctions()) {
      const keys = Object.keys(functionEnvironment('dev', { signingKey: 'x' }, decl));
      const [, f] = fns.find(([, x]) => x.Properties.FunctionName === resourceName('dev', decl.id))!;
      const env = f.Properties.Environment.Variables;
      const expected = [...keys, ...(getsOriginSecret(decl) ? [ENV.originSecret] : []), 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'];
      expect({ fn: decl.id, keys: Object.keys(env).sort() }).toEqual({ fn: decl.id, keys: expected.sort() });
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(decl.context);
      expect(f.Properties.MemorySize).toBe(decl.memoryMb);
      expect(f.Properties.Timeout).toBe(decl.timeoutSeconds);
    }
  });

  const envOf = (id: string) => fns.find(([, x]) => x.Properties.FunctionName === resourceName('dev', id))![1].Properties.Environment.Variables;

  test('SIGNING_KEY: the signing key ARN (a strong reference), for exactly the functions declaring `signing`', () => {
    const signers = deployedFunctions().filter((f) => f.signing);
    expect(signers.map((f) => f.signing).sort()).toEqual(['sign', 'verify']); // the auth API and the authorizer
    for (const decl of deployedFunctions()) {
      const value = envOf(decl.id)[ENV.signingKey];
      if (!decl.signing) {
        expect({ fn: decl.id, signingKey: value }).toEqual({ fn: decl.id, signingKey: undefined });
        continue;
      }
      expect(value).toEqual({ 'Fn::ImportValue': expect.stringContaining(signingKeyId) });
    }
  });

  test('ORIGIN_SECRET: for every API function, the same deploy-time reference CloudFront sends; for no other function', () => {
    const header = W.toJSON().Resources;
    const dist = Object.values(header as Record<string, any>).find((r) => r.Type === 'AWS::CloudFront::Distribution');
    const apiOrigin = dist.Properties.DistributionConfig.Origins.find((o: any) => o.CustomOriginConfig);
    const sent = apiOrigin.OriginCustomHeaders.find((h: any) => h.HeaderName === ORIGIN_SECRET_HEADER).HeaderValue;
    const apis = deployedFunctions().filter((f) => f.kind === 'api');
    expect(apis.length).toBeGreaterThan(0);
    for (const decl of deployedFunctions()) {
      const value = envOf(decl.id)[ENV.originSecret];
      if (decl.kind !== 'api') {
        expect({ fn: decl.id, originSecret: value }).toEqual({ fn: decl.id, originSecret: undefined });
        continue;
      }
      // Both resolve {{resolve:secretsmanager:<the stateful secret's ARN>:SecretString:::}} at deploy time.
      expect(value).toEqual(sent);
      expect(value).toEqual({
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { 'Fn::ImportValue': expect.stringContaining(originSecretId) }, ':SecretString:::}}']],
      });
    }
  });

  test('consumers read their queue in batches from the wiring and report partial failures', () => {
    for (const q of queues) {
      const fnId = logicalId(service, service.functions.get(q.consumer)!.node.defaultChild);
      A.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: fnId },
        BatchSize: q.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(q.batchingWindowSeconds ? { MaximumBatchingWindowInSeconds: q.batchingWindowSeconds } : {}),
      });
    }
  });

  test('schedules: the wiring cron in Asia/Shanghai, invoking the function, with a DLQ', () => {
    const found = resourcesOf(A, 'AWS::Scheduler::Schedule');
    expect(found.length).toBe(schedules.length);
    for (const s of schedules) {
      const fnId = logicalId(service, service.functions.get(s.function)!.node.defaultChild);
      A.hasResourceProperties('AWS::Scheduler::Schedule', {
        Name: resourceName('dev', s.id),
        ScheduleExpression: awsCron(s.cron),
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          // Jobs get the scheduled instant, as the local cron runner passes it.
          Input: JSON.stringify({ time: '<aws.scheduler.scheduled-time>' }),
        }),
      });
    }
  });
});

describe('service: IAM least privilege', () => {
  const statements = statementsOf(A);
  const dynamoStatements = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith('dynamodb:')));

  test('no statement grants dynamodb:* (or *), none puts a table action on a wildcard resource', () => {
    for (const s of statements) {
      for (const a of asArray<string>(s.Action)) expect(a === '*' || a === 'dynamodb:*' || a === 'kms:*').toBe(false);
    }
    expect(dynamoStatements.length).toBeGreaterThan(0);
    for (const s of dynamoStatements) {
      // ListStreams has no resource-level permission: on `*` it is the only DynamoDB action allowed.
      if (asArray<string>(s.Action).filter((a) => a.startsWith('dynamodb:')).join() === 'dynamodb:ListStreams') continue;
      for (const r of asArray<unknown>(s.Resource)) expect(JSON.stringify(r)).not.toContain('*');
      expect(s.Action).not.toContain('dynamodb:Scan');
    }
  });

  test('a table stream: new and old images, read by its consumer in batches with partial failures and an on-failure queue', () => {
    for (const t of tables.filter((x) => x.stream)) {
      S.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: resourceName('dev', t.id),
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      });
      const fnId = logicalId(service, service.functions.get(t.stream!.consumer)!.node.defaultChild);
      A.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: fnId },
        EventSourceArn: Match.anyValue(),
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: t.stream!.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
      if (t.appendOnly) {
        A.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '"AUDIT_TAMPERING"' });
        A.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: resourceName('dev', `${t.id}-tampering`), Threshold: 1 });
      }
      // An outbox table's items expire once forwarded.
      if (t.outbox) {
        S.hasResourceProperties('AWS::DynamoDB::Table', {
          TableName: resourceName('dev', t.id), TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        });
      }
    }
  });

  test('the audit vault: Object Lock in compliance mode for 180 days; its writer may add objects, never delete', () => {
    S.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 180 } } },
    });
    const s3Statements = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith('s3:')));
    const vault = s3Statements.filter((s) => JSON.stringify(s.Resource).includes('audit-vault'));
    expect(vault.length).toBeGreaterThan(0);
    S.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          // Object-creating requests need If-None-Match; the parts of a multipart upload are exempt.
          Match.objectLike({
            Effect: 'Deny', Action: 's3:PutObject',
            Condition: { Null: { 's3:if-none-match': 'true' }, Bool: { 's3:ObjectCreationOperation': 'true' } },
          }),
        ]),
      },
    });
    // Objects: put and get; the bucket: list (so a missing key reads as 404, not 403). Never a delete.
    const granted = new Set(vault.map((s) => asArray<string>(s.Action).sort().join()));
    expect([...granted].sort()).toEqual(['s3:GetObject,s3:PutObject', 's3:ListBucket']);
    // Exactly the functions the wiring lets write to the vault.
    const writers = deployedFunctions().filter((f) => f.buckets?.some((b) => b.bucket === 'audit-vault')).length;
    expect(vault.filter((s) => asArray<string>(s.Action).includes('s3:PutObject'))).toHaveLength(writers);
  });

  test('the append-only audit table: PutItem only, never Update/Delete/BatchWrite', () => {
    const auditId = tableLogicalId('audit');
    const onAudit = dynamoStatements.filter((s) => JSON.stringify(s.Resource).includes(auditId));
    expect(onAudit.length).toBeGreaterThan(0);
    for (const s of onAudit) {
      for (const bad of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete']) {
        expect(asArray<string>(s.Action)).not.toContain(bad);
      }
    }
    // Functions that only append get exactly PutItem.
    const appendOnly = deployedFunctions().filter((f) => f.tables.every((t) => t.table !== 'audit' || t.access === 'append') && f.tables.some((t) => t.table === 'audit'));
    expect(appendOnly.length).toBeGreaterThan(0);
  });

  test('the signing grants cover every KMS signing call in functions/src, and no code Scans (IAM grants no Scan)', () => {
    const root = findRepoRoot();
    const sources = (readdirSync(join(root, 'functions/src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'functions/src', f), 'utf8'))
      .join('\n');
    const kmsCalls = new Set([...sources.matchAll(/new (Sign|Verify|GetPublicKey|DescribeKey)Command\b/g)].map((m) => `kms:${m[1]}`));
    expect([...kmsCalls].filter((c) => !SIGNING_ACTIONS.sign.includes(c))).toEqual([]);
    expect(sources).not.toMatch(/\bScanCommand\b/);
    expect(sources).not.toMatch(/client-cognito-identity-provider/);
  });

  test('the signing key: sign = kms:Sign + kms:GetPublicKey, verify = kms:GetPublicKey, on that key only, never kms:Verify', () => {
    expect([...SIGNING_ACTIONS.sign].sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect([...SIGNING_ACTIONS.verify]).toEqual(['kms:GetPublicKey']);
    const onKey = statements.filter((s) => JSON.stringify(s.Resource).includes(signingKeyId));
    expect(onKey.length).toBe(deployedFunctions().filter((f) => f.signing).length);
    for (const s of onKey) {
      expect(asArray(s.Resource)).toEqual([{ 'Fn::ImportValue': expect.stringContaining(signingKeyId) }]);
      expect(s.Effect).toBe('Allow');
    }
    // Nothing else may sign: kms:Sign appears only in statements on the signing key.
    for (const s of statements) {
      if (asArray<string>(s.Action).some((a) => a === 'kms:Sign' || a === 'kms:Verify' || a === 'kms:GetPublicKey')) {
        expect(JSON.stringify(s.Resource)).toContain(signingKeyId);
      }
    }
  });

  test('each function is granted exactly the tables the wiring declares, and the signing key/bus only when declared', () => {
    for (const decl of deployedFunctions()) {
      const fn = service.functions.get(decl.id)!;
      const roleId = logicalId(service, fn.role!.node.defaultChild);
      const policies = resourcesOf(A, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId));
      const mine = policies.flatMap(([, p]) => asArray<any>(p.Properties.PolicyDocument.Statement));
      const text = JSON.stringify(mine);
      for (const t of tables) {
        const declared = decl.tables.some((x) => x.table === t.id) || t.stream?.consumer === decl.id;
        expect({ fn: decl.id, table: t.id, granted: text.includes(tableLogicalId(t.id)) }).toEqual({ fn: decl.id, table: t.id, granted: declared });
      }
      const signing = mine.filter((s) => JSON.stringify(s.Resource).includes(signingKeyId)).flatMap((s) => asArray<string>(s.Action)).sort();
      expect({ fn: decl.id, signing }).toEqual({ fn: decl.id, signing: decl.signing ? [...SIGNING_ACTIONS[decl.signing]].sort() : [] });
      expect({ fn: decl.id, cognito: text.includes('cognito') }).toEqual({ fn: decl.id, cognito: false });
      if (tables.some((t) => t.stream?.consumer === decl.id)) {
        // Stream consumers decrypt with the data key by a grant of their own (not a side effect).
        const kms = mine.find((s) => asArray<string>(s.Action).includes('kms:Decrypt') && JSON.stringify(s.Resource).includes('DataKey'));
        expect({ fn: decl.id, kmsDecrypt: Boolean(kms) }).toEqual({ fn: decl.id, kmsDecrypt: true });
      }
      expect({ fn: decl.id, events: text.includes('events:PutEvents') }).toEqual({ fn: decl.id, events: Boolean(decl.publishesEvents) });
    }
  });
});

describe('service: HTTP API', () => {
  const routeRes = resourcesOf(A, 'AWS::ApiGatewayV2::Route');
  const authorizers = resourcesOf(A, 'AWS::ApiGatewayV2::Authorizer');
  const [authorizerId, authorizer] = authorizers[0]!;
  const authorizerFnId = logicalId(service, service.functions.get(authorizerFunction().id)!.node.defaultChild);

  test('the route set equals the wiring route set', () => {
    expect(routeRes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
  });

  test('one authorizer: the wiring authorizer function as a cached Lambda REQUEST authorizer with simple responses', () => {
    expect(authorizers).toHaveLength(1);
    expect(functions.filter((f) => f.kind === 'authorizer')).toEqual([authorizerFunction()]);
    const p = authorizer.Properties;
    expect(p.AuthorizerType).toBe('REQUEST');
    expect(p.AuthorizerPayloadFormatVersion).toBe('2.0');
    expect(p.EnableSimpleResponses).toBe(true);
    expect(p.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(AUTHORIZER_CACHE_SECONDS).toBe(30);
    expect(p.AuthorizerResultTtlInSeconds).toBe(AUTHORIZER_CACHE_SECONDS);
    expect(p.JwtConfiguration).toBeUndefined();
    expect(JSON.stringify(p.AuthorizerUri)).toContain(JSON.stringify({ 'Fn::GetAtt': [authorizerFnId, 'Arn'] }));
  });

  test('API Gateway may invoke the authorizer function for this authorizer only', () => {
    const perms = resourcesOf(A, 'AWS::Lambda::Permission').filter(([, x]) => JSON.stringify(x.Properties.FunctionName).includes(authorizerFnId));
    expect(perms).toHaveLength(1);
    const p = perms[0]![1].Properties;
    expect(p.Principal).toBe('apigateway.amazonaws.com');
    expect(JSON.stringify(p.SourceArn)).toContain(`"/authorizers/",{"Ref":"${authorizerId}"}`);
  });

  test('every jwt route sits behind the session authorizer, no none route does, and only public steps are none', () => {
    for (const r of routes) {
      const [, res] = routeRes.find(([, x]) => x.Properties.RouteKey === routeKey(r))!;
      if (r.auth === 'jwt') {
        expect({ route: routeKey(r), type: res.Properties.AuthorizationType, id: res.Properties.AuthorizerId })
          .toEqual({ route: routeKey(r), type: 'CUSTOM', id: { Ref: authorizerId } });
      } else {
        expect({ route: routeKey(r), type: res.Properties.AuthorizationType, id: res.Properties.AuthorizerId })
          .toEqual({ route: routeKey(r), type: 'NONE', id: undefined });
      }
    }
    expect(routes.filter((r) => r.auth === 'jwt').length).toBeGreaterThan(0);
    // Public: the health check, the sign-in steps (which issue the session) and the public JWKS.
    const open = routes.filter((r) => r.auth === 'none').map(routeKey);
    expect(open).toContain('GET /api/health');
    for (const k of open) expect(k).toMatch(/^(GET \/api\/health|POST \/api\/auth\/(login(\/[a-z-]+)?|refresh)|GET \/api\/auth\/jwks\.json)$/);
  });

  test('integrations are Lambda proxies with payload 2.0', () => {
    for (const [, i] of resourcesOf(A, 'AWS::ApiGatewayV2::Integration')) {
      expect(i.Properties.IntegrationType).toBe('AWS_PROXY');
      expect(i.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });

  test("an alarm on every API function's log: a refusal it could not record (AUDIT_WRITE_FAILED) is never silent", () => {
    const apiFunctions = [...new Set(routes.map((r) => r.function))];
    expect(apiFunctions.length).toBeGreaterThan(2);
    for (const fid of apiFunctions) {
      const logGroup = service.functions.get(fid)!.appLogGroup;
      A.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logicalId(service, logGroup.node.defaultChild) },
        FilterPattern: '"AUDIT_WRITE_FAILED"',
        MetricTransformations: [Match.objectLike({ MetricName: resourceName('dev', `${fid}-audit-write-failed`), MetricValue: '1' })],
      });
      A.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: resourceName('dev', `${fid}-audit-write-failed`), Threshold: 1, AlarmActions: Match.anyValue(),
      });
    }
  });

  test('the stage has JSON access logs (with the authorizer\'s user) and throttling', () => {
    A.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"user":"\\$context.authorizer.username"') },
      DefaultRouteSettings: Match.objectLike({ ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() }),
    });
  });
});

describe('partitions', () => {
  test('no ARN is written with a literal partition (aws-cn must work as well as aws)', () => {
    for (const t of [S, A, W]) expect(JSON.stringify(t.toJSON())).not.toMatch(/arn:aws[:-]/);
  });
});

describe('alarms', () => {
  test('every alarm of every stack notifies the alarm topic (encrypted, TLS only)', () => {
    const alarms = [S, A, W].flatMap((t) => resourcesOf(t, 'AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [id, alarm] of alarms) {
      expect({ id, actions: JSON.stringify(alarm.Properties.AlarmActions ?? []) }).toEqual({ id, actions: expect.stringMatching(/Alarms/) });
    }
    S.hasResourceProperties('AWS::SNS::Topic', { TopicName: resourceName('dev', 'alarms'), KmsMasterKeyId: Match.anyValue() });
    S.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('the deploy parameter alarmEmail subscribes each address', () => {
    const { templates: t } = synthApp({ alarmEmail: 'ops@qingshan.gov.cn, duty@qingshan.gov.cn' });
    t.stateful.resourceCountIs('AWS::SNS::Subscription', 2);
    t.stateful.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'duty@qingshan.gov.cn' });
  });
});

describe('service: scheduled jobs', () => {
  test('a scheduled run that fails after its retries is parked in the schedules DLQ, not dropped', () => {
    for (const sch of schedules) {
      const fnId = logicalId(service, service.functions.get(sch.function)!.node.defaultChild);
      A.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fnId },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    }
  });
});

describe('web: portal', () => {
  const [, dist] = resourcesOf(W, 'AWS::CloudFront::Distribution')[0]!;
  const cfg = dist.Properties.DistributionConfig;

  test('S3 origin through origin access control, bucket policy limited to this distribution', () => {
    const [oacId] = resourcesOf(W, 'AWS::CloudFront::OriginAccessControl')[0]!;
    const s3Origin = cfg.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const policies = resourcesOf(W, 'AWS::S3::BucketPolicy').flatMap(([, p]) => asArray<any>(p.Properties.PolicyDocument.Statement));
    const allow = policies.find((s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(allow.Condition.StringEquals['AWS:SourceArn']).toBeDefined();
  });

  test('the /api origin is the API id joined into its execute-api domain, through a strong reference', () => {
    const apiOrigin = cfg.Origins.find((o: any) => o.CustomOriginConfig);
    expect(apiOrigin.DomainName).toEqual({
      'Fn::Join': ['', [{ 'Fn::ImportValue': expect.any(String) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
    // No weak reference anywhere (they go stale when the CLI skips an unchanged dependent stack).
    for (const t of [W, S, A]) expect(JSON.stringify(t.toJSON())).not.toContain('Fn::GetStackOutput');
  });

  test('index.html root, no edge rewrite (the portal uses hash routes), HTTPS, security headers', () => {
    expect(cfg.DefaultRootObject).toBe('index.html');
    expect(cfg.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(cfg.DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
    W.resourceCountIs('AWS::CloudFront::Function', 0);
    expect(cfg.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(cfg.CustomErrorResponses).toBeUndefined(); // would also rewrite the API's 403/404 JSON
    expect(cfg.Logging).toBeDefined();
    W.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentSecurityPolicy: Match.objectLike({ Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
    expect(cspOf(W)).toContain("frame-ancestors 'none'");
  });

  test("the CSP lets the page connect to its own origin and to the uploads bucket's regional endpoint, nowhere else", () => {
    const csp = cspOf(W);
    // `connect-src 'self' https://sifasuo-dev-uploads-<account>-<region>.s3.<region>.<url suffix>`, assembled by CloudFormation.
    expect(csp).toContain(`connect-src 'self' https://${resourceName('dev', 'uploads')}-`);
    expect(csp).toContain('.s3.');
    expect(csp).toContain('AWS::URLSuffix');
    expect(csp.match(/https:\/\//g)).toHaveLength(1);
  });

  test('/api/* goes to the HTTP API over TLS 1.2 with the origin secret header', () => {
    const api = cfg.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    const origin = cfg.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig).toEqual(expect.objectContaining({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }));
    expect(origin.OriginCustomHeaders).toEqual([{
      HeaderName: ORIGIN_SECRET_HEADER,
      HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { 'Fn::ImportValue': expect.stringContaining(originSecretId) }, ':SecretString:::}}']] },
    }]);
    // The portal's S3 origin gets no secret.
    expect(cfg.Origins.find((o: any) => o.S3OriginConfig).OriginCustomHeaders).toBeUndefined();
  });

  test('/api/*: the viewer address and request headers reach the API, never Host or cookies', () => {
    const api = cfg.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    const [policyId, policy] = resourcesOf(W, 'AWS::CloudFront::OriginRequestPolicy')[0]!;
    expect(api.OriginRequestPolicyId).toEqual({ Ref: policyId });
    const c = policy.Properties.OriginRequestPolicyConfig;
    expect(c.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(c.HeadersConfig.Headers).toEqual([...API_FORWARDED_HEADERS]);
    expect(c.HeadersConfig.Headers).toEqual(expect.arrayContaining(['CloudFront-Viewer-Address', 'User-Agent', 'Content-Type', 'Accept']));
    expect(c.HeadersConfig.Headers.length).toBeLessThanOrEqual(10); // CloudFront's quota
    const lower = c.HeadersConfig.Headers.map((h: string) => h.toLowerCase());
    for (const never of ['host', 'authorization', 'accept-encoding', ORIGIN_SECRET_HEADER]) expect(lower).not.toContain(never);
    expect(c.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(c.CookiesConfig).toEqual({ CookieBehavior: 'none' });
  });

  test('/api/*: Authorization is forwarded through the cache key of a policy that caches nothing it is not told to, for at most 1 s', () => {
    const api = cfg.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    const [policyId, policy] = resourcesOf(W, 'AWS::CloudFront::CachePolicy')[0]!;
    expect(api.CachePolicyId).toEqual({ Ref: policyId });
    const c = policy.Properties.CachePolicyConfig;
    expect([c.MinTTL, c.DefaultTTL, c.MaxTTL]).toEqual([0, 0, 1]);
    const key = c.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
    // A cached answer could only ever go to the same token asking the same query.
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
  });

  test('compression: the portal files and the API answers go out in brotli or gzip, as the viewer accepts', () => {
    const api = cfg.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(cfg.DefaultCacheBehavior.Compress).toBe(true);
    expect(api.Compress).toBe(true);
    // CloudFront compresses only when the behaviour's cache policy has both encodings on: the managed
    // CachingOptimized policy for the portal's files, the API's own policy for /api/*.
    expect(cfg.DefaultCacheBehavior.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    const [policyId, policy] = resourcesOf(W, 'AWS::CloudFront::CachePolicy')[0]!;
    expect(api.CachePolicyId).toEqual({ Ref: policyId });
    const key = policy.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin;
    expect([key.EnableAcceptEncodingGzip, key.EnableAcceptEncodingBrotli]).toEqual([true, true]);
  });

  test('-c originSecretVersion pins one version of the secret in both the header and the API functions', () => {
    const { templates: t } = synthApp({ originSecretVersion: 'c0ffee00-0000-4000-8000-000000000001' });
    const pinned = ':SecretString:::c0ffee00-0000-4000-8000-000000000001}}';
    const dist = resourcesOf(t.web, 'AWS::CloudFront::Distribution')[0]![1];
    expect(JSON.stringify(dist.Properties.DistributionConfig.Origins)).toContain(pinned);
    const apiFns = resourcesOf(t.service, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Environment.Variables[ENV.originSecret]);
    expect(apiFns).toHaveLength(deployedFunctions().filter((f) => f.kind === 'api').length);
    for (const [, f] of apiFns) expect(JSON.stringify(f.Properties.Environment.Variables[ENV.originSecret])).toContain(pinned);
  });

  test('without web/dist there is no deployment of portal files', () => {
    expect(resourcesOf(W, 'Custom::CDKBucketDeployment')).toHaveLength(0);
  });
});

describe('the whole app in a China region (cn-north-1)', () => {
  const cn = synthApp({
    region: 'cn-north-1', account: '123456789012', portalDomain: 'sifasuo.qingshan.gov.cn', portalIamCertificateId: 'ASCAEXAMPLEIAMCERT',
  });
  const chinaCfg = resourcesOf(cn.templates.web, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;

  test('the bucket is reached through an origin access identity (no OAC there), and there is no edge code', () => {
    cn.templates.web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    cn.templates.web.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
    cn.templates.web.resourceCountIs('AWS::CloudFront::Function', 0);
    const s3Origin = chinaCfg.Origins.find((o: any) => o.S3OriginConfig);
    expect(JSON.stringify(s3Origin.S3OriginConfig.OriginAccessIdentity)).toContain('origin-access-identity/cloudfront/');
  });

  test("the bureau's ICP-filed domain with its IAM certificate, TLS 1.2 minimum", () => {
    expect(chinaCfg.Aliases).toEqual(['sifasuo.qingshan.gov.cn']);
    expect(chinaCfg.ViewerCertificate).toEqual({ IamCertificateId: 'ASCAEXAMPLEIAMCERT', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
  });

  test('/api/* sends the origin secret and forwards the viewer address there too', () => {
    const api = chinaCfg.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    const origin = chinaCfg.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.OriginCustomHeaders.map((h: any) => h.HeaderName)).toEqual([ORIGIN_SECRET_HEADER]);
    const [, policy] = resourcesOf(cn.templates.web, 'AWS::CloudFront::OriginRequestPolicy')[0]!;
    expect(policy.Properties.OriginRequestPolicyConfig.HeadersConfig.Headers).toContain('CloudFront-Viewer-Address');
  });

  test("the uploads bucket admits the bureau's domain alone, and the CSP names its China endpoint", () => {
    const [, uploads] = resourcesOf(cn.templates.stateful, 'AWS::S3::Bucket')
      .find(([, r]) => JSON.stringify(r.Properties.BucketName ?? '').includes(`${resourceName('dev', 'uploads')}-`))!;
    expect(uploads.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual(['https://sifasuo.qingshan.gov.cn']);
    expect(cspOf(cn.templates.web)).toContain(`https://${resourceName('dev', 'uploads')}-123456789012-cn-north-1.s3.cn-north-1.`);
  });

  test('no Cognito, a session authorizer, the signing key, and no X-Ray', () => {
    for (const t of Object.values(cn.templates)) {
      expect(JSON.stringify(t.toJSON())).not.toMatch(/AWS::Cognito::|TracingConfig|xray/i);
    }
    cn.templates.service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'REQUEST', EnableSimpleResponses: true });
    cn.templates.stateful.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  });
});
