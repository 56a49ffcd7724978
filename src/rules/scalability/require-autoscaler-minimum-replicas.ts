import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-autoscaler-minimum-replicas',
  pillar: 'scalability',
  title: 'Autoscalers keep at least two replicas',
  rationale:
    'An autoscaler allowed to scale down to one pod leaves the service on a single replica at quiet times, so one node drain or crash takes it offline until a new pod starts.',
  remediation: 'Set spec.minReplicas to 2 or more on the HorizontalPodAutoscaler.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'A missing minReplicas counts as 1, the Kubernetes default. Polaris and kube-score check the replica count of the workload; once an autoscaler owns the count, its minimum is what runs at rest, so the check moves here.',
  references: [
    {
      title: 'Kubernetes: horizontal pod autoscaling',
      url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    },
  ],
  messages: {
    'below-two': (data: { autoscaler: string; minReplicas: number }) =>
      `${data.autoscaler} can scale down to ${data.minReplicas} replica${data.minReplicas === 1 ? '' : 's'}.`,
  },
  check({ model, report }) {
    for (const autoscaler of model.autoscalers) {
      const minReplicas = autoscaler.minReplicas ?? 1;
      if (minReplicas >= 2) continue;
      report({
        messageId: 'below-two',
        data: { autoscaler: describeNode(autoscaler), minReplicas },
        node: autoscaler,
        at: pointerTo(autoscaler.source, 'spec', 'minReplicas'),
      });
    }
  },
});
