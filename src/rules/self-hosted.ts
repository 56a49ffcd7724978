import { pointerTo, type SourcePointer } from '../core/source.js';
import { describeComposeService, productionComposeServices } from '../model/compose.js';
import type { ModelNode, SystemModel } from '../model/types.js';
import { engineOfImage, type StatefulEngine } from '../reference/engines.js';
import { hasManagedEquivalent, MANAGED_CLOUDS, type ManagedCloud } from '../reference/managed-equivalents.js';
import { containersOf, describeNode, isLongRunning } from './helpers.js';

/**
 * The clouds to advise on: the one cloud of the Terraform clusters when they all share it,
 * else all three.
 */
export function cloudsOf(model: SystemModel): readonly ManagedCloud[] {
  const providers = [...new Set(model.clusters.map((cluster) => cluster.provider))];
  return providers.length === 1 ? providers : MANAGED_CLOUDS;
}

export interface SelfHosted {
  readonly subject: string;
  readonly node: ModelNode;
  readonly at: SourcePointer;
  readonly engine: StatefulEngine;
}

/**
 * Long-running Kubernetes workloads and compose services (outside files meant for development)
 * that run a stateful engine themselves, for the engines `accept` keeps and that a cloud in view
 * offers managed.
 */
export function selfHostedEngines(
  model: SystemModel,
  accept: (engine: StatefulEngine) => boolean,
): readonly SelfHosted[] {
  const clouds = cloudsOf(model);
  const advisable = (engine: StatefulEngine | undefined): engine is StatefulEngine =>
    engine !== undefined && accept(engine) && hasManagedEquivalent(engine.engine, clouds);
  const found: SelfHosted[] = [];
  for (const workload of model.workloads.filter(isLongRunning)) {
    const container = containersOf(workload).find((candidate) => engineOfImage(candidate.image ?? '') !== undefined);
    const engine = container === undefined ? undefined : engineOfImage(container.image ?? '');
    if (container === undefined || !advisable(engine)) continue;
    found.push({ subject: describeNode(workload), node: workload, at: pointerTo(container.source, 'image'), engine });
  }
  for (const service of productionComposeServices(model)) {
    const engine = service.image === undefined ? undefined : engineOfImage(service.image.reference);
    if (service.image === undefined || !advisable(engine)) continue;
    found.push({
      subject: `Compose ${describeComposeService(service)}`,
      node: service,
      at: service.image.source,
      engine,
    });
  }
  return found;
}

/** What the two self-hosting rules examine. */
export function selfHostingCandidates(model: SystemModel): number {
  return model.workloads.filter(isLongRunning).length + productionComposeServices(model).length;
}
