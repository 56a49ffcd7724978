import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isUnreadable } from '../helpers.js';

export default defineRule({
  id: 'require-autoscaler-minimum-replicas',
  pillar: 'scalability',
  title: 'Autoscalers keep at least two replicas',
  rationale:
    'An autoscaler allowed to scale down to one pod leaves the service on a single replica at quiet times, so one node drain or crash takes it offline until a new pod starts.',
  remediation: 'Set spec.minReplicas to 2 or more on the HorizontalPodAutoscaler.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'stable',
  notes:
    'A missing minReplicas counts as 1, the Kubernetes default. Polaris and kube-score check the replica count of the workload; once an autoscaler owns the count, its minimum is what runs at rest, so the check moves here. It is graded as require-multiple-replicas is, required from growth and from launch with an SLA of 99.9% or more, so that an autoscaled workload is not held to more than a fixed-size one.',
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
  appliesTo: (model) => model.autoscalers.length,
  check({ model, report, undecided }) {
    for (const autoscaler of model.autoscalers) {
      const at = pointerTo(autoscaler.source, 'spec', 'minReplicas');
      if (isUnreadable(autoscaler, at)) {
        undecided({
          node: autoscaler,
          at,
          reason: `${describeNode(autoscaler)} has a minReplicas that is not an integer, so its minimum is unknown.`,
        });
        continue;
      }
      const minReplicas = autoscaler.minReplicas ?? 1;
      if (minReplicas >= 2) continue;
      report({
        messageId: 'below-two',
        data: { autoscaler: describeNode(autoscaler), minReplicas },
        node: autoscaler,
        at,
      });
    }
  },
});
