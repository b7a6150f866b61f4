import { etagOf, type Problem } from '@inovda/kernel';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2;

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A versioned entity as a response, with its version as the ETag (clients send it back in `If-Match`). */
export function versioned(
  entity: { readonly version: number },
  statusCode = 200,
  headers: Record<string, string> = {},
): HttpResponse {
  return json(statusCode, entity, { etag: etagOf(entity.version), ...headers });
}

/** The `application/problem+json` response of a problem. */
export function problemResponse(problem: Problem, instance?: string): HttpResponse {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...problem.headers },
    body: JSON.stringify(problem.toJSON(instance)),
  };
}
