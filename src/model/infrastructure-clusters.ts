import { pointerTo, type SourcePointer } from '../core/source.js';
import type { Cluster, NodePool, ZoneSpread } from './infrastructure.js';
import {
  evaluateAttribute,
  isUnknown,
  type ResourceBlock,
  referencedResources,
  type TerraformConfiguration,
} from './infrastructure-evaluate.js';
import {
  availabilityOf,
  derivedSetting,
  indexResources,
  mapSetting,
  nodeBase,
  type ResourceIndex,
  unknownAvailability,
} from './infrastructure-nodes.js';
import { type BodyReader, type Setting, type SettingIssues, settingValue } from './infrastructure-settings.js';

/** Managed Kubernetes clusters (AKS, EKS, GKE) with their node pools. */
export function buildClusters(configuration: TerraformConfiguration, issues: SettingIssues): Cluster[] {
  const index = indexResources(configuration, issues);
  return configuration.resources.flatMap((resource) => {
    switch (resource.type) {
      case 'azurerm_kubernetes_cluster':
        return [aksCluster(resource, index)];
      case 'aws_eks_cluster':
        return [eksCluster(resource, index)];
      case 'google_container_cluster':
        return [gkeCluster(resource, index)];
      default:
        return [];
    }
  });
}

type ClusterDetails = Omit<
  Cluster,
  | 'kind'
  | 'id'
  | 'object'
  | 'apiVersion'
  | 'name'
  | 'namespace'
  | 'labels'
  | 'annotations'
  | 'suppressions'
  | 'unreadable'
  | 'source'
  | 'address'
>;

function cluster(resource: ResourceBlock, details: ClusterDetails): Cluster {
  return { ...nodeBase(resource), kind: 'cluster', ...details };
}

function zoneList(zones: Setting<readonly string[]>, pool: string): ZoneSpread {
  if (zones.state === 'unresolved') {
    return { count: undefined, zones: [], at: zones.source, basis: `zones = ${zones.expression}: ${zones.reason}` };
  }
  const list = zones.value ?? [];
  if (list.length === 0) return { count: 1, zones: [], at: zones.source, basis: `${pool} lists no zones` };
  return { count: new Set(list).size, zones: list, at: zones.source, basis: `${pool} lists zones ${list.join(', ')}` };
}

function aksPool(read: BodyReader, name: string, declaredAs: string, source: SourcePointer): NodePool {
  const zones = read.has('availability_zones') ? read.strings('availability_zones') : read.strings('zones');
  const autoscaling = read.has('enable_auto_scaling')
    ? read.boolean('enable_auto_scaling', false)
    : read.boolean('auto_scaling_enabled', false);
  return {
    name,
    declaredAs,
    source,
    zones: zoneList(zones, `node pool "${name}"`),
    autoscaling,
    minNodes: read.number('min_count'),
    maxNodes: read.number('max_count'),
  };
}

function aksCluster(resource: ResourceBlock, index: ResourceIndex): Cluster {
  const read = index.reader(resource);
  const skuTier = read.string('sku_tier', 'Free');
  const defaultPool = read.block('default_node_pool');
  const pools = [
    aksPool(defaultPool, settingValue(defaultPool.string('name')) ?? 'default', 'default_node_pool', defaultPool.at),
    ...index
      .referrers(resource, 'azurerm_kubernetes_cluster_node_pool', 'kubernetes_cluster_id')
      .map((pool) =>
        aksPool(
          index.reader(pool),
          settingValue(index.reader(pool).string('name')) ?? pool.name,
          pool.type,
          pool.source,
        ),
      ),
  ];
  const zoned = pools.every((pool) => (pool.zones.count ?? 0) >= 2);
  const tier = settingValue(skuTier);
  const availability =
    unknownAvailability(skuTier, 'sku_tier') ??
    (tier === 'Free'
      ? availabilityOf(resource.type, 'no-sla', 'sku_tier is Free: no financially-backed SLA', skuTier.source, 'free')
      : zoned
        ? availabilityOf(
            resource.type,
            'zone-redundant',
            `sku_tier is ${tier ?? ''} with zones`,
            skuTier.source,
            'paid-zones',
          )
        : availabilityOf(
            resource.type,
            'zonal-ha',
            `sku_tier is ${tier ?? ''} without zones on every pool`,
            skuTier.source,
            'paid',
          ));
  return cluster(resource, {
    provider: 'azure',
    resourceType: resource.type,
    kubernetesVersion: read.string('kubernetes_version'),
    slaTier: skuTier,
    availability,
    regional: undefined,
    releaseChannel: undefined,
    autopilot: undefined,
    clusterAutoscaling: undefined,
    nodePools: pools,
  });
}

/**
 * The zones of an EKS node group, from the `aws_subnet` resources its `subnet_ids` refer to
 * (a counted subnet is expanded with `count.index`). Subnet IDs written literally, variables and
 * module outputs carry no zone, so the count stays unknown.
 */
function subnetZones(index: ResourceIndex, group: ResourceBlock, attribute: string): ZoneSpread {
  const at = pointerTo(group.source, attribute);
  const syntax = group.block.body.attributes.get(attribute)?.syntax;
  if (syntax === undefined) return { count: undefined, zones: [], at, basis: `${attribute} is not set` };
  const references = referencedResources(syntax);
  const subnets = index.referenced(group, attribute);
  if (
    references.length === 0 ||
    subnets.length !== references.length ||
    subnets.some((subnet) => subnet.type !== 'aws_subnet')
  ) {
    return { count: undefined, zones: [], at, basis: `the zones of ${attribute} are not in the files` };
  }
  const zones: string[] = [];
  for (const subnet of subnets) {
    const zoneSyntax = subnet.block.body.attributes.get('availability_zone')?.syntax;
    if (zoneSyntax === undefined) {
      return { count: undefined, zones: [], at, basis: `subnet ${subnet.name} sets no availability_zone` };
    }
    const counted = subnet.block.body.attributes.has('count');
    const instances = index.instances(subnet);
    if (counted && instances === undefined) {
      return { count: undefined, zones: [], at, basis: `the count of subnet ${subnet.name} cannot be evaluated` };
    }
    const positions: readonly (number | undefined)[] = counted ? [...Array(instances ?? 0).keys()] : [undefined];
    for (const position of positions) {
      const bindings = position === undefined ? undefined : new Map<string, unknown>([['count.index', position]]);
      const zone = evaluateAttribute(subnet.module, zoneSyntax, bindings).value;
      if (typeof zone !== 'string' || isUnknown(zone)) {
        return {
          count: undefined,
          zones: [],
          at,
          basis: `the availability_zone of subnet ${subnet.name} cannot be evaluated`,
        };
      }
      zones.push(zone);
    }
  }
  const distinct = [...new Set(zones)];
  return { count: distinct.length, zones: distinct, at, basis: `subnets in ${distinct.join(', ') || 'no zone'}` };
}

function eksNodeGroup(index: ResourceIndex, group: ResourceBlock): NodePool {
  const read = index.reader(group);
  const scaling = read.block('scaling_config');
  const minimum = scaling.number('min_size');
  const maximum = scaling.number('max_size');
  const low = settingValue(minimum);
  const high = settingValue(maximum);
  const autoscaling: Setting<boolean> =
    minimum.state === 'unresolved'
      ? minimum
      : maximum.state === 'unresolved'
        ? maximum
        : derivedSetting(low !== undefined && high !== undefined && high > low, maximum.source);
  return {
    name: settingValue(read.string('node_group_name')) ?? group.name,
    declaredAs: group.type,
    source: group.source,
    zones: subnetZones(index, group, 'subnet_ids'),
    autoscaling,
    minNodes: minimum,
    maxNodes: maximum,
  };
}

function eksCluster(resource: ResourceBlock, index: ResourceIndex): Cluster {
  const read = index.reader(resource);
  const groups = index.referrers(resource, 'aws_eks_node_group', 'cluster_name');
  return cluster(resource, {
    provider: 'aws',
    resourceType: resource.type,
    kubernetesVersion: read.string('version'),
    slaTier: undefined,
    availability: availabilityOf(
      resource.type,
      'zone-redundant',
      'the EKS control plane runs in several zones',
      read.at,
      'standard',
    ),
    regional: undefined,
    releaseChannel: undefined,
    autopilot: undefined,
    clusterAutoscaling: undefined,
    nodePools: groups.map((group) => eksNodeGroup(index, group)),
  });
}

/** `europe-west1` is a region; `europe-west1-b` a zone. */
const REGION = /^[a-z]+-[a-z]+\d+$/;

function gkePool(
  read: BodyReader,
  name: string,
  declaredAs: string,
  source: SourcePointer,
  clusterZones: ZoneSpread,
): NodePool {
  const autoscalingBlocks = read.blocks('autoscaling');
  const autoscalingBlock = read.block('autoscaling');
  const locations = read.strings('node_locations');
  const zones =
    locations.state === 'default'
      ? { ...clusterZones, basis: `the cluster's zones: ${clusterZones.basis}` }
      : zoneList(locations, `node pool "${name}"`);
  return {
    name,
    declaredAs,
    source,
    zones,
    autoscaling:
      autoscalingBlocks.length > 0
        ? derivedSetting(true, autoscalingBlock.at)
        : { state: 'default', value: false, source: pointerTo(read.at, 'autoscaling') },
    minNodes: autoscalingBlock.has('total_min_node_count')
      ? autoscalingBlock.number('total_min_node_count')
      : autoscalingBlock.number('min_node_count'),
    maxNodes: autoscalingBlock.has('total_max_node_count')
      ? autoscalingBlock.number('total_max_node_count')
      : autoscalingBlock.number('max_node_count'),
  };
}

function gkeCluster(resource: ResourceBlock, index: ResourceIndex): Cluster {
  const read = index.reader(resource);
  const location = read.string('location');
  const locationValue = settingValue(location);
  const regional = mapSetting(location, (value) => REGION.test(value));
  const autopilot = read.boolean('enable_autopilot', false);
  const clusterAutoscaling = read.block('cluster_autoscaling').boolean('enabled', false);
  const nodeLocations = read.strings('node_locations');
  const clusterZones: ZoneSpread =
    nodeLocations.state === 'set' || nodeLocations.state === 'unresolved'
      ? zoneList(nodeLocations, 'the cluster')
      : regional.state === 'unresolved'
        ? {
            count: undefined,
            zones: [],
            at: location.source,
            basis: `location = ${regional.expression}: ${regional.reason}`,
          }
        : settingValue(regional) === true
          ? {
              count: 3,
              zones: [],
              at: location.source,
              basis: `regional cluster in ${locationValue ?? ''} (three zones by default)`,
            }
          : {
              count: 1,
              zones: locationValue === undefined ? [] : [locationValue],
              at: location.source,
              basis: `zonal cluster in ${locationValue ?? 'an unknown zone'}`,
            };
  const inline = read.blocks('node_pool');
  const separate = index.referrers(resource, 'google_container_node_pool', 'cluster');
  const removeDefault = settingValue(read.boolean('remove_default_node_pool', false)) === true;
  const pools: NodePool[] = [
    ...inline.map((pool, position) =>
      gkePool(pool, settingValue(pool.string('name')) ?? `node_pool ${position}`, 'node_pool', pool.at, clusterZones),
    ),
    ...separate.map((pool) =>
      gkePool(
        index.reader(pool),
        settingValue(index.reader(pool).string('name')) ?? pool.name,
        pool.type,
        pool.source,
        clusterZones,
      ),
    ),
  ];
  const autopilotValue = settingValue(autopilot) === true;
  if (inline.length === 0 && !removeDefault && !autopilotValue) {
    pools.unshift({
      name: 'default-pool',
      declaredAs: 'default node pool',
      source: read.at,
      zones: clusterZones,
      autoscaling: { state: 'default', value: false, source: pointerTo(read.at, 'node_pool') },
      minNodes: undefined,
      maxNodes: undefined,
    });
  }
  const availability =
    unknownAvailability(autopilot, 'enable_autopilot') ??
    unknownAvailability(regional, 'location') ??
    (autopilotValue
      ? availabilityOf(resource.type, 'zone-redundant', 'an Autopilot cluster', autopilot.source, 'autopilot')
      : settingValue(regional) === true
        ? availabilityOf(
            resource.type,
            'zone-redundant',
            `location ${locationValue ?? ''} is a region`,
            location.source,
            'regional',
          )
        : availabilityOf(
            resource.type,
            'single',
            `location ${locationValue ?? ''} is one zone`,
            location.source,
            'zonal',
          ));
  return cluster(resource, {
    provider: 'gcp',
    resourceType: resource.type,
    kubernetesVersion: read.has('min_master_version') ? read.string('min_master_version') : read.string('node_version'),
    slaTier: undefined,
    availability,
    regional,
    releaseChannel: read.block('release_channel').string('channel'),
    autopilot,
    clusterAutoscaling,
    nodePools: pools,
  });
}
