import { pointerTo, type SourcePointer } from '../../core/source.js';
import type { Autoscaler, SystemModel, Workload } from '../../model/types.js';
import { engineOfImage } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

/**
 * Where a workload's resting replica count is set: the lowest `minReplicas` of the autoscalers
 * that target it, else its own `spec.replicas` (the `spec` key when left to the default).
 */
export function replicaCountSite(
  model: SystemModel,
  workload: Workload,
): { readonly at: SourcePointer; readonly autoscaler: Autoscaler | undefined } {
  let lowest: Autoscaler | undefined;
  for (const autoscaler of model.autoscalersFor(workload)) {
    if (lowest === undefined || (autoscaler.minReplicas ?? 1) < (lowest.minReplicas ?? 1)) lowest = autoscaler;
  }
  if (lowest !== undefined) return { at: pointerTo(lowest.source, 'spec', 'minReplicas'), autoscaler: lowest };
  return { at: pointerTo(workload.source, 'spec', 'replicas'), autoscaler: undefined };
}

export default defineRule({
  id: 'require-multiple-replicas',
  pillar: 'availability',
  title: 'Workloads that receive traffic run at least two replicas',
  rationale:
    'With a single pod every node drain, eviction, crash or rollout takes the service down until a replacement is scheduled and ready.',
  remediation:
    'Set spec.replicas (or the autoscaler minReplicas) to 2 or more for every workload behind a Service, and make sure the application tolerates several instances.',
  requiredFrom: 'launch',
  status: 'stable',
  notes:
    'Only workloads selected by a Service are checked; a background worker may legitimately run as a singleton. When a HorizontalPodAutoscaler targets the workload its minReplicas is the count at rest, so the finding points there. Self-hosted datastores and queues are left to no-single-replica-stateful-engine, since adding replicas to them takes more than a number.',
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
  check({ model, report }) {
    for (const workload of model.workloads) {
      if (!REPLICATED_KINDS.has(workload.workloadKind)) continue;
      if (!model.isServing(workload)) continue;
      if (containersOf(workload).some((container) => container.image !== undefined && engineOfImage(container.image)))
        continue;
      const replicas = model.effectiveReplicas(workload);
      if (replicas === undefined || replicas >= 2) continue;
      const site = replicaCountSite(model, workload);
      report({
        messageId: 'single-replica',
        data: {
          workload: describeNode(workload),
          replicas,
          autoscaler: site.autoscaler === undefined ? undefined : describeNode(site.autoscaler),
        },
        node: workload,
        at: site.at,
      });
    }
  },
});
