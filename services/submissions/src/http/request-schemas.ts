import { ulidId } from '@inovda/contracts';
import { parsePathParameter } from '@inovda/kernel';

// The request schemas are the API contracts' (@inovda/contracts), shared with the browser; only reading them here.

/** Reads the id path parameter; an impossible id is a 404 (nothing to find), not a validation error. */
export function parseInnovationId(value: string | undefined): string {
  return parsePathParameter(ulidId, value);
}
