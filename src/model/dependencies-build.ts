import { pointerTo, type SourcePointer } from '../core/source.js';
import { engineOfImage } from '../reference/engines.js';
import type { ComposeDependency, ComposeService } from './compose.js';
import { type Dependency, SOFT_DEPENDENCIES_ANNOTATION, type UserPath } from './dependencies.js';
import {
  enginesNamedBy,
  type HostReference,
  hostsInValue,
  isHostVariable,
  isLoopback,
  managedEngine,
  matchManagedService,
} from './dependencies-hosts.js';
import { buildUserPaths } from './dependencies-paths.js';
import type {
  ConfigMap,
  ConfigMapEntry,
  EnvSource,
  EnvVar,
  ObjectNode,
  Service,
  SystemModel,
  Workload,
} from './types.js';

/** The part of the model the graph is built from: everything but the graph itself. */
export type LinkedModel = Omit<SystemModel, 'dependencies' | 'userPaths' | 'dependenciesOf'>;

/**
 * Builds the dependency graph and the user-facing paths from the linked model.
 *
 * Edges, in this order: each route to the workloads behind its backends (`routes-to`); each
 * workload to what its containers' environment names (`calls`): Services (`api`, `api:8080`,
 * `http://api.shop:8080`, `db.shop.svc.cluster.local`, connection strings) resolved to the
 * workloads they select, managed services declared in Terraform by their host names, anything
 * else as `external:<host>`. The environment is the literal values, and the values of the
 * ConfigMaps of the repository read through `envFrom` or `configMapKeyRef` (evidence: the
 * ConfigMap's key). A variable whose value comes from a Secret, or from a ConfigMap the
 * repository does not hold, gives an inferred edge when its name says which engine it connects
 * to and exactly one candidate runs that engine. Then each compose service to what it
 * `depends_on` and `links` (`depends-on`) and to what its `environment` names (`calls`, the
 * project's services by name or link alias). One edge per (from, to, kind), with the first
 * evidence found (a hard one over a soft one). Every edge is hard unless declared soft: by the
 * depending node's `prodready.dev/soft-dependencies` annotation (label, for compose), or, for a
 * compose `depends_on` entry, by `required: false`.
 */
export function buildDependencies(model: LinkedModel): {
  readonly dependencies: readonly Dependency[];
  readonly userPaths: readonly UserPath[];
} {
  const dependencies: Dependency[] = [];
  const seen = new Map<string, number>();
  const add = (dependency: Dependency) => {
    const key = `${dependency.from}\u0000${dependency.to}\u0000${dependency.kind}`;
    const index = seen.get(key);
    if (index === undefined) {
      seen.set(key, dependencies.length);
      dependencies.push(dependency);
    } else if (dependency.hard && !dependencies[index]?.hard) {
      dependencies[index] = dependency;
    }
  };
  for (const route of model.routes) {
    const soft = softDeclaration(
      route,
      pointerTo(route.source, 'metadata', 'annotations', SOFT_DEPENDENCIES_ANNOTATION),
    );
    for (const { backend, service } of model.routeBackends(route)) {
      if (service === undefined) continue;
      for (const target of serviceTargets(model, service, undefined)) {
        add(edge(route.id, target, 'routes-to', backend.source, soft));
      }
    }
  }
  const datastores = datastoreEngines(model);
  const configMaps = new Map(
    model.configMaps.map((configMap) => [`${configMap.namespace}/${configMap.name}`, configMap]),
  );
  for (const workload of model.workloads) {
    for (const dependency of workloadDependencies(model, workload, datastores, configMaps)) add(dependency);
  }
  for (const service of model.composeServices) {
    for (const dependency of composeDependencies(model, service)) add(dependency);
  }
  return { dependencies, userPaths: buildUserPaths(model, dependencies) };
}

/** What an edge points at, and the names a soft-dependency declaration may use for it. */
interface Target {
  readonly to: string;
  readonly names: readonly string[];
  readonly via?: string;
  readonly basis?: 'named' | 'inferred';
  readonly reason?: string;
}

interface SoftDeclaration {
  readonly names: ReadonlySet<string>;
  readonly at: SourcePointer;
}

function softDeclaration(node: ObjectNode, at: SourcePointer): SoftDeclaration | undefined {
  const value = node.annotations[SOFT_DEPENDENCIES_ANNOTATION] ?? node.labels[SOFT_DEPENDENCIES_ANNOTATION];
  if (value === undefined) return undefined;
  const names = value
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  return { names: new Set(names), at };
}

function edge(
  from: string,
  target: Target,
  kind: Dependency['kind'],
  evidence: SourcePointer,
  soft: SoftDeclaration | undefined,
): Dependency {
  const declared =
    soft !== undefined && [...target.names, target.to].some((name) => soft.names.has(name.toLowerCase()));
  return {
    from,
    to: target.to,
    kind,
    hard: !declared,
    strength: declared ? 'declared' : 'assumed',
    evidence,
    basis: target.basis ?? 'named',
    ...(target.reason === undefined ? {} : { reason: target.reason }),
    ...(target.via === undefined ? {} : { via: target.via }),
    ...(declared ? { declaredAt: soft.at } : {}),
  };
}

/**
 * The workloads a Service sends traffic to, the caller left out; the Service itself when it
 * selects none (no selector, or nothing in the repository matches it).
 */
function serviceTargets(model: LinkedModel, service: Service, caller: Workload | undefined): Target[] {
  const workloads = model.workloadsSelectedBy(service);
  if (workloads.length === 0) return [{ to: service.id, names: [service.name] }];
  return workloads
    .filter((workload) => workload !== caller)
    .map((workload) => ({ to: workload.id, names: [service.name, workload.name], via: service.id }));
}

/** Datastore workloads with the engine they run, from their images. */
function datastoreEngines(model: LinkedModel): ReadonlyMap<Workload, string> {
  const engines = new Map<Workload, string>();
  for (const workload of model.workloads) {
    for (const container of workload.pod.containers) {
      const engine = container.image === undefined ? undefined : engineOfImage(container.image);
      if (engine !== undefined) {
        engines.set(workload, engine.engine);
        break;
      }
    }
  }
  return engines;
}

function workloadDependencies(
  model: LinkedModel,
  workload: Workload,
  datastores: ReadonlyMap<Workload, string>,
  configMaps: ReadonlyMap<string, ConfigMap>,
): Dependency[] {
  const soft = softDeclaration(
    workload,
    pointerTo(workload.source, 'metadata', 'annotations', SOFT_DEPENDENCIES_ANNOTATION),
  );
  const configMapNamed = (name: string) => configMaps.get(`${workload.namespace}/${name}`);
  const dependencies: Dependency[] = [];
  const calls = (name: string, value: string, evidence: SourcePointer) => {
    for (const target of literalTargets(model, workload, name, value)) {
      dependencies.push(edge(workload.id, target, 'calls', evidence, soft));
    }
  };
  for (const container of [...workload.pod.initContainers, ...workload.pod.containers]) {
    // Kubernetes expands `$(NAME)` to the value of a variable defined earlier: by `envFrom`, or
    // earlier in `env`. Values read from a ConfigMap are not expanded.
    const defined = new Map<string, string>();
    for (const [name, entry] of envFromConfigMaps(container.envFrom, container.env, configMapNamed)) {
      defined.set(name, entry.value);
      calls(name, entry.value, entry.source);
    }
    for (const variable of container.env) {
      const shown =
        variable.valueFrom === 'configMapKeyRef' && variable.keyRef !== undefined
          ? configMapNamed(variable.keyRef.name)?.data.find((entry) => entry.key === variable.keyRef?.key)
          : undefined;
      if (variable.value !== undefined) {
        const value = expandReferences(variable.value, defined);
        defined.set(variable.name, value);
        calls(variable.name, value, pointerTo(variable.source, 'value'));
      } else if (shown !== undefined) {
        defined.set(variable.name, shown.value);
        calls(variable.name, shown.value, shown.source);
      } else if (variable.valueFrom === 'secretKeyRef' || variable.valueFrom === 'configMapKeyRef') {
        const target = inferredTarget(model, workload, variable, datastores);
        if (target !== undefined) dependencies.push(edge(workload.id, target, 'calls', variable.source, soft));
      }
    }
  }
  return dependencies;
}

/**
 * The variables `envFrom` defines from ConfigMaps of the repository, by name (`prefix` + key):
 * a later source overrides an earlier one, and `env` overrides them all (those are left out).
 * Secrets are never read: a `secretRef` only takes away the names it may override, which the
 * files do not show, so it is skipped.
 */
function envFromConfigMaps(
  sources: readonly EnvSource[],
  env: readonly EnvVar[],
  configMapNamed: (name: string) => ConfigMap | undefined,
): ReadonlyMap<string, ConfigMapEntry> {
  const variables = new Map<string, ConfigMapEntry>();
  for (const source of sources) {
    if (source.kind !== 'configMap') continue;
    for (const entry of configMapNamed(source.name)?.data ?? []) variables.set(`${source.prefix}${entry.key}`, entry);
  }
  for (const variable of env) variables.delete(variable.name);
  return variables;
}

function expandReferences(value: string, defined: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) =>
    name === undefined ? match : (defined.get(name) ?? match),
  );
}

/** The targets a value of a workload's variable `name` names. */
function literalTargets(model: LinkedModel, workload: Workload, name: string, value: string): Target[] {
  return hostTargets(model, name, hostsInValue(value), (reference) => {
    const service = serviceForHost(model, reference, workload.namespace);
    return service === undefined ? undefined : serviceTargets(model, service, workload);
  });
}

/**
 * The targets of the hosts a variable's value names: what `local` finds in the repository (the
 * Services of the cluster, the services of a compose project), else a managed service of the
 * Terraform, else `external:<host>`.
 */
function hostTargets<R extends HostReference>(
  model: LinkedModel,
  name: string,
  references: readonly R[],
  local: (reference: R) => readonly Target[] | undefined,
): Target[] {
  const hostVariable = isHostVariable(name);
  return references.flatMap((reference): Target[] => {
    if (isLoopback(reference.host)) return [];
    const targets = reference.form === 'cloud-sql' ? undefined : local(reference);
    if (targets !== undefined) {
      // A bare word names a service only in a variable whose name says it holds a host.
      if (reference.form === 'bare' && !reference.host.includes('.') && !hostVariable) return [];
      return [...targets];
    }
    const managed = matchManagedService(reference, model.managedServices);
    if (managed !== undefined) {
      return [
        {
          to: managed.service.id,
          names: [managed.service.name, reference.host],
          basis: managed.basis,
          ...(managed.basis === 'inferred' ? { reason: managed.reason } : {}),
        },
      ];
    }
    if (!isExternal(reference, hostVariable)) return [];
    return [{ to: `external:${reference.host}`, names: [reference.host] }];
  });
}

/**
 * A compose service's edges: `depends_on` and `links` entries found in the project
 * (`depends-on`), then the hosts its `environment` names (`calls`). A `depends_on` entry with
 * `required: false` is soft, declared by that key.
 */
function composeDependencies(model: LinkedModel, service: ComposeService): Dependency[] {
  const soft = softDeclaration(service, pointerTo(service.source, 'labels', SOFT_DEPENDENCIES_ANNOTATION));
  const optional = (dependency: ComposeDependency): SoftDeclaration | undefined =>
    dependency.required
      ? soft
      : { names: new Set([dependency.service.toLowerCase()]), at: pointerTo(dependency.source, 'required') };
  const dependencies: Dependency[] = [];
  for (const dependency of service.dependsOn) {
    if (dependency.target === undefined) continue;
    const target = { to: dependency.target, names: [dependency.service] };
    dependencies.push(edge(service.id, target, 'depends-on', dependency.source, optional(dependency)));
  }
  for (const link of service.links) {
    if (link.target === undefined) continue;
    const target = { to: link.target, names: [link.service, ...(link.alias === undefined ? [] : [link.alias])] };
    dependencies.push(edge(service.id, target, 'depends-on', link.source, soft));
  }
  for (const variable of service.environment) {
    const targets = hostTargets(model, variable.name, variable.hosts, (reference) => {
      if (reference.service === undefined) return undefined;
      if (reference.service === service.id || service.layers.includes(reference.service)) return [];
      const name = model.nodeById(reference.service)?.name;
      return [{ to: reference.service, names: [reference.host, ...(name === undefined ? [] : [name])] }];
    });
    for (const target of targets) dependencies.push(edge(service.id, target, 'calls', variable.source, soft));
  }
  return dependencies;
}

/**
 * Whether an unresolved host is worth an `external:` node: a URL, connection string, Cloud SQL
 * name or `host:port` always; a dotted name only in a variable that says it holds a host; a
 * single word never (it may be anything).
 */
function isExternal(reference: HostReference, hostVariable: boolean): boolean {
  if (reference.form !== 'bare') return true;
  return hostVariable && reference.host.includes('.');
}

/**
 * The Service a host names from a pod in `namespace`: `api`, `api.shop`, `api.shop.svc`,
 * `api.shop.svc.cluster.local`, and a StatefulSet pod's `db-0.db.shop.svc…` or `db-0.db`.
 */
function serviceForHost(model: LinkedModel, reference: HostReference, namespace: string): Service | undefined {
  const labels = reference.host.split('.');
  const svc = labels.indexOf('svc');
  if (svc >= 2) {
    const name = labels[svc - 2];
    const inNamespace = labels[svc - 1];
    return name === undefined || inNamespace === undefined ? undefined : model.serviceNamed(inNamespace, name);
  }
  const [first, second, third] = labels;
  if (first === undefined) return undefined;
  if (labels.length === 1) return model.serviceNamed(namespace, first);
  if (labels.length === 2 && second !== undefined) {
    const qualified = model.serviceNamed(second, first);
    if (qualified !== undefined) return qualified;
    return /-\d+$/.test(first) ? model.serviceNamed(namespace, second) : undefined;
  }
  if (labels.length === 3 && second !== undefined && third !== undefined && /-\d+$/.test(first)) {
    return model.serviceNamed(third, second);
  }
  return undefined;
}

/**
 * For a variable read from a Secret or ConfigMap, whose value the files do not show: the one
 * datastore its name points at (`DATABASE_URL`, `REDIS_HOST`), a workload of the namespace
 * running that engine, else a managed service of the repository running it.
 */
function inferredTarget(
  model: LinkedModel,
  workload: Workload,
  variable: EnvVar,
  datastores: ReadonlyMap<Workload, string>,
): Target | undefined {
  const engines: readonly string[] = enginesNamedBy(variable.name);
  if (engines.length === 0) return undefined;
  const from = variable.valueFrom === 'secretKeyRef' ? 'a Secret' : 'a ConfigMap';
  const inNamespace = [...datastores].filter(
    ([candidate, engine]) =>
      candidate !== workload && candidate.namespace === workload.namespace && engines.includes(engine),
  );
  const [onlyWorkload] = inNamespace;
  if (inNamespace.length === 1 && onlyWorkload !== undefined) {
    const [target, engine] = onlyWorkload;
    return {
      to: target.id,
      names: [target.name, ...model.servicesSelecting(target).map((service) => service.name)],
      basis: 'inferred',
      reason: `${variable.name} comes from ${from}, which the files do not show; its name points at ${engine}, and ${target.id} is the only ${engine} workload in namespace ${workload.namespace}`,
    };
  }
  if (inNamespace.length > 0) return undefined;
  const managed = model.managedServices.filter((service) => engines.includes(managedEngine(service) ?? ''));
  const [onlyManaged] = managed;
  if (managed.length === 1 && onlyManaged !== undefined) {
    const engine = managedEngine(onlyManaged) ?? '';
    return {
      to: onlyManaged.id,
      names: [onlyManaged.name],
      basis: 'inferred',
      reason: `${variable.name} comes from ${from}, which the files do not show; its name points at ${engine}, no workload of namespace ${workload.namespace} runs it, and ${onlyManaged.address} is the only managed ${engine} in the Terraform`,
    };
  }
  return undefined;
}
