export { EditionError, loadEdition } from './domain/edition';
export { type IndicatorScore, type InnovationScore, innovationScore } from './domain/innovation-score';
export { LEVELS, type Level, needsCalibration, type VerificationRule, verifiedLevel } from './domain/levels';
export { nearlyEqual, roundHundredths } from './domain/numbers';
export { predicate } from './domain/predicate';
export { incentiveShortlist, type OpdTotals, type RankedOpd, rankOpds } from './domain/ranking';
export { divisorFloorFor, type RegionIndex, type RegionIndexInput, regionIndex } from './domain/region-index';
export { EDITION_IDS, EDITIONS, editionById } from './editions';
