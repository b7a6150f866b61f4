import { kabupatenAcehJaya } from './kabupaten-aceh-jaya';
import { kotaSolok } from './kota-solok';
import type { RegionConfig } from './region-config';

export type { OpdConfig, RegionConfig } from './region-config';
export {
  defineRegion,
  RATE_LIMIT_WINDOW_SECONDS,
  regionConfigSchema,
  signInDomainPrefixOf,
} from './region-config';

/** Every region this repository deploys; `cdk synth` emits one stack per entry. */
export const regions: readonly RegionConfig[] = [kotaSolok, kabupatenAcehJaya];

/** The region the local runtime runs by default. */
export const defaultLocalRegion = kotaSolok;
