import { ArnFormat, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
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
 * region) but not the sender identity: verifying a Pemda domain takes DKIM records in DNS the Pemda's IT runs
 * (or a click in the mailbox for an address), and the identity often serves other Pemda systems, so it must not
 * disappear with a stack. IAM is scoped to the identity by ARN instead: the domain identity and the address
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
