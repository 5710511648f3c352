// The one Lambda construct every wiring function becomes: Node.js on arm64, an ESM bundle built by
// the local esbuild with the options from bundling.ts, its own log group with retention, and a role
// that starts with nothing but writing to that log group (grants are added from the wiring).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { resourceName, type FunctionDecl } from '@sifasuo/wiring';
import { esbuildOptions } from './bundling';
import { suppress } from './nag';

/**
 * Lambda runtime: Node.js 22, the newest the China regions (where production runs) are known to offer;
 * runtime release dates there differ from the global regions'. Bundles target node22.
 */
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

/** The esbuild options of bundling.ts, expressed as NodejsFunction bundling props. */
export const cdkBundling: BundlingOptions = {
  format: esbuildOptions.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
  target: esbuildOptions.target,
  minify: esbuildOptions.minify,
  sourceMap: esbuildOptions.sourcemap,
  sourcesContent: esbuildOptions.sourcesContent,
  mainFields: [...esbuildOptions.mainFields],
  externalModules: [...esbuildOptions.external],
  banner: esbuildOptions.banner.js,
  esbuildArgs: {
    '--tree-shaking': String(esbuildOptions.treeShaking),
    // Rendered as `--alias:<module>=<path>`; esbuild runs in projectRoot, the repository root.
    '--alias': Object.entries(esbuildOptions.alias).map(([module, path]) => `${module}=${path}`),
  },
};

/** Copies the function's `bundleFiles` (package files, e.g. a font) beside its bundle, where the kit finds them. */
export const bundleFileHooks = (decl: FunctionDecl, repoRoot: string): BundlingOptions['commandHooks'] => {
  if (!decl.bundleFiles?.length) return undefined;
  const resolve = createRequire(join(repoRoot, 'package.json')).resolve;
  const files = decl.bundleFiles.map((f) => resolve(f));
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_input, output) => files.map((f) => `cp "${f}" "${output}/"`),
  };
};

export interface AppFunctionProps {
  stage: string;
  decl: FunctionDecl;
  repoRoot: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
}

export class AppFunction extends NodejsFunction {
  readonly decl: FunctionDecl;
  /** The function's own log group (explicit, with retention). */
  readonly appLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const { stage, decl, repoRoot } = props;
    const name = resourceName(stage, decl.id);
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${name}`,
      retention: props.logRetention,
      // Production logs are evidence (docs/domain.md, Security duties); other stages clean up after themselves.
      removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${name}: log group write + wiring grants`,
    });
    // Instead of the AWSLambdaBasicExecutionRole managed policy (logs:* on every group): this group only.
    logGroup.grantWrite(role);

    let entry = join(repoRoot, decl.entry);
    if (!existsSync(entry) && !Stack.of(scope).bundlingRequired) {
      // Bundling is skipped (unit tests, `cdk synth --exclusively` of another stack): the template
      // does not depend on the code, so a missing handler must not stop it. Real synth still fails.
      Annotations.of(scope).addWarningV2('sifasuo:missing-entry', `${decl.entry} does not exist yet`);
      entry = join(repoRoot, 'infra', 'lib', 'placeholder-handler.ts');
    }

    super(scope, id, {
      functionName: name,
      description: `${decl.context}: ${decl.kind} (${decl.entry})`,
      entry,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: decl.memoryMb,
      timeout: Duration.seconds(decl.timeoutSeconds),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // No X-Ray: no Powertools Tracer is wired, and Lambda's X-Ray integration is not offered in the
      // China regions where production runs. Logs (JSON) and Powertools metrics carry the diagnostics.
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: `${decl.context}`,
        POWERTOOLS_METRICS_NAMESPACE: 'sifasuo',
      },
      bundling: { ...cdkBundling, commandHooks: bundleFileHooks(decl, repoRoot) },
    });
    this.decl = decl;
    this.appLogGroup = logGroup;
    suppress(this, [
      ['AwsSolutions-L1', 'Node.js 22 on purpose: the newest runtime the China regions (production) are known to offer; one runtime in every region, so what is tested is what runs.'],
    ]);
  }
}
