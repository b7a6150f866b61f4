import { OPD_ID, ulidId } from '@inovda/contracts';
import { parsePathParameter } from '@inovda/kernel';

// The request schemas are the API contracts' (@inovda/contracts), shared with the browser; only reading them here.

/** Reads an id path parameter (cycles, innovations, requests: ULIDs); an impossible id is a 404 without a read. */
export function parseId(value: string | undefined): string {
  return parsePathParameter(ulidId, value);
}

/** Reads an OPD id path parameter; an impossible one is a 404 too. */
export function parseOpdId(value: string | undefined): string {
  return parsePathParameter(OPD_ID, value);
}
