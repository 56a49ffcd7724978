import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

export default defineRule({
  id: 'no-privilege-escalation',
  pillar: 'security',
  title: 'Containers forbid privilege escalation',
  rationale:
    'Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its parent through setuid binaries or file capabilities, turning a foothold into root inside the container.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init containers included.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Kubernetes allows escalation when the field is left out, so only an explicit false passes, as in the restricted Pod Security Standard and in Polaris, kube-linter, Checkov and Trivy. Privileged containers are skipped: they always escalate, and no-privileged-container reports them.',
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
    'not-disabled': (data: { container: string; workload: string; explicit: boolean }) =>
      data.explicit
        ? `Container "${data.container}" of ${data.workload} sets allowPrivilegeEscalation: true.`
        : `Container "${data.container}" of ${data.workload} does not set allowPrivilegeEscalation: false, so its processes may gain privileges.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        const security = container.securityContext;
        if (security.privileged === true || security.allowPrivilegeEscalation === false) continue;
        report({
          messageId: 'not-disabled',
          data: {
            container: container.name,
            workload: describeNode(workload),
            explicit: security.allowPrivilegeEscalation === true,
          },
          node: workload,
          at: pointerTo(container.source, 'securityContext', 'allowPrivilegeEscalation'),
        });
      }
    }
  },
});
