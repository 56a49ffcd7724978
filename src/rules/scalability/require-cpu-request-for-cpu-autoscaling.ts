import { pointerTo } from '../../core/source.js';
import type { Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-cpu-request-for-cpu-autoscaling',
  pillar: 'scalability',
  title: 'Workloads scaled on CPU declare CPU requests',
  rationale:
    'An autoscaler measures CPU utilisation against the pods’ CPU requests: when a container has none, the utilisation cannot be computed and the autoscaler never scales the workload.',
  remediation: 'Set resources.requests.cpu on every container of the workload the CPU autoscaler targets.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Applies when the autoscaler has a Resource metric on cpu, including the default 80% CPU target Kubernetes uses when no metric is written. Only app containers count, as in the autoscaler’s calculation. A CPU limit without a request counts as a request, since Kubernetes copies it. ContainerResource metrics are not checked: the model does not record which container they name.',
  references: [
    {
      title: 'Kubernetes: horizontal pod autoscaling, algorithm details',
      url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details',
    },
  ],
  messages: {
    'missing-cpu-request': (data: { container: string; workload: string; autoscaler: string }) =>
      `${data.autoscaler} scales ${data.workload} on CPU, but container "${data.container}" has no CPU request, so utilisation cannot be computed.`,
  },
  check({ model, report }) {
    const checked = new Set<Workload>();
    for (const autoscaler of model.autoscalers) {
      if (!autoscaler.metrics.some((metric) => metric.type === 'Resource' && metric.resource === 'cpu')) continue;
      const workload = model.autoscalerTarget(autoscaler);
      if (workload === undefined || checked.has(workload)) continue;
      checked.add(workload);
      for (const container of containersOf(workload)) {
        if (container.requests.cpu !== undefined || container.limits.cpu !== undefined) continue;
        report({
          messageId: 'missing-cpu-request',
          data: { container: container.name, workload: describeNode(workload), autoscaler: describeNode(autoscaler) },
          node: workload,
          at: pointerTo(container.source, 'resources', 'requests', 'cpu'),
        });
      }
    }
  },
});
