import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RegionConfig } from '../regions';

const LOG_RETENTION: Record<RegionConfig['logRetentionDays'], RetentionDays> = {
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  180: RetentionDays.SIX_MONTHS,
  365: RetentionDays.ONE_YEAR,
  731: RetentionDays.TWO_YEARS,
};

/** The CloudWatch Logs retention of every log group of a region (the config only allows values Logs accepts). */
export function logRetentionOf(config: RegionConfig): RetentionDays {
  return LOG_RETENTION[config.logRetentionDays];
}

/**
 * What happens to stateful resources when the stack is deleted: production keeps them (data of a Pemda must
 * outlive a mistaken `cdk destroy`), other stacks clean up after themselves.
 */
export function removalPolicyOf(config: RegionConfig): RemovalPolicy {
  return config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
