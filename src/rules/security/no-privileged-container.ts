import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, isUnreadable } from '../helpers.js';

export default defineRule({
  id: 'no-privileged-container',
  pillar: 'security',
  title: 'Containers do not run privileged',
  rationale:
    'A privileged container has every capability and access to the host devices: a compromise of the container is a compromise of the node and of every pod on it.',
  remediation: 'Remove securityContext.privileged: true; grant only the specific capability the container needs.',
  requiredFrom: 'prototype',
  status: 'stable',
  references: [
    {
      title: 'Kubernetes: Pod Security Standards (baseline)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    privileged: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} runs privileged.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.securityContext.privileged !== true) {
          const at = pointerTo(container.source, 'securityContext', 'privileged');
          if (isUnreadable(workload, at)) {
            undecided({
              node: workload,
              at,
              reason: `Container "${container.name}" of ${describeNode(workload)} has a privileged setting that is not true or false.`,
            });
          }
          continue;
        }
        report({
          messageId: 'privileged',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'securityContext', 'privileged'),
        });
      }
    }
  },
});
