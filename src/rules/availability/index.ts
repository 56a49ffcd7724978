import type { Rule } from '../define-rule.js';
import noBlockingPodDisruptionBudget from './no-blocking-pod-disruption-budget.js';
import noIdenticalProbes from './no-identical-probes.js';
import noSingleReplicaStatefulEngine from './no-single-replica-stateful-engine.js';
import requireHeadlessStatefulsetService from './require-headless-statefulset-service.js';
import requireLivenessProbe from './require-liveness-probe.js';
import requireMultipleReplicas from './require-multiple-replicas.js';
import requireNodeSpread from './require-node-spread.js';
import requirePodDisruptionBudget from './require-pod-disruption-budget.js';
import requireReadinessProbe from './require-readiness-probe.js';
import requireSafeRollingUpdate from './require-safe-rolling-update.js';
import requireZoneSpread from './require-zone-spread.js';

export const availabilityRules = {
  'no-blocking-pod-disruption-budget': noBlockingPodDisruptionBudget,
  'no-identical-probes': noIdenticalProbes,
  'no-single-replica-stateful-engine': noSingleReplicaStatefulEngine,
  'require-headless-statefulset-service': requireHeadlessStatefulsetService,
  'require-liveness-probe': requireLivenessProbe,
  'require-multiple-replicas': requireMultipleReplicas,
  'require-node-spread': requireNodeSpread,
  'require-pod-disruption-budget': requirePodDisruptionBudget,
  'require-readiness-probe': requireReadinessProbe,
  'require-safe-rolling-update': requireSafeRollingUpdate,
  'require-zone-spread': requireZoneSpread,
} satisfies Record<string, Rule>;
