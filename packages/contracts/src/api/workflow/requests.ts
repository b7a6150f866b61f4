import * as z from 'zod/mini';
import { OPD_ID } from '../../innovation-profile';
import { STAGES } from '../../stages';
import { pageCursor, pageLimit, ulidId } from '../common';

/** Path parameters of `/cycles/{id}…` and `/innovations/{id}…` (ids the services mint: ULIDs). */
export const idParams = z.strictObject({ id: ulidId });

/** Path parameters of `/cycles/{id}/commitments/{opdId}`. */
export const commitmentParams = z.strictObject({ id: ulidId, opdId: OPD_ID });

/** Path parameters of `…/advance-requests/{requestId}/…`. */
export const advanceRequestParams = z.strictObject({ id: ulidId, requestId: ulidId });

/** Query of `GET /cycles/{id}/board`: with `stage`, a page of the innovations in that stage too. */
export const boardQuery = z.strictObject({
  stage: z.optional(z.enum(STAGES)),
  limit: pageLimit,
  cursor: z.optional(pageCursor),
});
