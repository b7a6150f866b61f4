import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHttpApiClaims } from './authorizer-claims';
import {
  buildHttpApiEvent,
  type GatewayContext,
  type GatewayRequest,
  isTextContentType,
  requestTime,
} from './payload-event';

const claims = toHttpApiClaims({
  sub: '11111111-2222-5333-8444-555555555555',
  'cognito:groups': ['opd'],
  'cognito:username': 'opd.dinkes',
  'custom:opdId': 'dinkes',
  exp: 1_717_043_200,
});

function request(overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    method: 'GET',
    rawUrl: '/innovations/01ABC',
    headers: [
      ['Host', 'localhost:3000'],
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', 'application/json'],
    ],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    port: 3000,
    ...overrides,
  };
}

const context: GatewayContext = {
  routeKey: 'GET /innovations/{id}',
  pathParameters: { id: '01ABC' },
  claims,
  scopes: null,
  requestId: 'Mc7UVioPPHcEKPA=',
  accountId: '000000000000',
  apiId: 'local',
  time: new Date(Date.UTC(2024, 2, 12, 19, 3, 58, 390)),
};

describe('buildHttpApiEvent', () => {
  it('builds a payload-2.0 event that Powertools parses with APIGatewayProxyEventV2Schema', () => {
    const event = buildHttpApiEvent(request(), context);
    expect(APIGatewayProxyEventV2Schema.parse(event)).toBeTruthy();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /innovations/{id}',
      rawPath: '/innovations/01ABC',
      rawQueryString: '',
      pathParameters: { id: '01ABC' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: { jwt: { claims, scopes: null } },
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: {
          method: 'GET',
          path: '/innovations/01ABC',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8.5.0',
        },
        requestId: 'Mc7UVioPPHcEKPA=',
        routeKey: 'GET /innovations/{id}',
        stage: '$default',
        time: '12/Mar/2024:19:03:58 +0000',
        timeEpoch: context.time.getTime(),
      },
    });
    expect(event.requestContext.authorizer.jwt.claims['cognito:groups']).toBe('[opd]');
    // Absent, not empty, when there is nothing: HTTP API omits them.
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
  });

  it('lower-cases headers, joins duplicates with commas, moves cookies out and adds the forwarding headers', () => {
    const event = buildHttpApiEvent(
      request({
        headers: [
          ['Host', 'localhost:3000'],
          ['X-Custom', 'a'],
          ['x-custom', 'b'],
          ['Cookie', 'session=abc; theme=dark'],
          ['Cookie', 'lang=id'],
        ],
      }),
      context,
    );
    expect(event.headers['x-custom']).toBe('a,b');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['session=abc', 'theme=dark', 'lang=id']);
    expect(event.headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': '3000',
      'x-forwarded-proto': 'http',
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
  });

  it('decodes query parameters and joins repeated ones with commas, keeping the raw query string', () => {
    const event = buildHttpApiEvent(
      request({ rawUrl: '/innovations?status=draft&status=registered&q=kota%20solok&flag' }),
      {
        ...context,
        routeKey: 'GET /innovations',
        pathParameters: undefined,
      },
    );
    expect(event.rawQueryString).toBe('status=draft&status=registered&q=kota%20solok&flag');
    expect(event.queryStringParameters).toEqual({ status: 'draft,registered', q: 'kota solok', flag: '' });
    expect(event).not.toHaveProperty('pathParameters');
    expect(APIGatewayProxyEventV2Schema.parse(event)).toBeTruthy();
  });

  it('passes JSON as text and base64-encodes form posts and binaries, as HTTP API does', () => {
    const json = buildHttpApiEvent(
      request({
        method: 'POST',
        headers: [['Content-Type', 'application/json; charset=utf-8']],
        body: Buffer.from('{"a":"é"}'),
      }),
      context,
    );
    expect(json).toMatchObject({ body: '{"a":"é"}', isBase64Encoded: false });
    const form = buildHttpApiEvent(
      request({
        method: 'POST',
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: Buffer.from('a=1&b=2'),
      }),
      context,
    );
    expect(form).toMatchObject({ body: Buffer.from('a=1&b=2').toString('base64'), isBase64Encoded: true });
    const bytes = Buffer.from([0, 255, 1]);
    const binary = buildHttpApiEvent(request({ method: 'POST', headers: [], body: bytes }), context);
    expect(binary).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    expect(binary.headers['content-length']).toBe('3');
    for (const event of [json, form, binary]) expect(APIGatewayProxyEventV2Schema.parse(event)).toBeTruthy();
  });

  it('produces schema-valid events for arbitrary paths, queries, headers and bodies', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 4 }),
        fc.array(fc.tuple(token, fc.string({ maxLength: 10 })), { maxLength: 4 }),
        fc.array(fc.tuple(token, fc.stringMatching(/^[\x20-\x7e]{0,20}$/)), { maxLength: 5 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/octet-stream',
          'multipart/form-data; boundary=x',
        ),
        (segments, query, headers, body, contentType) => {
          const search = new URLSearchParams(query).toString();
          const rawUrl = `/${segments.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
          const event = buildHttpApiEvent(
            request({
              method: 'POST',
              rawUrl,
              headers: [
                ...headers.map(([name, value]) => [`x-${name}`, value] as const),
                ['content-type', contentType],
              ],
              body: Buffer.from(body),
            }),
            context,
          );
          APIGatewayProxyEventV2Schema.parse(event);
          expect(event.rawPath).toBe(rawUrl.split('?')[0]);
        },
      ),
    );
  });
});

describe('isTextContentType', () => {
  it('is true only for text/*, JSON, XML and JavaScript', () => {
    expect(isTextContentType('text/html; charset=utf-8')).toBe(true);
    expect(isTextContentType('application/json')).toBe(true);
    expect(isTextContentType('APPLICATION/XML')).toBe(true);
    expect(isTextContentType('application/javascript')).toBe(true);
    expect(isTextContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isTextContentType('multipart/form-data; boundary=x')).toBe(false);
    expect(isTextContentType(undefined)).toBe(false);
  });
});

describe('requestTime', () => {
  it('formats as API Gateway does', () => {
    expect(requestTime(new Date(Date.UTC(2020, 0, 5, 3, 4, 5)))).toBe('05/Jan/2020:03:04:05 +0000');
  });
});
