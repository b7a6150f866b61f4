import { type HttpResponse, json } from '@inovda/lambda-kit';

/** A versioned entity (cycle, track) as a response, with its version as the ETag (sent back in If-Match). */
export function versioned(entity: { version: number }, statusCode = 200, headers: Record<string, string> = {}) {
  return json(statusCode, entity, { etag: `"${entity.version}"`, ...headers }) satisfies HttpResponse;
}
