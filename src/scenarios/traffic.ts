import { UsageError } from '../core/errors.js';
import type { ComposeService } from '../model/compose.js';
import type { SystemModel, Workload } from '../model/types.js';
import { DEFAULT_TRAFFIC_MULTIPLIER } from '../reference/availability.js';
import { engineOfImage } from '../reference/engines.js';
import { CAPACITY_ANNOTATION, perReplica, replicasOf } from './components.js';
import { defineScenario, type PathOutcome } from './define-scenario.js';

/**
 * The annotation (on a workload) or label (on a compose service) that gives the requests per
 * second one replica carries at its limit, as measured by a load test: `"250"`. Kubernetes files
 * hold no such figure, so without it a path's capacity is not known.
 */

/** The multiplier as `--traffic-multiplier` gives it: a positive number (`10`, `2.5`). */
export function parseTrafficMultiplier(text: string): number {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(
      `--traffic-multiplier "${text}" is not a positive number; give how many times the profile's peakRps to test, e.g. 10 or 2.5.`,
    );
  }
  return value;
}

/** How much one component of a path can carry, or why that is not known, and what limits it anyway. */
interface ComponentCapacity {
  readonly id: string;
  /** Requests per second at the most replicas the component can have; undefined when not known. */
  readonly capacity: number | undefined;
  /** The arithmetic (`3 × 200 rps = 600 rps`) or why it is missing. */
  readonly working: string;
  /** A limit that holds whatever the capacity per replica: it cannot scale out. */
  readonly limit: string | undefined;
}

function rps(value: number): string {
  return `${Number(value.toPrecision(6))} rps`;
}

function workloadCapacity(model: SystemModel, workload: Workload): ComponentCapacity {
  const id = workload.id;
  if (workload.workloadKind === 'DaemonSet') {
    return {
      id,
      capacity: undefined,
      working: `${id} runs one pod per node: its capacity follows the node count, which the files do not fix`,
      limit: undefined,
    };
  }
  const autoscalers = model.autoscalersFor(workload);
  const current = replicasOf(model, workload);
  const maxima = autoscalers.map((autoscaler) => autoscaler.maxReplicas);
  const most =
    autoscalers.length === 0
      ? current
      : maxima.some((value) => value === undefined)
        ? undefined
        : Math.min(...(maxima as number[]));
  const engine = workload.pod.containers
    .map((container) => (container.image === undefined ? undefined : engineOfImage(container.image)))
    .find((found) => found !== undefined);
  let limit: string | undefined;
  if (engine !== undefined && most === 1) {
    limit = `${id} is a single-replica ${engine.engine} datastore: every request that needs it goes through one pod`;
  } else if (autoscalers.length === 0 && current !== undefined) {
    limit = `${id} is fixed at ${current} replica${current === 1 ? '' : 's'} with no HorizontalPodAutoscaler: it cannot scale out`;
  } else if (autoscalers.length > 0 && most !== undefined && current !== undefined && most <= current) {
    limit = `${id}: its HorizontalPodAutoscaler has maxReplicas ${most} = minReplicas ${current}: it cannot scale out`;
  }
  if (most === undefined) {
    return {
      id,
      capacity: undefined,
      working: `${id} has a replica count${autoscalers.length > 0 ? ' (maxReplicas)' : ''} the files do not show`,
      limit,
    };
  }
  const scaling = autoscalers.length === 0 ? `${most} replica${most === 1 ? '' : 's'}` : `maxReplicas ${most}`;
  const per = perReplica(workload, 'annotation on the workload');
  if ('missing' in per)
    return { id, capacity: undefined, working: `${id}: ${scaling} × unknown (${per.missing})`, limit };
  const capacity = most * per.value;
  return { id, capacity, working: `${id}: ${scaling} × ${rps(per.value)} = ${rps(capacity)}`, limit };
}

function composeCapacity(service: ComposeService): ComponentCapacity {
  const replicas = service.replicas ?? 1;
  const limit = `${service.id} runs on one Docker host: it cannot scale beyond that host`;
  const per = perReplica(service, 'label on the compose service');
  if ('missing' in per)
    return {
      id: service.id,
      capacity: undefined,
      working: `${service.id}: ${replicas} replica${replicas === 1 ? '' : 's'} × unknown (${per.missing})`,
      limit,
    };
  const capacity = replicas * per.value;
  return {
    id: service.id,
    capacity,
    working: `${service.id}: ${replicas} replica${replicas === 1 ? '' : 's'} × ${rps(per.value)} = ${rps(capacity)} (one host)`,
    limit,
  };
}

export default defineScenario({
  id: 'traffic',
  title: 'Traffic grows N times',
  question:
    "If traffic reaches N times the profile's peak (10 unless told), can every workload on each path scale to carry it?",
  run({ model, profile, trafficMultiplier }) {
    const multiplier = trafficMultiplier ?? DEFAULT_TRAFFIC_MULTIPLIER;
    const paths: PathOutcome[] = model.userPaths.map((path) => {
      const components: ComponentCapacity[] = path.components.flatMap((id) => {
        const node = model.nodeById(id);
        if (node?.kind === 'workload') return [workloadCapacity(model, node)];
        if (node?.kind === 'compose-service') return [composeCapacity(node)];
        return [];
      });
      const limits = components.filter((component) => component.limit !== undefined);
      const limitText =
        limits.length === 0
          ? ''
          : ` Limits that hold whatever the capacity: ${limits.map((component) => component.limit).join('; ')}.`;
      if (components.length === 0) {
        return {
          name: path.name,
          outcome: 'unknown',
          failing: [],
          reason: 'no workload of ours on the path: its capacity is the providers\u2019 (managed or external services)',
        };
      }
      const known = components.filter((component) => component.capacity !== undefined);
      const missing = components.filter((component) => component.capacity === undefined);
      const capacity =
        known.length === 0 ? undefined : Math.min(...known.map((component) => component.capacity as number));
      const working = components.map((component) => component.working).join('; ');
      if (profile.peakRps === undefined) {
        return {
          name: path.name,
          outcome: 'unknown',
          failing: limits.map((component) => component.id),
          reason: `the profile sets no peakRps, so ${multiplier} × peak is not known. ${working}.${limitText}`,
        };
      }
      const demand = profile.peakRps * multiplier;
      const demandText = `${multiplier} × peakRps ${profile.peakRps} = ${rps(demand)}`;
      const short = known.filter((component) => (component.capacity as number) < demand);
      if (capacity !== undefined && capacity < demand) {
        const shortfall = demand - capacity;
        return {
          name: path.name,
          outcome: 'degraded',
          failing: short.map((component) => component.id),
          reason: `${working}; the path carries at most ${rps(capacity)} < ${demandText}: short by ${rps(shortfall)} (${Number(((shortfall / demand) * 100).toPrecision(3))}% of the load)${missing.length > 0 ? ', and less if the components whose capacity is not known carry less' : ''}.${limitText}`,
        };
      }
      if (missing.length > 0) {
        return {
          name: path.name,
          outcome: 'unknown',
          failing: limits.map((component) => component.id),
          reason: `${working}; not known whether the path carries ${demandText}: set ${CAPACITY_ANNOTATION} to the requests per second one replica carries on ${missing.map((component) => component.id).join(', ')}.${limitText}`,
        };
      }
      return {
        name: path.name,
        outcome: 'survives',
        failing: [],
        reason: `${working}; the path carries ${rps(capacity as number)} ≥ ${demandText}`,
      };
    });
    return {
      paths,
      assumptions: [
        `The load is ${multiplier} × the profile's peakRps${trafficMultiplier === undefined ? ` (${DEFAULT_TRAFFIC_MULTIPLIER}: the surge the project's resilience notes take as the stress case; --traffic-multiplier changes it)` : ' (--traffic-multiplier)'}, and every request crosses every workload on its path.`,
        `A replica carries the requests per second its ${CAPACITY_ANNOTATION} annotation (or compose label) gives, a figure from your load tests; capacity grows linearly with replicas.`,
        'A workload scales to its HorizontalPodAutoscaler maxReplicas (the smallest when several target it), else stays at its replica count; the scale-up delay and whether the nodes have room for the new pods are not modelled.',
        'Managed and external services are not counted: their capacity is the provider\u2019s (quotas and SKU limits are not in this figure).',
        'A compose service runs on one Docker host; its replicas share that host.',
      ],
    };
  },
});
