import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import { describeNode, isUnreadable, replicasAtRest, resolveCount, unreadableReplicasReason } from '../helpers.js';

export default defineRule({
  id: 'no-blocking-pod-disruption-budget',
  pillar: 'availability',
  title: 'PodDisruptionBudgets allow at least one voluntary eviction',
  rationale:
    'A budget that allows no eviction makes every node drain hang: cluster upgrades, autoscaler scale-downs and node replacements stall until someone deletes the budget by hand.',
  remediation:
    'Set maxUnavailable: 1 (or a minAvailable below the replica count at rest, the autoscaler minimum included) so that one pod at a time can be moved.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'The pod count is the sum of the replicas at rest of every workload the budget selects, using the autoscaler minimum when one applies (as Polaris pdbMinAvailableGreaterThanHPAMinReplicas does); percentages round up as the disruption controller rounds them. A budget that selects no known workload is judged only on its literal values (maxUnavailable 0, minAvailable 100%); when a selected workload has a replica count that is not an integer, the rule is undecided.',
  references: [
    {
      title: 'Kubernetes: specifying a disruption budget for your application',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    },
    {
      title: 'Kubernetes: safely drain a node',
      url: 'https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/',
    },
  ],
  messages: {
    'zero-max-unavailable': (data: { budget: string; maxUnavailable: string }) =>
      `${data.budget} sets maxUnavailable ${data.maxUnavailable}: no pod it selects can ever be evicted, so node drains block.`,
    'min-available-all': (data: { budget: string; minAvailable: string; pods: number | undefined }) =>
      data.pods === undefined
        ? `${data.budget} sets minAvailable ${data.minAvailable}: every pod must stay up, so node drains block.`
        : `${data.budget} sets minAvailable ${data.minAvailable} for ${data.pods} pod${data.pods === 1 ? '' : 's'}: none can be evicted, so node drains block.`,
    'above-autoscaler-minimum': (data: { budget: string; minAvailable: string; autoscaler: string; pods: number }) =>
      `${data.budget} sets minAvailable ${data.minAvailable}, but ${data.autoscaler} may scale down to ${data.pods} pod${data.pods === 1 ? '' : 's'}: at the minimum none can be evicted, so node drains block.`,
  },
  appliesTo: (model) => model.disruptionBudgets.length,
  check({ model, report, undecided }) {
    for (const budget of model.disruptionBudgets) {
      const name = describeNode(budget);
      const { maxUnavailable, minAvailable } = budget;
      const unreadable = ['maxUnavailable', 'minAvailable']
        .map((key) => pointerTo(budget.source, 'spec', key))
        .find((at) => isUnreadable(budget, at));
      if (unreadable !== undefined) {
        undecided({
          node: budget,
          at: unreadable,
          reason: `${name} has a disruption limit that is neither an integer nor a percentage, so what it allows is unknown.`,
        });
        continue;
      }
      if (maxUnavailable !== undefined) {
        if (resolveCount(maxUnavailable, 100, 'up') === 0) {
          report({
            messageId: 'zero-max-unavailable',
            data: { budget: name, maxUnavailable: String(maxUnavailable) },
            node: budget,
            at: pointerTo(budget.source, 'spec', 'maxUnavailable'),
          });
        }
        continue;
      }
      if (minAvailable === undefined) continue;
      const at = pointerTo(budget.source, 'spec', 'minAvailable');
      const written = String(minAvailable);
      if (typeof minAvailable === 'string' && (resolveCount(minAvailable, 100, 'up') ?? 0) >= 100) {
        report({
          messageId: 'min-available-all',
          data: { budget: name, minAvailable: written, pods: undefined },
          node: budget,
          at,
        });
        continue;
      }
      const workloads = model.workloadsCoveredBy(budget).map((workload) => ({
        workload,
        replicas: replicasAtRest(model, workload),
      }));
      if (workloads.length === 0 || workloads.some(({ replicas }) => replicas === undefined)) continue;
      // minAvailable 0 allows every eviction, whatever the count.
      if (resolveCount(minAvailable, 1, 'up') === 0) continue;
      const unknown = workloads.find(({ replicas }) => replicas?.count === undefined);
      if (unknown?.replicas !== undefined) {
        undecided({
          node: budget,
          at: unknown.replicas.at,
          reason: unreadableReplicasReason(unknown.workload, unknown.replicas),
        });
        continue;
      }
      const pods = workloads.reduce<number>((sum, { replicas }) => sum + (replicas?.count ?? 0), 0);
      if (pods < 1) continue;
      const required = resolveCount(minAvailable, pods, 'up');
      if (required === undefined || required < pods) continue;
      const autoscaler = workloads.flatMap(({ workload }) => model.autoscalersFor(workload))[0];
      if (autoscaler === undefined) {
        report({
          messageId: 'min-available-all',
          data: { budget: name, minAvailable: written, pods },
          node: budget,
          at,
        });
      } else {
        report({
          messageId: 'above-autoscaler-minimum',
          data: { budget: name, minAvailable: written, autoscaler: describeNode(autoscaler), pods },
          node: budget,
          at,
        });
      }
    }
  },
});
