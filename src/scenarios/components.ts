import { pointerTo, resolvePointer, type SourceLocation } from '../core/source.js';
import type { ManagedService } from '../model/infrastructure.js';
import type { ModelNode, SystemModel, Workload } from '../model/types.js';
import { type FailoverFigure, MANAGED_FAILOVER, SELF_HOSTED_REPLICA_AVAILABILITY } from '../reference/availability.js';
import { type Outcome, type PathOutcome, worstOutcome } from './define-scenario.js';

/** How a component of a path fares, for the availability ceiling. */
export interface ComponentAvailability {
  /** 0..1; undefined when the model cannot tell. */
  readonly availability: number | undefined;
  readonly reason: string;
  /** Set when the component alone takes the path down. */
  readonly singlePoint?: { readonly reason: string; readonly location: SourceLocation };
}

/** Whether a workload's replicas are kept on different nodes (anti-affinity or topology spread on any key). */
export function spreadAcrossNodes(workload: Workload): boolean {
  return (
    workload.pod.requiredAntiAffinity.some((term) => term.topologyKey !== '') ||
    workload.pod.preferredAntiAffinity.some((term) => term.topologyKey !== '') ||
    workload.pod.topologySpreadConstraints.some((constraint) => constraint.topologyKey !== '')
  );
}

/** The replicas a path can count on: the autoscaler's minimum, else spec.replicas (1 by default). */
export function replicasOf(model: SystemModel, workload: Workload): number | undefined {
  if (workload.unreadable.includes('spec.replicas')) return undefined;
  return model.effectiveReplicas(workload);
}

/** Probability that at least k of n independent replicas, each up with probability a, are up. */
export function atLeast(k: number, n: number, a: number): number {
  let total = 0;
  for (let i = k; i <= n; i += 1) total += binomial(n, i) * a ** i * (1 - a) ** (n - i);
  return total;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return result;
}

function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

/**
 * The availability of one component: replicas on separate nodes combine as 1-of-n redundancy
 * of independent replicas; replicas that may share a node count as one; a managed service
 * counts with its published SLA for the configuration found.
 */
export function componentAvailability(
  model: SystemModel,
  node: ModelNode | undefined,
  id: string,
  peakRps?: number,
): ComponentAvailability {
  const a = SELF_HOSTED_REPLICA_AVAILABILITY;
  if (node === undefined) {
    return { availability: undefined, reason: `${id} is outside the repository: its availability is not known` };
  }
  switch (node.kind) {
    case 'workload': {
      if (node.workloadKind === 'DaemonSet') {
        return {
          availability: undefined,
          reason: `${node.id} runs one pod per node: its replica count depends on the cluster`,
        };
      }
      const replicas = replicasOf(model, node);
      if (replicas === undefined) {
        return { availability: undefined, reason: `${node.id} has a replica count the files do not show` };
      }
      const at = resolvePointer(pointerTo(node.source, 'spec', 'replicas'));
      if (replicas < 2) {
        return {
          availability: a,
          reason: `${node.id}: 1 replica at ${a * 100}%`,
          singlePoint: { reason: `${node.id} runs a single replica`, location: at },
        };
      }
      if (!spreadAcrossNodes(node)) {
        return {
          availability: a,
          reason: `${node.id}: ${replicas} replicas that may share one node (no anti-affinity or topology spread), counted as one at ${a * 100}%`,
          singlePoint: { reason: `${node.id} may run all its replicas on one node`, location: at },
        };
      }
      const capacity = perReplica(node, `on ${node.id}`);
      const needed =
        peakRps !== undefined && 'value' in capacity ? Math.max(1, Math.ceil(peakRps / capacity.value)) : 1;
      if (needed === 1) {
        const availability = round(1 - (1 - a) ** replicas);
        return {
          availability,
          reason: `${node.id}: 1 of ${replicas} replicas on separate nodes, 1 − (1 − ${a})^${replicas} = ${availability}`,
        };
      }
      const each = 'value' in capacity ? capacity.value : 0;
      const why = `${needed} of ${replicas} replicas needed for the peak (${peakRps} rps ÷ ${each} rps each)`;
      if (needed > replicas) {
        return {
          availability: 0,
          reason: `${node.id}: ${why}: even all ${replicas} cannot carry it`,
          singlePoint: { reason: `${node.id} cannot carry the peak load with ${replicas} replicas`, location: at },
        };
      }
      const availability = round(atLeast(needed, replicas, a));
      return {
        availability,
        reason: `${node.id}: ${why}, Σ C(n,i)·a^i·(1 − a)^(n−i) for i ≥ ${needed} = ${availability}`,
      };
    }
    case 'compose-service': {
      const at = resolvePointer(node.source);
      return {
        availability: a,
        reason: `${node.id}: a compose service runs on one host, at ${a * 100}%`,
        singlePoint: { reason: `${node.id} runs on a single Docker host`, location: at },
      };
    }
    case 'managed-service': {
      const percent = node.availability.sla?.percent;
      if (percent === undefined) {
        return {
          availability: undefined,
          reason: `${node.id}: no published SLA for its configuration (${node.availability.basis})`,
        };
      }
      const availability = round(percent / 100);
      const reason = `${node.id}: ${percent}% published SLA (${node.availability.sla?.condition ?? node.availability.basis}; ${node.availability.sla?.source ?? ''})`;
      if (node.availability.tier === 'single' || node.availability.tier === 'no-sla') {
        return {
          availability,
          reason,
          singlePoint: {
            reason: `${node.id} has no standby (${node.availability.basis})`,
            location: resolvePointer(node.availability.at),
          },
        };
      }
      return { availability, reason };
    }
    default:
      // Routes, Services and the like add no failure of their own in this model.
      return {
        availability: 1,
        reason: `${node.id}: counted as always available (its controller is outside the model)`,
      };
  }
}

/** The failover figure for a managed service: by variant, then tier, then resource type. */
export function failoverFigure(service: ManagedService): FailoverFigure | undefined {
  const variant =
    service.resourceType === 'aws_rds_cluster'
      ? (service.engine ?? '').startsWith('aurora')
        ? 'aurora'
        : 'multi-az-cluster'
      : undefined;
  const keys = [
    ...(variant === undefined ? [] : [`${service.resourceType}:${variant}`]),
    `${service.resourceType}:${service.availability.tier}`,
    service.resourceType,
  ];
  for (const key of keys) {
    if (Object.hasOwn(MANAGED_FAILOVER, key)) return MANAGED_FAILOVER[key];
  }
  return undefined;
}

/** The annotation (or compose label) that gives the requests per second one replica carries. */
export const CAPACITY_ANNOTATION = 'prodready.dev/capacity-rps';

/** The capacity annotation as a number, or why it cannot be used. */
export function perReplica(
  node: { readonly annotations: Readonly<Record<string, string>>; readonly labels: Readonly<Record<string, string>> },
  place: string,
): { readonly value: number } | { readonly missing: string } {
  const raw = node.annotations[CAPACITY_ANNOTATION] ?? node.labels[CAPACITY_ANNOTATION];
  if (raw === undefined) return { missing: `no ${CAPACITY_ANNOTATION} ${place}` };
  const value = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0)
    return { missing: `${CAPACITY_ANNOTATION} "${raw}" is not a positive number of requests per second` };
  return { value };
}

/** What a failure does to one component of a path. */
export interface ComponentFate {
  readonly outcome: Outcome;
  /** 0: no interruption; undefined: not bounded, or not known. */
  readonly recoverySeconds: number | undefined;
  readonly reason: string;
}

/**
 * Per user path: the worst fate of its components; the recovery is the longest of them (no
 * bound when one has none); the reasons are those of the components that fail or take time to
 * recover (of all of them when the path survives untouched).
 */
export function pathsFromFates(model: SystemModel, fateOf: (id: string) => ComponentFate): PathOutcome[] {
  return model.userPaths.map((path) => {
    const fates = path.components.map((id) => ({ id, fate: fateOf(id) }));
    const failing = fates.filter((entry) => entry.fate.outcome !== 'survives');
    const recoveries = fates.map((entry) => entry.fate.recoverySeconds);
    const bounded = recoveries.every((seconds) => seconds !== undefined);
    const recoverySeconds = bounded ? Math.max(0, ...(recoveries as number[])) : undefined;
    const shown = fates.filter((entry) => entry.fate.outcome !== 'survives' || entry.fate.recoverySeconds !== 0);
    return {
      name: path.name,
      outcome: worstOutcome(fates.map((entry) => entry.fate.outcome)),
      ...(recoverySeconds === undefined ? {} : { recoverySeconds }),
      failing: failing.map((entry) => entry.id),
      reason: (shown.length === 0 ? fates : shown).map((entry) => entry.fate.reason).join('; '),
    };
  });
}
