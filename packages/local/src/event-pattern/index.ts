/** Amazon EventBridge event-pattern validation and matching, for the local event bus. */
export {
  type FlatEvent,
  flattenEvent,
  matchesEventPattern,
  testEventPattern,
  wildcardMatches,
} from './matcher';
export {
  type Branch,
  type CompiledPattern,
  type Condition,
  compileEventPattern,
  type Exclusion,
  InvalidEventPatternError,
  type IpAddress,
  type IpRange,
  isComparableNumber,
  type NumericComparison,
  type NumericOperator,
  parseIpAddress,
  type Scalar,
  validateEventPattern,
  type WildcardSegments,
} from './validate';
