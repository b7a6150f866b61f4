/** Amazon EventBridge event-pattern validation and matching, for the local event bus and stream filters. */
export type {
  Branch,
  CompiledPattern,
  Condition,
  Exclusion,
  IpAddress,
  IpRange,
  NumericComparison,
  NumericOperator,
  Scalar,
  WildcardSegments,
} from './compiled-pattern';
export { compileEventPattern, validateEventPattern } from './compiler';
export { InvalidEventPatternError } from './invalid-pattern';
export { parseIpAddress } from './ip-address';
export {
  type FlatEvent,
  flattenEvent,
  matchesEventPattern,
  testEventPattern,
  wildcardMatches,
} from './matcher';
export { isComparableNumber } from './numeric';
