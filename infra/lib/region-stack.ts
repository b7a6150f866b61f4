import type { ServiceManifest } from '@inovda/manifest';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { ApiFrontDoor } from './api-front-door';
import type { EdgeFirewallStack } from './edge-firewall';
import { RegionEventBus } from './event-bus';
import { RegionApi } from './http-api';
import { RegionMonitoring } from './monitoring';
import { pascalCase } from './names';
import { RegionEmail } from './region-email';
import { Service } from './service';
import { RegionUserPool } from './user-pool';
import { RegionWebApp, SIGN_IN_CALLBACK_PATH } from './web-app-hosting';

/** Props of a {@link RegionStack}. */
export interface RegionStackProps extends StackProps {
  readonly config: RegionConfig;
  /** The services to deploy; the platform's list (infra/lib/platform.ts) unless a test passes its own. */
  readonly services: readonly ServiceManifest[];
  /** The region's web ACL (us-east-1), carried by the CloudFront distribution in front of the API. */
  readonly edge: EdgeFirewallStack;
}

/** The stack id of a region: what `cdk deploy Inovda-<region-id>` selects. */
export function stackIdOf(config: RegionConfig): string {
  return `Inovda-${config.id}`;
}

/** True when some function of the services sends e-mail (the region then gets its SES configuration set). */
function sendsEmail(services: readonly ServiceManifest[]): boolean {
  return services.some((manifest) =>
    manifest.functions.some((fn) => (fn.grants ?? []).some((grant) => grant.kind === 'send-email')),
  );
}

/**
 * Everything one Pemda runs on, built only from the region config and the service manifests: one bus, one user
 * pool, one HTTP API, and per service its table, functions, stream publisher, rules and schedules.
 *
 * Layout: this stack holds what the region shares and what is stateful (bus and archive, user pool, HTTP API and
 * its stage and authorizer, alarm topic and dashboard, the e-mail configuration set, every service table); each
 * service's functions and what is wired to them live in one nested stack per service (see {@link Service}). A
 * region stays one `cdk deploy Inovda-<region-id>`, and each template grows only with its own service.
 */
export class RegionStack extends Stack {
  readonly config: RegionConfig;
  readonly monitoring: RegionMonitoring;
  readonly eventBus: RegionEventBus;
  readonly auth: RegionUserPool;
  readonly api: RegionApi;
  /** CloudFront in front of the API, with the per-caller limits: the URL the web app calls. */
  readonly frontDoor: ApiFrontDoor;
  /** The web app: its bucket, distribution and the deployment writing the build and `/config.json`. */
  readonly webApp: RegionWebApp;
  /** The region's e-mail set-up; only when some function has a `send-email` grant. */
  readonly email?: RegionEmail;
  readonly services: readonly Service[];

  constructor(scope: Construct, id: string, props: RegionStackProps) {
    // The web ACL lives in us-east-1 (see EdgeFirewallStack); its ARN crosses regions through CDK's references.
    super(scope, id, { ...props, crossRegionReferences: true });
    const { config } = props;
    this.config = config;
    Tags.of(this).add('project', 'inovda');
    Tags.of(this).add('region', config.id);

    const monitoring = new RegionMonitoring(this, 'Monitoring', { config });
    const eventBus = new RegionEventBus(this, 'EventBus', { config });
    const auth = new RegionUserPool(this, 'Auth', { config });
    this.monitoring = monitoring;
    this.eventBus = eventBus;
    this.auth = auth;
    this.api = new RegionApi(this, 'Api', {
      config,
      services: props.services,
      userPool: auth.userPool,
      userPoolClient: auth.client,
    });
    monitoring.watchHttpApi(this.api.api);
    this.frontDoor = new ApiFrontDoor(this, 'FrontDoor', {
      config,
      api: this.api,
      webAclArn: props.edge.webAcl.attrArn,
    });
    this.email = sendsEmail(props.services) ? new RegionEmail(this, 'Email', { config }) : undefined;
    this.webApp = new RegionWebApp(this, 'WebApp', { config, apiUrl: this.frontDoor.url, loginDomain: auth.domain });
    auth.allowWebApp(this.webApp.url, SIGN_IN_CALLBACK_PATH);
    this.webApp.deploy({ userPoolId: auth.userPool.userPoolId, clientId: auth.client.userPoolClientId });

    this.services = props.services.map((manifest) => {
      const service = new Service(this, pascalCase(manifest.name), {
        config,
        manifest,
        eventBus: eventBus.bus,
        monitoring,
        api: this.api,
        email: this.email,
        userPool: auth.userPool,
      });
      new CfnOutput(this, `${pascalCase(manifest.name)}TableName`, {
        description: `DynamoDB table of the ${manifest.name} service`,
        value: service.table.tableName,
      });
      return service;
    });
    monitoring.addDeadLetterWidget();

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the API for the web app: CloudFront, with the per-caller limits',
      value: this.frontDoor.url,
    });
    new CfnOutput(this, 'ExecuteApiUrl', {
      description: 'The HTTP API stage itself (operators only: it bypasses the per-caller limits)',
      value: this.api.url,
    });
    new CfnOutput(this, 'WebAppUrl', { description: 'The web app', value: this.webApp.url });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { description: 'Web app client', value: auth.client.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: eventBus.bus.eventBusName });
  }
}
