import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode, servingWorkloads } from '../helpers.js';

export default defineRule({
  id: 'require-readiness-probe',
  pillar: 'availability',
  title: 'Containers that receive traffic declare a readiness probe',
  rationale:
    'Without a readiness probe a pod receives traffic as soon as its process starts, before it can serve, and a broken rollout keeps receiving requests.',
  remediation:
    'Add a readinessProbe to every container of a workload behind a Service, checking the endpoint that proves the container can serve.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Like kube-score, the rule applies only to workloads selected by a Service: a worker that receives no traffic has nothing to gate. Polaris asks for it on every long-running container.',
  references: [
    {
      title: 'Kubernetes: configure liveness, readiness and startup probes',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    },
  ],
  messages: {
    missing: (data: { container: string; workload: string }) =>
      `Container "${data.container}" of ${data.workload} receives traffic but has no readinessProbe.`,
  },
  appliesTo: (model) => servingWorkloads(model).length,
  check({ model, report }) {
    for (const workload of servingWorkloads(model)) {
      for (const container of containersOf(workload)) {
        if (container.readinessProbe !== undefined) continue;
        report({
          messageId: 'missing',
          data: { container: container.name, workload: describeNode(workload) },
          node: workload,
          at: pointerTo(container.source, 'name'),
        });
      }
    }
  },
});
