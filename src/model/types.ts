import type { ParseIssue, RepoPath, SourcePointer } from '../core/source.js';
import type { ComposeService } from './compose.js';
import type { Dependency, UserPath } from './dependencies.js';
import type { ImageBuild } from './image-builds.js';
import type { Cluster, ManagedService } from './infrastructure.js';
import type { ModuleCall } from './infrastructure-evaluate.js';
import type { Pipeline } from './pipelines.js';

/** The identity of a Kubernetes object as it appears in reports. */
export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** A suppression written on the object itself: annotation `prodready.dev/ignore: "<rule-id>: <reason>"`. */
export interface AnnotationSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly source: SourcePointer;
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly {
    readonly key: string;
    readonly operator: string;
    readonly values: readonly string[];
  }[];
}

export interface ObjectNode {
  /** `<Kind>/<namespace>/<name>`, or `<Kind>/<name>` for cluster-scoped objects. Unique in a model. */
  readonly id: string;
  readonly object: ObjectRef;
  readonly apiVersion: string;
  readonly name: string;
  /** The namespace the object lands in: as written, else `default` (cluster-scoped objects: ''). */
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly suppressions: readonly AnnotationSuppression[];
  /** Dotted paths (from the object's root) of values that had the wrong type and were ignored. */
  readonly unreadable: readonly string[];
  /** The object's root in its file. */
  readonly source: SourcePointer;
}

export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
  'Rollout',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface Probe {
  readonly handler: 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'none';
  readonly port: number | string | undefined;
  readonly path: string | undefined;
  readonly initialDelaySeconds: number | undefined;
  readonly periodSeconds: number | undefined;
  readonly failureThreshold: number | undefined;
  /** Canonical JSON of the probe, to compare two probes. */
  readonly fingerprint: string;
  readonly source: SourcePointer;
}

export interface ResourceAmounts {
  readonly cpu: string | undefined;
  readonly memory: string | undefined;
}

export interface Capabilities {
  readonly add: readonly string[];
  readonly drop: readonly string[];
}

export interface ContainerSecurityContext {
  readonly privileged: boolean | undefined;
  readonly allowPrivilegeEscalation: boolean | undefined;
  readonly runAsNonRoot: boolean | undefined;
  readonly runAsUser: number | undefined;
  readonly readOnlyRootFilesystem: boolean | undefined;
  readonly capabilities: Capabilities;
  readonly seccompProfile: string | undefined;
}

export interface PodSecurityContext {
  readonly runAsNonRoot: boolean | undefined;
  readonly runAsUser: number | undefined;
  readonly seccompProfile: string | undefined;
}

export interface EnvVar {
  readonly name: string;
  /** A literal value written in the manifest. */
  readonly value: string | undefined;
  /** Where the value comes from when it is not literal. */
  readonly valueFrom: 'secretKeyRef' | 'configMapKeyRef' | 'fieldRef' | 'resourceFieldRef' | undefined;
  /** The object and key a `secretKeyRef` or `configMapKeyRef` reads (never the value of a Secret). */
  readonly keyRef: { readonly name: string; readonly key: string } | undefined;
  readonly source: SourcePointer;
}

/** An item of `envFrom`: every key of a ConfigMap or Secret becomes a variable. */
export interface EnvSource {
  readonly kind: 'configMap' | 'secret';
  readonly name: string;
  /** `prefix`, put before each key ('' when none). */
  readonly prefix: string;
  /** The `configMapRef` / `secretRef`. */
  readonly source: SourcePointer;
}

export interface ContainerPort {
  readonly containerPort: number | undefined;
  readonly name: string | undefined;
  readonly hostPort: number | undefined;
  readonly source: SourcePointer;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
}

export interface Container {
  readonly name: string;
  readonly init: boolean;
  readonly image: string | undefined;
  readonly ports: readonly ContainerPort[];
  readonly env: readonly EnvVar[];
  readonly envFrom: readonly EnvSource[];
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  readonly readinessProbe: Probe | undefined;
  readonly livenessProbe: Probe | undefined;
  readonly startupProbe: Probe | undefined;
  readonly securityContext: ContainerSecurityContext;
  readonly volumeMounts: readonly VolumeMount[];
  /** The container's item in `containers` / `initContainers`. */
  readonly source: SourcePointer;
}

export interface Volume {
  readonly name: string;
  readonly type: 'hostPath' | 'emptyDir' | 'secret' | 'configMap' | 'persistentVolumeClaim' | 'projected' | 'other';
  readonly hostPath: string | undefined;
  readonly source: SourcePointer;
}

export interface PodAffinityTerm {
  readonly topologyKey: string;
  readonly labelSelector: LabelSelector | undefined;
}

export interface TopologySpreadConstraint {
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string;
  readonly maxSkew: number | undefined;
}

export interface PodTemplate {
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly securityContext: PodSecurityContext;
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly volumes: readonly Volume[];
  readonly serviceAccountName: string | undefined;
  readonly automountServiceAccountToken: boolean | undefined;
  readonly requiredAntiAffinity: readonly PodAffinityTerm[];
  readonly preferredAntiAffinity: readonly PodAffinityTerm[];
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
  /** The pod spec (`spec.template.spec` for a Deployment, `spec` for a Pod). */
  readonly source: SourcePointer;
}

export interface RolloutStrategy {
  /** `RollingUpdate`, `Recreate`, `OnDelete`, or Argo's `canary` / `blueGreen`. */
  readonly type: string;
  readonly maxUnavailable: number | string | undefined;
  readonly maxSurge: number | string | undefined;
  readonly source: SourcePointer;
}

export interface JobSettings {
  readonly activeDeadlineSeconds: number | undefined;
  readonly ttlSecondsAfterFinished: number | undefined;
  readonly backoffLimit: number | undefined;
  /** The job spec (`spec`, or `spec.jobTemplate.spec` for a CronJob). */
  readonly source: SourcePointer;
}

export interface ScheduleSettings {
  readonly startingDeadlineSeconds: number | undefined;
  readonly concurrencyPolicy: string | undefined;
  readonly source: SourcePointer;
}

export interface Workload extends ObjectNode {
  readonly kind: 'workload';
  readonly workloadKind: WorkloadKind;
  /** `spec.replicas` as written; undefined when left to the default (1) or when the kind has none. */
  readonly replicas: number | undefined;
  readonly selector: LabelSelector | undefined;
  readonly pod: PodTemplate;
  readonly strategy: RolloutStrategy | undefined;
  /** StatefulSet `spec.serviceName`. */
  readonly serviceName: string | undefined;
  readonly job: JobSettings | undefined;
  readonly schedule: ScheduleSettings | undefined;
  /** A bare Pod with `ownerReferences` is managed by something else. */
  readonly hasOwner: boolean;
}

export interface ServicePort {
  readonly name: string | undefined;
  readonly port: number | undefined;
  readonly targetPort: number | string | undefined;
  readonly source: SourcePointer;
}

export interface Service extends ObjectNode {
  readonly kind: 'service';
  readonly serviceType: string;
  readonly headless: boolean;
  /** undefined: no selector (endpoints managed elsewhere). */
  readonly selector: Readonly<Record<string, string>> | undefined;
  readonly ports: readonly ServicePort[];
}

export interface BackendRef {
  readonly serviceName: string;
  readonly namespace: string;
  readonly port: number | string | undefined;
  readonly source: SourcePointer;
}

export interface Route extends ObjectNode {
  readonly kind: 'route';
  readonly routeKind: 'Ingress' | 'HTTPRoute';
  readonly backends: readonly BackendRef[];
  readonly hosts: readonly string[];
  readonly tls: boolean;
}

export interface AutoscalerMetric {
  readonly type: string;
  /** For `Resource` / `ContainerResource` metrics: `cpu`, `memory`. */
  readonly resource: string | undefined;
}

export interface Autoscaler extends ObjectNode {
  readonly kind: 'autoscaler';
  readonly target: { readonly kind: string; readonly name: string; readonly source: SourcePointer } | undefined;
  /** As written; Kubernetes defaults it to 1. */
  readonly minReplicas: number | undefined;
  readonly maxReplicas: number | undefined;
  /** With no metrics written, Kubernetes scales on 80% CPU; the model says so. */
  readonly metrics: readonly AutoscalerMetric[];
}

export interface DisruptionBudget extends ObjectNode {
  readonly kind: 'disruption-budget';
  readonly selector: LabelSelector | undefined;
  readonly minAvailable: number | string | undefined;
  readonly maxUnavailable: number | string | undefined;
}

export interface NetworkPolicy extends ObjectNode {
  readonly kind: 'network-policy';
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly string[];
}

export interface ServiceAccount extends ObjectNode {
  readonly kind: 'service-account';
  readonly automountServiceAccountToken: boolean | undefined;
}

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** When set, the rule grants access to these named objects only. */
  readonly resourceNames: readonly string[];
  readonly source: SourcePointer;
}

export interface Role extends ObjectNode {
  readonly kind: 'role';
  readonly roleKind: 'Role' | 'ClusterRole';
  readonly rules: readonly PolicyRule[];
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
}

export interface RoleBinding extends ObjectNode {
  readonly kind: 'role-binding';
  readonly bindingKind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly roleRef: { readonly kind: string; readonly name: string; readonly source: SourcePointer };
  readonly subjects: readonly Subject[];
}

export interface Namespace extends ObjectNode {
  readonly kind: 'namespace';
}

export interface Alert {
  readonly name: string;
  /** `annotations.runbook_url` of the alert, when it links a runbook. */
  readonly runbookUrl: string | undefined;
  readonly source: SourcePointer;
}

/** A PrometheusRule: alerting rules as code. */
export interface AlertRules extends ObjectNode {
  readonly kind: 'alert-rules';
  readonly alerts: readonly Alert[];
}

export interface ConfigMapEntry {
  readonly key: string;
  readonly value: string;
  /** The key under `data`. */
  readonly source: SourcePointer;
}

/** A ConfigMap: its `data` entries with string values (others are skipped). Secrets are never read. */
export interface ConfigMap extends ObjectNode {
  readonly kind: 'config-map';
  readonly data: readonly ConfigMapEntry[];
}

/** Every node of the system model, discriminated on `kind`. */
export type ModelNode =
  | Workload
  | Service
  | Route
  | Autoscaler
  | DisruptionBudget
  | NetworkPolicy
  | ServiceAccount
  | Role
  | RoleBinding
  | Namespace
  | AlertRules
  | ConfigMap
  | Cluster
  | ManagedService
  | ImageBuild
  | ComposeService
  | Pipeline;

export type ModelNodeKind = ModelNode['kind'];

/** An object the model does not interpret (a CRD instance, say), kept for coverage. */
export interface UnmodelledObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly id: string;
  /** Known Kubernetes kinds that carry nothing the rules need yet (Secret, PersistentVolumeClaim…). */
  readonly known: boolean;
  readonly name: string;
  /** The object's root in its file. */
  readonly source: SourcePointer;
}

export interface RouteBackend {
  readonly backend: BackendRef;
  readonly service: Service | undefined;
  /** The Service exists and exposes the referenced port. */
  readonly portFound: boolean;
}

/**
 * The running system as the repository describes it. Cross-object links are resolved once,
 * when the model is built, and read through the queries.
 */
export interface SystemModel {
  readonly nodes: readonly ModelNode[];
  readonly workloads: readonly Workload[];
  readonly services: readonly Service[];
  readonly routes: readonly Route[];
  readonly autoscalers: readonly Autoscaler[];
  readonly disruptionBudgets: readonly DisruptionBudget[];
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly roles: readonly Role[];
  readonly roleBindings: readonly RoleBinding[];
  readonly namespaces: readonly Namespace[];
  readonly alertRules: readonly AlertRules[];
  readonly configMaps: readonly ConfigMap[];
  /** Kubernetes clusters declared in Terraform. */
  readonly clusters: readonly Cluster[];
  /** Managed datastores, queues, vaults, load balancers and monitoring declared in Terraform. */
  readonly managedServices: readonly ManagedService[];
  readonly imageBuilds: readonly ImageBuild[];
  readonly composeServices: readonly ComposeService[];
  readonly pipelines: readonly Pipeline[];
  /** Every file of the scanned tree that discover saw (not ignored), sorted: evidence such as runbooks or load tests. */
  readonly inventory: readonly RepoPath[];
  /** Terraform `module` blocks and whether they were followed (remote ones are not fetched). */
  readonly moduleCalls: readonly ModuleCall[];
  /** The dependency graph: routes, calls named in configuration, compose depends_on; each with its evidence. */
  readonly dependencies: readonly Dependency[];
  /** Every user-facing entry point with the components it needs. */
  readonly userPaths: readonly UserPath[];
  readonly unmodelled: readonly UnmodelledObject[];
  /** Values of the wrong type found while building the model. */
  readonly issues: readonly ParseIssue[];

  workloadsSelectedBy(service: Service): readonly Workload[];
  servicesSelecting(workload: Workload): readonly Service[];
  /** Whether any Service sends traffic to the workload's pods. */
  isServing(workload: Workload): boolean;
  autoscalerTarget(autoscaler: Autoscaler): Workload | undefined;
  autoscalersFor(workload: Workload): readonly Autoscaler[];
  disruptionBudgetsFor(workload: Workload): readonly DisruptionBudget[];
  workloadsCoveredBy(budget: DisruptionBudget): readonly Workload[];
  networkPoliciesFor(workload: Workload): readonly NetworkPolicy[];
  workloadsSelectedByPolicy(policy: NetworkPolicy): readonly Workload[];
  routeBackends(route: Route): readonly RouteBackend[];
  serviceNamed(namespace: string, name: string): Service | undefined;
  serviceAccountFor(workload: Workload): ServiceAccount | undefined;
  roleBoundBy(binding: RoleBinding): Role | undefined;
  /** Replicas the workload runs with at rest: the autoscaler's minimum when one targets it. */
  effectiveReplicas(workload: Workload): number | undefined;
  /**
   * The Dockerfile that builds an image (`ghcr.io/acme/api:2.14.0`), where a compose service or a
   * CI step shows it; matched by repository, tags and digests aside (see image-links.ts).
   */
  imageBuildFor(image: string): ImageBuild | undefined;
  /** The dependencies of a node (by id), hard and soft. */
  dependenciesOf(id: string): readonly Dependency[];
  /** A node by id. */
  nodeById(id: string): ModelNode | undefined;
  /** The image repositories the repository builds from a Dockerfile, as written, sorted. */
  imagesBuiltFrom(build: ImageBuild): readonly string[];
}
