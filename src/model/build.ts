import { pointerTo, type RepoPath, type SourcePointer } from '../core/source.js';
import type { ParsedComposeFile } from '../parse/compose.js';
import type { ParsedDockerfile } from '../parse/dockerfile.js';
import type { KubernetesObject } from '../parse/kubernetes.js';
import type { ParsedPipelineFile } from '../parse/pipelines.js';
import type { ParsedTerraform } from '../parse/terraform.js';
import { buildComposeServices, type ComposeService } from './compose.js';
import type { Dependency } from './dependencies.js';
import { buildDependencies } from './dependencies-build.js';
import { buildImageBuilds, type ImageBuild } from './image-builds.js';
import { linkImages } from './image-links.js';
import { buildInfrastructure, type Cluster, type ManagedService } from './infrastructure.js';
import type { ModuleCall } from './infrastructure-evaluate.js';
import { parseIgnoreAnnotation, selectorMatches, serviceSelectorMatches } from './labels.js';
import { buildPipelines, type Pipeline } from './pipelines.js';
import {
  isRecord,
  type Raw,
  type Reader,
  readBoolean,
  readCount,
  readInteger,
  readIntOrString,
  readList,
  readRecord,
  readString,
  readStringList,
  readStringMap,
} from './read.js';
import type {
  Alert,
  AlertRules,
  AnnotationSuppression,
  Autoscaler,
  AutoscalerMetric,
  BackendRef,
  ConfigMap,
  ConfigMapEntry,
  Container,
  ContainerSecurityContext,
  DisruptionBudget,
  EnvSource,
  EnvVar,
  LabelSelector,
  ModelNode,
  Namespace,
  NetworkPolicy,
  ObjectRef,
  PodAffinityTerm,
  PodTemplate,
  Probe,
  Role,
  RoleBinding,
  RolloutStrategy,
  Route,
  RouteBackend,
  Service,
  ServiceAccount,
  SystemModel,
  UnmodelledObject,
  Volume,
  Workload,
  WorkloadKind,
} from './types.js';
import { WORKLOAD_KINDS } from './types.js';

export const IGNORE_ANNOTATION = 'prodready.dev/ignore';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'GatewayClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

/** Kubernetes kinds the model knows but does not need yet; not reported as unrecognised. */
const KNOWN_UNMODELLED = new Set([
  'Secret',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'CustomResourceDefinition',
  'Endpoints',
  'EndpointSlice',
  'IngressClass',
  'Gateway',
  'GatewayClass',
  'PodSecurityPolicy',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'ControllerRevision',
]);

/**
 * Builds the system model from parsed objects and resolves every cross-object link once
 * (namespace-aware): Service → workloads by selector, HPA → target, PDB and NetworkPolicy →
 * workloads, Ingress/HTTPRoute → Service and port, binding → role, workload → ServiceAccount.
 */
/** Parsed sources other than Kubernetes manifests. */
export interface OtherSources {
  readonly terraform: ParsedTerraform;
  readonly dockerfiles: readonly ParsedDockerfile[];
  readonly compose: readonly ParsedComposeFile[];
  readonly pipelines: readonly ParsedPipelineFile[];
}

const NO_OTHER_SOURCES: OtherSources = { terraform: { files: [] }, dockerfiles: [], compose: [], pipelines: [] };

export function buildModel(
  objects: readonly KubernetesObject[],
  inventory: readonly RepoPath[] = [],
  sources: OtherSources = NO_OTHER_SOURCES,
  /** The environment's Terraform variable files (`env/prod.tfvars`), applied as `-var-file` would. */
  variableFiles: readonly RepoPath[] = [],
): SystemModel {
  const reader: Reader = { issues: [], unreadable: [] };
  const nodes: ModelNode[] = [];
  const unmodelled: UnmodelledObject[] = [];
  const seen = new Set<string>();

  for (const object of objects) {
    const before = reader.unreadable.length;
    const built = toNode(reader, object);
    const node =
      built === undefined ? undefined : withUnreadable(built, object.source, reader.unreadable.slice(before));
    if (node === undefined) {
      unmodelled.push({
        apiVersion: object.apiVersion,
        kind: object.kind,
        id: objectId(object.kind, effectiveNamespace(object), object.name),
        known: KNOWN_UNMODELLED.has(object.kind),
        name: object.name,
        source: object.source,
      });
      continue;
    }
    // The same object twice (a copy in two files) keeps its first definition.
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    nodes.push(node);
  }
  const infrastructure = buildInfrastructure(reader, sources.terraform, { variableFiles });
  nodes.push(
    ...infrastructure.clusters,
    ...infrastructure.managedServices,
    ...buildImageBuilds(reader, sources.dockerfiles),
    ...buildComposeServices(reader, sources.compose),
    ...buildPipelines(reader, sources.pipelines),
  );
  return linkModel(nodes, unmodelled, reader, inventory, infrastructure.moduleCalls);
}

function withUnreadable(node: ModelNode, root: SourcePointer, pointers: readonly SourcePointer[]): ModelNode {
  if (pointers.length === 0) return node;
  const unreadable = pointers.map((pointer) => pointer.path.slice(root.path.length).join('.'));
  return { ...node, unreadable };
}

function linkModel(
  nodes: readonly ModelNode[],
  unmodelled: readonly UnmodelledObject[],
  reader: Reader,
  inventory: readonly RepoPath[],
  moduleCalls: readonly ModuleCall[],
): SystemModel {
  // One pass over the nodes (there may be tens of thousands), each into the list of its kind.
  const byKind = new Map<ModelNode['kind'], ModelNode[]>();
  for (const node of nodes) {
    const list = byKind.get(node.kind);
    if (list === undefined) byKind.set(node.kind, [node]);
    else list.push(node);
  }
  const ofKind = <T extends ModelNode>(kind: T['kind']): T[] => (byKind.get(kind) ?? []) as T[];
  const workloads = ofKind<Workload>('workload');
  const services = ofKind<Service>('service');
  const routes = ofKind<Route>('route');
  const autoscalers = ofKind<Autoscaler>('autoscaler');
  const disruptionBudgets = ofKind<DisruptionBudget>('disruption-budget');
  const networkPolicies = ofKind<NetworkPolicy>('network-policy');
  const serviceAccounts = ofKind<ServiceAccount>('service-account');
  const roles = ofKind<Role>('role');
  const roleBindings = ofKind<RoleBinding>('role-binding');
  const namespaces = ofKind<Namespace>('namespace');
  const alertRules = ofKind<AlertRules>('alert-rules');
  const configMaps = ofKind<ConfigMap>('config-map');
  const clusters = ofKind<Cluster>('cluster');
  const managedServices = ofKind<ManagedService>('managed-service');
  const imageBuilds = ofKind<ImageBuild>('image-build');
  const composeServices = ofKind<ComposeService>('compose-service');
  const pipelines = ofKind<Pipeline>('pipeline');

  const pods = (workload: Workload) => workload.pod.labels;
  const many = <K, V>(pairs: readonly (readonly [K, V])[]) => {
    const map = new Map<K, V[]>();
    for (const [key, value] of pairs) {
      const list = map.get(key);
      if (list === undefined) map.set(key, [value]);
      else list.push(value);
    }
    return map;
  };

  const candidates = candidateIndex(workloads);
  const serviceWorkloadPairs = services.flatMap((service) =>
    candidates(service.namespace, service.selector ?? {})
      .filter((workload) => service.selector !== undefined && serviceSelectorMatches(service.selector, pods(workload)))
      .map((workload) => [service, workload] as const),
  );
  const workloadsByService = many(serviceWorkloadPairs);
  const servicesByWorkload = many(serviceWorkloadPairs.map(([service, workload]) => [workload, service] as const));

  const workloadByKindName = new Map(workloads.map((workload) => [workloadKey(workload), workload]));
  const targetByAutoscaler = new Map<Autoscaler, Workload>();
  for (const autoscaler of autoscalers) {
    if (autoscaler.target === undefined) continue;
    const target = workloadByKindName.get(
      `${autoscaler.target.kind}/${autoscaler.namespace}/${autoscaler.target.name}`,
    );
    if (target !== undefined) targetByAutoscaler.set(autoscaler, target);
  }
  const autoscalersByWorkload = many([...targetByAutoscaler].map(([autoscaler, workload]) => [workload, autoscaler]));

  const budgetPairs = disruptionBudgets.flatMap((budget) =>
    candidates(budget.namespace, budget.selector?.matchLabels ?? {})
      .filter((workload) => budget.selector !== undefined && selectorMatches(budget.selector, pods(workload)))
      .map((workload) => [budget, workload] as const),
  );
  const workloadsByBudget = many(budgetPairs);
  const budgetsByWorkload = many(budgetPairs.map(([budget, workload]) => [workload, budget] as const));

  const policyPairs = networkPolicies.flatMap((policy) =>
    candidates(policy.namespace, policy.podSelector.matchLabels)
      .filter((workload) => selectorMatches(policy.podSelector, pods(workload)))
      .map((workload) => [policy, workload] as const),
  );
  const workloadsByPolicy = many(policyPairs);
  const policiesByWorkload = many(policyPairs.map(([policy, workload]) => [workload, policy] as const));

  const serviceByName = new Map(services.map((service) => [`${service.namespace}/${service.name}`, service]));
  const backendsByRoute = new Map<Route, RouteBackend[]>(
    routes.map((route) => [
      route,
      route.backends.map((backend) => {
        const service = serviceByName.get(`${backend.namespace}/${backend.serviceName}`);
        const portFound =
          service !== undefined &&
          (backend.port === undefined ||
            service.ports.some((port) =>
              typeof backend.port === 'number' ? port.port === backend.port : port.name === backend.port,
            ));
        return { backend, service, portFound };
      }),
    ]),
  );

  const accountByName = new Map(serviceAccounts.map((account) => [`${account.namespace}/${account.name}`, account]));
  const roleByName = new Map(roles.map((role) => [`${role.roleKind}/${role.namespace}/${role.name}`, role]));
  const imageLinks = linkImages(imageBuilds, composeServices, pipelines);
  const nodeIndex = new Map(nodes.map((node) => [node.id, node]));

  const linked: Omit<SystemModel, 'dependencies' | 'userPaths' | 'dependenciesOf'> = {
    nodes,
    workloads,
    services,
    routes,
    autoscalers,
    disruptionBudgets,
    networkPolicies,
    serviceAccounts,
    roles,
    roleBindings,
    namespaces,
    alertRules,
    configMaps,
    clusters,
    managedServices,
    imageBuilds,
    composeServices,
    pipelines,
    inventory,
    moduleCalls,
    unmodelled,
    issues: reader.issues,
    workloadsSelectedBy: (service) => workloadsByService.get(service) ?? [],
    servicesSelecting: (workload) => servicesByWorkload.get(workload) ?? [],
    isServing: (workload) => (servicesByWorkload.get(workload) ?? []).length > 0,
    autoscalerTarget: (autoscaler) => targetByAutoscaler.get(autoscaler),
    autoscalersFor: (workload) => autoscalersByWorkload.get(workload) ?? [],
    disruptionBudgetsFor: (workload) => budgetsByWorkload.get(workload) ?? [],
    workloadsCoveredBy: (budget) => workloadsByBudget.get(budget) ?? [],
    networkPoliciesFor: (workload) => policiesByWorkload.get(workload) ?? [],
    workloadsSelectedByPolicy: (policy) => workloadsByPolicy.get(policy) ?? [],
    routeBackends: (route) => backendsByRoute.get(route) ?? [],
    serviceNamed: (namespace, name) => serviceByName.get(`${namespace}/${name}`),
    serviceAccountFor: (workload) =>
      accountByName.get(`${workload.namespace}/${workload.pod.serviceAccountName ?? 'default'}`),
    roleBoundBy: (binding) =>
      binding.roleRef.kind === 'ClusterRole'
        ? roleByName.get(`ClusterRole//${binding.roleRef.name}`)
        : roleByName.get(`Role/${binding.namespace}/${binding.roleRef.name}`),
    effectiveReplicas: (workload) => {
      const minimums = (autoscalersByWorkload.get(workload) ?? []).map((autoscaler) => autoscaler.minReplicas ?? 1);
      if (minimums.length > 0) return Math.min(...minimums);
      if (!hasReplicas(workload.workloadKind)) return undefined;
      return workload.replicas ?? 1;
    },
    imageBuildFor: imageLinks.imageBuildFor,
    imagesBuiltFrom: imageLinks.imagesBuiltFrom,
    nodeById: (id) => nodeIndex.get(id),
  };
  const graph = buildDependencies(linked);
  const byFrom = new Map<string, Dependency[]>();
  for (const dependency of graph.dependencies) {
    const list = byFrom.get(dependency.from);
    if (list === undefined) byFrom.set(dependency.from, [dependency]);
    else list.push(dependency);
  }
  return {
    ...linked,
    dependencies: graph.dependencies,
    userPaths: graph.userPaths,
    dependenciesOf: (id) => byFrom.get(id) ?? [],
  };
}

/**
 * Workloads that a selector may match, found through an index of (namespace, label) pairs so
 * that linking stays near-linear on large repositories. The caller still applies the selector.
 */
function candidateIndex(
  workloads: readonly Workload[],
): (namespace: string, matchLabels: Readonly<Record<string, string>>) => readonly Workload[] {
  const byNamespace = new Map<string, Workload[]>();
  const byLabel = new Map<string, Workload[]>();
  const add = (map: Map<string, Workload[]>, key: string, workload: Workload) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [workload]);
    else list.push(workload);
  };
  for (const workload of workloads) {
    add(byNamespace, workload.namespace, workload);
    for (const [key, value] of Object.entries(workload.pod.labels)) {
      add(byLabel, `${workload.namespace}\u0000${key}\u0000${value}`, workload);
    }
  }
  return (namespace, matchLabels) => {
    const first = Object.entries(matchLabels)[0];
    if (first === undefined) return byNamespace.get(namespace) ?? [];
    return byLabel.get(`${namespace}\u0000${first[0]}\u0000${first[1]}`) ?? [];
  };
}

/** Kinds whose pod count is `spec.replicas`. */
export function hasReplicas(kind: WorkloadKind): boolean {
  return (
    kind === 'Deployment' ||
    kind === 'StatefulSet' ||
    kind === 'ReplicaSet' ||
    kind === 'ReplicationController' ||
    kind === 'Rollout'
  );
}

function workloadKey(workload: Workload): string {
  return `${workload.workloadKind}/${workload.namespace}/${workload.name}`;
}

function effectiveNamespace(object: KubernetesObject): string {
  if (CLUSTER_SCOPED.has(object.kind)) return '';
  return object.namespace ?? 'default';
}

function objectId(kind: string, namespace: string, name: string): string {
  return namespace === '' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

interface Base {
  readonly unreadable: readonly string[];
  readonly id: string;
  readonly object: ObjectRef;
  readonly apiVersion: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly suppressions: readonly AnnotationSuppression[];
  readonly source: SourcePointer;
}

function toNode(reader: Reader, object: KubernetesObject): ModelNode | undefined {
  const base = toBase(reader, object);
  const spec = readRecord(reader, object.body, 'spec', object.source) ?? {};
  const specAt = pointerTo(object.source, 'spec');
  if ((WORKLOAD_KINDS as readonly string[]).includes(object.kind)) {
    return toWorkload(reader, base, object.kind as WorkloadKind, object.body, spec, specAt);
  }
  switch (object.kind) {
    case 'Service':
      return toService(reader, base, spec, specAt);
    case 'Ingress':
      return toIngress(reader, base, spec, specAt);
    case 'HTTPRoute':
      return toHttpRoute(reader, base, spec, specAt);
    case 'HorizontalPodAutoscaler':
      return toAutoscaler(reader, base, spec, specAt);
    case 'PodDisruptionBudget':
      return {
        ...base,
        kind: 'disruption-budget',
        selector: readSelector(reader, spec, 'selector', specAt),
        minAvailable: readIntOrString(reader, spec, 'minAvailable', specAt),
        maxUnavailable: readIntOrString(reader, spec, 'maxUnavailable', specAt),
      };
    case 'NetworkPolicy':
      return {
        ...base,
        kind: 'network-policy',
        podSelector: readSelector(reader, spec, 'podSelector', specAt) ?? { matchLabels: {}, matchExpressions: [] },
        policyTypes: readStringList(reader, spec, 'policyTypes', specAt),
      };
    case 'ServiceAccount':
      return {
        ...base,
        kind: 'service-account',
        automountServiceAccountToken: readBoolean(reader, object.body, 'automountServiceAccountToken', object.source),
      };
    case 'Role':
    case 'ClusterRole':
      return {
        ...base,
        kind: 'role',
        roleKind: object.kind,
        rules: readList(reader, object.body, 'rules', object.source).flatMap((rule, index) => {
          if (!isRecord(rule)) return [];
          const at = pointerTo(object.source, 'rules', index);
          return [
            {
              apiGroups: readStringList(reader, rule, 'apiGroups', at),
              resources: readStringList(reader, rule, 'resources', at),
              verbs: readStringList(reader, rule, 'verbs', at),
              resourceNames: readStringList(reader, rule, 'resourceNames', at),
              source: at,
            },
          ];
        }),
      };
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const roleRefAt = pointerTo(object.source, 'roleRef');
      const roleRef = readRecord(reader, object.body, 'roleRef', object.source) ?? {};
      return {
        ...base,
        kind: 'role-binding',
        bindingKind: object.kind,
        roleRef: {
          kind: readString(reader, roleRef, 'kind', roleRefAt) ?? 'Role',
          name: readString(reader, roleRef, 'name', roleRefAt) ?? '',
          source: roleRefAt,
        },
        subjects: readList(reader, object.body, 'subjects', object.source).flatMap((subject, index) => {
          if (!isRecord(subject)) return [];
          const at = pointerTo(object.source, 'subjects', index);
          return [
            {
              kind: readString(reader, subject, 'kind', at) ?? '',
              name: readString(reader, subject, 'name', at) ?? '',
              namespace: readString(reader, subject, 'namespace', at),
            },
          ];
        }),
      };
    }
    case 'Namespace':
      return { ...base, kind: 'namespace' };
    case 'PrometheusRule':
      return { ...base, kind: 'alert-rules', alerts: readAlerts(reader, spec, specAt) };
    case 'ConfigMap':
      return { ...base, kind: 'config-map', data: readConfigMapData(reader, object.body, object.source) };
    default:
      return undefined;
  }
}

function toBase(reader: Reader, object: KubernetesObject): Base {
  const metadataAt = pointerTo(object.source, 'metadata');
  const metadata = readRecord(reader, object.body, 'metadata', object.source) ?? {};
  const namespace = effectiveNamespace(object);
  const annotations = readStringMap(reader, metadata, 'annotations', metadataAt);
  return {
    id: objectId(object.kind, namespace, object.name),
    object:
      object.namespace === undefined || namespace === ''
        ? { kind: object.kind, name: object.name }
        : { kind: object.kind, name: object.name, namespace: object.namespace },
    apiVersion: object.apiVersion,
    name: object.name,
    namespace,
    labels: readStringMap(reader, metadata, 'labels', metadataAt),
    annotations,
    unreadable: [],
    suppressions: parseIgnoreAnnotation(
      annotations[IGNORE_ANNOTATION],
      pointerTo(metadataAt, 'annotations', IGNORE_ANNOTATION),
    ),
    source: object.source,
  };
}

function toWorkload(
  reader: Reader,
  base: Base,
  workloadKind: WorkloadKind,
  body: Raw,
  spec: Raw,
  specAt: SourcePointer,
): Workload {
  let podSpec: Raw = spec;
  let podSpecAt = specAt;
  let podLabels = base.labels;
  let jobSpec: Raw | undefined;
  let jobSpecAt: SourcePointer | undefined;
  if (workloadKind === 'Job') {
    jobSpec = spec;
    jobSpecAt = specAt;
  }
  if (workloadKind === 'CronJob') {
    jobSpecAt = pointerTo(specAt, 'jobTemplate', 'spec');
    const jobTemplate = readRecord(reader, spec, 'jobTemplate', specAt) ?? {};
    jobSpec = readRecord(reader, jobTemplate, 'spec', pointerTo(specAt, 'jobTemplate')) ?? {};
  }
  if (workloadKind !== 'Pod') {
    const templateParent = jobSpec ?? spec;
    const templateParentAt = jobSpecAt ?? specAt;
    const templateAt = pointerTo(templateParentAt, 'template');
    const template = readRecord(reader, templateParent, 'template', templateParentAt) ?? {};
    const templateMetadata = readRecord(reader, template, 'metadata', templateAt) ?? {};
    podLabels = readStringMap(reader, templateMetadata, 'labels', pointerTo(templateAt, 'metadata'));
    podSpec = readRecord(reader, template, 'spec', templateAt) ?? {};
    podSpecAt = pointerTo(templateAt, 'spec');
  }

  const metadata = isRecord(body.metadata) ? body.metadata : {};
  return {
    ...base,
    kind: 'workload',
    workloadKind,
    replicas: hasReplicas(workloadKind) ? readCount(reader, spec, 'replicas', specAt) : undefined,
    selector: readSelector(reader, spec, 'selector', specAt),
    pod: toPodTemplate(reader, podLabels, podSpec, podSpecAt),
    strategy: readStrategy(reader, workloadKind, spec, specAt),
    serviceName: workloadKind === 'StatefulSet' ? readString(reader, spec, 'serviceName', specAt) : undefined,
    job:
      jobSpec === undefined || jobSpecAt === undefined
        ? undefined
        : {
            activeDeadlineSeconds: readInteger(reader, jobSpec, 'activeDeadlineSeconds', jobSpecAt),
            ttlSecondsAfterFinished: readInteger(reader, jobSpec, 'ttlSecondsAfterFinished', jobSpecAt),
            backoffLimit: readInteger(reader, jobSpec, 'backoffLimit', jobSpecAt),
            source: jobSpecAt,
          },
    schedule:
      workloadKind === 'CronJob'
        ? {
            startingDeadlineSeconds: readInteger(reader, spec, 'startingDeadlineSeconds', specAt),
            concurrencyPolicy: readString(reader, spec, 'concurrencyPolicy', specAt),
            source: specAt,
          }
        : undefined,
    hasOwner: Array.isArray(metadata.ownerReferences) && metadata.ownerReferences.length > 0,
  };
}

function readStrategy(
  reader: Reader,
  kind: WorkloadKind,
  spec: Raw,
  specAt: SourcePointer,
): RolloutStrategy | undefined {
  const key =
    kind === 'Deployment' || kind === 'Rollout'
      ? 'strategy'
      : kind === 'StatefulSet' || kind === 'DaemonSet'
        ? 'updateStrategy'
        : undefined;
  if (key === undefined) return undefined;
  const at = pointerTo(specAt, key);
  const strategy = readRecord(reader, spec, key, specAt);
  if (strategy === undefined) return undefined;
  if (kind === 'Rollout') {
    const type = 'canary' in strategy ? 'canary' : 'blueGreen' in strategy ? 'blueGreen' : 'unknown';
    const detail = readRecord(reader, strategy, type, at) ?? {};
    return {
      type,
      maxUnavailable: readIntOrString(reader, detail, 'maxUnavailable', pointerTo(at, type)),
      maxSurge: readIntOrString(reader, detail, 'maxSurge', pointerTo(at, type)),
      source: at,
    };
  }
  const rolling = readRecord(reader, strategy, 'rollingUpdate', at) ?? {};
  const rollingAt = pointerTo(at, 'rollingUpdate');
  return {
    type: readString(reader, strategy, 'type', at) ?? 'RollingUpdate',
    maxUnavailable: readIntOrString(reader, rolling, 'maxUnavailable', rollingAt),
    maxSurge: readIntOrString(reader, rolling, 'maxSurge', rollingAt),
    source: at,
  };
}

function readSelector(reader: Reader, raw: Raw, key: string, at: SourcePointer): LabelSelector | undefined {
  const selector = readRecord(reader, raw, key, at);
  if (selector === undefined) return undefined;
  const selectorAt = pointerTo(at, key);
  return {
    matchLabels: readStringMap(reader, selector, 'matchLabels', selectorAt),
    matchExpressions: readList(reader, selector, 'matchExpressions', selectorAt).flatMap((expression, index) => {
      if (!isRecord(expression)) return [];
      const expressionAt = pointerTo(selectorAt, 'matchExpressions', index);
      return [
        {
          key: readString(reader, expression, 'key', expressionAt) ?? '',
          operator: readString(reader, expression, 'operator', expressionAt) ?? '',
          values: readStringList(reader, expression, 'values', expressionAt),
        },
      ];
    }),
  };
}

function toPodTemplate(
  reader: Reader,
  labels: Readonly<Record<string, string>>,
  spec: Raw,
  at: SourcePointer,
): PodTemplate {
  const securityAt = pointerTo(at, 'securityContext');
  const security = readRecord(reader, spec, 'securityContext', at) ?? {};
  const affinity = readRecord(reader, spec, 'affinity', at) ?? {};
  const affinityAt = pointerTo(at, 'affinity');
  const antiAffinity = readRecord(reader, affinity, 'podAntiAffinity', affinityAt) ?? {};
  const antiAt = pointerTo(affinityAt, 'podAntiAffinity');
  const readTerm = (term: unknown, termAt: SourcePointer): PodAffinityTerm[] =>
    isRecord(term)
      ? [
          {
            topologyKey: readString(reader, term, 'topologyKey', termAt) ?? '',
            labelSelector: readSelector(reader, term, 'labelSelector', termAt),
          },
        ]
      : [];
  return {
    labels,
    containers: readContainers(reader, spec, 'containers', at),
    initContainers: readContainers(reader, spec, 'initContainers', at),
    securityContext: {
      runAsNonRoot: readBoolean(reader, security, 'runAsNonRoot', securityAt),
      runAsUser: readInteger(reader, security, 'runAsUser', securityAt),
      seccompProfile: readSeccomp(reader, security, securityAt),
    },
    hostNetwork: readBoolean(reader, spec, 'hostNetwork', at) ?? false,
    hostPID: readBoolean(reader, spec, 'hostPID', at) ?? false,
    hostIPC: readBoolean(reader, spec, 'hostIPC', at) ?? false,
    volumes: readList(reader, spec, 'volumes', at).flatMap((volume, index) =>
      isRecord(volume) ? [toVolume(reader, volume, pointerTo(at, 'volumes', index))] : [],
    ),
    serviceAccountName: readString(reader, spec, 'serviceAccountName', at),
    automountServiceAccountToken: readBoolean(reader, spec, 'automountServiceAccountToken', at),
    requiredAntiAffinity: readList(
      reader,
      antiAffinity,
      'requiredDuringSchedulingIgnoredDuringExecution',
      antiAt,
    ).flatMap((term, index) =>
      readTerm(term, pointerTo(antiAt, 'requiredDuringSchedulingIgnoredDuringExecution', index)),
    ),
    preferredAntiAffinity: readList(
      reader,
      antiAffinity,
      'preferredDuringSchedulingIgnoredDuringExecution',
      antiAt,
    ).flatMap((weighted, index) => {
      if (!isRecord(weighted)) return [];
      const weightedAt = pointerTo(antiAt, 'preferredDuringSchedulingIgnoredDuringExecution', index);
      return readTerm(weighted.podAffinityTerm, pointerTo(weightedAt, 'podAffinityTerm'));
    }),
    topologySpreadConstraints: readList(reader, spec, 'topologySpreadConstraints', at).flatMap((constraint, index) => {
      if (!isRecord(constraint)) return [];
      const constraintAt = pointerTo(at, 'topologySpreadConstraints', index);
      return [
        {
          topologyKey: readString(reader, constraint, 'topologyKey', constraintAt) ?? '',
          whenUnsatisfiable: readString(reader, constraint, 'whenUnsatisfiable', constraintAt) ?? 'DoNotSchedule',
          maxSkew: readInteger(reader, constraint, 'maxSkew', constraintAt),
        },
      ];
    }),
    source: at,
  };
}

function readSeccomp(reader: Reader, security: Raw, at: SourcePointer): string | undefined {
  const profile = readRecord(reader, security, 'seccompProfile', at);
  return profile === undefined ? undefined : readString(reader, profile, 'type', pointerTo(at, 'seccompProfile'));
}

function toVolume(reader: Reader, volume: Raw, at: SourcePointer): Volume {
  const types = ['hostPath', 'emptyDir', 'secret', 'configMap', 'persistentVolumeClaim', 'projected'] as const;
  const type = types.find((candidate) => candidate in volume) ?? 'other';
  const hostPath = type === 'hostPath' ? readRecord(reader, volume, 'hostPath', at) : undefined;
  return {
    name: readString(reader, volume, 'name', at) ?? '',
    type,
    hostPath: hostPath === undefined ? undefined : readString(reader, hostPath, 'path', pointerTo(at, 'hostPath')),
    source: at,
  };
}

function readContainers(
  reader: Reader,
  spec: Raw,
  key: 'containers' | 'initContainers',
  at: SourcePointer,
): Container[] {
  return readList(reader, spec, key, at).flatMap((container, index) =>
    isRecord(container) ? [toContainer(reader, container, key === 'initContainers', pointerTo(at, key, index))] : [],
  );
}

function toContainer(reader: Reader, raw: Raw, init: boolean, at: SourcePointer): Container {
  const resources = readRecord(reader, raw, 'resources', at) ?? {};
  const resourcesAt = pointerTo(at, 'resources');
  const amounts = (key: 'requests' | 'limits') => {
    const record = readRecord(reader, resources, key, resourcesAt) ?? {};
    const recordAt = pointerTo(resourcesAt, key);
    return { cpu: readString(reader, record, 'cpu', recordAt), memory: readString(reader, record, 'memory', recordAt) };
  };
  return {
    name: readString(reader, raw, 'name', at) ?? '(unnamed)',
    init,
    image: readString(reader, raw, 'image', at),
    ports: readList(reader, raw, 'ports', at).flatMap((port, index) => {
      if (!isRecord(port)) return [];
      const portAt = pointerTo(at, 'ports', index);
      return [
        {
          containerPort: readInteger(reader, port, 'containerPort', portAt),
          name: readString(reader, port, 'name', portAt),
          hostPort: readInteger(reader, port, 'hostPort', portAt),
          source: portAt,
        },
      ];
    }),
    env: readList(reader, raw, 'env', at).flatMap((variable, index) =>
      isRecord(variable) ? [toEnvVar(reader, variable, pointerTo(at, 'env', index))] : [],
    ),
    envFrom: readList(reader, raw, 'envFrom', at).flatMap((item, index) =>
      isRecord(item) ? toEnvSource(reader, item, pointerTo(at, 'envFrom', index)) : [],
    ),
    requests: amounts('requests'),
    limits: amounts('limits'),
    readinessProbe: readProbe(reader, raw, 'readinessProbe', at),
    livenessProbe: readProbe(reader, raw, 'livenessProbe', at),
    startupProbe: readProbe(reader, raw, 'startupProbe', at),
    securityContext: readContainerSecurity(reader, raw, at),
    volumeMounts: readList(reader, raw, 'volumeMounts', at).flatMap((mount, index) => {
      if (!isRecord(mount)) return [];
      const mountAt = pointerTo(at, 'volumeMounts', index);
      return [
        {
          name: readString(reader, mount, 'name', mountAt) ?? '',
          mountPath: readString(reader, mount, 'mountPath', mountAt) ?? '',
          readOnly: readBoolean(reader, mount, 'readOnly', mountAt) ?? false,
        },
      ];
    }),
    source: at,
  };
}

function toEnvVar(reader: Reader, raw: Raw, at: SourcePointer): EnvVar {
  const valueFrom = readRecord(reader, raw, 'valueFrom', at);
  const sources = ['secretKeyRef', 'configMapKeyRef', 'fieldRef', 'resourceFieldRef'] as const;
  const from = valueFrom === undefined ? undefined : sources.find((source) => source in valueFrom);
  let keyRef: EnvVar['keyRef'];
  if (valueFrom !== undefined && (from === 'secretKeyRef' || from === 'configMapKeyRef')) {
    const refAt = pointerTo(at, 'valueFrom', from);
    const ref = readRecord(reader, valueFrom, from, pointerTo(at, 'valueFrom')) ?? {};
    const name = readString(reader, ref, 'name', refAt);
    const key = readString(reader, ref, 'key', refAt);
    if (name !== undefined && key !== undefined) keyRef = { name, key };
  }
  return {
    name: readString(reader, raw, 'name', at) ?? '',
    value: readString(reader, raw, 'value', at),
    valueFrom: from,
    keyRef,
    source: at,
  };
}

function toEnvSource(reader: Reader, raw: Raw, at: SourcePointer): EnvSource[] {
  const kinds = [
    ['configMapRef', 'configMap'],
    ['secretRef', 'secret'],
  ] as const;
  return kinds.flatMap(([key, kind]) => {
    const ref = readRecord(reader, raw, key, at);
    if (ref === undefined) return [];
    const name = readString(reader, ref, 'name', pointerTo(at, key));
    if (name === undefined) return [];
    return [{ kind, name, prefix: readString(reader, raw, 'prefix', at) ?? '', source: pointerTo(at, key) }];
  });
}

function readProbe(reader: Reader, container: Raw, key: string, at: SourcePointer): Probe | undefined {
  const probe = readRecord(reader, container, key, at);
  if (probe === undefined) return undefined;
  const probeAt = pointerTo(at, key);
  const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;
  const handler = handlers.find((candidate) => candidate in probe) ?? 'none';
  const detail = handler === 'none' ? {} : (readRecord(reader, probe, handler, probeAt) ?? {});
  return {
    handler,
    port: readIntOrString(reader, detail, 'port', pointerTo(probeAt, handler)),
    path: readString(reader, detail, 'path', pointerTo(probeAt, handler)),
    initialDelaySeconds: readInteger(reader, probe, 'initialDelaySeconds', probeAt),
    periodSeconds: readInteger(reader, probe, 'periodSeconds', probeAt),
    failureThreshold: readInteger(reader, probe, 'failureThreshold', probeAt),
    fingerprint: canonicalJson(probe),
    source: probeAt,
  };
}

function readContainerSecurity(reader: Reader, container: Raw, at: SourcePointer): ContainerSecurityContext {
  const securityAt = pointerTo(at, 'securityContext');
  const security = readRecord(reader, container, 'securityContext', at) ?? {};
  const capabilities = readRecord(reader, security, 'capabilities', securityAt) ?? {};
  const capabilitiesAt = pointerTo(securityAt, 'capabilities');
  return {
    privileged: readBoolean(reader, security, 'privileged', securityAt),
    allowPrivilegeEscalation: readBoolean(reader, security, 'allowPrivilegeEscalation', securityAt),
    runAsNonRoot: readBoolean(reader, security, 'runAsNonRoot', securityAt),
    runAsUser: readInteger(reader, security, 'runAsUser', securityAt),
    readOnlyRootFilesystem: readBoolean(reader, security, 'readOnlyRootFilesystem', securityAt),
    capabilities: {
      add: readStringList(reader, capabilities, 'add', capabilitiesAt),
      drop: readStringList(reader, capabilities, 'drop', capabilitiesAt),
    },
    seccompProfile: readSeccomp(reader, security, securityAt),
  };
}

function toService(reader: Reader, base: Base, spec: Raw, at: SourcePointer): Service {
  const selector = readRecord(reader, spec, 'selector', at);
  return {
    ...base,
    kind: 'service',
    serviceType: readString(reader, spec, 'type', at) ?? 'ClusterIP',
    headless: readString(reader, spec, 'clusterIP', at) === 'None',
    selector: selector === undefined ? undefined : readStringMap(reader, spec, 'selector', at),
    ports: readList(reader, spec, 'ports', at).flatMap((port, index) => {
      if (!isRecord(port)) return [];
      const portAt = pointerTo(at, 'ports', index);
      return [
        {
          name: readString(reader, port, 'name', portAt),
          port: readInteger(reader, port, 'port', portAt),
          targetPort: readIntOrString(reader, port, 'targetPort', portAt),
          source: portAt,
        },
      ];
    }),
  };
}

function toIngress(reader: Reader, base: Base, spec: Raw, at: SourcePointer): Route {
  const backends: BackendRef[] = [];
  const addBackend = (backend: Raw | undefined, backendAt: SourcePointer) => {
    if (backend === undefined) return;
    const service = readRecord(reader, backend, 'service', backendAt);
    if (service === undefined) return;
    const serviceAt = pointerTo(backendAt, 'service');
    const port = readRecord(reader, service, 'port', serviceAt) ?? {};
    const portAt = pointerTo(serviceAt, 'port');
    backends.push({
      serviceName: readString(reader, service, 'name', serviceAt) ?? '',
      namespace: base.namespace,
      port: readInteger(reader, port, 'number', portAt) ?? readString(reader, port, 'name', portAt),
      source: serviceAt,
    });
  };
  addBackend(readRecord(reader, spec, 'defaultBackend', at), pointerTo(at, 'defaultBackend'));
  const hosts: string[] = [];
  readList(reader, spec, 'rules', at).forEach((rule, ruleIndex) => {
    if (!isRecord(rule)) return;
    const ruleAt = pointerTo(at, 'rules', ruleIndex);
    const host = readString(reader, rule, 'host', ruleAt);
    if (host !== undefined) hosts.push(host);
    const http = readRecord(reader, rule, 'http', ruleAt) ?? {};
    readList(reader, http, 'paths', pointerTo(ruleAt, 'http')).forEach((path, pathIndex) => {
      if (!isRecord(path)) return;
      const pathAt = pointerTo(ruleAt, 'http', 'paths', pathIndex);
      addBackend(readRecord(reader, path, 'backend', pathAt), pointerTo(pathAt, 'backend'));
    });
  });
  return {
    ...base,
    kind: 'route',
    routeKind: 'Ingress',
    backends,
    hosts,
    tls: readList(reader, spec, 'tls', at).length > 0,
  };
}

function toHttpRoute(reader: Reader, base: Base, spec: Raw, at: SourcePointer): Route {
  const backends: BackendRef[] = [];
  readList(reader, spec, 'rules', at).forEach((rule, ruleIndex) => {
    if (!isRecord(rule)) return;
    const ruleAt = pointerTo(at, 'rules', ruleIndex);
    readList(reader, rule, 'backendRefs', ruleAt).forEach((backend, backendIndex) => {
      if (!isRecord(backend)) return;
      const backendAt = pointerTo(ruleAt, 'backendRefs', backendIndex);
      const kind = readString(reader, backend, 'kind', backendAt) ?? 'Service';
      if (kind !== 'Service') return;
      backends.push({
        serviceName: readString(reader, backend, 'name', backendAt) ?? '',
        namespace: readString(reader, backend, 'namespace', backendAt) ?? base.namespace,
        port: readInteger(reader, backend, 'port', backendAt),
        source: backendAt,
      });
    });
  });
  return {
    ...base,
    kind: 'route',
    routeKind: 'HTTPRoute',
    backends,
    hosts: readStringList(reader, spec, 'hostnames', at),
    tls: false,
  };
}

function toAutoscaler(reader: Reader, base: Base, spec: Raw, at: SourcePointer): Autoscaler {
  const targetAt = pointerTo(at, 'scaleTargetRef');
  const target = readRecord(reader, spec, 'scaleTargetRef', at);
  const metrics: AutoscalerMetric[] = readList(reader, spec, 'metrics', at).flatMap((metric, index) => {
    if (!isRecord(metric)) return [];
    const metricAt = pointerTo(at, 'metrics', index);
    const type = readString(reader, metric, 'type', metricAt) ?? '';
    const detailKey = type === 'ContainerResource' ? 'containerResource' : 'resource';
    const detail = readRecord(reader, metric, detailKey, metricAt);
    return [
      {
        type,
        resource: detail === undefined ? undefined : readString(reader, detail, 'name', pointerTo(metricAt, detailKey)),
      },
    ];
  });
  const cpuPercent = readInteger(reader, spec, 'targetCPUUtilizationPercentage', at);
  if (metrics.length === 0 || cpuPercent !== undefined) metrics.push({ type: 'Resource', resource: 'cpu' });
  return {
    ...base,
    kind: 'autoscaler',
    target:
      target === undefined
        ? undefined
        : {
            kind: readString(reader, target, 'kind', targetAt) ?? '',
            name: readString(reader, target, 'name', targetAt) ?? '',
            source: targetAt,
          },
    minReplicas: readCount(reader, spec, 'minReplicas', at),
    maxReplicas: readInteger(reader, spec, 'maxReplicas', at),
    metrics,
  };
}

function readAlerts(reader: Reader, spec: Raw, at: SourcePointer): Alert[] {
  return readList(reader, spec, 'groups', at).flatMap((group, groupIndex) => {
    if (!isRecord(group)) return [];
    const groupAt = pointerTo(at, 'groups', groupIndex);
    return readList(reader, group, 'rules', groupAt).flatMap((rule, ruleIndex) => {
      if (!isRecord(rule)) return [];
      const ruleAt = pointerTo(groupAt, 'rules', ruleIndex);
      const name = readString(reader, rule, 'alert', ruleAt);
      if (name === undefined) return []; // a recording rule
      const annotations = readStringMap(reader, rule, 'annotations', ruleAt);
      return [{ name, runbookUrl: annotations.runbook_url, source: ruleAt }];
    });
  });
}

/** `data` entries with string values; the API server refuses others, so they are skipped. */
function readConfigMapData(reader: Reader, body: Raw, at: SourcePointer): ConfigMapEntry[] {
  const data = readRecord(reader, body, 'data', at) ?? {};
  return Object.entries(data).flatMap(([key, value]) =>
    typeof value === 'string' ? [{ key, value, source: pointerTo(at, 'data', key) }] : [],
  );
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
