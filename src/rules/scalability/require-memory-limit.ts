import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, unreadableAmount } from '../helpers.js';

export default defineRule({
  id: 'require-memory-limit',
  pillar: 'scalability',
  title: 'Containers declare a memory limit',
  rationale:
    'A container without a memory limit can grow until the node runs out of memory, and the kernel then kills processes of other pods that stayed within their requests.',
  remediation:
    'Set resources.limits.memory on every container, at or somewhat above its memory request, so a leak kills only the leaking container.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Covers kube-linter unset-memory-requirements, Polaris memoryLimitsMissing, kube-score container-resources, Checkov CKV_K8S_13 and Trivy KSV-0018. Unlike CPU, memory cannot be throttled: the only way to bound a container is the limit, so it is required here while a CPU limit is not. Init containers are checked too.',
  references: [
    {
      title: 'Kubernetes: resource management for pods and containers',
      url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    },
    {
      title: 'Kubernetes: assign memory resources to containers and pods',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/',
    },
  ],
  messages: {
    missing: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} has no memory limit.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.limits.memory !== undefined) continue;
        const unreadable = unreadableAmount(workload, container, [['limits', 'memory']]);
        if (unreadable !== undefined) {
          undecided({
            node: workload,
            at: unreadable,
            reason: `Container "${container.name}" of ${describeNode(workload)} has a memory limit of the wrong type.`,
          });
          continue;
        }
        report({
          messageId: 'missing',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'resources', 'limits', 'memory'),
        });
      }
    }
  },
});
