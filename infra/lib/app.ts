import type { ServiceManifest } from '@inovda/manifest';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { regions as allRegions, type RegionConfig } from '../regions';
import { EDGE_AWS_REGION, EdgeFirewallStack, edgeStackIdOf } from './edge-firewall';
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
  /** Each region's edge firewall stack (us-east-1), in the order of {@link InovdaApp.stacks}. */
  readonly edgeStacks: readonly EdgeFirewallStack[];
}

/**
 * The CDK app: one stack per region config, each with every service, checked by cdk-nag's AwsSolutions and
 * Serverless packs at synthesis (an unacknowledged finding fails `cdk synth`). bin/app.ts and the tests both
 * build the app here.
 */
export function buildApp(options: BuildAppOptions = {}): InovdaApp {
  const { regions = allRegions, services = platformServices, ...appProps } = options;
  const app = new App(appProps);
  const edgeStacks: EdgeFirewallStack[] = [];
  const stacks = regions.map((config) => {
    const account = config.aws.account ?? process.env.CDK_DEFAULT_ACCOUNT;
    const edge = new EdgeFirewallStack(app, edgeStackIdOf(config), {
      config,
      description: `inovda (inovasi daerah) per-caller limits of the API of ${config.displayName}`,
      env: { account, region: EDGE_AWS_REGION },
    });
    edgeStacks.push(edge);
    // The region stack reads the web ACL's ARN, so it depends on the edge stack: `cdk deploy Inovda-<region-id>`
    // deploys the edge stack first (CDK deploys a selected stack's dependencies unless told --exclusively).
    return new RegionStack(app, stackIdOf(config), {
      config,
      services,
      edge,
      description: `inovda (inovasi daerah) platform of ${config.displayName}`,
      env: { account, region: config.aws.region },
    });
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stacks, edgeStacks };
}
