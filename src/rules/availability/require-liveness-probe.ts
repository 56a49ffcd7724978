import { pointerTo } from '../../core/source.js';
import type { SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, isLongRunning, servingWorkloads } from '../helpers.js';

/** Long-running workloads behind a Service, bare Pods excepted. */
function subjects(model: SystemModel): readonly Workload[] {
  return servingWorkloads(model).filter((workload) => isLongRunning(workload) && workload.workloadKind !== 'Pod');
}

export default defineRule({
  id: 'require-liveness-probe',
  pillar: 'availability',
  title: 'Long-running containers that receive traffic declare a liveness probe',
  rationale:
    'A process that deadlocks or wedges keeps running and keeps its pod in the Service, so requests keep failing until someone restarts it by hand; a liveness probe lets the kubelet restart it.',
  remediation:
    'Add a livenessProbe to every app container of a long-running workload behind a Service, checking a cheap endpoint that fails only when the process cannot recover on its own.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'stable',
  notes:
    'Follows kube-score: only workloads selected by a Service are checked, because a liveness probe that fails under load or on a slow dependency restarts healthy pods and can turn a slowdown into an outage; a poor probe is worse than none. Polaris asks for it on every long-running container. Jobs, CronJobs and bare Pods are skipped, and the rule is required only from growth, once the team has the load data to tune thresholds. With an SLA of 99.9% or more it is required from launch: a wedged pod that waits for someone to notice and restart it by hand can spend the 43 minutes a month on its own.',
  references: [
    {
      title: 'Kubernetes: configure liveness, readiness and startup probes',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    },
    {
      title: 'Kubernetes: container probes',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes',
    },
  ],
  messages: {
    missing: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} receives traffic but has no livenessProbe: a hung process is never restarted.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report }) {
    for (const workload of subjects(model)) {
      for (const container of containersOf(workload)) {
        if (container.livenessProbe !== undefined) continue;
        report({
          messageId: 'missing',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'livenessProbe'),
        });
      }
    }
  },
});
