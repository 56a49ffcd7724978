import type { ManagedService } from '../model/infrastructure.js';
import type { SystemModel, Workload } from '../model/types.js';
import { KUBERNETES_TIMINGS, MANAGED_FAILOVER, ZONE_EVICTION } from '../reference/availability.js';
import { type ComponentFate, pathsFromFates, replicasOf } from './components.js';
import { defineScenario } from './define-scenario.js';
import { NODE_LOSS_RECOVERY_SECONDS } from './node-loss.js';
import { nodeZones, replicasInWorstZone, type ZoneEvidence, zoneFailoverOf, zoneSpreadOf } from './zones.js';

/** Zones assumed when the repository does not show them but a workload is spread by zone: the fewest that spreading needs. */
const ASSUMED_ZONES = 2;

const RESCHEDULE = `node grace ${KUBERNETES_TIMINGS.nodeMonitorGraceSeconds} s + eviction ${KUBERNETES_TIMINGS.notReadyTolerationSeconds} s + start ${KUBERNETES_TIMINGS.replacementStartSeconds} s`;

/** How long until replacements run in another zone, or why there is no bound. */
function rescheduling(
  zones: ZoneEvidence,
  stateful: boolean,
  spreadByZone: boolean,
): { readonly seconds: number | undefined; readonly why: string } {
  if (stateful) {
    return {
      seconds: undefined,
      why: 'a StatefulSet pod on an unreachable node is not replaced until the node is deleted or the pod force-deleted',
    };
  }
  if (!zones.known && !spreadByZone) {
    return { seconds: undefined, why: `whether another zone has nodes to run it is not known: ${zones.reason}` };
  }
  if (zones.known && zones.zonalControlPlane !== undefined) {
    return {
      seconds: undefined,
      why: `the control plane of ${zones.zonalControlPlane.address} runs in one zone (${zones.zonalControlPlane.availability.basis}): if it is the lost zone, nothing is rescheduled until the zone returns`,
    };
  }
  return {
    seconds: NODE_LOSS_RECOVERY_SECONDS,
    why: `replaced in another zone after ${NODE_LOSS_RECOVERY_SECONDS} s (${RESCHEDULE})${zones.known ? '' : ', assuming nodes there as its spread needs'}`,
  };
}

function workloadFate(model: SystemModel, workload: Workload, zones: ZoneEvidence): ComponentFate {
  const id = workload.id;
  if (workload.workloadKind === 'DaemonSet') {
    if (!zones.known) {
      return {
        outcome: 'unknown',
        recoverySeconds: undefined,
        reason: `${id} runs on every node, but ${zones.reason}`,
      };
    }
    return zones.span >= 2
      ? { outcome: 'survives', recoverySeconds: 0, reason: `${id} runs on every node; the other zones keep serving` }
      : {
          outcome: 'outage',
          recoverySeconds: undefined,
          reason: `${id} runs on every node, and the node pools span one zone at most (${zones.basis})`,
        };
  }
  const replicas = replicasOf(model, workload);
  if (replicas === undefined) {
    return {
      outcome: 'unknown',
      recoverySeconds: undefined,
      reason: `${id} has a replica count the files do not show`,
    };
  }
  if (zones.known && zones.span < 2) {
    return {
      outcome: 'outage',
      recoverySeconds: undefined,
      reason: `${id}: the node pools span one zone at most (${zones.basis}); losing it stops every replica, with no other zone to run them until it returns`,
    };
  }
  const stateful = workload.workloadKind === 'StatefulSet';
  const spread = zoneSpreadOf(workload);
  if (replicas < 2 || spread === undefined) {
    const why =
      replicas >= 2
        ? `${id}: ${replicas} replicas not kept apart by zone may all be in the lost zone`
        : `${id}: its only replica may be in the lost zone`;
    const recovery = rescheduling(zones, stateful, false);
    return { outcome: 'outage', recoverySeconds: recovery.seconds, reason: `${why}; ${recovery.why}` };
  }
  const zoneCount = zones.known ? zones.zones : ASSUMED_ZONES;
  const lost = replicasInWorstZone(replicas, zoneCount, spread.maxSkew);
  const remaining = replicas - lost;
  const formula =
    spread.maxSkew === 1
      ? `ceil(${replicas} / ${zoneCount}) = ${lost}`
      : `floor((${replicas} + ${zoneCount - 1} × ${spread.maxSkew}) / ${zoneCount}) = ${lost}`;
  const zonesSaid = zones.known
    ? `${zoneCount} zone${zoneCount === 1 ? ' (the pool with the fewest)' : 's'}`
    : `at least ${zoneCount} zones (assumed)`;
  const preference = spread.preferenceOnly ? ', a preference the scheduler honours while the zones have room' : '';
  const head = `${id}: ${replicas} replicas kept apart by ${spread.how}${preference}, over ${zonesSaid}: the lost zone holds at most ${formula}, ${remaining} left`;
  const autoscalers = model.autoscalersFor(workload);
  const minimum =
    autoscalers.length === 0 ? undefined : Math.min(...autoscalers.map((entry) => entry.minReplicas ?? 1));
  if (remaining < 1) {
    const recovery = rescheduling(zones, stateful, true);
    return { outcome: 'outage', recoverySeconds: recovery.seconds, reason: `${head}; ${recovery.why}` };
  }
  const short =
    remaining < 2
      ? 'no redundancy left'
      : minimum !== undefined && remaining < minimum
        ? `below the autoscaler's minimum of ${minimum}, the capacity its owners set as the floor`
        : undefined;
  if (short !== undefined) {
    const recovery = rescheduling(zones, stateful, true);
    return { outcome: 'degraded', recoverySeconds: recovery.seconds, reason: `${head}, ${short}; ${recovery.why}` };
  }
  return {
    outcome: 'survives',
    recoverySeconds: 0,
    reason: `${head} (requests in flight to the lost zone fail for up to ${KUBERNETES_TIMINGS.nodeMonitorGraceSeconds} s)`,
  };
}

function managedFate(service: ManagedService): ComponentFate {
  const id = service.id;
  const basis = service.availability.basis;
  switch (service.availability.tier) {
    case 'zone-redundant':
    case 'multi-region': {
      const failover = zoneFailoverOf(service);
      return failover === undefined
        ? {
            outcome: 'survives',
            recoverySeconds: undefined,
            reason: `${id} survives the zone (${basis}); how long its failover takes is not published in the notes`,
          }
        : {
            outcome: 'survives',
            recoverySeconds: failover.seconds,
            reason: `${id} survives the zone (${basis}), failing over in ${failover.seconds} s (${failover.source})`,
          };
    }
    case 'provider-managed':
      return {
        outcome: 'survives',
        recoverySeconds: undefined,
        reason: `${id} is ${basis}; the provider publishes no failover time`,
      };
    case 'zonal-ha':
    case 'single':
    case 'no-sla': {
      const restore =
        service.category === 'database' || service.category === 'cache' || service.category === 'storage'
          ? 'a restore from backup in another zone, or the zone’s return'
          : 'the zone’s return';
      return {
        outcome: 'outage',
        recoverySeconds: undefined,
        reason: `${id} runs in one zone (${basis}), which may be the lost one; recovery time unknown: ${restore}`,
      };
    }
    case 'not-applicable':
      return { outcome: 'survives', recoverySeconds: 0, reason: `${id} serves no requests (${basis})` };
    case 'unknown':
      return {
        outcome: 'unknown',
        recoverySeconds: undefined,
        reason: `${id}: its zone redundancy is not known (${basis})`,
      };
  }
}

export default defineScenario({
  id: 'zone-outage',
  title: 'A zone is lost',
  question: 'If one zone of the region fails, which paths keep serving, and for how long are the others down?',
  // A zone outage is the failure a single-zone design cannot survive within an SLA of 99.95%.
  requiredFrom: 'enterprise',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  failsOn: ['outage'],
  run({ model }) {
    const zones = nodeZones(model);
    const fateOf = (id: string): ComponentFate => {
      const node = model.nodeById(id);
      if (node === undefined) {
        return {
          outcome: 'unknown',
          recoverySeconds: undefined,
          reason: `${id} is outside the repository: whether it survives the zone is not known`,
        };
      }
      switch (node.kind) {
        case 'workload':
          return workloadFate(model, node, zones);
        case 'compose-service':
          return {
            outcome: 'outage',
            recoverySeconds: undefined,
            reason: `${id} runs on one Docker host, in one zone: down until the host is back`,
          };
        case 'managed-service':
          return managedFate(node);
        default:
          return { outcome: 'survives', recoverySeconds: 0, reason: `${id} has no pods of its own` };
      }
    };
    const paths = pathsFromFates(model, fateOf);
    return {
      paths,
      assumptions: [
        'One zone of the region is lost with every node and zonal resource in it. Each component is judged against the zone worst for it (the one holding most of its replicas, or its primary): a worst case.',
        zones.known
          ? `Node pools: ${zones.basis}. The model reads no node selectors: a workload's spread is judged on the pool with the fewest zones (${zones.zones}), where it may be confined; replacements may run in any zone with nodes (${zones.span}).`
          : `The node pools' zones are not in the repository (${zones.reason}): spread constraints on the zone label are the only evidence, and replicas spread by zone are taken to sit in at least ${ASSUMED_ZONES} zones, the worst case for capacity.`,
        'Replicas kept apart by zone (topologySpreadConstraints or pod anti-affinity on topology.kubernetes.io/zone or failure-domain.beta.kubernetes.io/zone) lose at most ceil(n / zones) to the lost zone, floor((n + (zones − 1) × maxSkew) / zones) with a larger maxSkew (resilience notes §1.4). A preference (ScheduleAnyway, preferred anti-affinity) counts, honoured while the zones have room; a spread over nodes alone does not.',
        "A workload is degraded when fewer than 2 replicas remain (no redundancy) or fewer than its autoscaler's minimum (the capacity floor its owners set), until replacements run in the other zones.",
        `Replacements run in another zone after ${NODE_LOSS_RECOVERY_SECONDS} s (${RESCHEDULE}; Kubernetes defaults, the start time our estimate). A fully lost zone's nodes are tainted at the normal --node-eviction-rate of ${ZONE_EVICTION.nodeEvictionRatePerSecond} node/s, so the last of N nodes up to N × ${1 / ZONE_EVICTION.nodeEvictionRatePerSecond} s later (not added: the node count is not in the files). When at least ${Math.round(ZONE_EVICTION.unhealthyZoneThreshold * 100)}% of a zone's nodes but not all are NotReady, evictions slow to ${ZONE_EVICTION.secondaryNodeEvictionRatePerSecond} node/s, or stop in a cluster of at most ${ZONE_EVICTION.largeClusterSizeThreshold} nodes: a partial zone failure can take longer (kube-controller-manager defaults, resilience notes §2.3).`,
        `Managed services count by the tier of their configuration: zone-redundant ones fail over in the time their provider publishes (${Object.values(
          MANAGED_FAILOVER,
        )
          .filter((figure) => figure.recoverySeconds !== undefined)
          .map((figure) => `${figure.basis}: ${figure.source}`)
          .join(
            '; ',
          )}; others publish no time, so theirs is unknown); zonal and single ones may be in the lost zone, with an unknown recovery.`,
        'A compose service runs on one Docker host, in one zone. Ingress controllers and load balancers are outside the model; services outside the repository are not known.',
      ],
    };
  },
});
