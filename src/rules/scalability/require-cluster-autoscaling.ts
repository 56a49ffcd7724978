import { settingValue } from '../../model/infrastructure.js';
import { decide } from '../../model/infrastructure-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-cluster-autoscaling',
  pillar: 'scalability',
  title: 'Kubernetes node pools scale with demand',
  rationale:
    'Pod autoscalers only add pods; without node autoscaling the new pods stay Pending once the fixed pool is full, which is exactly when traffic peaks.',
  remediation:
    'Enable the cluster autoscaler on each node pool with a minimum and a maximum (auto_scaling_enabled with min_count and max_count on AKS, an autoscaling block on GKE pools or node auto-provisioning, a scaling_config range on EKS node groups with the Cluster Autoscaler or Karpenter installed).',
  requiredFrom: 'growth',
  status: 'experimental',
  notes:
    'GKE Autopilot and node auto-provisioning (cluster_autoscaling.enabled) count as autoscaled. An EKS node group passes when its max_size exceeds its min_size: the range is what the Cluster Autoscaler or Karpenter works in, and whether one runs is not visible in Terraform. Required from growth, when traffic starts to vary more than a fixed pool can absorb.',
  references: [
    {
      title: 'AKS: cluster autoscaler',
      url: 'https://learn.microsoft.com/azure/aks/cluster-autoscaler',
    },
    {
      title: 'GKE: cluster autoscaler',
      url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-autoscaler',
    },
    {
      title: 'Amazon EKS: scale cluster compute',
      url: 'https://docs.aws.amazon.com/eks/latest/userguide/autoscaling.html',
    },
  ],
  messages: {
    'fixed-size': (data: { pool: string; cluster: string }) =>
      `Node pool "${data.pool}" of ${data.cluster} has a fixed size: pods that do not fit stay Pending.`,
  },
  appliesTo: (model) => model.clusters.length,
  check({ model, report, undecided }) {
    for (const cluster of model.clusters) {
      if (settingValue(cluster.autopilot) === true || settingValue(cluster.clusterAutoscaling) === true) continue;
      for (const pool of cluster.nodePools) {
        const decision = decide(cluster, `node pool "${pool.name}" autoscaling`, pool.autoscaling);
        if (!decision.known) undecided({ node: cluster, at: decision.at, reason: decision.reason });
        else if (decision.value !== true) {
          report({
            messageId: 'fixed-size',
            data: { pool: pool.name, cluster: cluster.address },
            node: cluster,
            at: decision.at,
          });
        }
      }
    }
  },
});
