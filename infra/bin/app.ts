import { buildApp } from '../lib/app';
import { buildWebApp } from '../lib/web-app';

// The CDK CLI runs this (cdk.json): build the web app (the region stacks deploy its build), then the CDK app, and
// write the cloud assembly it asked for.
await buildWebApp();
buildApp().app.synth();
