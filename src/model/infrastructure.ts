import type { RepoPath, SourcePointer } from '../core/source.js';
import type { ParsedTerraform } from '../parse/terraform.js';
import type { AvailabilityTier, SlaFigure } from '../reference/managed-service-tiers.js';
import { buildClusters } from './infrastructure-clusters.js';
import {
  type EvaluationOptions,
  loadConfiguration,
  type ModuleCall,
  type ValueOrigin,
  type VariableFile,
} from './infrastructure-evaluate.js';
import { buildManagedServices } from './infrastructure-services.js';
import type { Setting, SettingIssues } from './infrastructure-settings.js';
import type { Reader } from './read.js';
import type { ObjectNode } from './types.js';

export type { ModuleCall, ValueOrigin, VariableFile } from './infrastructure-evaluate.js';
export type { Setting } from './infrastructure-settings.js';
export { settingValue } from './infrastructure-settings.js';

export const CLOUD_PROVIDERS = ['azure', 'aws', 'gcp'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export const SERVICE_CATEGORIES = [
  'database',
  'cache',
  'queue',
  'storage',
  'secrets',
  'monitoring',
  'load-balancer',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** The availability a configuration earns, and what decided it. */
export interface Availability {
  /** `unknown` when a deciding attribute cannot be evaluated from the files. */
  readonly tier: AvailabilityTier | 'unknown';
  /** What decided the tier, in words (`high_availability.mode is "SameZone"`), or why it is unknown. */
  readonly basis: string;
  /** The attribute that decides the tier, or its block when the attribute is missing. */
  readonly at: SourcePointer;
  /** The provider's published figure for this configuration, when the reference holds one. */
  readonly sla: SlaFigure | undefined;
}

export interface Backup {
  /** Whether automated backups run at all (Cloud SQL); undefined where they always run. */
  readonly enabled: Setting<boolean> | undefined;
  /** Days of automated backups kept; undefined where the service keeps none to configure. */
  readonly retentionDays: Setting<number> | undefined;
  /** Continuous backup with restore to any second (DynamoDB, Cloud SQL, Cosmos DB); undefined where built in. */
  readonly pointInTimeRestore: Setting<boolean> | undefined;
  /** Backups copied to another region. */
  readonly geoRedundant: Setting<boolean> | undefined;
}

/** A credential attribute whose value is a literal written in the files. */
export interface LiteralCredential {
  readonly attribute: string;
  /** The attribute in the resource block. */
  readonly source: SourcePointer;
  /** Where the literal is written (the attribute, a variable default, a variable file). */
  readonly origin: ValueOrigin;
}

/** A managed datastore, queue, vault, bucket, load balancer or alert declared in Terraform. */
export interface ManagedService extends ObjectNode {
  readonly kind: 'managed-service';
  readonly provider: CloudProvider;
  readonly category: ServiceCategory;
  /** The Terraform resource type (`aws_db_instance`); also `object.kind`. */
  readonly resourceType: string;
  /** The Terraform address, with the modules it sits in: `module.db.aws_db_instance.main`. */
  readonly address: string;
  /** `postgresql`, `mysql`, `redis`, `kafka`… when the resource says. */
  readonly engine: string | undefined;
  readonly sku: Setting<string> | undefined;
  readonly availability: Availability;
  readonly backup: Backup | undefined;
  /** Reachable from the internet (subject to firewall rules). */
  readonly publicNetworkAccess: Setting<boolean> | undefined;
  /** The lowest TLS version accepted, as `1.0`, `1.1`, `1.2` or `1.3`. */
  readonly minimumTlsVersion: Setting<string> | undefined;
  /** Unencrypted connections are accepted. */
  readonly plaintextAllowed: Setting<boolean> | undefined;
  /** Data encrypted at rest; undefined where the provider always encrypts. */
  readonly encryptedAtRest: Setting<boolean> | undefined;
  /** Replicas or nodes beside the primary. */
  readonly replicas: Setting<number> | undefined;
  /** Deleted vaults and secrets cannot be purged before their retention ends. */
  readonly purgeProtection: Setting<boolean> | undefined;
  /** Object versioning (buckets, blob containers). */
  readonly versioning: Setting<boolean> | undefined;
  /** How stored data is replicated (`LRS`, `ZRS`, `GZRS`…), where chosen by an attribute. */
  readonly redundancy: Setting<string> | undefined;
  /** For alert resources: whether firing notifies anyone. */
  readonly alerting: { readonly notifies: Setting<boolean> } | undefined;
  readonly literalCredentials: readonly LiteralCredential[];
}

/** How many zones a node pool spans, and where that is set. */
export interface ZoneSpread {
  /** Undefined when the zones cannot be evaluated from the files. */
  readonly count: number | undefined;
  readonly zones: readonly string[];
  /** The attribute that sets the zones (or the pool block when it is missing). */
  readonly at: SourcePointer;
  /** How the count was found, or why it is unknown. */
  readonly basis: string;
}

export interface NodePool {
  readonly name: string;
  /** `default_node_pool`, `azurerm_kubernetes_cluster_node_pool`, `aws_eks_node_group`, `node_pool`… */
  readonly declaredAs: string;
  /** The pool's block or resource. */
  readonly source: SourcePointer;
  readonly zones: ZoneSpread;
  /** The pool grows and shrinks with demand (or the cluster provisions nodes itself). */
  readonly autoscaling: Setting<boolean>;
  readonly minNodes: Setting<number> | undefined;
  readonly maxNodes: Setting<number> | undefined;
}

/** A managed Kubernetes cluster declared in Terraform. */
export interface Cluster extends ObjectNode {
  readonly kind: 'cluster';
  readonly provider: CloudProvider;
  readonly resourceType: string;
  readonly address: string;
  readonly kubernetesVersion: Setting<string>;
  /** AKS `sku_tier`: Free has no SLA. */
  readonly slaTier: Setting<string> | undefined;
  /** Availability of the control plane (the part the SLA covers). */
  readonly availability: Availability;
  /** GKE: `location` is a region (regional control plane) rather than a zone. */
  readonly regional: Setting<boolean> | undefined;
  /** GKE release channel. */
  readonly releaseChannel: Setting<string> | undefined;
  /** GKE Autopilot: Google runs and scales the nodes. */
  readonly autopilot: Setting<boolean> | undefined;
  /** GKE node auto-provisioning (`cluster_autoscaling.enabled`). */
  readonly clusterAutoscaling: Setting<boolean> | undefined;
  readonly nodePools: readonly NodePool[];
}

export interface Infrastructure {
  readonly clusters: readonly Cluster[];
  readonly managedServices: readonly ManagedService[];
  /** Every `module` block: local ones followed, remote ones left unresolved (for coverage). */
  readonly moduleCalls: readonly ModuleCall[];
  /** Variable files Terraform loads only when told (`-var-file`): one per environment, with their values. */
  readonly variableFiles: readonly VariableFile[];
  /** The variable files applied on top of the automatic ones. */
  readonly appliedVariableFiles: readonly RepoPath[];
}

/**
 * Builds clusters and managed services from the parsed Terraform files, evaluating each root
 * configuration with its defaults, `terraform.tfvars` and `*.auto.tfvars` (plus `variableFiles`
 * when an environment is chosen).
 */
export function buildInfrastructure(
  reader: Reader,
  terraform: ParsedTerraform,
  options: EvaluationOptions = {},
): Infrastructure {
  const configuration = loadConfiguration(terraform.files, options);
  const issues: SettingIssues = { reader, seen: new Set() };
  const clusters = buildClusters(configuration, issues);
  const managedServices = buildManagedServices(configuration, issues);
  return {
    clusters: unique(clusters),
    managedServices: unique(managedServices),
    moduleCalls: configuration.moduleCalls,
    variableFiles: configuration.variableFiles,
    appliedVariableFiles: options.variableFiles ?? [],
  };
}

function unique<T extends { readonly id: string }>(nodes: readonly T[]): T[] {
  const seen = new Set<string>();
  return nodes.filter((node) => {
    if (seen.has(node.id)) return false;
    seen.add(node.id);
    return true;
  });
}
