import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-dropped-capabilities',
  pillar: 'security',
  title: 'Containers drop all Linux capabilities',
  rationale:
    'Container runtimes grant a default set of Linux capabilities, such as NET_RAW and CHOWN, that most applications never use and that widen what an intruder can do from inside the container.',
  remediation:
    'Add ALL to securityContext.capabilities.drop and list under capabilities.add only the capabilities the process needs.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Follows the restricted Pod Security Standard: only a drop list containing ALL passes (in any letter case). Dropping NET_RAW alone, which kube-linter and Checkov accept, is not enough here. Adding capabilities back is judged by no-dangerous-capabilities.',
  references: [
    {
      title: 'Kubernetes: set capabilities for a container',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    },
    {
      title: 'Kubernetes: Pod Security Standards (restricted)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    'not-dropped': (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} does not drop ALL capabilities.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.securityContext.capabilities.drop.some((capability) => capability.toUpperCase() === 'ALL')) {
          continue;
        }
        report({
          messageId: 'not-dropped',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'securityContext', 'capabilities', 'drop'),
        });
      }
    }
  },
});
