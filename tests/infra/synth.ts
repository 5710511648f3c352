// Builds the CDK app the way `cdk synth` does (cdk.json feature flags, stage context), with bundling
// skipped so tests need neither esbuild runs nor handler code.
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildOptions } from '../../infra/lib/app';
import { cdkJsonContext } from '../../infra/lib/config';

export const synthApp = (context: Record<string, unknown> = {}, options: BuildOptions = { portalDist: null }, into?: App) => {
  const app = into ?? new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  for (const [k, v] of Object.entries(context)) app.node.setContext(k, v);
  const built = buildApp(app, options);
  return {
    app,
    ...built,
    templates: {
      stateful: Template.fromStack(built.stateful),
      service: Template.fromStack(built.service),
      web: Template.fromStack(built.web),
    },
  };
};

export const logicalId = (stack: Stack, element: unknown) => stack.getLogicalId(element as CfnElement);

type Json = Record<string, any>;
export const resourcesOf = (t: Template, type: string): Array<[string, Json]> => Object.entries(t.findResources(type));

export const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every IAM policy statement of a template, with the policy's logical id. */
export const statementsOf = (t: Template): Json[] =>
  resourcesOf(t, 'AWS::IAM::Policy').flatMap(([id, r]) =>
    asArray<Json>(r.Properties.PolicyDocument.Statement).map((s): Json => ({ policy: id, ...s })),
  );
