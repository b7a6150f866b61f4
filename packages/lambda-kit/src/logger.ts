import { Logger } from '@aws-lambda-powertools/logger';
import { withSourceMappedStack } from './stack-traces';

/**
 * One logger per function, created at cold start; service name comes from POWERTOOLS_SERVICE_NAME. Errors it logs
 * carry stacks resolved to the original sources through the bundle's source map, read only when an error is logged
 * (see stack-traces.ts: functions run without `--enable-source-maps`, which costs every cold start).
 */
export const logger = new Logger({
  jsonReplacerFn: (_key, value) => (value instanceof Error ? withSourceMappedStack(value) : value),
});
