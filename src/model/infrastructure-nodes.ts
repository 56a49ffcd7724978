import { pointerTo, type SourcePointer } from '../core/source.js';
import { type AvailabilityTier, publishedSla } from '../reference/managed-service-tiers.js';
import type { Availability, LiteralCredential, ManagedService, ServiceCategory } from './infrastructure.js';
import {
  evaluateAttribute,
  isUnknown,
  type ModuleInstance,
  type ResourceBlock,
  referencedResources,
  type TerraformConfiguration,
} from './infrastructure-evaluate.js';
import { type BodyReader, resourceReader, type Setting, type SettingIssues } from './infrastructure-settings.js';
import type { ObjectNode } from './types.js';

/** What every Terraform node shares: identity and place. */
export function nodeBase(resource: ResourceBlock): ObjectNode & { readonly address: string } {
  const { module, type, name } = resource;
  const modulePath = module.address.join('.');
  const root = module.root === '' ? [] : [module.root];
  return {
    id: ['terraform', ...root, ...module.address, type, name].join('/'),
    object: modulePath === '' ? { kind: type, name } : { kind: type, name, namespace: modulePath },
    apiVersion: '',
    name,
    namespace: '',
    labels: {},
    annotations: {},
    suppressions: [],
    unreadable: [],
    source: resource.source,
    address: [...module.address, `${type}.${name}`].join('.'),
  };
}

export function availabilityOf(
  resourceType: string,
  tier: AvailabilityTier,
  basis: string,
  at: SourcePointer,
  slaKey?: string,
): Availability {
  return { tier, basis, at, sla: slaKey === undefined ? undefined : publishedSla(resourceType, slaKey) };
}

/** The availability of a configuration whose deciding setting cannot be evaluated. */
export function unknownAvailability(setting: Setting<unknown>, name: string): Availability | undefined {
  if (setting.state !== 'unresolved') return undefined;
  return {
    tier: 'unknown',
    basis: `${name} = ${setting.expression}: ${setting.reason}`,
    at: setting.source,
    sla: undefined,
  };
}

/** How a switch that is off reads in a basis: `multi_az is false` or `multi_az is not set`. */
export function notSet(setting: Setting<unknown>, name: string): string {
  return setting.state === 'set' ? `${name} is ${String(setting.value)}` : `${name} is not set`;
}

/** The credential attributes among `names` whose value is a literal string. */
export function literalCredentials(read: BodyReader, names: readonly string[]): LiteralCredential[] {
  return names.flatMap((name) => {
    const found = read.value(name);
    if (found === undefined || typeof found.value !== 'string' || found.value === '' || isUnknown(found.value))
      return [];
    const source = pointerTo(read.at, name);
    return [{ attribute: name, source, origin: found.origin ?? { source, via: 'attribute' } }];
  });
}

/** Resources of one module instance, and who refers to whom. */
export interface ResourceIndex {
  readonly issues: SettingIssues;
  reader(resource: ResourceBlock): BodyReader;
  /** Resources of `type` in the same module whose `attribute` refers to `target`. */
  referrers(target: ResourceBlock, type: string, attribute: string): readonly ResourceBlock[];
  /** The resources an attribute of `resource` refers to. */
  referenced(resource: ResourceBlock, attribute: string): readonly ResourceBlock[];
  /** The number of instances of a resource (`count`), when it can be evaluated. */
  instances(resource: ResourceBlock): number | undefined;
}

export function indexResources(configuration: TerraformConfiguration, issues: SettingIssues): ResourceIndex {
  const byKey = new Map<string, ResourceBlock>();
  const keyOf = (resource: ResourceBlock, type: string, name: string) =>
    `${resource.module.address.join('.')}|${resource.module.root}|${type}.${name}`;
  for (const resource of configuration.resources) {
    const key = keyOf(resource, resource.type, resource.name);
    if (!byKey.has(key)) byKey.set(key, resource);
  }
  const byModuleAndType = new Map<ModuleInstance, Map<string, ResourceBlock[]>>();
  for (const resource of configuration.resources) {
    let byType = byModuleAndType.get(resource.module);
    if (byType === undefined) {
      byType = new Map();
      byModuleAndType.set(resource.module, byType);
    }
    const list = byType.get(resource.type);
    if (list === undefined) byType.set(resource.type, [resource]);
    else list.push(resource);
  }
  const readers = new Map<ResourceBlock, BodyReader>();
  const referenced = (resource: ResourceBlock, attribute: string): readonly ResourceBlock[] => {
    const syntax = resource.block.body.attributes.get(attribute)?.syntax;
    if (syntax === undefined) return [];
    return referencedResources(syntax).flatMap(([type, name]) => {
      const found = byKey.get(keyOf(resource, type, name));
      return found === undefined ? [] : [found];
    });
  };
  return {
    issues,
    reader(resource) {
      let found = readers.get(resource);
      if (found === undefined) {
        found = resourceReader(resource, issues);
        readers.set(resource, found);
      }
      return found;
    },
    referrers: (target, type, attribute) =>
      (byModuleAndType.get(target.module)?.get(type) ?? []).filter((resource) =>
        referenced(resource, attribute).includes(target),
      ),
    referenced,
    instances(resource) {
      const count = resource.block.body.attributes.get('count');
      if (count === undefined) return resource.block.body.attributes.has('for_each') ? undefined : 1;
      const value = evaluateAttribute(resource.module, count.syntax).value;
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    },
  };
}

/** The category and provider of the resource types the model knows. */
export function providerOf(type: string): 'azure' | 'aws' | 'gcp' | undefined {
  if (type.startsWith('azurerm_')) return 'azure';
  if (type.startsWith('aws_')) return 'aws';
  if (type.startsWith('google_')) return 'gcp';
  return undefined;
}

export type { ServiceCategory };

/** A setting whose value is mapped (a TLS version normalised, say); the state is kept. */
export function mapSetting<T, U>(setting: Setting<T>, map: (value: T) => U | undefined): Setting<U> {
  if (setting.state === 'unresolved') return setting;
  if (setting.state === 'default') {
    return {
      state: 'default',
      value: setting.value === undefined ? undefined : map(setting.value),
      source: setting.source,
    };
  }
  const value = map(setting.value);
  if (value === undefined) {
    return {
      state: 'unresolved',
      source: setting.source,
      expression: String(setting.value),
      reason: 'is not a known value',
    };
  }
  return { ...setting, value };
}

/** A setting derived from other facts than one attribute (a linked resource, a block's presence). */
export function derivedSetting<T>(value: T, source: SourcePointer): Setting<T> {
  return { state: 'set', value, source, origin: { source, via: 'attribute' } };
}

/** `TLS1_2`, `Tls12`, `1.2` → `1.2`; `Disabled` (no minimum) → `1.0`. */
export function normalizeTlsVersion(value: string): string | undefined {
  const match = /(\d)[._]?(\d)/.exec(value);
  if (match !== null) return `${match[1]}.${match[2]}`;
  if (/^disabled$/i.test(value.trim())) return '1.0';
  return undefined;
}

/** What a resource type's reader finds; the identity fields are added by the builder. */
export type ServiceDetails = Omit<ManagedService, keyof ObjectNode | 'kind' | 'provider' | 'resourceType' | 'address'>;

export type ServiceReader = (resource: ResourceBlock, index: ResourceIndex) => ServiceDetails;

/** The fields a reader leaves out default to "not applicable". */
export function serviceDetails(
  details: Pick<ServiceDetails, 'category' | 'engine' | 'availability'> & Partial<ServiceDetails>,
): ServiceDetails {
  return {
    sku: undefined,
    backup: undefined,
    publicNetworkAccess: undefined,
    minimumTlsVersion: undefined,
    plaintextAllowed: undefined,
    encryptedAtRest: undefined,
    replicas: undefined,
    purgeProtection: undefined,
    versioning: undefined,
    redundancy: undefined,
    alerting: undefined,
    literalCredentials: [],
    ...details,
  };
}
