import { settingValue } from '../../model/infrastructure.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-multi-zone-cluster',
  pillar: 'availability',
  title: 'Kubernetes clusters and their node pools span two or more zones',
  rationale:
    'Pods can only be spread over zones the nodes are in: a node pool in one zone, or a zonal control plane, turns a zone outage into a cluster outage whatever the manifests ask for.',
  remediation:
    'List two or more zones for every node pool (zones on AKS pools, subnets in different zones for EKS node groups, node_locations on GKE pools) and make GKE clusters regional by setting location to a region.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    "An AKS pool without zones gets no zone placement; an EKS node group spans the zones of the aws_subnet resources its subnet_ids refer to (subnet IDs from variables or remote modules cannot be placed, so the rule stays undecided); a GKE pool uses its own node_locations, else the cluster's, else the zones of its region (three by default for a regional cluster). A zonal GKE cluster is reported once, on its location, rather than once per pool: its control plane stays in one zone even when node_locations spread the nodes. Required from launch with an SLA of 99.95% or more, the AKS figure with zones and the GKE regional figure.",
  references: [
    {
      title: 'AKS: use availability zones',
      url: 'https://learn.microsoft.com/azure/aks/availability-zones',
    },
    {
      title: 'GKE: regional clusters',
      url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/regional-clusters',
    },
    {
      title: 'Amazon EKS: managed node groups',
      url: 'https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html',
    },
  ],
  messages: {
    'zonal-cluster': (data: { cluster: string; basis: string }) =>
      `${data.cluster} is a zonal cluster: its control plane lives in one zone (${data.basis}).`,
    'single-zone-pool': (data: { pool: string; cluster: string; basis: string }) =>
      `Node pool "${data.pool}" of ${data.cluster} runs in a single zone (${data.basis}).`,
  },
  appliesTo: (model) => model.clusters.length,
  check({ model, report, undecided }) {
    for (const cluster of model.clusters) {
      if (cluster.availability.tier === 'unknown') {
        undecided({
          node: cluster,
          at: cluster.availability.at,
          reason: `${cluster.address}: ${cluster.availability.basis}.`,
        });
        continue;
      }
      if (cluster.resourceType === 'google_container_cluster' && cluster.availability.tier === 'single') {
        report({
          messageId: 'zonal-cluster',
          data: { cluster: cluster.address, basis: cluster.availability.basis },
          node: cluster,
          at: cluster.availability.at,
        });
        continue;
      }
      if (settingValue(cluster.autopilot) === true) continue;
      for (const pool of cluster.nodePools) {
        if (pool.zones.count === undefined) {
          undecided({
            node: cluster,
            at: pool.zones.at,
            reason: `${cluster.address}, node pool "${pool.name}": ${pool.zones.basis}.`,
          });
        } else if (pool.zones.count < 2) {
          report({
            messageId: 'single-zone-pool',
            data: { pool: pool.name, cluster: cluster.address, basis: pool.zones.basis },
            node: cluster,
            at: pool.zones.at,
          });
        }
      }
    }
  },
});
