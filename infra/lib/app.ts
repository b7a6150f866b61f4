import type { ServiceManifest } from '@inovda/manifest';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { regions as allRegions, type RegionConfig } from '../regions';
import { services as platformServices } from './platform';
import { RegionStack, stackIdOf } from './region-stack';

/** Options of {@link buildApp}; the defaults build what `cdk synth` deploys. */
export interface BuildAppOptions extends AppProps {
  readonly regions?: readonly RegionConfig[];
  readonly services?: readonly ServiceManifest[];
}

/** The CDK app and its region stacks. */
export interface InovdaApp {
  readonly app: App;
  readonly stacks: readonly RegionStack[];
}

/**
 * The CDK app: one stack per region config, each with every service, checked by cdk-nag's AwsSolutions and
 * Serverless packs at synthesis (an unacknowledged finding fails `cdk synth`). bin/app.ts and the tests both
 * build the app here.
 */
export function buildApp(options: BuildAppOptions = {}): InovdaApp {
  const { regions = allRegions, services = platformServices, ...appProps } = options;
  const app = new App(appProps);
  const stacks = regions.map(
    (config) =>
      new RegionStack(app, stackIdOf(config), {
        config,
        services,
        description: `inovda (inovasi daerah) platform of ${config.displayName}`,
        env: { account: config.aws.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.aws.region },
      }),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stacks };
}
