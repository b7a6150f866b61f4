import { Fn, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import type { RegionApi } from './http-api';

/** Props of an {@link ApiFrontDoor}. */
export interface ApiFrontDoorProps {
  readonly config: RegionConfig;
  readonly api: RegionApi;
  /** The ARN of the region's edge web ACL (its {@link EdgeFirewallStack}, in us-east-1). */
  readonly webAclArn: string;
}

/**
 * The address the web app calls: a CloudFront distribution in front of the HTTP API, there to carry the WAF web ACL
 * with the per-caller limits (an HTTP API cannot carry one). It only passes requests through: nothing is cached
 * (every answer depends on the caller's token), every viewer header but `Host` reaches the API (API Gateway routes
 * on its own host name), so the `Authorization` header the JWT authorizer checks and the CORS headers arrive as sent.
 *
 * The execute-api endpoint stays enabled: CloudFront can only reach an HTTP API with it disabled through a custom
 * domain name, which the region configs do not have. A client that finds that address bypasses the per-caller
 * limits (not the authorizer, nor the stage-wide throttle); see the README.
 */
export class ApiFrontDoor extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiFrontDoorProps) {
    super(scope, id);
    const { config, api } = props;
    const apiDomain = `${api.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `inovda API of ${config.id}`,
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Asia (Jakarta among them) are in this class; the cheapest class has none there.
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    const distribution = this.distribution.node.defaultChild;
    if (!distribution) throw new Error('the distribution has no L1 resource');
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: OPD staff and reviewers may work from outside Indonesia (study trips, national ' +
          'events abroad); every route requires a Cognito token, and the web ACL limits each caller.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access logs: the distribution only passes requests to the HTTP API, whose stage writes a ' +
          'JSON access log line per request (caller sub, source IP, status); refusals by the web ACL are in its ' +
          'CloudWatch metrics and sampled requests.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The regions have no custom domain, so the distribution uses the default *.cloudfront.net certificate, ' +
          'for which CloudFront fixes the viewer TLS policy itself; the origin is reached over TLS 1.2 only.',
      },
    );
  }

  /** The base URL the web app calls (HTTPS, with a trailing slash like the stage URL). */
  get url(): string {
    return Fn.join('', ['https://', this.distribution.distributionDomainName, '/']);
  }
}
