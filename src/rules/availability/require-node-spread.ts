import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

const SPREAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Rollout', 'ReplicaSet']);

export default defineRule({
  id: 'require-node-spread',
  pillar: 'availability',
  title: 'Replicas are spread across nodes',
  rationale:
    'The scheduler may place every replica on the same node, so a single node failure or drain takes all of them down at once and the extra replicas buy no availability.',
  remediation:
    'Add a topologySpreadConstraint on kubernetes.io/hostname (or a zone key), or a preferred podAntiAffinity term with a topologyKey, selecting the workload pods.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Polaris asks for topologySpreadConstraints while kube-score and kube-linter ask for pod anti-affinity; either satisfies this rule, required or preferred, on any topology key. Workloads with fewer than two replicas at rest are skipped.',
  references: [
    {
      title: 'Kubernetes: pod topology spread constraints',
      url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    },
    {
      title: 'Kubernetes: inter-pod affinity and anti-affinity',
      url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
    },
  ],
  messages: {
    missing: (data: { workload: string; replicas: number }) =>
      `${data.workload} runs ${data.replicas} replicas with neither pod anti-affinity nor topology spread constraints: they may all land on one node.`,
  },
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (!SPREAD_KINDS.has(workload.workloadKind)) continue;
      const replicas = model.effectiveReplicas(workload);
      if (replicas === undefined || replicas < 2) continue;
      const { pod } = workload;
      const hasKey = (term: { readonly topologyKey: string }) => term.topologyKey !== '';
      if (pod.requiredAntiAffinity.some(hasKey) || pod.preferredAntiAffinity.some(hasKey)) continue;
      if (pod.topologySpreadConstraints.some(hasKey)) continue;
      report({
        messageId: 'missing',
        data: { workload: describeNode(workload), replicas },
        node: workload,
        at: pointerTo(pod.source, 'affinity', 'podAntiAffinity'),
      });
    }
  },
});
