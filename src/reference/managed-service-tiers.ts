/**
 * Published availability figures of managed services and Kubernetes control planes, by Terraform
 * resource type and by the configuration that earns them, with the attributes that select the
 * configuration. Figures are financially-backed SLA thresholds (an upper bound of what may be
 * claimed), not measured availability. Collected in the project's resilience notes (§2.1 and
 * §2.2), researched 2026-11-29; each figure names its source and the date of that source when
 * known. `verified: false` marks a figure the notes could not confirm in a stored source.
 */

/** How a configuration survives failures, from best to worst. */
export const AVAILABILITY_TIERS = [
  'multi-region',
  'zone-redundant',
  'zonal-ha',
  'single',
  'no-sla',
  'provider-managed',
  'not-applicable',
] as const;
export type AvailabilityTier = (typeof AVAILABILITY_TIERS)[number];

export interface SlaFigure {
  /** Monthly availability in percent; undefined when the configuration has no SLA. */
  readonly percent: number | undefined;
  /** The configuration that earns the figure, in words. */
  readonly condition: string;
  readonly source: string;
  /** Date of the source when known, else the date the notes were researched. */
  readonly asOf: string;
  readonly verified: boolean;
}

export interface ServiceTiers {
  /** The attributes that select the configuration. */
  readonly decidedBy: readonly string[];
  /** Figures by configuration key (the model picks the key). */
  readonly figures: Readonly<Record<string, SlaFigure>>;
}

const RESEARCHED = '2026-11-29';
/** mikaelvesavuori/cloud-sla data/*.json, compiled from the providers' SLA pages. */
const CLOUD_SLA = 'mikaelvesavuori/cloud-sla data/*.json (last commit 2023-01-08; may be stale)';
const CLOUD_SLA_DATE = '2023-01-08';
/** A figure from general knowledge that the notes could not confirm in a stored source. */
const UNSOURCED = 'general knowledge, not confirmed in a stored source';
const RELIABLE_WEB_APP = 'Azure/reliable-web-app-pattern-dotnet assets/sla-calculation.md';

function figure(
  percent: number | undefined,
  condition: string,
  source: string,
  asOf: string,
  verified = true,
): SlaFigure {
  return { percent, condition, source, asOf, verified };
}

export const MANAGED_SERVICE_TIERS: Readonly<Record<string, ServiceTiers>> = {
  azurerm_postgresql_flexible_server: {
    decidedBy: ['high_availability.mode'],
    figures: {
      'zone-redundant-ha': figure(
        99.99,
        'high availability, zone-redundant',
        'MicrosoftDocs/azure-docs articles/reliability/reliability-postgresql-flexible-server.md',
        RESEARCHED,
      ),
      'same-zone-ha': figure(
        99.95,
        'high availability in the same zone',
        'MicrosoftDocs/azure-docs articles/reliability/reliability-postgresql-flexible-server.md',
        RESEARCHED,
      ),
      'no-ha': figure(99.9, 'no high availability', CLOUD_SLA, CLOUD_SLA_DATE),
    },
  },
  azurerm_mysql_flexible_server: {
    decidedBy: ['high_availability.mode'],
    figures: {
      'zone-redundant-ha': figure(99.99, 'high availability, zone-redundant', CLOUD_SLA, CLOUD_SLA_DATE, false),
      'same-zone-ha': figure(99.95, 'high availability in the same zone', CLOUD_SLA, CLOUD_SLA_DATE, false),
      'no-ha': figure(99.9, 'no high availability', CLOUD_SLA, CLOUD_SLA_DATE, false),
    },
  },
  azurerm_mssql_database: {
    decidedBy: ['sku_name', 'zone_redundant'],
    figures: {
      'zone-redundant': figure(99.995, 'Business Critical or Premium, zone-redundant', RELIABLE_WEB_APP, RESEARCHED),
      standard: figure(99.99, 'any other tier, or not zone-redundant', CLOUD_SLA, CLOUD_SLA_DATE),
    },
  },
  azurerm_cosmosdb_account: {
    decidedBy: ['geo_location', 'geo_location.zone_redundant', 'multiple_write_locations_enabled'],
    figures: {
      'single-region': figure(99.99, 'one region', 'learn.microsoft.com/azure/cosmos-db/high-availability', RESEARCHED),
      'single-region-zones': figure(99.995, 'one region with availability zones', UNSOURCED, RESEARCHED, false),
      'multi-region': figure(
        99.999,
        'several regions (reads; writes too with multi-region writes)',
        'learn.microsoft.com/azure/cosmos-db/high-availability',
        RESEARCHED,
      ),
    },
  },
  azurerm_redis_cache: {
    decidedBy: ['sku_name', 'zones'],
    figures: {
      replicated: figure(99.9, 'Standard or Premium', CLOUD_SLA, CLOUD_SLA_DATE),
      'zone-redundant': figure(99.95, 'Premium across zones', UNSOURCED, RESEARCHED, false),
    },
  },
  azurerm_servicebus_namespace: {
    decidedBy: ['sku'],
    figures: {
      standard: figure(99.9, 'Basic or Standard', CLOUD_SLA, CLOUD_SLA_DATE),
      premium: figure(99.95, 'Premium', 'nextsignal.io/resources/azure-service-bus-sla-credits', RESEARCHED),
    },
  },
  azurerm_eventhub_namespace: {
    decidedBy: ['sku', 'zone_redundant'],
    figures: {
      standard: figure(99.95, 'Basic or Standard', CLOUD_SLA, CLOUD_SLA_DATE),
      premium: figure(99.99, 'Premium or Dedicated', CLOUD_SLA, CLOUD_SLA_DATE),
    },
  },
  azurerm_storage_account: {
    decidedBy: ['account_replication_type'],
    figures: {
      standard: figure(99.9, 'LRS, ZRS or GRS, hot tier, reads and writes', CLOUD_SLA, CLOUD_SLA_DATE),
      'read-access-geo': figure(99.99, 'RA-GRS or RA-GZRS, reads', CLOUD_SLA, CLOUD_SLA_DATE),
    },
  },
  azurerm_key_vault: {
    decidedBy: [],
    figures: { standard: figure(99.99, 'any', RELIABLE_WEB_APP, RESEARCHED) },
  },
  aws_db_instance: {
    decidedBy: ['multi_az'],
    figures: {
      'multi-az': figure(99.95, 'Multi-AZ DB instance', 'aws.amazon.com/rds/sla', '2024-01-22'),
      'single-az': figure(99.5, 'Single-AZ DB instance', 'aws.amazon.com/rds/sla', '2024-01-22'),
    },
  },
  aws_rds_cluster: {
    decidedBy: ['engine', 'db_cluster_instance_class', 'aws_rds_cluster_instance count'],
    figures: {
      'aurora-multi-az': figure(
        99.99,
        'Aurora cluster across two or more zones',
        'aws.amazon.com/rds/aurora/sla',
        '2022-05-19',
      ),
      'aurora-single-az': figure(99.9, 'Aurora cluster in one zone', 'aws.amazon.com/rds/aurora/sla', '2022-05-19'),
      'multi-az-cluster': figure(99.95, 'Multi-AZ DB cluster', 'aws.amazon.com/rds/sla', '2024-01-22'),
    },
  },
  aws_elasticache_replication_group: {
    decidedBy: ['multi_az_enabled', 'automatic_failover_enabled', 'num_cache_clusters', 'replicas_per_node_group'],
    figures: {
      'multi-az': figure(
        99.99,
        'Multi-AZ',
        'AWS Database Blog, "Introducing 99.99% availability with ElastiCache"',
        RESEARCHED,
      ),
      'single-az': figure(
        99.5,
        'single zone',
        'AWS Database Blog, "Introducing 99.99% availability with ElastiCache"',
        RESEARCHED,
      ),
    },
  },
  aws_msk_cluster: {
    decidedBy: ['number_of_broker_nodes', 'broker_node_group_info.client_subnets'],
    figures: { 'multi-az': figure(99.9, 'Multi-AZ cluster', CLOUD_SLA, CLOUD_SLA_DATE, false) },
  },
  aws_mq_broker: {
    decidedBy: ['deployment_mode'],
    figures: { 'multi-az': figure(99.9, 'active/standby or cluster deployment', CLOUD_SLA, CLOUD_SLA_DATE, false) },
  },
  aws_dynamodb_table: {
    decidedBy: ['replica'],
    figures: {
      standard: figure(99.99, 'one region', CLOUD_SLA, CLOUD_SLA_DATE),
      global: figure(99.999, 'global table', CLOUD_SLA, CLOUD_SLA_DATE),
    },
  },
  aws_s3_bucket: {
    decidedBy: [],
    figures: { standard: figure(99.9, 'S3 Standard', 'aws.amazon.com/s3/sla', '2023-11-28') },
  },
  aws_lb: {
    decidedBy: [],
    figures: { standard: figure(99.99, 'Application or Network Load Balancer', CLOUD_SLA, CLOUD_SLA_DATE) },
  },
  google_sql_database_instance: {
    decidedBy: ['settings.availability_type', 'settings.edition', 'settings.tier'],
    figures: {
      'enterprise-plus-ha': figure(99.99, 'Enterprise Plus edition with HA', 'cloud.google.com/sql/sla', RESEARCHED),
      'enterprise-ha': figure(99.95, 'Enterprise edition with HA (regional)', 'cloud.google.com/sql/sla', RESEARCHED),
      zonal: figure(
        undefined,
        'single zone: excluded from the SLA',
        'cloud.google.com/sql/docs/mysql/operational-guidelines',
        RESEARCHED,
      ),
    },
  },
  google_redis_instance: {
    decidedBy: ['tier'],
    figures: {
      'standard-ha': figure(99.9, 'Standard tier (replicated)', CLOUD_SLA, CLOUD_SLA_DATE),
      basic: figure(
        undefined,
        'Basic tier: no replica',
        'cloud.google.com/memorystore/docs/redis/redis-tiers',
        RESEARCHED,
      ),
    },
  },
  google_pubsub_topic: {
    decidedBy: [],
    figures: { standard: figure(99.95, 'any', CLOUD_SLA, CLOUD_SLA_DATE) },
  },
  google_storage_bucket: {
    decidedBy: ['location'],
    figures: {
      'multi-region': figure(99.95, 'multi-region or dual-region', CLOUD_SLA, CLOUD_SLA_DATE),
      regional: figure(99.9, 'one region', CLOUD_SLA, CLOUD_SLA_DATE),
    },
  },
  azurerm_kubernetes_cluster: {
    decidedBy: ['sku_tier', 'default_node_pool.zones'],
    figures: {
      'paid-zones': figure(
        99.95,
        'Standard or Premium tier with availability zones (API server)',
        'azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AKS.UptimeSLA',
        RESEARCHED,
      ),
      paid: figure(
        99.9,
        'Standard or Premium tier without availability zones (API server)',
        'azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AKS.UptimeSLA',
        RESEARCHED,
      ),
      free: figure(
        undefined,
        'Free tier: no financially-backed SLA',
        'MicrosoftDocs/azure-aks-docs free-standard-pricing-tiers.md',
        RESEARCHED,
      ),
    },
  },
  aws_eks_cluster: {
    decidedBy: [],
    figures: { standard: figure(99.95, 'cluster control plane', CLOUD_SLA, CLOUD_SLA_DATE) },
  },
  google_container_cluster: {
    decidedBy: ['location', 'enable_autopilot'],
    figures: {
      regional: figure(99.95, 'regional cluster control plane', 'cloud.google.com/kubernetes-engine/sla', '2021-03-09'),
      zonal: figure(99.5, 'zonal cluster control plane', 'cloud.google.com/kubernetes-engine/sla', '2021-03-09'),
      autopilot: figure(99.95, 'Autopilot control plane', 'cloud.google.com/kubernetes-engine/sla', '2021-03-09'),
    },
  },
};

/** The published figure for a resource type in the configuration `key`, if the notes hold one. */
export function publishedSla(resourceType: string, key: string): SlaFigure | undefined {
  if (!Object.hasOwn(MANAGED_SERVICE_TIERS, resourceType)) return undefined;
  const figures = MANAGED_SERVICE_TIERS[resourceType]?.figures ?? {};
  return Object.hasOwn(figures, key) ? figures[key] : undefined;
}
