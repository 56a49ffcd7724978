import type { Cluster, ManagedService } from '../model/infrastructure.js';
import type { SystemModel, Workload } from '../model/types.js';
import { failoverFigure } from './components.js';

/** The node labels that name a zone: the current one and its deprecated beta form. */
export const ZONE_TOPOLOGY_KEYS: readonly string[] = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** How a workload keeps its replicas apart by zone. */
export interface ZoneSpread {
  /** The most a zone may hold above the emptiest one: the tightest maxSkew, 1 for anti-affinity. */
  readonly maxSkew: number;
  /** Only preferences keep them apart (ScheduleAnyway, preferred anti-affinity). */
  readonly preferenceOnly: boolean;
  /** What keeps them apart, in words. */
  readonly how: string;
}

/** Whether and how a workload's replicas are kept apart by zone; undefined when nothing does. */
export function zoneSpreadOf(workload: Workload): ZoneSpread | undefined {
  const onZone = (key: string) => ZONE_TOPOLOGY_KEYS.includes(key);
  const skews: number[] = [];
  const ways: string[] = [];
  let required = false;
  for (const constraint of workload.pod.topologySpreadConstraints.filter((entry) => onZone(entry.topologyKey))) {
    const hard = constraint.whenUnsatisfiable !== 'ScheduleAnyway';
    required ||= hard;
    skews.push(Math.max(1, constraint.maxSkew ?? 1));
    ways.push(
      `a topology spread constraint on ${constraint.topologyKey} (${hard ? 'DoNotSchedule' : 'ScheduleAnyway'})`,
    );
  }
  const hardAntiAffinity = workload.pod.requiredAntiAffinity.filter((term) => onZone(term.topologyKey));
  const softAntiAffinity = workload.pod.preferredAntiAffinity.filter((term) => onZone(term.topologyKey));
  if (hardAntiAffinity.length > 0) {
    required = true;
    skews.push(1);
    ways.push(`required pod anti-affinity on ${hardAntiAffinity[0]?.topologyKey ?? ''}`);
  }
  if (softAntiAffinity.length > 0) {
    skews.push(1);
    ways.push(`preferred pod anti-affinity on ${softAntiAffinity[0]?.topologyKey ?? ''}`);
  }
  if (skews.length === 0) return undefined;
  return { maxSkew: Math.min(...skews), preferenceOnly: !required, how: ways.join(' and ') };
}

/**
 * The most replicas one zone can hold when n are spread over z zones with at most `maxSkew`
 * more in a zone than in the emptiest: floor((n + (z − 1)·s) / z), which is ceil(n / z) for
 * s = 1 (resilience notes §1.4).
 */
export function replicasInWorstZone(replicas: number, zones: number, maxSkew: number): number {
  if (zones <= 1) return replicas;
  return Math.min(replicas, Math.floor((replicas + (zones - 1) * maxSkew) / zones));
}

/** What the repository says about the zones the cluster's nodes are in. */
export type ZoneEvidence =
  | {
      readonly known: true;
      /** Zones of the pool with the fewest: a workload may be confined to any one pool. */
      readonly zones: number;
      /** Zones with nodes over all pools: where replacements can run. */
      readonly span: number;
      readonly basis: string;
      /** A control plane in one zone (GKE zonal): nothing is rescheduled while its zone is down. */
      readonly zonalControlPlane: Cluster | undefined;
    }
  | { readonly known: false; readonly reason: string };

/**
 * The zones the node pools span, from the clusters declared in Terraform. The model does not
 * link a workload to a cluster or a pool (it reads no node selectors), so a workload's spread is
 * judged on the pool with the fewest zones, over every cluster, and its replacements on the zones
 * of all pools together (the union of the zones named, else the most zones of one pool).
 */
export function nodeZones(model: SystemModel): ZoneEvidence {
  if (model.clusters.length === 0) {
    return {
      known: false,
      reason: 'no Kubernetes cluster is declared in Terraform, so the node pools’ zones are not in the repository',
    };
  }
  const pools = model.clusters.flatMap((cluster) => cluster.nodePools.map((pool) => ({ cluster, pool })));
  if (pools.length === 0) {
    return {
      known: false,
      reason: `${model.clusters.map((cluster) => cluster.address).join(', ')} declares no node pool the model reads`,
    };
  }
  const unresolved = pools.find((entry) => entry.pool.zones.count === undefined);
  if (unresolved !== undefined) {
    return {
      known: false,
      reason: `the zones of node pool "${unresolved.pool.name}" of ${unresolved.cluster.address} cannot be evaluated (${unresolved.pool.zones.basis})`,
    };
  }
  const counts = pools.map((entry) => entry.pool.zones.count ?? 1);
  const zones = Math.min(...counts);
  const named = pools.every((entry) => entry.pool.zones.zones.length > 0);
  const span = named ? new Set(pools.flatMap((entry) => entry.pool.zones.zones)).size : Math.max(...counts);
  const described = pools.map((entry) => `${entry.pool.zones.basis} (${entry.cluster.address})`).join('; ');
  return {
    known: true,
    zones,
    span,
    basis:
      pools.length === 1 ? described : `${described}: ${zones} on the pool with the fewest, ${span} over all pools`,
    zonalControlPlane: model.clusters.find((cluster) => cluster.availability.tier === 'single'),
  };
}

/** The published failover time of a zone-redundant managed service, when its provider gives one. */
export function zoneFailoverOf(
  service: ManagedService,
): { readonly seconds: number; readonly source: string } | undefined {
  if (service.availability.tier !== 'zone-redundant') return undefined;
  const figure = failoverFigure(service);
  if (figure?.recoverySeconds === undefined) return undefined;
  return { seconds: figure.recoverySeconds, source: `${figure.basis} (${figure.source})` };
}

/** Whether stored data is replicated to a second region (`GRS`, `RAGRS`, `GZRS`, `RAGZRS`). */
export function geoReplicatedStorage(service: ManagedService): boolean {
  const redundancy = service.redundancy?.state === 'unresolved' ? undefined : service.redundancy?.value;
  return redundancy !== undefined && /G(Z)?RS$/i.test(redundancy);
}
