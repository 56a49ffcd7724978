import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, unreadableAmount } from '../helpers.js';

export default defineRule({
  id: 'require-cpu-request',
  pillar: 'scalability',
  title: 'Containers declare a CPU request',
  rationale:
    'The scheduler places pods by their requests: a container without a CPU request is packed onto busy nodes, starves under contention and gives an autoscaler nothing to measure against.',
  remediation: 'Set resources.requests.cpu on every container to the CPU it needs under normal load.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Covers kube-linter unset-cpu-requirements, Polaris cpuRequestsMissing, kube-score container-resources and Checkov CKV_K8S_10. Trivy and Polaris also ask for a CPU limit; this rule does not, because a CPU limit throttles a container even when the node has idle CPU and adds latency without protecting neighbours (the request already guarantees their share). A CPU limit without a request counts as a request, since Kubernetes copies the limit into the missing request. Init containers are checked too: their requests take part in scheduling. A namespace LimitRange that injects defaults is not visible to the rule; suppress with a reason in that case.',
  references: [
    {
      title: 'Kubernetes: resource management for pods and containers',
      url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    },
  ],
  messages: {
    missing: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} has no CPU request.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
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
          messageId: 'missing',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'resources', 'requests', 'cpu'),
        });
      }
    }
  },
});
