/**
 * Figures the scenarios compute with when the model has no better one, each with its source.
 * Kubernetes defaults: the project's resilience notes §2.3 (researched 2026-11-29).
 */

/** Minutes in an average month (365.25 / 12 days), the window of monthly SLAs and error budgets. */
export const MINUTES_PER_MONTH = 43_830;

/**
 * Availability assumed for one replica of a component we run ourselves (a pod on one node):
 * the instance-level uptime that the large clouds commit to for a single VM, 99.5% (Amazon
 * Compute SLA, instance-level uptime percentage). A documented default, not a measurement;
 * replicas on different nodes are counted as independent.
 */
export const SELF_HOSTED_REPLICA_AVAILABILITY = 0.995;

/**
 * The traffic scenario's load when none is given: ten times the profile's peak requests per
 * second, the stress case the project's resilience notes name in their scope ("traffic goes
 * 10x", resilience.md, researched 2026-11-29). A convention for a sudden surge, not a forecast;
 * `--traffic-multiplier` changes it.
 */
export const DEFAULT_TRAFFIC_MULTIPLIER = 10;

export const KUBERNETES_TIMINGS = {
  /** kube-controller-manager --node-monitor-grace-period (50 s from v1.32; kubernetes/kubernetes#126287). */
  nodeMonitorGraceSeconds: 50,
  /** DefaultTolerationSeconds for not-ready/unreachable taints: pods evicted 300 s after the taint. */
  notReadyTolerationSeconds: 300,
  /** Scheduling, image pull and readiness of a replacement pod: our assumption, not a Kubernetes default. */
  replacementStartSeconds: 60,
  /** Readiness probe defaults: periodSeconds 10 × failureThreshold 3. */
  probeDetectionSeconds: 30,
} as const;

/**
 * How fast the node lifecycle controller taints (and so evicts) the nodes of a failed zone:
 * kube-controller-manager defaults (resilience notes §2.3: godocs.io nodelifecycle config and
 * kubernetes.io/docs/concepts/architecture/nodes/). A zone whose nodes are all NotReady is
 * evicted at the normal rate; one with at least the threshold NotReady but not all of them at the
 * secondary rate, or not at all in a cluster of at most `largeClusterSizeThreshold` nodes.
 */
export const ZONE_EVICTION = {
  /** --node-eviction-rate, nodes per second. */
  nodeEvictionRatePerSecond: 0.1,
  /** --secondary-node-eviction-rate, nodes per second. */
  secondaryNodeEvictionRatePerSecond: 0.01,
  /** --unhealthy-zone-threshold, the share of a zone's nodes NotReady. */
  unhealthyZoneThreshold: 0.55,
  /** --large-cluster-size-threshold, nodes. */
  largeClusterSizeThreshold: 50,
} as const;

/** A managed datastore's failover time when the zone of its primary is lost, with its source. */

/**
 * Rollout defaults (resilience notes §2.3, from the Kubernetes Deployment and StatefulSet docs):
 * a Deployment's RollingUpdate surges 25% (rounded up) and leaves 25% unavailable (rounded
 * down); when both resolve to 0 the controller takes maxUnavailable = 1 (kubernetes
 * pkg/controller/deployment/util ResolveFenceposts). A rollout that makes no progress for
 * progressDeadlineSeconds (600) is marked failed but not rolled back. A DaemonSet replaces one
 * pod at a time (maxUnavailable 1, maxSurge 0); a StatefulSet one pod at a time, highest
 * ordinal first, each Running and Ready before the next.
 */
export const ROLLOUT_DEFAULTS = {
  maxSurgePercent: 25,
  maxUnavailablePercent: 25,
  progressDeadlineSeconds: 600,
  daemonSetMaxUnavailable: 1,
} as const;

/** How a managed datastore's standby takes over when the primary fails, as its provider documents it. */
export interface FailoverFigure {
  /** Seconds until the standby serves; undefined when the source gives no figure. */
  readonly recoverySeconds: number | undefined;
  /** Seconds of acknowledged writes lost; undefined when the source gives no figure. */
  readonly dataLossSeconds: number | undefined;
  /** What the source says, in words. */
  readonly basis: string;
  readonly source: string;
}

/**
 * Failover of managed datastores with a standby, by Terraform resource type, or
 * `<type>:<variant>` (`aws_rds_cluster:aurora`) or `<type>:<tier>` when the figure holds for one
 * configuration only. Resilience notes §2.4 (researched 2026-11-29). A range is taken at its
 * upper end; a service missing here, or without a figure, has an unknown failover time.
 */
export const MANAGED_FAILOVER: Readonly<Record<string, FailoverFigure>> = {
  aws_db_instance: {
    recoverySeconds: 120,
    dataLossSeconds: 0,
    basis: 'Multi-AZ DB instance: failover typically 60–120 s, longer with large transactions; synchronous standby',
    source: 'docs.amazonaws.cn AmazonRDS UserGuide Concepts.MultiAZ.Failover',
  },
  'aws_rds_cluster:multi-az-cluster': {
    recoverySeconds: 35,
    dataLossSeconds: 0,
    basis: 'Multi-AZ DB cluster: failover typically under 35 s; about no data lost',
    source: 'docs.aws.amazon.com RDS FailoverDBCluster; multi-az-db-clusters-concepts-failover',
  },
  'aws_rds_cluster:aurora': {
    recoverySeconds: undefined,
    dataLossSeconds: 0,
    basis: 'Aurora promotes a replica; the time is not stated; about no data lost',
    source: 'docs.aws.amazon.com RDS FailoverDBCluster',
  },
  azurerm_postgresql_flexible_server: {
    recoverySeconds: undefined,
    dataLossSeconds: 0,
    basis:
      'HA: detection, standby WAL recovery and a DNS update, with no published figure (older docs cite 60–120 s, unconfirmed); synchronous standby',
    source: 'MicrosoftDocs/azure-docs articles/reliability/reliability-postgresql-flexible-server.md',
  },
  google_sql_database_instance: {
    recoverySeconds: undefined,
    dataLossSeconds: 0,
    basis: 'HA: the standby in a second zone takes over with the same IP and no data loss; the time is not stated',
    source: 'cloud.google.com/sql/docs/postgres/availability',
  },
  'azurerm_cosmosdb_account:zone-redundant': {
    recoverySeconds: 0,
    dataLossSeconds: 0,
    basis: 'with availability zones: RTO 0 and RPO 0 for the loss of a node or a zone',
    source: 'learn.microsoft.com/azure/cosmos-db/high-availability',
  },
  aws_elasticache_replication_group: {
    recoverySeconds: undefined,
    dataLossSeconds: undefined,
    basis:
      'automatic failover promotes a replica and repoints the primary endpoint; replication is asynchronous, so recent writes may be lost; no time stated',
    source: 'docs.aws.amazon.com AmazonElastiCache dg AutoFailover',
  },
  aws_mq_broker: {
    recoverySeconds: undefined,
    dataLossSeconds: undefined,
    basis: 'active/standby: the standby takes over after "a short while", with no figure',
    source: 'docs.aws.amazon.com amazon-mq developer-guide amazon-mq-broker-architecture',
  },
};
