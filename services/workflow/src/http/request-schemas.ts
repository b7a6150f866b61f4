import { OPD_ID, pageCursor, pageLimit, STAGES, ulidId } from '@inovda/contracts';
import { parsePathParameter } from '@inovda/kernel';
import * as z from 'zod/mini';

/** Query of `GET /cycles/{id}/board`: with `stage`, a page of the innovations in that stage too. */
export const boardQuery = z.strictObject({
  stage: z.optional(z.enum(STAGES)),
  limit: pageLimit,
  cursor: z.optional(pageCursor),
});

/** Reads an id path parameter (cycles, innovations, requests: ULIDs); an impossible id is a 404 without a read. */
export function parseId(value: string | undefined): string {
  return parsePathParameter(ulidId, value);
}

/** Reads an OPD id path parameter; an impossible one is a 404 too. */
export function parseOpdId(value: string | undefined): string {
  return parsePathParameter(OPD_ID, value);
}
