import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, unreadableAmount } from '../helpers.js';

export default defineRule({
  id: 'require-memory-request',
  pillar: 'scalability',
  title: 'Containers declare a memory request',
  rationale:
    'Without a memory request the scheduler assumes the container needs nothing, so nodes are overcommitted and, under memory pressure, the pod is among the first to be evicted.',
  remediation: 'Set resources.requests.memory on every container to the memory it uses under normal load.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Covers kube-linter unset-memory-requirements, Polaris memoryRequestsMissing, kube-score container-resources and Checkov CKV_K8S_12. A memory limit without a request counts as a request, since Kubernetes copies the limit into the missing request. Init containers are checked too. A namespace LimitRange that injects defaults is not visible to the rule; suppress with a reason in that case.',
  references: [
    {
      title: 'Kubernetes: resource management for pods and containers',
      url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    },
    {
      title: 'Kubernetes: node-pressure eviction',
      url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
    },
  ],
  messages: {
    missing: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} has no memory request.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.requests.memory !== undefined || container.limits.memory !== undefined) continue;
        const unreadable = unreadableAmount(workload, container, [
          ['requests', 'memory'],
          ['limits', 'memory'],
        ]);
        if (unreadable !== undefined) {
          undecided({
            node: workload,
            at: unreadable,
            reason: `Container "${container.name}" of ${describeNode(workload)} has a memory amount of the wrong type.`,
          });
          continue;
        }
        report({
          messageId: 'missing',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'resources', 'requests', 'memory'),
        });
      }
    }
  },
});
