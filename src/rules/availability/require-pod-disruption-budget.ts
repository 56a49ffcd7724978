import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

const BUDGETED_KINDS = new Set(['Deployment', 'StatefulSet', 'Rollout']);

export default defineRule({
  id: 'require-pod-disruption-budget',
  pillar: 'availability',
  title: 'Replicated workloads are covered by a PodDisruptionBudget',
  rationale:
    'Without a disruption budget a node drain or cluster upgrade may evict every replica of a workload at once, turning routine maintenance into an outage.',
  remediation:
    'Add a PodDisruptionBudget selecting the workload pods, with maxUnavailable: 1 or a minAvailable below the replica count.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Like kube-score, workloads with fewer than two replicas at rest are skipped: a budget cannot protect a single pod without blocking drains (require-multiple-replicas covers those). Polaris missingPodDisruptionBudget asks for a budget on every Deployment and StatefulSet.',
  references: [
    {
      title: 'Kubernetes: specifying a disruption budget for your application',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    },
    {
      title: 'Kubernetes: disruptions',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
    },
  ],
  messages: {
    missing: (data: { workload: string; replicas: number }) =>
      `${data.workload} runs ${data.replicas} replicas but no PodDisruptionBudget selects its pods.`,
  },
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (!BUDGETED_KINDS.has(workload.workloadKind)) continue;
      const replicas = model.effectiveReplicas(workload);
      if (replicas === undefined || replicas < 2) continue;
      if (model.disruptionBudgetsFor(workload).length > 0) continue;
      report({
        messageId: 'missing',
        data: { workload: describeNode(workload), replicas },
        node: workload,
        at: pointerTo(workload.source, 'metadata', 'name'),
      });
    }
  },
});
