import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

const CONFINING = new Set(['RuntimeDefault', 'Localhost']);

export default defineRule({
  id: 'require-seccomp-profile',
  pillar: 'security',
  title: 'Containers run under a seccomp profile',
  rationale:
    'Without a seccomp profile a container may call every system call of the kernel, including rarely used ones that carry most kernel exploits; the runtime default profile blocks them at no cost to ordinary applications.',
  remediation:
    'Set securityContext.seccompProfile.type: RuntimeDefault in the pod spec (or Localhost with a reviewed profile), and remove any Unconfined profile.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'The container profile overrides the pod profile; a container passes when the profile in force is RuntimeDefault or Localhost. An explicit Unconfined is reported at its type key, once for the pod when containers inherit it; a missing profile is reported per container. The seccomp annotations that Kubernetes stopped honouring in 1.27 are not read.',
  references: [
    {
      title: 'Kubernetes: restrict a container syscalls with seccomp',
      url: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
    },
    {
      title: 'Kubernetes: Pod Security Standards (restricted)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    missing: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} runs without a seccomp profile (neither it nor its pod sets RuntimeDefault or Localhost).`,
    unconfined: (data: { container: string; workload: string; level: 'pod' | 'container' }) =>
      data.level === 'container'
        ? `Container "${data.container}" of ${data.workload} explicitly disables seccomp with an Unconfined profile.`
        : `${data.workload} explicitly disables seccomp for its pods with an Unconfined profile (container "${data.container}" inherits it).`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      const podProfile = workload.pod.securityContext.seccompProfile;
      let podUnconfinedReported = false;
      for (const container of containersOf(workload, { init: true })) {
        const ownProfile = container.securityContext.seccompProfile;
        const profile = ownProfile ?? podProfile;
        if (profile !== undefined && CONFINING.has(profile)) continue;
        const data = { container: container.name, workload: describeNode(workload) };
        if (ownProfile === 'Unconfined') {
          report({
            messageId: 'unconfined',
            data: { ...data, level: 'container' },
            node: workload,
            at: pointerTo(container.source, 'securityContext', 'seccompProfile', 'type'),
          });
        } else if (ownProfile === undefined && podProfile === 'Unconfined') {
          if (podUnconfinedReported) continue;
          podUnconfinedReported = true;
          report({
            messageId: 'unconfined',
            data: { ...data, level: 'pod' },
            node: workload,
            at: pointerTo(workload.pod.source, 'securityContext', 'seccompProfile', 'type'),
          });
        } else {
          report({
            messageId: 'missing',
            data,
            node: workload,
            at: pointerTo(container.source, 'securityContext', 'seccompProfile'),
          });
        }
      }
    }
  },
});
