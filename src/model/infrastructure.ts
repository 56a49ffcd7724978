import type { ParsedTerraform } from '../parse/terraform.js';
import type { Reader } from './read.js';
import type { ObjectNode } from './types.js';

/**
 * Infrastructure declared in Terraform: Kubernetes clusters and managed services, each carrying
 * the attributes that decide its availability tier.
 */
export interface Cluster extends ObjectNode {
  readonly kind: 'cluster';
}

export interface ManagedService extends ObjectNode {
  readonly kind: 'managed-service';
}

export interface Infrastructure {
  readonly clusters: readonly Cluster[];
  readonly managedServices: readonly ManagedService[];
}

export function buildInfrastructure(_reader: Reader, _terraform: ParsedTerraform): Infrastructure {
  return { clusters: [], managedServices: [] };
}
