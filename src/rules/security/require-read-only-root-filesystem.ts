import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-read-only-root-filesystem',
  pillar: 'security',
  title: 'Containers mount their root filesystem read-only',
  rationale:
    'A writable root filesystem lets an intruder drop tools and binaries or tamper with the application in place, and lets the container fill the node disk with files nobody accounts for.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir volume at each path the process must write to, such as /tmp.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Init containers are checked too. Polaris, kube-linter, Checkov and Trivy all ask for the same field; it is required from growth because fitting writable scratch directories to an existing image takes some work.',
  references: [
    {
      title: 'Kubernetes: configure a security context for a pod or container',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    },
    { title: 'Kubernetes: volumes (emptyDir)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir' },
  ],
  messages: {
    writable: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} has a writable root filesystem.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        if (container.securityContext.readOnlyRootFilesystem === true) continue;
        report({
          messageId: 'writable',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'securityContext', 'readOnlyRootFilesystem'),
        });
      }
    }
  },
});
