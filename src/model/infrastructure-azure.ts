import { pointerTo } from '../core/source.js';
import type { ResourceBlock } from './infrastructure-evaluate.js';
import {
  availabilityOf,
  derivedSetting,
  literalCredentials,
  mapSetting,
  normalizeTlsVersion,
  notSet,
  type ResourceIndex,
  type ServiceReader,
  serviceDetails,
  unknownAvailability,
} from './infrastructure-nodes.js';
import { type BodyReader, type Setting, settingValue } from './infrastructure-settings.js';

/**
 * Azure resources read as managed services. Defaults are those of the azurerm provider 3.x/4.x
 * documentation when an attribute is left out.
 */

function flexibleServer(engine: 'postgresql' | 'mysql'): ServiceReader {
  return (resource, index) => {
    const read = index.reader(resource);
    const blocks = read.blocks('high_availability');
    const mode = read.block('high_availability').string('mode');
    const type = resource.type;
    const availability =
      blocks.length === 0
        ? availabilityOf(type, 'single', 'no high_availability block', pointerTo(read.at, 'high_availability'), 'no-ha')
        : (unknownAvailability(mode, 'high_availability.mode') ??
          (settingValue(mode) === 'ZoneRedundant'
            ? availabilityOf(
                type,
                'zone-redundant',
                'high_availability.mode is "ZoneRedundant"',
                mode.source,
                'zone-redundant-ha',
              )
            : availabilityOf(type, 'zonal-ha', 'high_availability.mode is "SameZone"', mode.source, 'same-zone-ha')));
    const delegated = read.has('delegated_subnet_id');
    const publicNetworkAccess: Setting<boolean> = read.has('public_network_access_enabled')
      ? read.boolean('public_network_access_enabled')
      : read.has('public_network_access')
        ? mapSetting(read.string('public_network_access'), (value) => value.toLowerCase() === 'enabled')
        : { state: 'default', value: !delegated, source: pointerTo(read.at, 'public_network_access_enabled') };
    return serviceDetails({
      category: 'database',
      engine,
      availability,
      sku: read.string('sku_name'),
      backup: {
        enabled: undefined,
        retentionDays: read.number('backup_retention_days', 7),
        pointInTimeRestore: undefined,
        geoRedundant: read.boolean('geo_redundant_backup_enabled', false),
      },
      publicNetworkAccess,
      literalCredentials: literalCredentials(read, ['administrator_password']),
    });
  };
}

const mssqlServer: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  return serviceDetails({
    category: 'database',
    engine: 'sqlserver',
    availability: availabilityOf(
      resource.type,
      'not-applicable',
      'a logical server: its databases carry the tier',
      read.at,
    ),
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    minimumTlsVersion: mapSetting(read.string('minimum_tls_version', '1.2'), normalizeTlsVersion),
    literalCredentials: literalCredentials(read, ['administrator_login_password']),
  });
};

const mssqlDatabase: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const zoneRedundant = read.boolean('zone_redundant', false);
  const sku = read.string('sku_name');
  const availability =
    unknownAvailability(zoneRedundant, 'zone_redundant') ??
    (settingValue(zoneRedundant) === true
      ? availabilityOf(
          resource.type,
          'zone-redundant',
          'zone_redundant is true',
          zoneRedundant.source,
          'zone-redundant',
        )
      : availabilityOf(
          resource.type,
          'zonal-ha',
          notSet(zoneRedundant, 'zone_redundant'),
          zoneRedundant.source,
          'standard',
        ));
  const shortTerm = read.block('short_term_retention_policy');
  const storage = read.string('storage_account_type', 'Geo');
  return serviceDetails({
    category: 'database',
    engine: 'sqlserver',
    availability,
    sku,
    backup: {
      enabled: undefined,
      retentionDays: shortTerm.number('retention_days', 7),
      pointInTimeRestore: undefined,
      geoRedundant: mapSetting(storage, (value) => value === 'Geo' || value === 'GeoZone'),
    },
    encryptedAtRest: read.boolean('transparent_data_encryption_enabled', true),
  });
};

const cosmosAccount: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const locations = read.blocks('geo_location');
  const zoneFlags = locations.map((location) => location.boolean('zone_redundant', false));
  const unresolved = zoneFlags.find((flag) => flag.state === 'unresolved');
  const type = resource.type;
  const availability =
    (unresolved === undefined ? undefined : unknownAvailability(unresolved, 'geo_location.zone_redundant')) ??
    (locations.length >= 2
      ? availabilityOf(
          type,
          'multi-region',
          `${locations.length} geo_location blocks`,
          pointerTo(read.at, 'geo_location'),
          'multi-region',
        )
      : zoneFlags[0] !== undefined && settingValue(zoneFlags[0]) === true
        ? availabilityOf(
            type,
            'zone-redundant',
            'geo_location.zone_redundant is true',
            zoneFlags[0].source,
            'single-region-zones',
          )
        : availabilityOf(
            type,
            'zonal-ha',
            'one region without zone redundancy',
            zoneFlags[0]?.source ?? pointerTo(read.at, 'geo_location'),
            'single-region',
          ));
  const backup = read.block('backup');
  const backupType = backup.string('type', 'Periodic');
  const continuous = backupType.state !== 'unresolved' && backupType.value === 'Continuous';
  const retentionDays: Setting<number> = continuous
    ? mapSetting(backup.string('tier', 'Continuous30Days'), (tier) => (tier === 'Continuous7Days' ? 7 : 30))
    : mapSetting(backup.number('retention_in_hours', 8), (hours) => hours / 24);
  return serviceDetails({
    category: 'database',
    engine: 'cosmosdb',
    availability,
    backup: {
      enabled: undefined,
      retentionDays,
      pointInTimeRestore: mapSetting(backupType, (value) => value === 'Continuous'),
      geoRedundant: continuous
        ? undefined
        : mapSetting(backup.string('storage_redundancy', 'Geo'), (value) => value === 'Geo'),
    },
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    minimumTlsVersion: mapSetting(read.string('minimal_tls_version', 'Tls12'), normalizeTlsVersion),
  });
};

const redisCache: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const sku = read.string('sku_name');
  const skuName = settingValue(sku);
  const zones = read.strings('zones');
  const type = resource.type;
  const zoneCount = zones.state === 'set' ? zones.value.length : 0;
  const availability =
    unknownAvailability(sku, 'sku_name') ??
    (skuName === 'Basic'
      ? availabilityOf(type, 'single', 'sku_name is "Basic": one node, no replica', sku.source)
      : skuName === 'Premium' && zoneCount >= 2
        ? availabilityOf(
            type,
            'zone-redundant',
            `sku_name is "Premium" across ${zoneCount} zones`,
            zones.source,
            'zone-redundant',
          )
        : availabilityOf(
            type,
            'zonal-ha',
            `sku_name is "${skuName ?? ''}": a replica in the same zone`,
            sku.source,
            'replicated',
          ));
  const nonSslPort = read.has('enable_non_ssl_port')
    ? read.boolean('enable_non_ssl_port', false)
    : read.boolean('non_ssl_port_enabled', false);
  return serviceDetails({
    category: 'cache',
    engine: 'redis',
    availability,
    sku,
    replicas: skuName === 'Basic' ? derivedSetting(0, sku.source) : read.number('replicas_per_primary', 1),
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    minimumTlsVersion: mapSetting(read.string('minimum_tls_version', '1.2'), normalizeTlsVersion),
    plaintextAllowed: nonSslPort,
  });
};

const serviceBus: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const sku = read.string('sku');
  const skuName = settingValue(sku);
  const type = resource.type;
  const availability =
    unknownAvailability(sku, 'sku') ??
    (skuName === 'Premium'
      ? availabilityOf(
          type,
          'zone-redundant',
          'sku is "Premium" (zone-redundant where the region has zones)',
          sku.source,
          'premium',
        )
      : availabilityOf(type, 'zonal-ha', `sku is "${skuName ?? ''}": no zone redundancy`, sku.source, 'standard'));
  return serviceDetails({
    category: 'queue',
    engine: 'servicebus',
    availability,
    sku,
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    minimumTlsVersion: mapSetting(read.string('minimum_tls_version', '1.2'), normalizeTlsVersion),
  });
};

const eventHubs: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const sku = read.string('sku');
  const zoneRedundant = read.boolean('zone_redundant', false);
  const type = resource.type;
  const skuName = settingValue(sku);
  const premium = skuName === 'Premium' || skuName === 'Dedicated';
  const availability =
    unknownAvailability(sku, 'sku') ??
    (premium
      ? availabilityOf(type, 'zone-redundant', `sku is "${skuName ?? ''}"`, sku.source, 'premium')
      : skuName === 'Standard' && settingValue(zoneRedundant) === true
        ? availabilityOf(
            type,
            'zone-redundant',
            'sku is "Standard" with zone_redundant',
            zoneRedundant.source,
            'standard',
          )
        : (unknownAvailability(zoneRedundant, 'zone_redundant') ??
          availabilityOf(
            type,
            'zonal-ha',
            `sku is "${skuName ?? ''}" without zone redundancy`,
            sku.source,
            'standard',
          )));
  return serviceDetails({
    category: 'queue',
    engine: 'eventhubs',
    availability,
    sku,
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    minimumTlsVersion: mapSetting(read.string('minimum_tls_version', '1.2'), normalizeTlsVersion),
  });
};

const ZONE_REDUNDANT_STORAGE = new Set(['ZRS', 'GZRS', 'RAGZRS']);

const storageAccount: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const redundancy = read.string('account_replication_type');
  const replication = settingValue(redundancy);
  const type = resource.type;
  const availability =
    unknownAvailability(redundancy, 'account_replication_type') ??
    (replication !== undefined && ZONE_REDUNDANT_STORAGE.has(replication)
      ? availabilityOf(
          type,
          'zone-redundant',
          `account_replication_type is "${replication}"`,
          redundancy.source,
          slaKeyOf(replication),
        )
      : availabilityOf(
          type,
          'single',
          `account_replication_type is "${replication ?? ''}": one zone in the primary region`,
          redundancy.source,
          slaKeyOf(replication ?? ''),
        ));
  return serviceDetails({
    category: 'storage',
    engine: 'azure-storage',
    availability,
    sku: read.string('account_tier'),
    redundancy,
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    minimumTlsVersion: mapSetting(read.string('min_tls_version', 'TLS1_2'), normalizeTlsVersion),
    plaintextAllowed: mapSetting(
      read.has('enable_https_traffic_only')
        ? read.boolean('enable_https_traffic_only', true)
        : read.boolean('https_traffic_only_enabled', true),
      (httpsOnly) => !httpsOnly,
    ),
    versioning: read.block('blob_properties').boolean('versioning_enabled', false),
  });
};

function slaKeyOf(replication: string): string {
  return replication.startsWith('RA') ? 'read-access-geo' : 'standard';
}

const keyVault: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  return serviceDetails({
    category: 'secrets',
    engine: 'key-vault',
    availability: availabilityOf(resource.type, 'provider-managed', 'replicated by Azure', read.at, 'standard'),
    sku: read.string('sku_name'),
    publicNetworkAccess: read.boolean('public_network_access_enabled', true),
    purgeProtection: read.boolean('purge_protection_enabled', false),
  });
};

/** An alert notifies when one of its actions names an action group. */
function alertReader(actionAttribute: 'action_group_id' | 'action_groups'): ServiceReader {
  return (resource: ResourceBlock, index: ResourceIndex) => {
    const read = index.reader(resource);
    const actions = read.blocks('action');
    return serviceDetails({
      category: 'monitoring',
      engine: 'azure-monitor',
      availability: availabilityOf(resource.type, 'not-applicable', 'an alert rule', read.at),
      alerting: { notifies: notifies(read, actions, actionAttribute) },
    });
  };
}

function notifies(read: BodyReader, actions: readonly BodyReader[], attribute: string): Setting<boolean> {
  if (actions.length === 0) return { state: 'default', value: false, source: pointerTo(read.at, 'action') };
  for (const action of actions) {
    const value = action.value(attribute);
    if (value !== undefined) return derivedSetting(true, pointerTo(action.at, attribute));
  }
  return { state: 'default', value: false, source: actions[0]?.at ?? read.at };
}

const actionGroup: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  return serviceDetails({
    category: 'monitoring',
    engine: 'azure-monitor',
    availability: availabilityOf(resource.type, 'not-applicable', 'where alerts are sent', read.at),
  });
};

export const AZURE_SERVICES: Readonly<Record<string, ServiceReader>> = {
  azurerm_postgresql_flexible_server: flexibleServer('postgresql'),
  azurerm_mysql_flexible_server: flexibleServer('mysql'),
  azurerm_mssql_server: mssqlServer,
  azurerm_mssql_database: mssqlDatabase,
  azurerm_cosmosdb_account: cosmosAccount,
  azurerm_redis_cache: redisCache,
  azurerm_servicebus_namespace: serviceBus,
  azurerm_eventhub_namespace: eventHubs,
  azurerm_storage_account: storageAccount,
  azurerm_key_vault: keyVault,
  azurerm_monitor_metric_alert: alertReader('action_group_id'),
  azurerm_monitor_activity_log_alert: alertReader('action_group_id'),
  azurerm_monitor_scheduled_query_rules_alert_v2: alertReader('action_groups'),
  azurerm_monitor_action_group: actionGroup,
};
