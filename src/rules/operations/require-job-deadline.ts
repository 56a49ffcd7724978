import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

export default defineRule({
  id: 'require-job-deadline',
  pillar: 'operations',
  title: 'Jobs and CronJobs bound how long they may run or start late',
  rationale:
    'A Job without activeDeadlineSeconds that hangs holds its pod and its resources forever; a CronJob without startingDeadlineSeconds counts every schedule missed since its last run and stops starting jobs altogether once more than 100 were missed.',
  remediation:
    'Set spec.activeDeadlineSeconds on each Job to the longest acceptable run, and spec.startingDeadlineSeconds on each CronJob to the longest acceptable delay of a scheduled run.',
  requiredFrom: 'growth',
  status: 'stable',
  notes:
    'The CronJob part matches kube-score cronjob-has-deadline. A CronJob is checked for its starting deadline only; its job template’s activeDeadlineSeconds is not required here.',
  references: [
    {
      title: 'Kubernetes: Job termination and cleanup',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup',
    },
    {
      title: 'Kubernetes: CronJob, deadline for delayed job start',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#starting-deadline',
    },
  ],
  messages: {
    'job-no-deadline': (data: { workload: string }) =>
      `${data.workload} has no activeDeadlineSeconds, so a hung run is never stopped.`,
    'cronjob-no-starting-deadline': (data: { workload: string }) =>
      `${data.workload} has no startingDeadlineSeconds, so a long outage can stop it from scheduling again.`,
  },
  appliesTo: (model) =>
    model.workloads.filter((workload) => workload.workloadKind === 'Job' || workload.workloadKind === 'CronJob').length,
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (workload.workloadKind === 'Job' && workload.job !== undefined) {
        if (workload.job.activeDeadlineSeconds !== undefined) continue;
        report({
          messageId: 'job-no-deadline',
          data: { workload: describeNode(workload) },
          node: workload,
          at: pointerTo(workload.job.source, 'activeDeadlineSeconds'),
        });
      } else if (workload.workloadKind === 'CronJob' && workload.schedule !== undefined) {
        if (workload.schedule.startingDeadlineSeconds !== undefined) continue;
        report({
          messageId: 'cronjob-no-starting-deadline',
          data: { workload: describeNode(workload) },
          node: workload,
          at: pointerTo(workload.schedule.source, 'startingDeadlineSeconds'),
        });
      }
    }
  },
});
