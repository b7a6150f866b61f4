import * as z from 'zod/mini';
import { MATURITIES, text } from '../../innovation-profile';

/** The body of an advance request, an approval, a hold or a resume: an optional note (all optional bodies). */
export const noteInput = z.strictObject({ note: z.optional(text(2_000)) });

/** The body of a return: the reasons are required (the OPD must know what to fix). */
export const returnInput = z.strictObject({ reasons: text(2_000) });

/** The body of `POST /innovations/{id}/track/maturity`: the maturity reached and the date it was reached. */
export const maturityInput = z.strictObject({ maturity: z.enum(MATURITIES), date: z.iso.date() });
