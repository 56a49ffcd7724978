import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, resolveCount } from '../helpers.js';

export default defineRule({
  id: 'require-safe-rolling-update',
  pillar: 'availability',
  title: 'Rollouts keep serving capacity while they update',
  rationale:
    'An update that stops every old pod before new ones are ready takes the service down on every deploy, and a release that fails to start leaves nothing running.',
  remediation:
    'Use the RollingUpdate strategy with a maxUnavailable below the replica count (maxUnavailable: 0 with maxSurge: 1 keeps full capacity).',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Applies to Deployments and Argo Rollouts selected by a Service. maxUnavailable is resolved against the replicas at rest (the autoscaler minimum when one applies), rounding down as Kubernetes does. A workload that must never run two versions at once may keep Recreate and suppress the finding with its reason.',
  references: [
    {
      title: 'Kubernetes: Deployment strategy',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
    },
    {
      title: 'Kubernetes: performing a rolling update',
      url: 'https://kubernetes.io/docs/tutorials/kubernetes-basics/update/update-intro/',
    },
  ],
  messages: {
    recreate: (data: { workload: string }) =>
      `${data.workload} receives traffic but updates with the Recreate strategy: every deploy stops all pods first.`,
    'all-unavailable': (data: { workload: string; maxUnavailable: string; replicas: number }) =>
      `${data.workload} allows maxUnavailable ${data.maxUnavailable} of ${data.replicas} replica${data.replicas === 1 ? '' : 's'}: an update may stop every pod at once.`,
  },
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (workload.workloadKind !== 'Deployment' && workload.workloadKind !== 'Rollout') continue;
      if (!model.isServing(workload)) continue;
      const strategy = workload.strategy;
      if (strategy === undefined) continue;
      if (strategy.type === 'Recreate') {
        report({
          messageId: 'recreate',
          data: { workload: describeNode(workload) },
          node: workload,
          at: pointerTo(strategy.source, 'type'),
        });
        continue;
      }
      if (strategy.type !== 'RollingUpdate' && strategy.type !== 'canary') continue;
      if (strategy.maxUnavailable === undefined) continue;
      const replicas = model.effectiveReplicas(workload);
      if (replicas === undefined || replicas < 1) continue;
      const unavailable = resolveCount(strategy.maxUnavailable, replicas, 'down');
      if (unavailable === undefined || unavailable < replicas) continue;
      report({
        messageId: 'all-unavailable',
        data: { workload: describeNode(workload), maxUnavailable: String(strategy.maxUnavailable), replicas },
        node: workload,
        at: pointerTo(strategy.source, strategy.type === 'canary' ? 'canary' : 'rollingUpdate', 'maxUnavailable'),
      });
    }
  },
});
