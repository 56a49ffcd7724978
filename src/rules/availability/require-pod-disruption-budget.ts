import { pointerTo } from '../../core/source.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, type ReplicatedWorkload, replicatedWorkloads, unreadableReplicasReason } from '../helpers.js';

const BUDGETED_KINDS = new Set(['Deployment', 'StatefulSet', 'Rollout']);

/** Deployments, StatefulSets and Rollouts with two replicas or more at rest (or a count that cannot be read). */
function subjects(model: SystemModel): readonly ReplicatedWorkload[] {
  return replicatedWorkloads(model).filter(({ workload }) => BUDGETED_KINDS.has(workload.workloadKind));
}

export default defineRule({
  id: 'require-pod-disruption-budget',
  pillar: 'availability',
  title: 'Replicated workloads are covered by a PodDisruptionBudget',
  rationale:
    'Without a disruption budget a node drain or cluster upgrade may evict every replica of a workload at once, turning routine maintenance into an outage.',
  remediation:
    'Add a PodDisruptionBudget selecting the workload pods, with maxUnavailable: 1 or a minAvailable below the replica count.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'stable',
  notes:
    'Like kube-score, workloads with fewer than two replicas at rest are skipped: a budget cannot protect a single pod without blocking drains (require-multiple-replicas covers those). Polaris missingPodDisruptionBudget asks for a budget on every Deployment and StatefulSet. Required from launch with an SLA of 99.9% or more: managed clusters upgrade and replace nodes on their own schedule, and one drain that evicts every replica at once can spend a month of such an error budget.',
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
  appliesTo: (model) => subjects(model).length,
  check({ model, report, undecided }) {
    for (const { workload, replicas } of subjects(model)) {
      if (model.disruptionBudgetsFor(workload).length > 0) continue;
      if (replicas.count === undefined) {
        undecided({ node: workload, at: replicas.at, reason: unreadableReplicasReason(workload, replicas) });
        continue;
      }
      report({
        messageId: 'missing',
        data: { workload: describeNode(workload), replicas: replicas.count },
        node: workload,
        at: pointerTo(workload.source, 'metadata', 'name'),
      });
    }
  },
});
