import { describe, expect, it } from 'vitest';
import { toGatewayResponse } from './response-mapping';

describe('toGatewayResponse (payload format 2.0)', () => {
  it('uses a structured result as given', () => {
    const response = toGatewayResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', ETag: '"3"', 'x-count': 2 },
      cookies: ['a=1', 'b=2'],
      body: '{"id":"x"}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({ 'content-type': 'application/json', etag: '"3"', 'x-count': '2' });
    expect(response.cookies).toEqual(['a=1', 'b=2']);
    expect(response.body.toString()).toBe('{"id":"x"}');
  });

  it('decodes a base64 body', () => {
    const response = toGatewayResponse({
      statusCode: 200,
      body: Buffer.from([1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
    });
    expect([...response.body]).toEqual([1, 2, 255]);
  });

  it('answers 200 application/json with the result as body when there is no statusCode', () => {
    expect(toGatewayResponse({ hello: 'world' })).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
    expect(toGatewayResponse({ hello: 'world' }).body.toString()).toBe('{"hello":"world"}');
    expect(toGatewayResponse('plain').body.toString()).toBe('plain');
    expect(toGatewayResponse([1, 2]).body.toString()).toBe('[1,2]');
    expect(toGatewayResponse(null).body.toString()).toBe('null');
  });

  it('turns a result it cannot map into 500 Internal Server Error', () => {
    for (const bad of [
      { statusCode: 'two hundred' },
      { statusCode: 200.5 },
      { statusCode: 200, body: { not: 'a string' } },
    ]) {
      const response = toGatewayResponse(bad);
      expect(response.statusCode).toBe(500);
      expect(JSON.parse(response.body.toString())).toEqual({ message: 'Internal Server Error' });
    }
  });
});
