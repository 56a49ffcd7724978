import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isUnreadable } from '../helpers.js';

export default defineRule({
  id: 'no-host-namespaces',
  pillar: 'security',
  title: "Pods do not share the node's network, process or IPC namespace",
  rationale:
    'A pod in the host network namespace can reach every service bound to the node and bypasses network policies; in the host PID or IPC namespace it can see, signal and read the memory of every process on the node.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false.',
  requiredFrom: 'prototype',
  status: 'stable',
  notes:
    'Each namespace is reported at its own key. Node agents that truly need the host network (CNI plugins, some monitoring agents) should carry a suppression with the reason.',
  references: [
    {
      title: 'Kubernetes: Pod Security Standards (baseline)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    'host-network': (data: { workload: string }) => `${data.workload} runs its pods in the node's network namespace.`,
    'host-pid': (data: { workload: string }) => `${data.workload} runs its pods in the node's process namespace.`,
    'host-ipc': (data: { workload: string }) => `${data.workload} runs its pods in the node's IPC namespace.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report, undecided }) {
    for (const workload of model.workloads) {
      const pod = workload.pod;
      const data = { workload: describeNode(workload) };
      const unreadable = ['hostNetwork', 'hostPID', 'hostIPC'].find((key) =>
        isUnreadable(workload, pointerTo(pod.source, key)),
      );
      if (unreadable !== undefined) {
        undecided({
          node: workload,
          at: pointerTo(pod.source, unreadable),
          reason: `${data.workload} has a ${unreadable} setting that is not true or false.`,
        });
      }
      if (pod.hostNetwork) {
        report({ messageId: 'host-network', data, node: workload, at: pointerTo(pod.source, 'hostNetwork') });
      }
      if (pod.hostPID) report({ messageId: 'host-pid', data, node: workload, at: pointerTo(pod.source, 'hostPID') });
      if (pod.hostIPC) report({ messageId: 'host-ipc', data, node: workload, at: pointerTo(pod.source, 'hostIPC') });
    }
  },
});
