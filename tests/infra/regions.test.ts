// Where production runs: the app must synthesize for the China regions (partition aws-cn) and for a
// global region. CDK's CloudFormation validation reports a resource type a region does not offer;
// this suite collects those reports. Since issue 11 replaced Cognito with the auth context's own
// identity, no region may lack anything: a resource type China does not offer fails this test.
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { cdkJsonContext } from '../../infra/lib/config';
import { synthApp } from './synth';

/** Resource types CloudFormation says `region` lacks, from synthesizing what `build` adds to an app. */
const missingTypesOf = (region: string, build: (app: App) => void) => {
  const reported: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void reported.push(args.map(String).join(' '));
  try {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    build(app);
    app.synth();
  } catch (e) {
    // The report comes in the error (under jest) or on stderr (plain node): read both.
    if (!/does not exist in/.test(String((e as Error).message))) throw e;
    reported.push((e as Error).message);
  } finally {
    console.error = original;
  }
  const types = reported.join('\n').matchAll(/Resource type '([^']+)' does not exist in '([^']+)'/g);
  return [...new Set([...types].filter((m) => m[2] === region).map((m) => m[1]!))].sort();
};

/** The whole app (three stacks, cdk-nag included) for `region`. */
const missingTypes = (region: string) => missingTypesOf(region, (app) => {
  synthApp({ region, account: '123456789012' }, { portalDist: null }, app);
});

jest.setTimeout(120_000); // each case synthesizes the three stacks with cdk-nag

describe('regions', () => {
  test('a global region (ap-southeast-1) offers every resource type the app uses', () => {
    expect(missingTypes('ap-southeast-1')).toEqual([]);
  });

  test.each(['cn-north-1', 'cn-northwest-1'])('%s offers every resource type the app uses', (region) => {
    expect(missingTypes(region)).toEqual([]);
  });

  // The check itself: without it, an empty list could mean the validation never ran.
  test('the check sees a type a China region lacks (Cognito user pools, which issue 11 removed)', () => {
    const reported = missingTypesOf('cn-north-1', (app) => {
      const probe = new Stack(app, 'probe', { env: { region: 'cn-north-1', account: '123456789012' } });
      new CfnResource(probe, 'Pool', { type: 'AWS::Cognito::UserPool' });
    });
    expect(reported).toEqual(['AWS::Cognito::UserPool']);
  });
});
