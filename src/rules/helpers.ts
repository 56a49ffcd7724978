import { type PathSegment, pointerTo, type SourcePointer } from '../core/source.js';
import { describeComposeService, productionComposeServices } from '../model/compose.js';
import type { Autoscaler, Container, ModelNode, SystemModel, Workload } from '../model/types.js';
import { engineOfImage, type StatefulEngine } from '../reference/engines.js';

/** How a finding names an object: `Deployment shop/api`. */
export function describeNode(node: ModelNode): string {
  const namespace = node.object.namespace;
  return `${node.object.kind} ${namespace === undefined ? '' : `${namespace}/`}${node.name}`;
}

/** The app containers of a workload, or app and init containers with `{ init: true }`. */
export function containersOf(workload: Workload, options: { readonly init?: boolean } = {}): readonly Container[] {
  return options.init === true ? [...workload.pod.initContainers, ...workload.pod.containers] : workload.pod.containers;
}

/** Workloads that run until stopped (not Jobs or CronJobs). */
export function isLongRunning(workload: Workload): boolean {
  return workload.workloadKind !== 'Job' && workload.workloadKind !== 'CronJob';
}

/** Workloads that some Service sends traffic to. */
export function servingWorkloads(model: SystemModel): readonly Workload[] {
  return model.workloads.filter((workload) => model.isServing(workload));
}

/** The self-hosted datastore or queue a workload runs, recognised by the image of an app container. */
export function engineOf(workload: Workload): StatefulEngine | undefined {
  for (const container of containersOf(workload)) {
    const engine = container.image === undefined ? undefined : engineOfImage(container.image);
    if (engine !== undefined) return engine;
  }
  return undefined;
}

/**
 * Resolves an int-or-percent value (`2`, `"25%"`) against a total, rounding as Kubernetes
 * does for the field (`up` for maxSurge and minAvailable, `down` for maxUnavailable).
 */
export function resolveCount(value: number | string, total: number, rounding: 'up' | 'down'): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value.trim());
  if (match === null) return undefined;
  const exact = (Number(match[1]) * total) / 100;
  return rounding === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

/** The path of `at` from the node's root, as `node.unreadable` writes it (`spec.replicas`). */
function pathFromRoot(node: ModelNode, at: SourcePointer): readonly string[] {
  return at.path.slice(node.source.path.length).map(String);
}

/**
 * Whether the value at `at` had the wrong type and was ignored, or lies inside a mapping or
 * list that did (`spec: "x"` makes `spec.replicas` unreadable too).
 */
export function isUnreadable(node: ModelNode, at: SourcePointer): boolean {
  if (node.unreadable.length === 0) return false;
  const path = pathFromRoot(node, at);
  for (let length = path.length; length > 0; length -= 1) {
    if (node.unreadable.includes(path.slice(0, length).join('.'))) return true;
  }
  return false;
}

/**
 * The first value at or below `at` (or the mapping or list `at` lies in) that had the wrong
 * type and was ignored; undefined when everything there was read.
 */
export function unreadableWithin(node: ModelNode, at: SourcePointer): SourcePointer | undefined {
  if (node.unreadable.length === 0) return undefined;
  if (isUnreadable(node, at)) return at;
  const prefix = `${pathFromRoot(node, at).join('.')}.`;
  const found = node.unreadable.find((path) => path.startsWith(prefix));
  if (found === undefined) return undefined;
  const segments: PathSegment[] = found
    .split('.')
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
  return pointerTo(node.source, ...segments);
}

/** A workload's replica count at rest, and where it is set. */
export interface ReplicasAtRest {
  /** The count; undefined when the value that sets it had the wrong type. */
  readonly count: number | undefined;
  /** The lowest `minReplicas` of the autoscalers that target the workload, else its `spec.replicas`. */
  readonly at: SourcePointer;
  /** The autoscaler whose minimum sets the count, if any. */
  readonly autoscaler: Autoscaler | undefined;
}

/**
 * The replicas a workload runs with at rest: the lowest autoscaler minimum when autoscalers
 * target it, else its own `spec.replicas` (1 when left out). Undefined for kinds that have no
 * replica count (DaemonSets, Jobs, bare Pods) and no autoscaler.
 */
export function replicasAtRest(model: SystemModel, workload: Workload): ReplicasAtRest | undefined {
  const effective = model.effectiveReplicas(workload);
  if (effective === undefined) return undefined;
  let lowest: Autoscaler | undefined;
  for (const autoscaler of model.autoscalersFor(workload)) {
    const at = pointerTo(autoscaler.source, 'spec', 'minReplicas');
    if (isUnreadable(autoscaler, at)) return { count: undefined, at, autoscaler };
    if (lowest === undefined || (autoscaler.minReplicas ?? 1) < (lowest.minReplicas ?? 1)) lowest = autoscaler;
  }
  if (lowest !== undefined) {
    return { count: effective, at: pointerTo(lowest.source, 'spec', 'minReplicas'), autoscaler: lowest };
  }
  const at = pointerTo(workload.source, 'spec', 'replicas');
  return { count: isUnreadable(workload, at) ? undefined : effective, at, autoscaler: undefined };
}

/** Why a rule cannot decide on a workload whose replica count is unreadable. */
export function unreadableReplicasReason(workload: Workload, replicas: ReplicasAtRest): string {
  return replicas.autoscaler === undefined
    ? `${describeNode(workload)} has a spec.replicas that is not an integer, so its replica count is unknown.`
    : `${describeNode(replicas.autoscaler)} has a minReplicas that is not an integer, so the replica count of ${describeNode(workload)} at rest is unknown.`;
}

/** A long-running workload that runs, or may run, several replicas at rest. */
export interface ReplicatedWorkload {
  readonly workload: Workload;
  readonly replicas: ReplicasAtRest;
}

/**
 * Long-running workloads whose replica count at rest is at least two, or cannot be read (the
 * rules that use this report those as undecided).
 */
export function replicatedWorkloads(model: SystemModel): readonly ReplicatedWorkload[] {
  return model.workloads.flatMap((workload) => {
    if (!isLongRunning(workload)) return [];
    const replicas = replicasAtRest(model, workload);
    if (replicas === undefined) return [];
    return replicas.count === undefined || replicas.count >= 2 ? [{ workload, replicas }] : [];
  });
}

/**
 * Whether the pods of a workload are spread on a topology key that `accepts`: by a topology
 * spread constraint, or by pod anti-affinity (required or preferred).
 */
export function spreadsOn(workload: Workload, accepts: (topologyKey: string) => boolean): boolean {
  const { pod } = workload;
  return [...pod.topologySpreadConstraints, ...pod.requiredAntiAffinity, ...pod.preferredAntiAffinity].some((term) =>
    accepts(term.topologyKey),
  );
}

/** The first value of the workload's spread settings that could not be read, if any. */
export function unreadableSpread(workload: Workload): SourcePointer | undefined {
  const { pod } = workload;
  return (
    unreadableWithin(workload, pointerTo(pod.source, 'topologySpreadConstraints')) ??
    unreadableWithin(workload, pointerTo(pod.source, 'affinity'))
  );
}

/**
 * The first of a container's resource amounts (`requests.cpu`, `limits.cpu`…) that had the
 * wrong type and was ignored; undefined when each was read or left out.
 */
export function unreadableAmount(
  workload: Workload,
  container: Container,
  amounts: readonly (readonly ['requests' | 'limits', 'cpu' | 'memory'])[],
): SourcePointer | undefined {
  return amounts
    .map(([kind, resource]) => pointerTo(container.source, 'resources', kind, resource))
    .find((at) => isUnreadable(workload, at));
}

/** An image the system runs or builds on, who uses it and where it is written. */
export interface ImageUse {
  readonly image: string;
  readonly user: string;
  readonly node: ModelNode;
  readonly at: SourcePointer;
}

/**
 * Images of Kubernetes containers (init containers too), of compose services, and of Dockerfiles
 * — every stage that starts from an image, or only the base of the final image — leaving out
 * files meant for development by their path.
 */
export function imageUses(model: SystemModel, dockerfiles: 'every-stage' | 'final-image'): readonly ImageUse[] {
  const uses: ImageUse[] = [];
  for (const workload of model.workloads) {
    for (const container of containersOf(workload, { init: true })) {
      if (container.image === undefined) continue;
      const user = `Container "${container.name}" of ${describeNode(workload)}`;
      uses.push({ image: container.image, user, node: workload, at: pointerTo(container.source, 'image') });
    }
  }
  for (const service of productionComposeServices(model)) {
    if (service.image === undefined) continue;
    const user = `Compose ${describeComposeService(service)}`;
    uses.push({ image: service.image.reference, user, node: service, at: service.image.source });
  }
  for (const build of model.imageBuilds) {
    if (build.development) continue;
    if (dockerfiles === 'final-image') {
      const base = build.baseImage.resolved;
      if (base === undefined) continue;
      uses.push({
        image: base,
        user: `The final image of ${build.path}`,
        node: build,
        at: pointerTo(build.baseImage.source, 'tag'),
      });
      continue;
    }
    for (const stage of build.stages) {
      const image = stage.image.resolved;
      if (stage.parentStage !== undefined || image === undefined) continue;
      uses.push({ image, user: `A FROM of ${build.path}`, node: build, at: stage.image.source });
    }
  }
  return uses;
}
