import type { AttributeType as ManifestAttributeType, TableSpec } from '@inovda/manifest';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { removalPolicyOf } from './retention';

const ATTRIBUTE_TYPES: Record<ManifestAttributeType, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
};

function attribute(key: { readonly name: string; readonly type: ManifestAttributeType }): Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}

/** Props of a {@link ServiceTable}. */
export interface ServiceTableProps {
  readonly spec: TableSpec;
  readonly config: RegionConfig;
}

/**
 * A service's table exactly as its manifest declares it (keys, GSIs, TTL attribute), on demand, with point-in-time
 * recovery, a NEW_AND_OLD_IMAGES stream (it feeds the outbox publisher) and, in production, deletion protection and
 * a RETAIN policy.
 */
export class ServiceTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, { spec, config }: ServiceTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: attribute(spec.partitionKey),
      sortKey: spec.sortKey ? attribute(spec.sortKey) : undefined,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: spec.timeToLiveAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: config.production,
      removalPolicy: removalPolicyOf(config),
    });
    for (const index of spec.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        // The manifest has no projection setting; the overloaded indexes serve list pages straight from the index.
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
