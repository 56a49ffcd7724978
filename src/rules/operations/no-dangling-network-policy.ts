import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'no-dangling-network-policy',
  pillar: 'operations',
  title: 'Network policies select the pods of some workload',
  rationale:
    'A NetworkPolicy whose podSelector matches no pod restricts nothing: the traffic it was written to block or allow flows as if it did not exist, usually after a label rename.',
  remediation:
    'Make spec.podSelector match the pod template labels of the workloads to isolate, in the same namespace, or remove the policy.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Like kube-linter dangling-networkpolicy. An empty podSelector selects every pod of the namespace, a common default-deny pattern, and is never reported.',
  references: [
    {
      title: 'Kubernetes: network policies',
      url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    },
  ],
  messages: {
    'no-match': (data: { policy: string }) => `${data.policy} selects no workload's pods in its namespace.`,
  },
  appliesTo: (model) => model.networkPolicies.length,
  check({ model, report }) {
    for (const policy of model.networkPolicies) {
      const selector = policy.podSelector;
      if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) continue;
      if (model.workloadsSelectedByPolicy(policy).length > 0) continue;
      report({
        messageId: 'no-match',
        data: { policy: describeNode(policy) },
        node: policy,
        at: pointerTo(policy.source, 'spec', 'podSelector'),
      });
    }
  },
});
