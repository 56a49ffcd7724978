import { UsageError } from '../core/errors.js';
import type { Profile } from '../core/profile.js';
import { hasReplicas } from '../model/build.js';
import type { ComposeService } from '../model/compose.js';
import type { Dependency, UserPath } from '../model/dependencies.js';
import type { Cluster, ManagedService, ServiceCategory } from '../model/infrastructure.js';
import { serviceDetails } from '../model/infrastructure-nodes.js';
import type { Autoscaler, ModelNode, SystemModel, Workload } from '../model/types.js';
import { type EngineCategory, type EngineName, engineOfImage, type StatefulEngine } from '../reference/engines.js';
import {
  CLOUD_NAMES,
  MANAGED_CLOUDS,
  MANAGED_EQUIVALENTS,
  type ManagedCloud,
} from '../reference/managed-equivalents.js';
import { publishedSla, type SlaFigure } from '../reference/managed-service-tiers.js';

/**
 * What-if changes (`--assume`): pure transformations of the system model, so every scenario
 * runs unchanged on the model as it would be after the change, and nothing in the repository is
 * edited. A change replaces nodes by changed copies (same id) or, for `managed:`, one self-hosted
 * datastore by a managed service node (a new id that takes over its dependencies and its place
 * in the user paths). The model's queries answer for the copies as they did for the originals.
 */

/** The accepted forms, for usage errors and help. */
export const ASSUMPTION_FORMS =
  'zones=<N> (N ≥ 2), replicas:<workload>=<N>, managed:<datastore> (or managed:<datastore>@azure|aws|gcp), ha:<managed service>=zone-redundant';

export type Assumption =
  | { readonly kind: 'zones'; readonly text: string; readonly zones: number }
  | { readonly kind: 'replicas'; readonly text: string; readonly target: string; readonly replicas: number }
  | {
      readonly kind: 'managed';
      readonly text: string;
      readonly target: string;
      /** The cloud written after `@`; the profile's cloud when absent. */
      readonly cloud: ManagedCloud | undefined;
    }
  | { readonly kind: 'ha'; readonly text: string; readonly target: string; readonly tier: 'zone-redundant' };

/** One change as applied: the argument and what it changed, with the figures it used. */
export interface AppliedAssumption {
  readonly change: string;
  readonly effect: string;
}

/** A change that found nothing to apply to in a model, and why. */
export interface UnmatchedAssumption {
  readonly change: string;
  readonly reason: string;
}

export interface AssumedModel {
  readonly model: SystemModel;
  readonly applied: readonly AppliedAssumption[];
  readonly unmatched: readonly UnmatchedAssumption[];
}

/** The label key Kubernetes puts the zone in; the spread the `zones=` change adds uses it. */
const ZONE_KEY = 'topology.kubernetes.io/zone';

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Parses one `--assume` argument; a malformed one is a usage error naming the accepted forms. */
export function parseAssumption(text: string): Assumption {
  const value = text.trim();
  const bad = (why: string) => new UsageError(`--assume "${text}": ${why}. Accepted: ${ASSUMPTION_FORMS}.`);
  const zones = /^zones=(.*)$/.exec(value);
  if (zones !== null) {
    const count = wholeNumber(zones[1]);
    if (count === undefined || count < 2) throw bad('the number of zones must be a whole number of at least 2');
    return { kind: 'zones', text: value, zones: count };
  }
  const replicas = /^replicas:([^=\s]+)=(.*)$/.exec(value);
  if (replicas !== null) {
    const count = wholeNumber(replicas[2]);
    if (count === undefined || count < 1) throw bad('the replica count must be a whole number of at least 1');
    return { kind: 'replicas', text: value, target: replicas[1] ?? '', replicas: count };
  }
  const managed = /^managed:([^@=\s]+)(?:@(.*))?$/.exec(value);
  if (managed !== null) {
    const cloud = managed[2];
    if (cloud !== undefined && !(MANAGED_CLOUDS as readonly string[]).includes(cloud))
      throw bad(`"${cloud}" is not a cloud with managed services here (azure, aws or gcp)`);
    return { kind: 'managed', text: value, target: managed[1] ?? '', cloud: cloud as ManagedCloud | undefined };
  }
  const ha = /^ha:([^=\s]+)=(.*)$/.exec(value);
  if (ha !== null) {
    if (ha[2] !== 'zone-redundant') throw bad(`"${ha[2] ?? ''}" is not a tier this change knows (zone-redundant)`);
    return { kind: 'ha', text: value, target: ha[1] ?? '', tier: 'zone-redundant' };
  }
  throw bad('not a change prodready knows');
}

/** Applies the changes in order; each one sees the model the previous ones left. */
export function applyAssumptions(
  model: SystemModel,
  assumptions: readonly Assumption[],
  profile: Profile,
): AssumedModel {
  let current = model;
  const applied: AppliedAssumption[] = [];
  const unmatched: UnmatchedAssumption[] = [];
  for (const assumption of assumptions) {
    const result = applyOne(current, assumption, profile);
    if ('reason' in result) {
      unmatched.push({ change: assumption.text, reason: result.reason });
      continue;
    }
    current = result.model;
    applied.push({ change: assumption.text, effect: result.effect });
  }
  return { model: current, applied, unmatched };
}

type ChangeResult = { readonly model: SystemModel; readonly effect: string } | { readonly reason: string };

function applyOne(model: SystemModel, assumption: Assumption, profile: Profile): ChangeResult {
  switch (assumption.kind) {
    case 'zones':
      return spreadOverZones(model, assumption.zones, assumption.text);
    case 'replicas':
      return setReplicas(model, assumption.target, assumption.replicas);
    case 'managed':
      return replaceByManaged(model, assumption, profile);
    case 'ha':
      return moveToZoneRedundant(model, assumption.target, assumption.text);
    default:
      return assertNever(assumption);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected assumption ${JSON.stringify(value)}`);
}

// ── zones=N ──────────────────────────────────────────────────────────────────

function spreadOverZones(model: SystemModel, zones: number, text: string): ChangeResult {
  const replaced = new Map<ModelNode, ModelNode>();
  const spread: string[] = [];
  const single: string[] = [];
  for (const workload of model.workloads) {
    if (!hasReplicas(workload.workloadKind)) continue;
    const replicas = model.effectiveReplicas(workload);
    if (replicas !== undefined && replicas < 2) single.push(workload.id);
    else spread.push(workload.id);
    const constraints = workload.pod.topologySpreadConstraints;
    if (constraints.some((constraint) => constraint.topologyKey === ZONE_KEY)) continue;
    replaced.set(workload, {
      ...workload,
      pod: {
        ...workload.pod,
        topologySpreadConstraints: [
          ...constraints,
          { topologyKey: ZONE_KEY, whenUnsatisfiable: 'DoNotSchedule', maxSkew: 1 },
        ],
      },
    });
  }
  let pools = 0;
  for (const cluster of model.clusters) {
    pools += cluster.nodePools.length;
    replaced.set(cluster, clusterInZones(cluster, zones, text));
  }
  if (spread.length + single.length === 0 && model.clusters.length === 0) {
    return { reason: 'the model has no workload with replicas and no cluster node pool to place in zones' };
  }
  const parts = [
    `${spread.length} workload${spread.length === 1 ? '' : 's'} spread over ${zones} zones (a topologySpreadConstraint on ${ZONE_KEY}, maxSkew 1, where none was)`,
  ];
  if (single.length > 0)
    parts.push(
      `${single.join(', ')} run${single.length === 1 ? 's' : ''} one replica and stay${single.length === 1 ? 's' : ''} in one zone (add replicas:<workload>=N)`,
    );
  if (model.clusters.length > 0)
    parts.push(
      `${pools} node pool${pools === 1 ? '' : 's'} of ${model.clusters.length} cluster${model.clusters.length === 1 ? '' : 's'} in ${zones} zones`,
    );
  return { model: overlay(model, replaced), effect: parts.join('; ') };
}

function clusterInZones(cluster: Cluster, zones: number, text: string): Cluster {
  const names = Array.from({ length: zones }, (_, index) => String(index + 1));
  const nodePools = cluster.nodePools.map((pool) => ({
    ...pool,
    zones: {
      count: zones,
      zones: names,
      at: pool.zones.at,
      basis: `${zones} zones, assumed by --assume ${text} (the files: ${pool.zones.basis})`,
    },
  }));
  // AKS publishes a higher control-plane figure when the default pool spans zones.
  const aksZonal = cluster.resourceType === 'azurerm_kubernetes_cluster' && cluster.availability.tier === 'zonal-ha';
  const availability = aksZonal
    ? {
        tier: 'zone-redundant' as const,
        basis: `availability zones assumed by --assume ${text} (the files: ${cluster.availability.basis})`,
        at: cluster.availability.at,
        sla: publishedSla(cluster.resourceType, 'paid-zones'),
      }
    : cluster.availability;
  return { ...cluster, nodePools, availability };
}

// ── replicas:<workload>=N ────────────────────────────────────────────────────

type Replicable = Workload | ComposeService;

function matches(node: ModelNode, target: string): boolean {
  if (node.id === target || node.name === target) return true;
  return node.kind === 'workload' && `${node.workloadKind}/${node.name}` === target;
}

function listed(ids: readonly string[]): string {
  if (ids.length === 0) return 'none';
  return ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, … (${ids.length} in all)` : ids.join(', ');
}

/** The one node among `candidates` the target names, or why there is none. */
function findOne<T extends ModelNode>(
  candidates: readonly T[],
  target: string,
  what: string,
): { readonly node: T } | { readonly reason: string } {
  const found = candidates.filter((node) => matches(node, target));
  if (found.length === 0)
    return { reason: `no ${what} named "${target}"; the ${what}s are: ${listed(candidates.map((node) => node.id))}` };
  if (found.length > 1)
    return {
      reason: `"${target}" names ${found.length} ${what}s (${listed(found.map((node) => node.id))}); write Kind/namespace/name`,
    };
  return { node: found[0] as T };
}

function setReplicas(model: SystemModel, target: string, replicas: number): ChangeResult {
  const candidates: Replicable[] = [
    ...model.workloads.filter((workload) => hasReplicas(workload.workloadKind)),
    ...model.composeServices,
  ];
  const found = findOne(candidates, target, 'workload');
  if ('reason' in found) return found;
  const node = found.node;
  const replaced = new Map<ModelNode, ModelNode>();
  if (node.kind === 'compose-service') {
    replaced.set(node, { ...node, replicas });
    return {
      model: overlay(model, replaced),
      effect: `${node.id}: ${node.replicas ?? 1} → ${replicas} replicas (on the same Docker host)`,
    };
  }
  const before = model.effectiveReplicas(node);
  replaced.set(node, {
    ...node,
    replicas,
    unreadable: node.unreadable.filter((path) => path !== 'spec.replicas'),
  });
  const autoscalers = model.autoscalersFor(node);
  for (const autoscaler of autoscalers) {
    const changed: Autoscaler = {
      ...autoscaler,
      minReplicas: replicas,
      maxReplicas: Math.max(autoscaler.maxReplicas ?? replicas, replicas),
    };
    replaced.set(autoscaler, changed);
  }
  const scaled =
    autoscalers.length === 0
      ? ''
      : `; ${autoscalers.map((autoscaler) => autoscaler.id).join(', ')} minReplicas ${replicas} (maxReplicas raised to ${replicas} where lower)`;
  return {
    model: overlay(model, replaced),
    effect: `${node.id}: ${before ?? 'unknown'} → ${replicas} replicas${scaled}`,
  };
}

// ── managed:<datastore> ──────────────────────────────────────────────────────

interface ManagedTarget {
  readonly resourceType: string;
  /** The configuration key of the zone-redundant HA tier in managed-service-tiers.ts. */
  readonly key: string;
}

const AZURE_POSTGRES: ManagedTarget = { resourceType: 'azurerm_postgresql_flexible_server', key: 'zone-redundant-ha' };
const AZURE_MYSQL: ManagedTarget = { resourceType: 'azurerm_mysql_flexible_server', key: 'zone-redundant-ha' };
const RDS_MULTI_AZ: ManagedTarget = { resourceType: 'aws_db_instance', key: 'multi-az' };
const CLOUD_SQL_HA: ManagedTarget = { resourceType: 'google_sql_database_instance', key: 'enterprise-ha' };

/**
 * The first managed service of managed-equivalents.ts for each engine and cloud, as the Terraform
 * resource that runs it and the configuration key of its zone-redundant HA tier. Where a cloud
 * offers two (RDS or Aurora, Cloud SQL Enterprise or Enterprise Plus), the lower published figure:
 * the change should not promise more than the plainest managed setup earns. Engines and clouds
 * missing here have a managed service but no figure in managed-service-tiers.ts.
 */
const ZONE_REDUNDANT_EQUIVALENTS: Partial<Record<EngineName, Partial<Record<ManagedCloud, ManagedTarget>>>> = {
  postgresql: { azure: AZURE_POSTGRES, aws: RDS_MULTI_AZ, gcp: CLOUD_SQL_HA },
  mysql: { azure: AZURE_MYSQL, aws: RDS_MULTI_AZ, gcp: CLOUD_SQL_HA },
  mariadb: { azure: AZURE_MYSQL, aws: RDS_MULTI_AZ, gcp: CLOUD_SQL_HA },
  mongodb: { azure: { resourceType: 'azurerm_cosmosdb_account', key: 'single-region-zones' } },
  redis: {
    azure: { resourceType: 'azurerm_redis_cache', key: 'zone-redundant' },
    aws: { resourceType: 'aws_elasticache_replication_group', key: 'multi-az' },
    gcp: { resourceType: 'google_redis_instance', key: 'standard-ha' },
  },
  kafka: {
    azure: { resourceType: 'azurerm_eventhub_namespace', key: 'premium' },
    aws: { resourceType: 'aws_msk_cluster', key: 'multi-az' },
  },
  rabbitmq: {
    azure: { resourceType: 'azurerm_servicebus_namespace', key: 'premium' },
    aws: { resourceType: 'aws_mq_broker', key: 'multi-az' },
  },
  minio: {
    azure: { resourceType: 'azurerm_storage_account', key: 'standard' },
    aws: { resourceType: 'aws_s3_bucket', key: 'standard' },
    gcp: { resourceType: 'google_storage_bucket', key: 'regional' },
  },
};

const CATEGORY_OF_ENGINE: Readonly<Record<EngineCategory, ServiceCategory>> = {
  database: 'database',
  cache: 'cache',
  queue: 'queue',
  search: 'database',
  coordination: 'database',
  'object-store': 'storage',
};

function engineOfNode(node: Replicable): StatefulEngine | undefined {
  if (node.kind === 'compose-service')
    return node.image === undefined ? undefined : engineOfImage(node.image.reference);
  for (const container of node.pod.containers) {
    const engine = container.image === undefined ? undefined : engineOfImage(container.image);
    if (engine !== undefined) return engine;
  }
  return undefined;
}

/** A figure in words, with its source and date. */
function describeFigure(figure: SlaFigure): string {
  return `${figure.percent}% (${figure.condition}; ${figure.source}, ${figure.asOf}${figure.verified ? '' : ', unverified'})`;
}

function replaceByManaged(
  model: SystemModel,
  assumption: Extract<Assumption, { kind: 'managed' }>,
  profile: Profile,
): ChangeResult {
  const datastores: Replicable[] = [
    ...model.workloads.filter((workload) => workload.workloadKind !== 'Job' && workload.workloadKind !== 'CronJob'),
    ...model.composeServices,
  ].filter((node) => engineOfNode(node) !== undefined);
  const target = assumption.target;
  let found = findOne(datastores, target, 'self-hosted datastore');
  if ('reason' in found) {
    // `managed:postgresql` names the engine when only one workload runs it.
    const byEngine = datastores.filter((node) => engineOfNode(node)?.engine === target);
    if (byEngine.length !== 1) return found;
    found = { node: byEngine[0] as Replicable };
  }
  const node = found.node;
  const engine = engineOfNode(node) as StatefulEngine;
  const profileCloud = (MANAGED_CLOUDS as readonly string[]).includes(profile.cloud ?? '')
    ? (profile.cloud as ManagedCloud)
    : undefined;
  const cloud = assumption.cloud ?? profileCloud;
  if (cloud === undefined) {
    return {
      reason: `it needs a cloud, and the profile's is ${profile.cloud === undefined ? 'not set' : `"${profile.cloud}"`}: set cloud in prodready.yaml (azure, aws or gcp) or write managed:${target}@aws`,
    };
  }
  const equivalent = MANAGED_EQUIVALENTS[engine.engine][cloud];
  if (!equivalent.available)
    return { reason: `${CLOUD_NAMES[cloud]} has no managed ${engine.engine}: ${equivalent.reason}` };
  const tier = ZONE_REDUNDANT_EQUIVALENTS[engine.engine]?.[cloud];
  const figure = tier === undefined ? undefined : publishedSla(tier.resourceType, tier.key);
  const resourceType = tier?.resourceType ?? `managed-${engine.engine}`;
  const basis = `assumed by --assume ${assumption.text}: ${equivalent.service}, zone-redundant high availability`;
  const service: ManagedService = {
    kind: 'managed-service',
    id: `assumed/${resourceType}/${node.name}`,
    object: { kind: resourceType, name: node.name },
    apiVersion: '',
    name: node.name,
    namespace: '',
    labels: {},
    annotations: {},
    suppressions: [],
    unreadable: [],
    source: node.source,
    provider: cloud,
    resourceType,
    address: `${resourceType}.${node.name}`,
    ...serviceDetails({
      category: CATEGORY_OF_ENGINE[engine.category],
      engine: engine.engine,
      availability: { tier: 'zone-redundant', basis, at: node.source, sla: figure },
    }),
  };
  const used =
    figure?.percent === undefined
      ? `no published figure for its zone-redundant tier in the reference, so its availability is unknown`
      : `the published SLA of ${resourceType} in its zone-redundant HA tier, ${describeFigure(figure)}`;
  const caveat = equivalent.caveat === undefined ? '' : ` Caveat: ${equivalent.caveat}.`;
  return {
    model: overlay(model, new Map(), { from: node, to: service }),
    effect: `${node.id} (self-hosted ${engine.engine}) becomes ${equivalent.service} on ${CLOUD_NAMES[cloud]} (${service.id}), counted with ${used}.${caveat}`,
  };
}

// ── ha:<managed service>=zone-redundant ──────────────────────────────────────

/** The configuration key of each resource type's zone-redundant tier in managed-service-tiers.ts. */
const ZONE_REDUNDANT_KEYS: Readonly<Record<string, string>> = {
  azurerm_postgresql_flexible_server: 'zone-redundant-ha',
  azurerm_mysql_flexible_server: 'zone-redundant-ha',
  azurerm_mssql_database: 'zone-redundant',
  azurerm_cosmosdb_account: 'single-region-zones',
  azurerm_redis_cache: 'zone-redundant',
  azurerm_servicebus_namespace: 'premium',
  azurerm_eventhub_namespace: 'premium',
  aws_db_instance: 'multi-az',
  aws_rds_cluster: 'multi-az-cluster',
  aws_elasticache_replication_group: 'multi-az',
  aws_mq_broker: 'multi-az',
  aws_msk_cluster: 'multi-az',
  google_sql_database_instance: 'enterprise-ha',
  google_redis_instance: 'standard-ha',
};

const ALREADY_REDUNDANT = new Set(['zone-redundant', 'multi-region', 'provider-managed']);

function moveToZoneRedundant(model: SystemModel, target: string, text: string): ChangeResult {
  const candidates = model.managedServices.filter(
    (service) => service.category === 'database' || service.category === 'cache' || service.category === 'queue',
  );
  const byAddress = candidates.filter((service) => service.address === target);
  const found =
    byAddress.length === 1
      ? { node: byAddress[0] as ManagedService }
      : findOne(candidates, target, 'managed datastore');
  if ('reason' in found) {
    const selfHosted = model.workloads.some((workload) => matches(workload, target));
    return selfHosted
      ? { reason: `"${target}" is a workload we run, not a managed service: use managed:${target}` }
      : found;
  }
  const service = found.node;
  if (ALREADY_REDUNDANT.has(service.availability.tier)) {
    return {
      model,
      effect: `${service.id} is already ${service.availability.tier} (${service.availability.basis}): no change`,
    };
  }
  const key =
    service.resourceType === 'aws_rds_cluster' && (service.engine ?? '').startsWith('aurora')
      ? 'aurora-multi-az'
      : ZONE_REDUNDANT_KEYS[service.resourceType];
  const figure = key === undefined ? undefined : publishedSla(service.resourceType, key);
  if (key === undefined) return { reason: `the reference holds no zone-redundant tier of ${service.resourceType}` };
  const replaced = new Map<ModelNode, ModelNode>([
    [
      service,
      {
        ...service,
        availability: {
          tier: 'zone-redundant',
          basis: `assumed by --assume ${text} (the files: ${service.availability.basis})`,
          at: service.availability.at,
          sla: figure,
        },
      },
    ],
  ]);
  const was =
    service.availability.sla?.percent === undefined ? 'no published figure' : `${service.availability.sla.percent}%`;
  return {
    model: overlay(model, replaced),
    effect: `${service.id} moves to its zone-redundant tier: ${was} → ${figure?.percent === undefined ? 'no published figure' : describeFigure(figure)}`,
  };
}

// ── the changed model ────────────────────────────────────────────────────────

/**
 * The model with some nodes replaced by changed copies (same id) and, optionally, one node
 * substituted by another (a new id that takes over the edges into the old one and its place in
 * the user paths; the old one's own edges go). Queries that take or return nodes map copies to
 * the originals the underlying model knows, and back.
 */
function overlay(
  model: SystemModel,
  replaced: ReadonlyMap<ModelNode, ModelNode>,
  substitute?: { readonly from: ModelNode; readonly to: ModelNode },
): SystemModel {
  const back = new Map<ModelNode, ModelNode>([...replaced].map(([original, copy]) => [copy, original]));
  const forward = <T extends ModelNode>(node: T): T => (replaced.get(node) as T | undefined) ?? node;
  const original = <T extends ModelNode>(node: T): T => (back.get(node) as T | undefined) ?? node;
  const gone = substitute?.from.id;
  const kept = <T extends ModelNode>(nodes: readonly T[]): T[] => nodes.filter((node) => node.id !== gone).map(forward);
  const added = substitute === undefined ? [] : [substitute.to];
  const nodes = [...kept(model.nodes), ...added];
  const index = new Map(nodes.map((node) => [node.id, node]));
  const rename = (id: string): string => (substitute !== undefined && id === gone ? substitute.to.id : id);
  const dependencies =
    substitute === undefined
      ? model.dependencies
      : model.dependencies
          .filter((dependency) => dependency.from !== gone)
          .map((dependency) => (dependency.to === gone ? { ...dependency, to: rename(dependency.to) } : dependency));
  const byFrom = new Map<string, Dependency[]>();
  for (const dependency of dependencies)
    byFrom.set(dependency.from, [...(byFrom.get(dependency.from) ?? []), dependency]);
  const userPaths =
    substitute === undefined
      ? model.userPaths
      : rewritePaths(model.userPaths, model.dependencies, dependencies, rename);
  const autoscalersFor = (workload: Workload): readonly Autoscaler[] =>
    model.autoscalersFor(original(workload)).map(forward);
  return {
    ...model,
    nodes,
    workloads: kept(model.workloads),
    autoscalers: kept(model.autoscalers),
    clusters: kept(model.clusters),
    managedServices: [
      ...kept(model.managedServices),
      ...added.filter((node): node is ManagedService => node.kind === 'managed-service'),
    ],
    composeServices: kept(model.composeServices),
    dependencies,
    userPaths,
    workloadsSelectedBy: (service) => kept(model.workloadsSelectedBy(service)),
    servicesSelecting: (workload) => model.servicesSelecting(original(workload)),
    isServing: (workload) => model.isServing(original(workload)),
    autoscalerTarget: (autoscaler) => {
      const target = model.autoscalerTarget(original(autoscaler));
      return target === undefined || target.id === gone ? undefined : forward(target);
    },
    autoscalersFor,
    disruptionBudgetsFor: (workload) => model.disruptionBudgetsFor(original(workload)),
    workloadsCoveredBy: (budget) => kept(model.workloadsCoveredBy(budget)),
    networkPoliciesFor: (workload) => model.networkPoliciesFor(original(workload)),
    workloadsSelectedByPolicy: (policy) => kept(model.workloadsSelectedByPolicy(policy)),
    serviceAccountFor: (workload) => model.serviceAccountFor(original(workload)),
    effectiveReplicas: (workload) => {
      const minimums = autoscalersFor(workload).map((autoscaler) => autoscaler.minReplicas ?? 1);
      if (minimums.length > 0) return Math.min(...minimums);
      if (!hasReplicas(workload.workloadKind)) return undefined;
      return workload.replicas ?? 1;
    },
    dependenciesOf: (id) => byFrom.get(id) ?? [],
    nodeById: (id) => index.get(id),
  };
}

/**
 * The user paths after a substitution: the old id renamed in place, and only the components still
 * reachable over hard edges from the path's roots (its entry point and the components no other
 * component of the path reached, such as the workloads a LoadBalancer Service selects).
 */
function rewritePaths(
  paths: readonly UserPath[],
  before: readonly Dependency[],
  after: readonly Dependency[],
  rename: (id: string) => string,
): UserPath[] {
  const hardEdges = (dependencies: readonly Dependency[]) => {
    const edges = new Map<string, string[]>();
    for (const dependency of dependencies) {
      if (!dependency.hard) continue;
      edges.set(dependency.from, [...(edges.get(dependency.from) ?? []), dependency.to]);
    }
    return edges;
  };
  const oldEdges = hardEdges(before);
  const newEdges = hardEdges(after);
  return paths.map((path) => {
    const reachedInside = new Set(path.components.flatMap((id) => oldEdges.get(id) ?? []));
    const roots = path.components.filter((id, position) => position === 0 || !reachedInside.has(id)).map(rename);
    const reached = [...new Set(roots)];
    const seen = new Set(reached);
    for (let position = 0; position < reached.length; position += 1) {
      for (const next of newEdges.get(reached[position] ?? '') ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        reached.push(next);
      }
    }
    const components = [...new Set(path.components.map(rename))].filter((id) => seen.has(id));
    return { ...path, components };
  });
}
