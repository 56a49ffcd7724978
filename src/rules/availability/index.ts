import type { Rule } from '../define-rule.js';
import noBlockingPodDisruptionBudget from './no-blocking-pod-disruption-budget.js';
import noIdenticalProbes from './no-identical-probes.js';
import noRunAsNonRootImageConflict from './no-run-as-non-root-image-conflict.js';
import noSingleReplicaStatefulEngine from './no-single-replica-stateful-engine.js';
import requireCacheHighAvailability from './require-cache-high-availability.js';
import requireClusterSlaTier from './require-cluster-sla-tier.js';
import requireComposeDependsOnHealthy from './require-compose-depends-on-healthy.js';
import requireComposeHealthcheck from './require-compose-healthcheck.js';
import requireComposeRestartPolicy from './require-compose-restart-policy.js';
import requireDatabaseBackupRetention from './require-database-backup-retention.js';
import requireDatastoreOperator from './require-datastore-operator.js';
import requireDockerfileHealthcheck from './require-dockerfile-healthcheck.js';
import requireFixedMemoryForDatastore from './require-fixed-memory-for-datastore.js';
import requireGeoRedundantBackup from './require-geo-redundant-backup.js';
import requireHeadlessStatefulsetService from './require-headless-statefulset-service.js';
import requireLivenessProbe from './require-liveness-probe.js';
import requireMultiZoneCluster from './require-multi-zone-cluster.js';
import requireMultipleReplicas from './require-multiple-replicas.js';
import requireNodeSpread from './require-node-spread.js';
import requireObjectStorageVersioning from './require-object-storage-versioning.js';
import requirePersistentStorageForDatastore from './require-persistent-storage-for-datastore.js';
import requirePodDisruptionBudget from './require-pod-disruption-budget.js';
import requirePointInTimeRestore from './require-point-in-time-restore.js';
import requireQueueZoneRedundancy from './require-queue-zone-redundancy.js';
import requireReadinessProbe from './require-readiness-probe.js';
import requireSafeRollingUpdate from './require-safe-rolling-update.js';
import requireStorageRedundancy from './require-storage-redundancy.js';
import requireZoneRedundantDatabase from './require-zone-redundant-database.js';
import requireZoneSpread from './require-zone-spread.js';

export const availabilityRules = {
  'no-blocking-pod-disruption-budget': noBlockingPodDisruptionBudget,
  'no-identical-probes': noIdenticalProbes,
  'no-run-as-non-root-image-conflict': noRunAsNonRootImageConflict,
  'no-single-replica-stateful-engine': noSingleReplicaStatefulEngine,
  'require-cache-high-availability': requireCacheHighAvailability,
  'require-cluster-sla-tier': requireClusterSlaTier,
  'require-compose-depends-on-healthy': requireComposeDependsOnHealthy,
  'require-compose-healthcheck': requireComposeHealthcheck,
  'require-compose-restart-policy': requireComposeRestartPolicy,
  'require-database-backup-retention': requireDatabaseBackupRetention,
  'require-datastore-operator': requireDatastoreOperator,
  'require-dockerfile-healthcheck': requireDockerfileHealthcheck,
  'require-fixed-memory-for-datastore': requireFixedMemoryForDatastore,
  'require-geo-redundant-backup': requireGeoRedundantBackup,
  'require-headless-statefulset-service': requireHeadlessStatefulsetService,
  'require-liveness-probe': requireLivenessProbe,
  'require-multi-zone-cluster': requireMultiZoneCluster,
  'require-multiple-replicas': requireMultipleReplicas,
  'require-node-spread': requireNodeSpread,
  'require-object-storage-versioning': requireObjectStorageVersioning,
  'require-persistent-storage-for-datastore': requirePersistentStorageForDatastore,
  'require-pod-disruption-budget': requirePodDisruptionBudget,
  'require-point-in-time-restore': requirePointInTimeRestore,
  'require-queue-zone-redundancy': requireQueueZoneRedundancy,
  'require-readiness-probe': requireReadinessProbe,
  'require-safe-rolling-update': requireSafeRollingUpdate,
  'require-storage-redundancy': requireStorageRedundancy,
  'require-zone-redundant-database': requireZoneRedundantDatabase,
  'require-zone-spread': requireZoneSpread,
} satisfies Record<string, Rule>;
