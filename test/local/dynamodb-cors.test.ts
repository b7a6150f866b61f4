import { describe, expect, inject, it } from 'vitest';
import { DYNAMO_LOCAL_CORS_ORIGIN } from '../../packages/local/src/dynamodb/dynamodb-local-command';

/**
 * DynamoDB Local, as the runtime starts it (the run's instance, started by the global setup through
 * startDynamoLocal), grants CORS to no page a browser can load: a web page the developer opens must not read or
 * write the local tables. Its default, `-cors *`, is documented as public access.
 */

const LIST_TABLES = {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20260101/ap-southeast-3/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  },
  body: '{}',
};

async function corsOf(origin: string) {
  const endpoint = inject('dynamoEndpoint');
  const preflight = await fetch(endpoint, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  const call = await fetch(endpoint, { ...LIST_TABLES, headers: { ...LIST_TABLES.headers, origin } });
  await Promise.all([preflight.text(), call.text()]);
  return [preflight, call].map((response) => response.headers.get('access-control-allow-origin'));
}

describe('DynamoDB Local and browsers', () => {
  it('runs with its CORS allow list set to the one origin no page can have (the option is in effect)', async () => {
    expect(await corsOf(DYNAMO_LOCAL_CORS_ORIGIN)).toEqual([DYNAMO_LOCAL_CORS_ORIGIN, DYNAMO_LOCAL_CORS_ORIGIN]);
  });

  it('allows no other origin: a web page, the local API, the web app on localhost', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:3000', 'http://127.0.0.1:5173', 'null']) {
      expect(await corsOf(origin), origin).toEqual([null, null]);
    }
  });
});
