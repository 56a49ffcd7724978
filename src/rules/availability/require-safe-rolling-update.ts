import { pointerTo } from '../../core/source.js';
import type { SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import {
  describeNode,
  isUnreadable,
  replicasAtRest,
  resolveCount,
  servingWorkloads,
  unreadableReplicasReason,
} from '../helpers.js';

/** Deployments and Argo Rollouts behind a Service. */
function subjects(model: SystemModel): readonly Workload[] {
  return servingWorkloads(model).filter(
    (workload) => workload.workloadKind === 'Deployment' || workload.workloadKind === 'Rollout',
  );
}

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
  appliesTo: (model) => subjects(model).length,
  check({ model, report, undecided }) {
    for (const workload of subjects(model)) {
      const strategy = workload.strategy;
      const strategyAt = strategy?.source ?? pointerTo(workload.source, 'spec', 'strategy');
      const unreadableStrategy = [strategyAt, pointerTo(strategyAt, 'type')].find((at) => isUnreadable(workload, at));
      if (unreadableStrategy !== undefined) {
        undecided({
          node: workload,
          at: unreadableStrategy,
          reason: `${describeNode(workload)} has an update strategy of the wrong type, so how it updates is unknown.`,
        });
        continue;
      }
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
      const maxUnavailableAt = pointerTo(
        strategy.source,
        strategy.type === 'canary' ? 'canary' : 'rollingUpdate',
        'maxUnavailable',
      );
      if (isUnreadable(workload, maxUnavailableAt)) {
        undecided({
          node: workload,
          at: maxUnavailableAt,
          reason: `${describeNode(workload)} has a maxUnavailable that is neither an integer nor a percentage.`,
        });
        continue;
      }
      if (strategy.maxUnavailable === undefined) continue;
      // 0, or a percentage below 100%, always leaves a pod running, whatever the count.
      if (resolveCount(strategy.maxUnavailable, 1, 'down') === 0) continue;
      const replicas = replicasAtRest(model, workload);
      if (replicas === undefined) continue;
      if (replicas.count === undefined) {
        undecided({ node: workload, at: replicas.at, reason: unreadableReplicasReason(workload, replicas) });
        continue;
      }
      if (replicas.count < 1) continue;
      const unavailable = resolveCount(strategy.maxUnavailable, replicas.count, 'down');
      if (unavailable === undefined || unavailable < replicas.count) continue;
      report({
        messageId: 'all-unavailable',
        data: {
          workload: describeNode(workload),
          maxUnavailable: String(strategy.maxUnavailable),
          replicas: replicas.count,
        },
        node: workload,
        at: maxUnavailableAt,
      });
    }
  },
});
