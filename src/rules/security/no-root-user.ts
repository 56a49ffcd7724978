import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

export default defineRule({
  id: 'no-root-user',
  pillar: 'security',
  title: 'Containers run as a non-root user',
  rationale:
    'A process running as UID 0 is root on the node as far as the kernel is concerned: any escape from the container, or any writable host mount, hands the attacker root on the node.',
  remediation:
    'Set runAsNonRoot: true in the pod or container securityContext, with a non-zero runAsUser when the image has no numeric non-root user.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'The container securityContext overrides the pod one, field by field. An explicit runAsUser: 0 is always reported at the key that sets it. Otherwise the container passes when runAsNonRoot is true or a non-zero runAsUser is set: any non-zero UID is accepted, where kube-score asks for a UID above 10000 and Checkov has a separate high-UID check.',
  references: [
    {
      title: 'Kubernetes: configure a security context for a pod or container',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    },
    {
      title: 'Kubernetes: Pod Security Standards (restricted)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    'root-uid': (data: { container: string; workload: string; level: 'pod' | 'container' }) =>
      data.level === 'container'
        ? `Container "${data.container}" of ${data.workload} sets runAsUser: 0 and runs as root.`
        : `Container "${data.container}" of ${data.workload} runs as root: the pod securityContext sets runAsUser: 0.`,
    'not-enforced': (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} neither sets runAsNonRoot: true nor a non-zero runAsUser, so it runs as root if the image says so.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      const pod = workload.pod.securityContext;
      for (const container of containersOf(workload, { init: true })) {
        const own = container.securityContext;
        const data = { container: container.name, workload: describeNode(workload) };
        const runAsUser = own.runAsUser ?? pod.runAsUser;
        if (runAsUser === 0) {
          const level = own.runAsUser !== undefined ? 'container' : 'pod';
          report({
            messageId: 'root-uid',
            data: { ...data, level },
            node: workload,
            at:
              level === 'container'
                ? pointerTo(container.source, 'securityContext', 'runAsUser')
                : pointerTo(workload.pod.source, 'securityContext', 'runAsUser'),
          });
          continue;
        }
        const runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
        if (runAsNonRoot === true || runAsUser !== undefined) continue;
        report({
          messageId: 'not-enforced',
          data,
          node: workload,
          at: pointerTo(container.source, 'securityContext', 'runAsNonRoot'),
        });
      }
    }
  },
});
