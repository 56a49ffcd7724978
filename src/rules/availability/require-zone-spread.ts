import { pointerTo } from '../../core/source.js';
import { defineRule } from '../define-rule.js';
import {
  describeNode,
  replicatedWorkloads,
  spreadsOn,
  unreadableReplicasReason,
  unreadableSpread,
} from '../helpers.js';

/** The well-known zone label, and the beta label that preceded it and that older clusters still set. */
const ZONE_KEYS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);

export default defineRule({
  id: 'require-zone-spread',
  pillar: 'availability',
  title: 'Replicas are spread across availability zones',
  rationale:
    'Spreading replicas over nodes does not stop the scheduler from putting every node that hosts them in one availability zone, so a zone outage, which cloud providers do have, takes all replicas down at once.',
  remediation:
    'Add a topologySpreadConstraint on topology.kubernetes.io/zone (whenUnsatisfiable: ScheduleAnyway), or a preferred podAntiAffinity term with that topologyKey, selecting the workload pods, and run the node pools in at least two zones.',
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  status: 'stable',
  notes:
    'Node spread (require-node-spread) protects from the loss of one node; zone spread protects from the loss of a whole zone, the failure that a single-zone design cannot survive within an SLA of 99.95% (about 22 minutes a month), hence required from launch at that SLA and from enterprise otherwise. Topology spread constraints and pod anti-affinity, required or preferred, on topology.kubernetes.io/zone or the deprecated failure-domain.beta.kubernetes.io/zone count. A ScheduleAnyway constraint is accepted: it spreads the pods whenever the zones have room, and during a zone outage it lets the lost replicas be rescheduled into the surviving zones, where a DoNotSchedule constraint can keep them pending because the failed zone still counts as a domain. The rule cannot see node pools, nodeSelectors or node affinity that pin the pods to one zone; the manifests only show the intent.',
  references: [
    {
      title: 'Kubernetes: pod topology spread constraints',
      url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    },
    {
      title: 'Kubernetes: running in multiple zones',
      url: 'https://kubernetes.io/docs/setup/best-practices/multiple-zones/',
    },
    {
      title: 'Kubernetes: well-known labels (topology.kubernetes.io/zone)',
      url: 'https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone',
    },
  ],
  messages: {
    missing: (data: { workload: string; replicas: number }) =>
      `${data.workload} runs ${data.replicas} replicas with no topology spread constraint or pod anti-affinity on topology.kubernetes.io/zone: they may all run in one zone.`,
  },
  appliesTo: (model) => replicatedWorkloads(model).length,
  check({ model, report, undecided }) {
    for (const { workload, replicas } of replicatedWorkloads(model)) {
      if (spreadsOn(workload, (key) => ZONE_KEYS.has(key))) continue;
      const unreadable = unreadableSpread(workload);
      if (unreadable !== undefined) {
        undecided({
          node: workload,
          at: unreadable,
          reason: `${describeNode(workload)} has spread settings of the wrong type, so whether its pods are spread across zones is unknown.`,
        });
        continue;
      }
      if (replicas.count === undefined) {
        undecided({ node: workload, at: replicas.at, reason: unreadableReplicasReason(workload, replicas) });
        continue;
      }
      report({
        messageId: 'missing',
        data: { workload: describeNode(workload), replicas: replicas.count },
        node: workload,
        at: pointerTo(workload.pod.source, 'topologySpreadConstraints'),
      });
    }
  },
});
