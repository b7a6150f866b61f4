import { API_CORS, routesOf, type ServiceManifest } from '@inovda/manifest';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import type { InovdaFunction } from './inovda-function';
import { logRetentionOf, removalPolicyOf } from './retention';

/**
 * One JSON object per request: what an operator needs to follow a request id from a problem+json response to the
 * function's logs, and why a request failed before reaching a function (authorizer, integration).
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
} as const;

/** Props of a {@link RegionApi}. */
export interface RegionApiProps {
  readonly config: RegionConfig;
  readonly services: readonly ServiceManifest[];
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
}

/**
 * The region's HTTP API (payload format 2.0): a `$default` stage with the region's throttling and JSON access
 * logs, CORS for the region's web origins, and a Cognito JWT authorizer on every route but the public reads. Routes come only from
 * the manifests, through {@link RegionApi.addFunctionRoutes}.
 */
export class RegionApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: RegionApiProps) {
    super(scope, id);
    const { config } = props;
    const methods = new Set(props.services.flatMap((manifest) => routesOf(manifest).map(({ route }) => route.method)));

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `inovda-${config.id}`,
      description: `inovda API of ${config.displayName}`,
      // The stage is created below: HttpApi's own default stage takes neither throttling nor access logs.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...config.api.allowedOrigins],
        allowMethods: [...methods].map((method) => CorsHttpMethod[method]),
        allowHeaders: [...API_CORS.allowHeaders],
        exposeHeaders: [...API_CORS.exposeHeaders],
        maxAge: Duration.seconds(API_CORS.maxAgeSeconds),
      },
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.api.throttleRatePerSecond, burstLimit: config.api.throttleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Tokens are checked here as strictly as an HTTP API JWT authorizer can: signature (the pool's JWKS), `iss` (this
    // pool only), audience (this one web client only), `exp`, `nbf`, `iat`. What it cannot check: which kind of
    // token it is. It compares `aud`, or `client_id` when a token has no `aud`, so the pool's access tokens for the
    // same client pass too, and it reads no other claim (no `token_use`, no groups, no `custom:opdId`). Route scopes
    // are its only other check, and they would refuse the ID tokens we need (ID tokens carry no `scope`). So the
    // service kit's httpHandler refuses anything but an ID token (`token_use` must be `id`), and roles and OPD rules
    // are checked by the handlers from the ID token's claims.
    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`;
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', issuer, {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /** The URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }

  /**
   * Routes every manifest route of the function to it, through one Lambda integration, behind the JWT authorizer.
   * The routes, the integration and Lambda's invoke permissions are created next to the function (in its service's
   * nested stack), so they grow that stack and not the region's; only the API and the authorizer are shared.
   */
  addFunctionRoutes(fn: InovdaFunction): void {
    const routes = fn.spec.routes ?? [];
    if (routes.length === 0) return;
    const integration = new HttpLambdaIntegration(`${fn.service}-${fn.spec.name}`, fn.function);
    for (const route of routes) {
      const httpRoute = new HttpRoute(fn, `Route${route.method}${route.path}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
        authorizer: route.public ? new HttpNoneAuthorizer() : this.authorizer,
      });
      if (route.public) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is a public read (the showcase and the published ranking, for citizens who never sign in): its handler answers only published fields, and the edge firewall's per-address limit bounds it.`,
        });
      }
    }
  }
}
