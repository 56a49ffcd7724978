import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

/** Annotations under which a deploy tool deletes the Job it ran as a hook. */
const HOOK_DELETE_POLICIES = ['helm.sh/hook-delete-policy', 'argocd.argoproj.io/hook-delete-policy'];

export default defineRule({
  id: 'require-finished-job-cleanup',
  pillar: 'operations',
  title: 'Finished Jobs are cleaned up',
  rationale:
    'A standalone Job and its pods stay in the cluster after they finish, piling up in the API server, and a changed Job of the same name cannot be applied while the finished one exists.',
  remediation: 'Set spec.ttlSecondsAfterFinished on the Job so Kubernetes deletes it some time after it completes.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'Matches kube-linter job-ttl-seconds-after-finished. CronJobs are not checked: their history limits already prune finished Jobs. A Job with ownerReferences is cleaned up with its owner, and a Job carrying a Helm or Argo CD hook delete policy is deleted by that tool, so neither is reported.',
  references: [
    {
      title: 'Kubernetes: automatic cleanup for finished Jobs',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/',
    },
  ],
  messages: {
    'no-ttl': (data: { workload: string }) =>
      `${data.workload} has no ttlSecondsAfterFinished, so it and its pods stay after it finishes.`,
  },
  appliesTo: (model) => model.workloads.filter((workload) => workload.workloadKind === 'Job').length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (workload.workloadKind !== 'Job' || workload.job === undefined || workload.hasOwner) continue;
      if (workload.job.ttlSecondsAfterFinished !== undefined) continue;
      if (HOOK_DELETE_POLICIES.some((key) => workload.annotations[key] !== undefined)) continue;
      report({
        messageId: 'no-ttl',
        data: { workload: describeNode(workload) },
        node: workload,
        at: pointerTo(workload.job.source, 'ttlSecondsAfterFinished'),
      });
    }
  },
});
