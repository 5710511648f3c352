// Builds the whole CDK app from the wiring: one stateful stack, the service stack (contexts, API,
// consumers, schedules) and the web stack (portal). Used by bin/app.ts and by the infra tests.
import { join } from 'node:path';
import { Tags, type App, type Environment } from 'aws-cdk-lib';
import { resourceName } from '@sifasuo/wiring';
import { findRepoRoot, parseStage } from './config';
import { addNagChecks } from './nag';
import { ServiceStack } from './service-stack';
import { originSecretValue } from './origin-secret';
import { notifyEveryAlarm, StatefulStack } from './stateful-stack';
import { WebStack } from './web-stack';

export interface BuildOptions {
  repoRoot?: string;
  /** Built portal to deploy; default `<repo>/web/dist` (skipped when absent). */
  portalDist?: string | null;
  /** Run cdk-nag on synth (default true). */
  nag?: boolean;
}

export const buildApp = (app: App, options: BuildOptions = {}) => {
  const ctx = (key: string): string | undefined => {
    const v = app.node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const stage = parseStage(ctx('stage'));
  const repoRoot = options.repoRoot ?? findRepoRoot();
  // Account/region from `-c account=… -c region=…` or the CLI's environment; neither = an
  // environment-agnostic template (offline synth). Production holds personal data and must be
  // deployed to a China region (cn-north-1 / cn-northwest-1, partition aws-cn): docs/domain.md, Security duties.
  const env: Environment = {
    account: ctx('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: ctx('region') ?? process.env.CDK_DEFAULT_REGION,
  };
  const name = (x: string) => resourceName(stage, x);

  const portalDomain = ctx('portalDomain');
  const stateful = new StatefulStack(app, name('stateful'), {
    env, stage,
    alarmEmails: ctx('alarmEmail')?.split(',').map((e) => e.trim()).filter(Boolean),
    portalDomain,
    description: `${name('stateful')}: keys, origin secret, tables, archive, uploads, queues, bus`,
    terminationProtection: stage === 'prod',
  });
  // `-c originSecretVersion=<VersionId>` pins the origin secret's version in both stacks (a rotation).
  const originSecretVersion = ctx('originSecretVersion');
  const service = new ServiceStack(app, name('service'), {
    env, stage, repoRoot, stateful, originSecretVersion,
    description: `${name('service')}: functions per context, HTTP API, consumers, schedules`,
  });
  const portalDist = options.portalDist === null ? undefined : options.portalDist ?? join(repoRoot, 'web', 'dist');
  const web = new WebStack(app, name('web'), {
    env, stage, apiDomain: service.apiDomain, portalDist,
    originSecret: originSecretValue(stateful.originSecret, originSecretVersion),
    domainName: portalDomain,
    certificateArn: ctx('portalCertificateArn'),
    iamCertificateId: ctx('portalIamCertificateId'),
    description: `${name('web')}: portal on S3 + CloudFront`,
  });

  Tags.of(app).add('app', 'sifasuo');
  Tags.of(app).add('stage', stage);
  notifyEveryAlarm(app, stateful.alarmTopic);
  if (options.nag !== false) addNagChecks(app);
  return { stage, stateful, service, web };
};
