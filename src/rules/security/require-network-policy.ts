import { pointerTo } from '../../core/source.js';
import type { SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isLongRunning } from '../helpers.js';

/** Long-running workloads whose pods a NetworkPolicy can isolate (not on the host network). */
function subjects(model: SystemModel): readonly Workload[] {
  return model.workloads.filter((workload) => isLongRunning(workload) && !workload.pod.hostNetwork);
}

export default defineRule({
  id: 'require-network-policy',
  pillar: 'security',
  title: 'Long-running pods are selected by a NetworkPolicy',
  rationale:
    'Pods that no NetworkPolicy selects accept connections from every pod in the cluster and may connect anywhere, so one compromised workload can reach every database and internal API.',
  remediation:
    'Add a NetworkPolicy in the workload namespace whose podSelector matches its pods and allows only the traffic it needs, or a default-deny policy with an empty podSelector.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Like kube-score and kube-linter, any NetworkPolicy in the same namespace whose podSelector matches the pod labels counts, whatever its policyTypes. Jobs and CronJobs are skipped, as are pods on the host network, which network policies do not isolate (no-host-namespaces reports those). Only policies in the scanned files are seen; a policy applied by another repository must be suppressed with a reason.',
  references: [
    {
      title: 'Kubernetes: network policies',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    },
  ],
  messages: {
    'not-isolated': (data: { workload: string }) => `${data.workload} has pods that no NetworkPolicy selects.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report }) {
    for (const workload of subjects(model)) {
      if (model.networkPoliciesFor(workload).length > 0) continue;
      report({
        messageId: 'not-isolated',
        data: { workload: describeNode(workload) },
        node: workload,
        at: pointerTo(workload.source, 'metadata', 'name'),
      });
    }
  },
});
