import type { ManagedService } from './infrastructure.js';
import { AWS_SERVICES } from './infrastructure-aws.js';
import { AZURE_SERVICES } from './infrastructure-azure.js';
import type { TerraformConfiguration } from './infrastructure-evaluate.js';
import { GCP_SERVICES } from './infrastructure-gcp.js';
import { indexResources, nodeBase, providerOf, type ServiceReader } from './infrastructure-nodes.js';
import type { SettingIssues } from './infrastructure-settings.js';

const READERS: Readonly<Record<string, ServiceReader>> = { ...AZURE_SERVICES, ...AWS_SERVICES, ...GCP_SERVICES };

/** The resource types read as managed services. */
export const MANAGED_SERVICE_TYPES: readonly string[] = Object.keys(READERS).sort();

export function buildManagedServices(configuration: TerraformConfiguration, issues: SettingIssues): ManagedService[] {
  const index = indexResources(configuration, issues);
  return configuration.resources.flatMap((resource) => {
    const read = Object.hasOwn(READERS, resource.type) ? READERS[resource.type] : undefined;
    const provider = providerOf(resource.type);
    if (read === undefined || provider === undefined) return [];
    return [
      {
        ...nodeBase(resource),
        kind: 'managed-service' as const,
        provider,
        resourceType: resource.type,
        ...read(resource, index),
      },
    ];
  });
}
