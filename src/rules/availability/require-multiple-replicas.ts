import type { SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode, engineOf, replicasAtRest, servingWorkloads, unreadableReplicasReason } from '../helpers.js';

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

/** Workloads behind a Service whose kind has a replica count, self-hosted datastores and queues excepted. */
function subjects(model: SystemModel): readonly Workload[] {
  return servingWorkloads(model).filter(
    (workload) => REPLICATED_KINDS.has(workload.workloadKind) && engineOf(workload) === undefined,
  );
}

export default defineRule({
  id: 'require-multiple-replicas',
  pillar: 'availability',
  title: 'Workloads that receive traffic run at least two replicas',
  rationale:
    'With a single pod every node drain, eviction, crash or rollout takes the service down until a replacement is scheduled and ready.',
  remediation:
    'Set spec.replicas (or the autoscaler minReplicas) to 2 or more for every workload behind a Service, and make sure the application tolerates several instances.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'stable',
  notes:
    'Only workloads selected by a Service are checked; a background worker may legitimately run as a singleton. When a HorizontalPodAutoscaler targets the workload its minReplicas is the count at rest, so the finding points there. Self-hosted datastores and queues are left to no-single-replica-stateful-engine, since adding replicas to them takes more than a number. Required from growth, and from launch with an SLA of 99.9% or more: a single pod is down for a minute or two on every drain, eviction and crash, which a launch without an availability promise can absorb, but 99.9% leaves only about 43 minutes a month. A replica count that is not an integer leaves the rule undecided.',
  references: [
    {
      title: 'Kubernetes: Deployments',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
    },
    {
      title: 'Kubernetes: disruptions',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
    },
  ],
  messages: {
    'single-replica': (data: { workload: string; replicas: number; autoscaler: string | undefined }) =>
      data.autoscaler === undefined
        ? `${data.workload} receives traffic but runs ${data.replicas} replica${data.replicas === 1 ? '' : 's'}: any restart or drain is an outage.`
        : `${data.workload} receives traffic but ${data.autoscaler} lets it scale down to ${data.replicas} replica${data.replicas === 1 ? '' : 's'}: any restart or drain at the minimum is an outage.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report, undecided }) {
    for (const workload of subjects(model)) {
      const replicas = replicasAtRest(model, workload);
      if (replicas === undefined) continue;
      if (replicas.count === undefined) {
        undecided({ node: workload, at: replicas.at, reason: unreadableReplicasReason(workload, replicas) });
        continue;
      }
      if (replicas.count >= 2) continue;
      report({
        messageId: 'single-replica',
        data: {
          workload: describeNode(workload),
          replicas: replicas.count,
          autoscaler: replicas.autoscaler === undefined ? undefined : describeNode(replicas.autoscaler),
        },
        node: workload,
        at: replicas.at,
      });
    }
  },
});
