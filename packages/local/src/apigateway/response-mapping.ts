/** What the gateway sends back to the client. */
export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fixed JSON answers API Gateway gives itself (`{"message":"Not Found"}` and friends). */
export function gatewayMessage(
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/**
 * Maps a Lambda result to the HTTP response as HTTP API does for payload format 2.0. A result with `statusCode`
 * is used as given (headers, `cookies` as Set-Cookie, a string body, base64-decoded when `isBase64Encoded`).
 * Anything else is valid JSON without a status, which HTTP API turns into 200 with `content-type:
 * application/json` and the result as the body. A result it cannot map (a bad status, a non-string body) is a
 * 500, like any integration failure.
 */
export function toGatewayResponse(payload: unknown): GatewayResponse {
  if (!isRecord(payload) || !('statusCode' in payload)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    };
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = payload;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return gatewayMessage(500, 'Internal Server Error');
  }
  if (body !== undefined && body !== null && typeof body !== 'string')
    return gatewayMessage(500, 'Internal Server Error');
  const mappedHeaders: Record<string, string> = {};
  if (isRecord(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        mappedHeaders[name.toLowerCase()] = String(value);
      }
    }
  }
  const text = typeof body === 'string' ? body : '';
  return {
    statusCode,
    headers: mappedHeaders,
    cookies: Array.isArray(cookies) ? cookies.filter((cookie): cookie is string => typeof cookie === 'string') : [],
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
