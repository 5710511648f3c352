// cdk-nag 3 wiring: the AwsSolutions pack is a CDK policy-validation plugin that runs on every synth;
// any finding it reports (error or warning) stops the synth unless acknowledged. Acknowledgments use
// CDK's `Validations.of(construct).acknowledge()`: exact rule id (with the finding for multi-finding
// rules such as `AwsSolutions-IAM5[Resource::*]`), on the resource or an ancestor, with a reason.
// The reasons are also written into the templates (`cdk_nag` metadata) as the audit trail.
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export const nagChecks = (app: App) => new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });

export const addNagChecks = (app: App) => {
  Validations.of(app).addPlugins(nagChecks(app));
};

/** `[rule id (with finding), written reason]`. */
export type Suppression = [id: string, reason: string];

export const suppress = (construct: IConstruct, list: Suppression[]) => {
  for (const [id, reason] of list) {
    if (reason.trim().length < 20) throw new Error(`suppression ${id} needs a real reason`);
    Validations.of(construct).acknowledge({ id, reason });
  }
};
