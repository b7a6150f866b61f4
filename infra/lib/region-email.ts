import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';

/** The name of a region's SES configuration set; a sending handler passes it with every message. */
export function configurationSetNameOf(config: RegionConfig): string {
  return `inovda-${config.id}`;
}

/** The domain of the region's sender address (`inovasi@solokkota.go.id` → `solokkota.go.id`). */
export function senderDomainOf(config: RegionConfig): string {
  const domain = config.notifications.senderEmail.split('@').at(-1);
  if (!domain) throw new Error(`${config.id}: notifications.senderEmail has no domain`);
  return domain;
}

/** Props of a {@link RegionEmail}. */
export interface RegionEmailProps {
  readonly config: RegionConfig;
}

/**
 * How a region sends e-mail through SES v2, created only when some function has a `send-email` grant.
 *
 * The stack creates the configuration set (bounces and complaints suppressed per account, sending metrics per
 * region) and, unless the region says the Pemda's IT verified it already (`notifications.createSenderIdentity`),
 * the sender address as an SES identity (SES mails it a verification link once). A domain identity is left to the
 * Pemda's IT (its DKIM records live in their DNS). The identity is retained, never deleted with a stack: it often
 * serves other Pemda systems too. IAM is scoped to the identity by ARN instead: the domain identity and the address
 * identity (SES authorizes against whichever one verifies the sender), with `ses:FromAddress` pinned to the
 * configured sender so a domain-wide identity still only lets the functions send as that one address.
 */
export class RegionEmail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly senderAddress: string;
  /** ARNs of the identities that may verify the sender: its domain and the address itself. */
  readonly senderIdentityArns: readonly string[];

  constructor(scope: Construct, id: string, { config }: RegionEmailProps) {
    super(scope, id);
    this.senderAddress = config.notifications.senderEmail;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: configurationSetNameOf(config),
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    if (config.notifications.createSenderIdentity) {
      // The sender address as an SES identity, sending through the configuration set by default. Retained: the
      // address stays verified (and usable by the Pemda's other systems) if the stack is deleted or replaced.
      const identity = new EmailIdentity(this, 'SenderIdentity', {
        identity: Identity.email(config.notifications.senderEmail),
        configurationSet: this.configurationSet,
      });
      identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    const identityArn = (identity: string) =>
      Stack.of(this).formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: identity,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    this.senderIdentityArns = [identityArn(senderDomainOf(config)), identityArn(this.senderAddress)];
  }

  /** The configuration set's ARN (SES v2 `SendEmail` authorizes against it when a message names it). */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
