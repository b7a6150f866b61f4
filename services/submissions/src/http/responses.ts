import { type HttpResponse, json } from '@inovda/lambda-kit';
import type { Innovation } from '../domain/innovation';

/** An innovation response, with its version as the ETag (clients send it back in If-Match). */
export function innovationResponse(innovation: Innovation, statusCode = 200, headers: Record<string, string> = {}) {
  return json(statusCode, innovation, { etag: `"${innovation.version}"`, ...headers }) satisfies HttpResponse;
}
