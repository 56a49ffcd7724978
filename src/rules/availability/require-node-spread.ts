import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import {
  describeNode,
  replicatedWorkloads,
  spreadsOn,
  unreadableReplicasReason,
  unreadableSpread,
} from '../helpers.js';

export default defineRule({
  id: 'require-node-spread',
  pillar: 'availability',
  title: 'Replicas are spread across nodes',
  rationale:
    'The scheduler may place every replica on the same node, so a single node failure or drain takes all of them down at once and the extra replicas buy no availability.',
  remediation:
    'Add a topologySpreadConstraint on kubernetes.io/hostname (or a zone key), or a preferred podAntiAffinity term with a topologyKey, selecting the workload pods.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'stable',
  notes:
    'Polaris asks for topologySpreadConstraints while kube-score and kube-linter ask for pod anti-affinity; either satisfies this rule, required or preferred, on any topology key. Workloads with fewer than two replicas at rest are skipped. Node spread protects from the loss of one node (require-zone-spread covers a zone outage); it is required from launch with an SLA of 99.9% or more, because the replicas that such an SLA calls for buy nothing while one node failure or drain can still stop all of them.',
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
  appliesTo: (model) => replicatedWorkloads(model).length,
  check({ model, report, undecided }) {
    for (const { workload, replicas } of replicatedWorkloads(model)) {
      if (spreadsOn(workload, (key) => key !== '')) continue;
      const unreadable = unreadableSpread(workload);
      if (unreadable !== undefined) {
        undecided({
          node: workload,
          at: unreadable,
          reason: `${describeNode(workload)} has spread settings of the wrong type, so whether its pods are spread is unknown.`,
        });
        continue;
      }
      if (replicas.count === undefined) {
        undecided({ node: workload, at: replicas.at, reason: unreadableReplicasReason(workload, replicas) });
        continue;
      }
      report({
        messageId: 'missing',
        data: { workload: describeNode(workload), replicas: replicas.count },
        node: workload,
        at: pointerTo(workload.pod.source, 'affinity', 'podAntiAffinity'),
      });
    }
  },
});
