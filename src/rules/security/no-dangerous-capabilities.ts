import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, unreadableWithin } from '../helpers.js';

/** Capabilities that hand a container control over the node or its network. */
const DANGEROUS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'DAC_READ_SEARCH',
  'BPF',
  'NET_RAW',
]);

/** `cap_sys_admin` → `SYS_ADMIN`. */
function canonical(capability: string): string {
  const upper = capability.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export default defineRule({
  id: 'no-dangerous-capabilities',
  pillar: 'security',
  title: 'Containers add no dangerous Linux capabilities',
  rationale:
    'Capabilities such as SYS_ADMIN, SYS_PTRACE, SYS_MODULE or NET_ADMIN give a container most of the power of root on the node, so a compromised container can load kernel modules, read other processes or reconfigure the host network.',
  remediation:
    'Remove the capability from securityContext.capabilities.add, or move the privileged work to a dedicated, reviewed component.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Reports ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, DAC_READ_SEARCH, BPF and NET_RAW, in any letter case and with or without the CAP_ prefix. NET_RAW is included, as kube-linter and Checkov do, because it allows packet spoofing on the pod network; NET_BIND_SERVICE and the other capabilities the baseline Pod Security Standard allows are not reported.',
  references: [
    {
      title: 'Kubernetes: set capabilities for a container',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    },
    {
      title: 'Kubernetes: Pod Security Standards (baseline)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    dangerous: (data: { container: string; workload: string; capability: string }) =>
      `Container "${data.container}" of ${data.workload} adds the ${data.capability} capability.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      for (const container of containersOf(workload, { init: true })) {
        const unreadable = unreadableWithin(
          workload,
          pointerTo(container.source, 'securityContext', 'capabilities', 'add'),
        );
        if (unreadable !== undefined) {
          undecided({
            node: workload,
            at: unreadable,
            reason: `Container "${container.name}" of ${describeNode(workload)} adds capabilities written with the wrong type, so which ones is unknown.`,
          });
        }
        container.securityContext.capabilities.add.forEach((capability, index) => {
          const name = canonical(capability);
          if (!DANGEROUS.has(name)) return;
          report({
            messageId: 'dangerous',
            data: { container: container.name, workload: describeNode(workload), capability: name },
            node: workload,
            at: pointerTo(container.source, 'securityContext', 'capabilities', 'add', index),
          });
        });
      }
    }
  },
});
