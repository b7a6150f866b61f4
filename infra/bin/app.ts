import { buildApp } from '../lib/app';

// The CDK CLI runs this (cdk.json): build the app and write the cloud assembly it asked for.
buildApp().app.synth();
