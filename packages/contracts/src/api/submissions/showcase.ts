import * as z from 'zod/mini';
import { GOVERNMENT_AFFAIRS, OPD_ID } from '../../innovation-profile';
import { pageCursor, pageLimit, pageOf, ulidId } from '../common';

/**
 * An innovation as the public showcase shows it, once it reached Display (launched): only what may be published.
 * `summary` is the profile's goals (`goals`), `results` its results; nothing else of the profile (no contact person,
 * no evidence, no budget) and nothing of the programme's workings leaves through the public routes.
 */
export const publicInnovationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.string(),
    name: z.string(),
    opdId: OPD_ID,
    opdName: z.string(),
    governmentAffairs: z.array(z.enum(GOVERNMENT_AFFAIRS)),
    summary: z.optional(z.string()),
    results: z.optional(z.string()),
    launchedAt: z.iso.datetime(),
  }))();
export type PublicInnovation = z.infer<typeof publicInnovationSchema>;

export const publicInnovationPageSchema = /* @__PURE__ */ (() => pageOf(publicInnovationSchema))();

/** Query of `GET /public/innovations`: one OPD's launched innovations, or all of them; newest launch first. */
export const showcaseQuery = /* @__PURE__ */ (() =>
  z.strictObject({ opdId: z.optional(OPD_ID), limit: pageLimit, cursor: z.optional(pageCursor) }))();

/** Path parameters of `GET /public/innovations/{id}`. */
export const showcaseParams = /* @__PURE__ */ (() => z.strictObject({ id: ulidId }))();
