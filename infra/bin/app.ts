#!/usr/bin/env node
// `npx cdk synth` / `npx cdk deploy --all -c stage=prod` (see cdk.json): the app from the wiring.
// `-c bundle=false` skips esbuild (templates only, ~3x faster; such an assembly cannot be deployed).
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';

const app = new App();
if (String(app.node.tryGetContext('bundle')) === 'false') app.node.setContext('aws:cdk:bundling-stacks', []);
buildApp(app);
