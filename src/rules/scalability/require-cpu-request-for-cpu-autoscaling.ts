import { pointerTo } from '../../core/source.js';
import type { Autoscaler, SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, unreadableAmount } from '../helpers.js';

/** Each workload that an autoscaler scales on CPU, with the first such autoscaler. */
function subjects(model: SystemModel): ReadonlyMap<Workload, Autoscaler> {
  const scaled = new Map<Workload, Autoscaler>();
  for (const autoscaler of model.autoscalers) {
    if (!autoscaler.metrics.some((metric) => metric.type === 'Resource' && metric.resource === 'cpu')) continue;
    const workload = model.autoscalerTarget(autoscaler);
    if (workload !== undefined && !scaled.has(workload)) scaled.set(workload, autoscaler);
  }
  return scaled;
}

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
  appliesTo: (model) => subjects(model).size,
  check({ model, report, undecided }) {
    for (const [workload, autoscaler] of subjects(model)) {
      for (const container of containersOf(workload)) {
        if (container.requests.cpu !== undefined || container.limits.cpu !== undefined) continue;
        const unreadable = unreadableAmount(workload, container, [
          ['requests', 'cpu'],
          ['limits', 'cpu'],
        ]);
        if (unreadable !== undefined) {
          undecided({
            node: workload,
            at: unreadable,
            reason: `Container "${container.name}" of ${describeNode(workload)} has a CPU amount of the wrong type.`,
          });
          continue;
        }
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
