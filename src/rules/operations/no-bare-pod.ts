import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

/** Annotations marking a Pod a deploy tool runs once as a hook (a Helm test, say). */
const HOOK_ANNOTATIONS = ['helm.sh/hook', 'argocd.argoproj.io/hook'];

export default defineRule({
  id: 'no-bare-pod',
  pillar: 'operations',
  title: 'Pods are managed by a controller',
  rationale:
    'A Pod created on its own is not recreated when its node fails, is drained or is upgraded: the work it did simply stops until someone notices.',
  remediation:
    'Run the pod from a Deployment, StatefulSet or DaemonSet, or from a Job for run-to-completion work, instead of a bare Pod.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'A Pod with ownerReferences is managed by its owner. A Pod marked as a Helm or Argo CD hook (a chart test, for instance) is meant to run once and is not reported.',
  references: [
    {
      title: 'Kubernetes: configuration best practices, naked Pods',
      url: 'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
    },
    { title: 'Kubernetes: Pods', url: 'https://kubernetes.io/docs/concepts/workloads/pods/' },
  ],
  messages: {
    'bare-pod': (data: { workload: string }) =>
      `${data.workload} is not managed by a controller, so nothing recreates it when its node goes away.`,
  },
  appliesTo: (model) => model.workloads.length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (workload.workloadKind !== 'Pod' || workload.hasOwner) continue;
      if (HOOK_ANNOTATIONS.some((key) => workload.annotations[key] !== undefined)) continue;
      report({
        messageId: 'bare-pod',
        data: { workload: describeNode(workload) },
        node: workload,
        at: pointerTo(workload.source, 'metadata', 'name'),
      });
    }
  },
});
