import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isUnreadable } from '../helpers.js';

export default defineRule({
  id: 'require-autoscaler-headroom',
  pillar: 'scalability',
  title: 'Autoscalers can add replicas',
  rationale:
    'When maxReplicas is not above minReplicas the autoscaler can never add a pod, so the workload cannot absorb a rise in load even though it looks autoscaled.',
  remediation:
    'Set spec.maxReplicas above spec.minReplicas, to the largest count the workload and its dependencies can serve.',
  requiredFrom: 'launch',
  status: 'stable',
  notes: 'A missing minReplicas counts as 1, the Kubernetes default.',
  references: [
    {
      title: 'Kubernetes: horizontal pod autoscaling',
      url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    },
  ],
  messages: {
    'no-headroom': (data: { autoscaler: string; minReplicas: number; maxReplicas: number }) =>
      `${data.autoscaler} has maxReplicas ${data.maxReplicas} and minReplicas ${data.minReplicas}, so it can never scale out.`,
  },
  appliesTo: (model) => model.autoscalers.length,
  check({ model, report, undecided }) {
    for (const autoscaler of model.autoscalers) {
      const unreadable = ['maxReplicas', 'minReplicas']
        .map((key) => pointerTo(autoscaler.source, 'spec', key))
        .find((at) => isUnreadable(autoscaler, at));
      if (unreadable !== undefined) {
        undecided({
          node: autoscaler,
          at: unreadable,
          reason: `${describeNode(autoscaler)} has a replica bound that is not an integer, so its headroom is unknown.`,
        });
        continue;
      }
      const maxReplicas = autoscaler.maxReplicas;
      if (maxReplicas === undefined) continue;
      const minReplicas = autoscaler.minReplicas ?? 1;
      if (maxReplicas > minReplicas) continue;
      report({
        messageId: 'no-headroom',
        data: { autoscaler: describeNode(autoscaler), minReplicas, maxReplicas },
        node: autoscaler,
        at: pointerTo(autoscaler.source, 'spec', 'maxReplicas'),
      });
    }
  },
});
