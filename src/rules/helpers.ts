import type { Container, ModelNode, Workload } from '../model/types.js';

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
