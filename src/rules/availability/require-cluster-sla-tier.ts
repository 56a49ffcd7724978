import { decide } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-cluster-sla-tier',
  pillar: 'availability',
  title: 'AKS clusters run on a tier with an uptime SLA',
  rationale:
    'The AKS Free tier has no financially-backed SLA for the API server and is sized for testing; deployments, autoscaling and node repair all stop when the API server does.',
  remediation: 'Set sku_tier = "Standard" (or "Premium") on the azurerm_kubernetes_cluster.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    "sku_tier defaults to Free when left out. EKS and GKE clusters always carry a control-plane SLA (a zonal GKE cluster a lower one, which require-multi-zone-cluster reports), so the rule applies to AKS only. Required from launch: a paying customer's SLA cannot rest on a control plane without one, and the Standard tier costs little beside the nodes.",
  references: [
    {
      title: 'AKS: Free, Standard and Premium pricing tiers',
      url: 'https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers',
    },
  ],
  messages: {
    'free-tier': (data: { cluster: string }) =>
      `${data.cluster} runs on the Free tier, which has no uptime SLA for the API server.`,
  },
  appliesTo: (model) => aksClusters(model).length,
  check({ model, report, undecided }) {
    for (const cluster of aksClusters(model)) {
      if (cluster.slaTier === undefined) continue;
      const tier = decide(cluster, 'sku_tier', cluster.slaTier);
      if (!tier.known) undecided({ node: cluster, at: tier.at, reason: tier.reason });
      else if (tier.value === undefined || tier.value.toLowerCase() === 'free') {
        report({ messageId: 'free-tier', data: { cluster: cluster.address }, node: cluster, at: tier.at });
      }
    }
  },
});

function aksClusters(model: SystemModel) {
  return model.clusters.filter((cluster) => cluster.resourceType === 'azurerm_kubernetes_cluster');
}
