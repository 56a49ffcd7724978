import type { Container, SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

/** Containers that declare both probes, the only ones that can have identical probes. */
function withBothProbes(workload: Workload): readonly Container[] {
  return containersOf(workload, { init: true }).filter(
    (container) => container.readinessProbe !== undefined && container.livenessProbe !== undefined,
  );
}

/** Workloads with a container that declares both probes. */
function subjects(model: SystemModel): readonly Workload[] {
  return model.workloads.filter((workload) => withBothProbes(workload).length > 0);
}

export default defineRule({
  id: 'no-identical-probes',
  pillar: 'availability',
  title: 'Readiness and liveness probes of a container differ',
  rationale:
    'When the liveness probe is the readiness probe, a pod that is only busy or waiting on a dependency is restarted instead of being taken out of rotation, so a load spike becomes a cascade of restarts.',
  remediation:
    'Make the livenessProbe check only that the process is alive (a separate endpoint, or a higher failureThreshold than readiness), and keep dependency checks in the readinessProbe.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Same check as kube-score pod-probes-identical: two probes are identical when every field, timings included, is the same. Probes that share an endpoint but fail at different thresholds pass.',
  references: [
    {
      title: 'Kubernetes: configure liveness, readiness and startup probes',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    },
  ],
  messages: {
    identical: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} has a livenessProbe identical to its readinessProbe.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report }) {
    for (const workload of subjects(model)) {
      for (const container of withBothProbes(workload)) {
        const { readinessProbe, livenessProbe } = container;
        if (readinessProbe === undefined || livenessProbe === undefined) continue;
        if (readinessProbe.fingerprint !== livenessProbe.fingerprint) continue;
        report({
          messageId: 'identical',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: livenessProbe.source,
        });
      }
    }
  },
});
