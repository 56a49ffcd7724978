import { pointerTo } from '../../core/source.js';
import type { SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { describeNode } from '../helpers.js';

const SCALED_KINDS = new Set(['Deployment', 'StatefulSet', 'Rollout']);

/** Deployments, StatefulSets and Rollouts that an autoscaler targets. */
function subjects(model: SystemModel): readonly Workload[] {
  return model.workloads.filter(
    (workload) => SCALED_KINDS.has(workload.workloadKind) && model.autoscalersFor(workload).length > 0,
  );
}

export default defineRule({
  id: 'no-replicas-with-autoscaler',
  pillar: 'scalability',
  title: 'Autoscaled workloads leave spec.replicas unset',
  rationale:
    'When an autoscaler owns the replica count, a spec.replicas in the manifest resets it on every apply, so a deploy during a traffic peak can cut the workload back to the written count.',
  remediation:
    'Remove spec.replicas from the workload and let the HorizontalPodAutoscaler’s minReplicas and maxReplicas set the count.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', peakRpsAtLeast: 500 }],
  status: 'stable',
  notes:
    'Matches kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured, extended to StatefulSets and Argo Rollouts. The value must be removed, not just equal to the autoscaler’s minimum: any written value wins over the autoscaler’s choice at apply time. Required from launch when the peak reaches 500 requests per second: at that volume the autoscaler is what carries the peak, and a deploy that resets it to the written count drops requests at the busiest moment.',
  references: [
    {
      title: 'Kubernetes: migrating Deployments and StatefulSets to horizontal autoscaling',
      url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
    },
  ],
  messages: {
    'replicas-set': (data: { workload: string; autoscaler: string; replicas: number }) =>
      `${data.workload} sets replicas: ${data.replicas} while ${data.autoscaler} scales it; each apply overrides the autoscaler.`,
  },
  appliesTo: (model) => subjects(model).length,
  check({ model, report }) {
    for (const workload of subjects(model)) {
      if (workload.replicas === undefined) continue;
      const autoscaler = model.autoscalersFor(workload)[0];
      if (autoscaler === undefined) continue;
      report({
        messageId: 'replicas-set',
        data: { workload: describeNode(workload), autoscaler: describeNode(autoscaler), replicas: workload.replicas },
        node: workload,
        at: pointerTo(workload.source, 'spec', 'replicas'),
      });
    }
  },
});
