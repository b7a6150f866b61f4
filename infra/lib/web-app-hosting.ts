import { webAppConfig, webAppSecurityHeaders } from '@inovda/manifest';
import {
  type CfnElement,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import {
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { WEB_DIST } from './web-app';

/** Props of a {@link RegionWebApp}. */
export interface RegionWebAppProps {
  readonly config: RegionConfig;
  /** The API's base URL the app calls (the API's CloudFront front door). */
  readonly apiUrl: string;
  /** The user pool's managed login domain the app signs in through. */
  readonly loginDomain: UserPoolDomain;
}

/** The path the managed login sends the browser back to (packages/web: the sign-in callback page). */
export const SIGN_IN_CALLBACK_PATH = '/masuk/selesai';

/**
 * The web app of a region: the one build of `packages/web` in a private bucket that only this distribution reads
 * (origin access control), HTTPS only, the security headers and CSP of `webAppSecurityHeaders` on every answer, and
 * any path that is not a file answered with `index.html` (the app routes in the browser). The region's settings are
 * written beside the build as `/config.json` at deploy time, so the same build serves every region. Hashed assets
 * are cached for a year; `index.html` and `config.json` are revalidated with the bucket on every load, so a deploy
 * reaches everyone at once without an invalidation.
 */
export class RegionWebApp extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The app's origin, `https://<id>.cloudfront.net`. */
  readonly url: string;

  /**
   * Writes `/config.json` and the build into the bucket; called once the user pool client exists (its id goes in
   * the config, and the client's callback URL needs this distribution's domain first).
   */
  deploy(settings: { readonly userPoolId: string; readonly clientId: string }): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [
        Source.asset(WEB_DIST),
        Source.jsonData(
          'config.json',
          webAppConfig({
            apiUrl: this.props.apiUrl,
            region: this.props.config,
            auth: {
              kind: 'cognito',
              domain: this.props.loginDomain.baseUrl(),
              clientId: settings.clientId,
              userPoolId: settings.userPoolId,
            },
          }),
        ),
      ],
      destinationBucket: this.bucket,
      // No invalidation (it would need cloudfront:CreateInvalidation on *): index.html and config.json are never
      // served from CloudFront's cache without asking the bucket (cache policy below), and assets have new names.
      prune: true,
      memoryLimit: 512,
    });
    // The copying function is CDK's own (one per stack, shared by its deployments), run by CloudFormation alone.
    // cdk-nag names an IAM finding by the action or resource as rendered, so each is acknowledged by that name.
    const handler = deployment.handlerRole.node.scope;
    if (!handler) throw new Error('the deployment handler has no construct');
    const stack = Stack.of(this);
    const nagRegion = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const assets = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${nagRegion}/*`;
    const copying =
      "CDK's bucket deployment handler copies the build from the CDK asset bucket into this bucket, with the grants " +
      "aws-cdk-lib gives it: object actions on the asset bucket and on this bucket's objects (`bucket/*` is every " +
      'object of the build it replaces); it runs only when CloudFormation deploys the stack.';
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's bucket deployment handler logs with the AWS-managed basic execution policy (CloudWatch Logs only).",
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: copying,
      })),
      { id: `AwsSolutions-IAM5[Resource::${assets}]`, reason: copying },
      { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason: copying },
      {
        id: 'AwsSolutions-L1',
        reason: "The runtime of CDK's bucket deployment handler is chosen by aws-cdk-lib and moves with its upgrades.",
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason: "The runtime of CDK's bucket deployment handler is chosen by aws-cdk-lib and moves with its upgrades.",
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by CloudFormation as a custom resource: a failure fails (and rolls back) the deploy, ' +
          'so there is no event to set aside.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: 'Runs only during a deploy, which CloudFormation records; there is no request path to trace.',
      },
    );
    return deployment;
  }

  constructor(
    scope: Construct,
    id: string,
    private readonly props: RegionWebAppProps,
  ) {
    super(scope, id);
    const { config } = props;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      // The bucket holds only the build, which every deploy writes again: nothing in it is worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    const headers = webAppSecurityHeaders({
      apiOrigin: originOf(props.apiUrl),
      authOrigin: props.loginDomain.baseUrl(),
    });
    const responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `inovda web app of ${config.id}: CSP and security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(headers.strictTransportSecurityMaxAgeSeconds),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: headers.permissionsPolicy, override: true }],
      },
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    // index.html and config.json: revalidated on every load (a deploy must reach users at once).
    const revalidate = new CachePolicy(this, 'Revalidate', {
      comment: `inovda web app of ${config.id}: index and config, always revalidated`,
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `inovda web app of ${config.id}`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: revalidate,
        responseHeadersPolicy: responseHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // Content-hashed file names: a changed file is a new name, so these may be cached for good.
        '/assets/*': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: responseHeaders,
          compress: true,
        },
      },
      // The bucket answers 403 for a key it does not have (no ListBucket): any such path is a route of the app.
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
        { httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
      ],
    });
    this.url = Fn.join('', ['https://', this.distribution.distributionDomainName]);

    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs: the bucket is private and only this distribution reads it (origin access control); ' +
        'it holds the public build of the web app and nothing else.',
    });
    const distribution = this.distribution.node.defaultChild;
    if (!distribution) throw new Error('the distribution has no L1 resource');
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: the app is the public face of the programme (the showcase), and OPD staff may work ' +
          'from abroad; every API call it makes needs a Cognito token.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No web ACL: the distribution serves static files only, the same for everyone; the API it calls is behind ' +
          "the region's web ACL with the per-caller limits, which would count every asset load against a caller here.",
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access logs: the distribution serves the static build of the app; what users do is in the ' +
          "API's access log.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The regions have no custom domain, so the distribution uses the default *.cloudfront.net certificate, ' +
          'for which CloudFront fixes the viewer TLS policy itself; the origin is S3 over TLS.',
      },
    );
  }
}

/** `https://host/` or a token of one → `https://host` (a CSP source names an origin). */
function originOf(url: string): string {
  return Fn.join('', ['https://', Fn.select(2, Fn.split('/', url))]);
}
