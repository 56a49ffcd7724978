import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

/** Host paths that expose the node, its kubelet or its container runtime; each covers what lies below it. */
const SENSITIVE_PREFIXES = [
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/root',
  '/var/run',
  '/run',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
];

/** `/var//run/./docker.sock/` → `/var/run/docker.sock`; `..` is resolved so it cannot hide a path. */
export function normaliseHostPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.trim().split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function isSensitiveHostPath(path: string): boolean {
  const normal = normaliseHostPath(path);
  if (normal === '/') return true;
  return SENSITIVE_PREFIXES.some((prefix) => normal === prefix || normal.startsWith(`${prefix}/`));
}

export default defineRule({
  id: 'no-sensitive-host-path',
  pillar: 'security',
  title: 'Pods do not mount directories of the node',
  rationale:
    "A hostPath volume ties the pod to one node's disk and reaches past container isolation; mounting the root, /etc, /proc, the kubelet directory or a container runtime socket lets the pod take over the node.",
  remediation:
    'Replace the hostPath volume with a persistentVolumeClaim, an emptyDir, a ConfigMap or a Secret; if a node agent truly needs it, mount the narrowest path read-only.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Every hostPath is reported, as Trivy and the baseline Pod Security Standard do; kube-linter reports only sensitive paths. The two cases carry different messages: "sensitive" for the root path and for paths at or under /etc, /proc, /sys, /dev, /root, /run, /var/run, the kubelet and container runtime directories and sockets, "host-path" for any other. Paths are normalised (repeated slashes, trailing slash, . and ..) before matching.',
  references: [
    { title: 'Kubernetes: volumes (hostPath)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
    {
      title: 'Kubernetes: Pod Security Standards (baseline)',
      url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    },
  ],
  messages: {
    sensitive: (data: { volume: string; workload: string; path: string }) =>
      `Volume "${data.volume}" of ${data.workload} mounts the sensitive host path ${data.path}.`,
    'host-path': (data: { volume: string; workload: string; path: string }) =>
      `Volume "${data.volume}" of ${data.workload} mounts the host path ${data.path} from the node.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const volume of workload.pod.volumes) {
        if (volume.type !== 'hostPath') continue;
        const path = volume.hostPath ?? '';
        report({
          messageId: path !== '' && isSensitiveHostPath(path) ? 'sensitive' : 'host-path',
          data: { volume: volume.name, workload: describeNode(workload), path: path === '' ? '(no path)' : path },
          node: workload,
          at: pointerTo(volume.source, 'hostPath', 'path'),
        });
      }
    }
  },
});
