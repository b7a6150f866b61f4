/** A work unit (OPD) of the region, as far as the local runtime needs it. */
export interface LocalOpd {
  readonly id: string;
  readonly name: string;
  readonly coordinator?: boolean;
}

/**
 * The part of a region config the local runtime reads. `infra/regions` satisfies it structurally; this package
 * never imports infra, so it stays reusable and testable with a tiny region of its own.
 */
export interface LocalRegion {
  readonly id: string;
  readonly displayName: string;
  readonly opds: readonly LocalOpd[];
  readonly aws?: { readonly region: string };
  /**
   * The whole region config is the source of region settings, as in the stack: a function receives the top-level
   * entries its manifest entry names (`regionSettings`) in its region settings file. The runtime itself names none.
   */
  readonly [setting: string]: unknown;
}

/** AWS region used when the config names none (Jakarta, where the regions deploy). */
export const DEFAULT_AWS_REGION = 'ap-southeast-3';

/** The account id in ARNs and events. DynamoDB Local uses the same placeholder in its stream ARNs. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The AWS region the platform pretends to run in. */
export function awsRegionOf(region: LocalRegion): string {
  return region.aws?.region ?? DEFAULT_AWS_REGION;
}
