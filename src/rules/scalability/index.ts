import type { Rule } from '../define-rule.js';
import noReplicasWithAutoscaler from './no-replicas-with-autoscaler.js';
import requireAutoscalerHeadroom from './require-autoscaler-headroom.js';
import requireAutoscalerMinimumReplicas from './require-autoscaler-minimum-replicas.js';
import requireClusterAutoscaling from './require-cluster-autoscaling.js';
import requireCpuRequest from './require-cpu-request.js';
import requireCpuRequestForCpuAutoscaling from './require-cpu-request-for-cpu-autoscaling.js';
import requireMemoryLimit from './require-memory-limit.js';
import requireMemoryRequest from './require-memory-request.js';
import requirePackageManagerHygiene from './require-package-manager-hygiene.js';
import requireValidAutoscalerTarget from './require-valid-autoscaler-target.js';

export const scalabilityRules = {
  'no-replicas-with-autoscaler': noReplicasWithAutoscaler,
  'require-autoscaler-headroom': requireAutoscalerHeadroom,
  'require-autoscaler-minimum-replicas': requireAutoscalerMinimumReplicas,
  'require-cluster-autoscaling': requireClusterAutoscaling,
  'require-cpu-request': requireCpuRequest,
  'require-cpu-request-for-cpu-autoscaling': requireCpuRequestForCpuAutoscaling,
  'require-memory-limit': requireMemoryLimit,
  'require-memory-request': requireMemoryRequest,
  'require-package-manager-hygiene': requirePackageManagerHygiene,
  'require-valid-autoscaler-target': requireValidAutoscalerTarget,
} satisfies Record<string, Rule>;
