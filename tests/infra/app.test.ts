// The app as a whole: stage handling, cdk-nag on every stack (no unacknowledged finding, and the
// checker really runs), the portal deployment switch, and bundling options shared with the bench.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { build } from 'esbuild';
import { resourceName } from '@sifasuo/wiring';
import { mediation } from '@sifasuo/wiring/src/mediation';
import { bundleFileHooks, cdkBundling } from '../../infra/lib/app-function';
import { esbuildOptions } from '../../infra/lib/bundling';
import { findRepoRoot, parseStage } from '../../infra/lib/config';
import { resourcesOf, synthApp } from './synth';

const violationsOf = (app: App) => new AwsSolutionsChecks(app).validateScope(app).violations;

describe('stage', () => {
  test('defaults to dev and accepts short lower-case names', () => {
    expect(parseStage(undefined)).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
    expect(parseStage('pr-42')).toBe('pr-42');
    expect(parseStage('a'.repeat(15))).toBe('a'.repeat(15));
  });

  // 16 characters would push the audit vault's bucket name past S3's 63 in a China region.
  test.each(['Prod', 'x', '1abc', 'a_b', 'a'.repeat(16), 'dev.1'])('rejects %p', (s) => {
    expect(() => parseStage(s)).toThrow(/stage/);
  });

  test('-c stage=prod names every stack and table after the stage and protects the stateful stack', () => {
    const { stateful, service, web, templates } = synthApp({ stage: 'prod' });
    expect([stateful.stackName, service.stackName, web.stackName]).toEqual(
      ['stateful', 'service', 'web'].map((s) => resourceName('prod', s)),
    );
    expect(stateful.terminationProtection).toBe(true);
    templates.stateful.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'sifasuo-prod-org' });
  });
});

describe('cdk-nag AwsSolutions', () => {
  test('no unacknowledged finding in any stack (and synth with the checks registered passes)', () => {
    const { app, stateful, service, web } = synthApp();
    expect(violationsOf(app)).toEqual([]);
    for (const stack of [stateful, service, web]) {
      expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    }
    expect(() => app.synth()).not.toThrow();
  });

  test.each([
    ['cn-north-1', { portalDomain: 'sifasuo.qingshan.gov.cn', portalIamCertificateId: 'ASCAEXAMPLEIAMCERT' }],
    ['cn-northwest-1', {}],
    ['ap-southeast-1', {}],
  ])('no unacknowledged finding in %s either', (region, extra) => {
    const { app } = synthApp({ region, account: '123456789012', stage: 'prod', ...extra });
    expect(violationsOf(app)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('the checker is live: an unencrypted, DLQ-less queue is reported', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    new sqs.Queue(stack, 'Naked', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    const rules = violationsOf(app).map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  test('with a built portal: the deployment is added and its provider findings are acknowledged', () => {
    const dist = mkdtempSync(join(tmpdir(), 'sifasuo-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>司法所</title>');
    const { app, templates } = synthApp({}, { portalDist: dist });
    expect(resourcesOf(templates.web, 'Custom::CDKBucketDeployment')).toHaveLength(1);
    expect(violationsOf(app)).toEqual([]);
  });

  test('with a custom domain the viewer TLS floor is TLSv1.2_2021', () => {
    const { app, templates } = synthApp({
      portalDomain: 'portal.example.cn',
      portalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });
    templates.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['portal.example.cn'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
    expect(violationsOf(app)).toEqual([]);
  });
});

describe('bundling', () => {
  test('AppFunction bundles with the shared esbuild options: ESM, node22, minified, SDK bundled, require banner', () => {
    expect(cdkBundling.format).toBe(OutputFormat.ESM);
    expect(cdkBundling.target).toBe(esbuildOptions.target);
    expect(esbuildOptions.target).toBe('node22');
    expect(cdkBundling.minify).toBe(true);
    expect(cdkBundling.sourceMap).toBe(true);
    expect(cdkBundling.externalModules).toEqual([]); // @aws-sdk/* is bundled, not taken from the runtime
    expect(cdkBundling.banner).toBe(esbuildOptions.banner.js);
    expect(cdkBundling.banner).toContain('createRequire');
    expect(cdkBundling.sourcesContent).toBe(false);
    expect(cdkBundling.esbuildArgs).toEqual({
      '--tree-shaking': 'true',
      '--alias': [
        '@aws-sdk/credential-provider-node=./functions/src/shared/lambda-credentials.ts',
        'brotli/decompress.js=./functions/src/shared/brotli-decompress.ts',
      ],
    });
  });

  test("a function's bundleFiles (the documents' CJK font) are copied beside its bundle; other functions copy nothing", () => {
    const documents = mediation.functions.find((f) => f.id === 'mediation-documents')!;
    const hooks = bundleFileHooks(documents, findRepoRoot())!;
    const [copy] = hooks.afterBundling('/in', '/asset-output');
    const font = /^cp "(.+\/NotoSansSC_400Regular\.ttf)" "\/asset-output\/"$/.exec(copy!)![1]!;
    expect(statSync(font).size).toBeGreaterThan(5_000_000);
    expect(bundleFileHooks(mediation.functions.find((f) => f.id === 'mediation-api')!, findRepoRoot())).toBeUndefined();
  });

  /** Bundles a handler in memory with the options CDK uses. */
  const bundle = (entry: string) =>
    build({
      ...esbuildOptions,
      mainFields: [...esbuildOptions.mainFields],
      external: [...esbuildOptions.external],
      absWorkingDir: findRepoRoot(),
      entryPoints: [join(findRepoRoot(), entry)],
      write: false,
      outdir: join(tmpdir(), 'sifasuo-bundle'),
      sourcemap: false,
      metafile: true,
      logLevel: 'silent',
    });

  /** The modules that contribute code to the bundle (esbuild also reads the ones it shakes out). */
  const kept = (out: Awaited<ReturnType<typeof bundle>>) =>
    Object.values(out.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k));

  test('the same options bundle a real handler into one self-contained ESM file', async () => {
    const out = await bundle('functions/src/platform/api.ts');
    // Only what the health check calls: no SDK, no audit path, no other context's declarations.
    expect(kept(out).filter((i) => /@aws-sdk|shared\/audit-writer|wiring\/src\/(index|org|auth|audit)\.ts/.test(i))).toEqual([]);
    const js = out.outputFiles.find((f) => f.path.endsWith('.mjs'))!.text;
    expect(js.startsWith("import { createRequire as __sifasuoCreateRequire } from 'node:module';")).toBe(true);
    expect(js).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(js).toMatch(/export\s*\{[^}]*handler/);
  }, 30_000);

  test("a context's bundle carries its own wiring, not the joined one", async () => {
    const inputs = kept(await bundle('functions/src/org/api.ts'));
    expect(inputs).toContain('packages/wiring/src/org.ts');
    expect(inputs.filter((i) => /wiring\/src\/(index|auth|audit|platform)\.ts|domain\/src\/demo-county/.test(i))).toEqual([]);
  }, 30_000);

  test('an SDK client in a bundle resolves credentials from the Lambda environment only', async () => {
    const out = await bundle('functions/src/audit/vault.ts');
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs).toContain('functions/src/shared/lambda-credentials.ts');
    expect(inputs.filter((p) => /credential-provider-(node|ini|sso|process|web-identity)|nested-clients/.test(p))).toEqual([]);
  }, 30_000);
});
