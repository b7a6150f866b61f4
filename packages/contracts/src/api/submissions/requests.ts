import * as z from 'zod/mini';
import { INNOVATION_STATUSES, OPD_ID, text } from '../../innovation-profile';
import { pageCursor, pageLimit, pageQuery, ulidId } from '../common';

/** Path parameters of `/innovations/{id}…`. */
export const innovationParams = z.strictObject({ id: ulidId });

/** Query of `GET /innovations`. */
export const listInnovationsQuery = z.strictObject({
  opdId: z.optional(OPD_ID),
  status: z.optional(z.enum(INNOVATION_STATUSES)),
  limit: pageLimit,
  cursor: z.optional(pageCursor),
});

/** Query of `GET /innovations/{id}/versions`. */
export const listVersionsQuery = pageQuery;

/** Body of register (optional): the cycle to register into; without one, the only open cycle. */
export const registerBody = z.strictObject({ cycleId: z.optional(z.string().check(z.regex(/^[0-9A-Za-z-]{1,64}$/))) });

/** Body of withdraw (optional): why. */
export const withdrawBody = z.strictObject({ reason: z.optional(text(2_000)) });
