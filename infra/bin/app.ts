#!/usr/bin/env node
// `npx cdk synth` / `npx cdk deploy --all -c stage=prod` (see cdk.json): the app from the wiring.
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';

buildApp(new App());
