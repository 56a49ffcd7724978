import type { Rule } from '../define-rule.js';
import noBarePod from './no-bare-pod.js';
import noDanglingDisruptionBudget from './no-dangling-disruption-budget.js';
import noDanglingNetworkPolicy from './no-dangling-network-policy.js';
import requireExistingIngressBackend from './require-existing-ingress-backend.js';
import requireFinishedJobCleanup from './require-finished-job-cleanup.js';
import requireJobDeadline from './require-job-deadline.js';
import requireMonitoringAlerts from './require-monitoring-alerts.js';
import requireServiceSelectsPods from './require-service-selects-pods.js';
import requireTelemetryExport from './require-telemetry-export.js';

export const operationsRules = {
  'no-bare-pod': noBarePod,
  'no-dangling-disruption-budget': noDanglingDisruptionBudget,
  'no-dangling-network-policy': noDanglingNetworkPolicy,
  'require-existing-ingress-backend': requireExistingIngressBackend,
  'require-finished-job-cleanup': requireFinishedJobCleanup,
  'require-job-deadline': requireJobDeadline,
  'require-monitoring-alerts': requireMonitoringAlerts,
  'require-service-selects-pods': requireServiceSelectsPods,
  'require-telemetry-export': requireTelemetryExport,
} satisfies Record<string, Rule>;
