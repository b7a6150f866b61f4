import { PROBLEM_TYPE_BASE, PROBLEMS } from '@inovda/kernel';
import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { RATE_LIMIT_WINDOW_SECONDS, type RegionConfig } from '../regions';

/** Where WAF web ACLs for CloudFront must live: CloudFront is global, and WAF serves it only from us-east-1. */
export const EDGE_AWS_REGION = 'us-east-1';

/** The stack id of a region's edge firewall; `cdk deploy Inovda-<region-id>` deploys it first, as a dependency. */
export function edgeStackIdOf(config: RegionConfig): string {
  return `Inovda-${config.id}-edge`;
}

/** The key of the 429 body in the web ACL's custom response bodies. */
export const TOO_MANY_REQUESTS_BODY = 'too-many-requests';

/**
 * What a refused caller waits: the whole evaluation window. WAF counts a caller's requests over the last window
 * (refused ones included), so only after that long without sending is it certainly below the limit again. The
 * header is static (WAF cannot compute it per caller); a shorter wait would invite retries that keep it refused.
 */
export const RETRY_AFTER_SECONDS = RATE_LIMIT_WINDOW_SECONDS;

/** The problem+json body WAF answers with: the same catalogue entry the local gateway answers with. */
function tooManyRequestsBody(): string {
  const code = 'too-many-requests';
  const { status, title } = PROBLEMS[code];
  return JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${code}`,
    code,
    title,
    status,
    detail: `Anda mengirim terlalu banyak permintaan dalam waktu singkat. Coba lagi dalam ${RETRY_AFTER_SECONDS / 60} menit.`,
  });
}

/** A rate-based rule that blocks with the 429 answer. */
function rateRule(
  name: string,
  priority: number,
  statement: CfnWebACL.RateBasedStatementProperty,
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    statement: { rateBasedStatement: statement },
    action: {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: TOO_MANY_REQUESTS_BODY,
          responseHeaders: [{ name: 'retry-after', value: String(RETRY_AFTER_SECONDS) }],
        },
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
  };
}

/** Props of an {@link EdgeFirewallStack}. */
export interface EdgeFirewallStackProps extends StackProps {
  readonly config: RegionConfig;
}

/**
 * The per-caller limits of a region, as a WAF web ACL for the CloudFront distribution in front of its HTTP API
 * (HTTP APIs cannot carry a web ACL themselves). In its own stack because a CloudFront web ACL can only be created
 * in us-east-1 while the region deploys to its own AWS region; the region stack reads the ACL's ARN through CDK's
 * cross-region references.
 *
 * Two rate-based rules, each counting over {@link RATE_LIMIT_WINDOW_SECONDS}:
 * - `per-caller`: keyed on the `Authorization` header, so each token is a caller of its own. WAF cannot key on a
 *   JWT claim, and the token is what the JWT authorizer checks next, so an OPD user looping PATCH is refused at the
 *   edge while every other user, even one behind the same office address, keeps their own budget. A caller gets a
 *   new budget when the web app refreshes its ID token (hourly), which bounds it at one budget per token lifetime.
 * - `per-address`: keyed on the client IP, higher: the backstop for requests without a token (WAF leaves requests
 *   missing the key out of a rule) and for a client inventing a new `Authorization` value on every request.
 */
export class EdgeFirewallStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    const { config } = props;
    Tags.of(this).add('project', 'inovda');
    Tags.of(this).add('region', config.id);

    this.webAcl = new CfnWebACL(this, 'ApiFirewall', {
      name: `inovda-${config.id}-api`,
      description: `Per-caller limits of the inovda API of ${config.displayName}`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: {
        // WAF offers JSON, HTML or plain text only, so the body is `application/json` where the local gateway says
        // `application/problem+json`; the body itself is the same problem document.
        [TOO_MANY_REQUESTS_BODY]: { contentType: 'APPLICATION_JSON', content: tooManyRequestsBody() },
      },
      rules: [
        rateRule('per-caller', 0, {
          limit: config.api.perCallerLimit,
          evaluationWindowSec: RATE_LIMIT_WINDOW_SECONDS,
          aggregateKeyType: 'CUSTOM_KEYS',
          customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
        }),
        rateRule('per-address', 1, {
          limit: config.api.perAddressLimit,
          evaluationWindowSec: RATE_LIMIT_WINDOW_SECONDS,
          aggregateKeyType: 'IP',
        }),
      ],
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `inovda-${config.id}-api`,
        sampledRequestsEnabled: true,
      },
    });
  }
}
