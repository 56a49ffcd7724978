import { pointerTo } from '../core/source.js';
import {
  availabilityOf,
  literalCredentials,
  mapSetting,
  type ServiceReader,
  serviceDetails,
  unknownAvailability,
} from './infrastructure-nodes.js';
import { listSetting, type Setting, settingValue } from './infrastructure-settings.js';

/** Google Cloud resources read as managed services, with the google provider's defaults. */

function engineOfDatabaseVersion(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (version.startsWith('POSTGRES')) return 'postgresql';
  if (version.startsWith('MYSQL')) return 'mysql';
  if (version.startsWith('SQLSERVER')) return 'sqlserver';
  return version.toLowerCase();
}

const sqlInstance: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const settings = read.block('settings');
  const availabilityType = settings.string('availability_type', 'ZONAL');
  const edition = settings.string('edition', 'ENTERPRISE');
  const type = resource.type;
  const availability =
    unknownAvailability(availabilityType, 'settings.availability_type') ??
    (settingValue(availabilityType) === 'REGIONAL'
      ? availabilityOf(
          type,
          'zone-redundant',
          'settings.availability_type is REGIONAL: a standby in another zone',
          availabilityType.source,
          settingValue(edition) === 'ENTERPRISE_PLUS' ? 'enterprise-plus-ha' : 'enterprise-ha',
        )
      : availabilityOf(
          type,
          'single',
          'settings.availability_type is ZONAL: one zone',
          availabilityType.source,
          'zonal',
        ));
  const engine = engineOfDatabaseVersion(settingValue(read.string('database_version')));
  const backup = settings.block('backup_configuration');
  const enabled = backup.boolean('enabled', false);
  const retained = backup.block('backup_retention_settings').number('retained_backups', 7);
  const pointInTime: Setting<boolean> =
    engine === 'mysql'
      ? backup.boolean('binary_log_enabled', false)
      : backup.boolean('point_in_time_recovery_enabled', false);
  const ip = settings.block('ip_configuration');
  const requireSsl = ip.has('require_ssl') ? ip.boolean('require_ssl', false) : undefined;
  const sslMode = ip.string('ssl_mode', 'ALLOW_UNENCRYPTED_AND_ENCRYPTED');
  const plaintextAllowed: Setting<boolean> = ip.has('ssl_mode')
    ? mapSetting(sslMode, (mode) => mode === 'ALLOW_UNENCRYPTED_AND_ENCRYPTED')
    : requireSsl !== undefined
      ? mapSetting(requireSsl, (required) => !required)
      : mapSetting(sslMode, (mode) => mode === 'ALLOW_UNENCRYPTED_AND_ENCRYPTED');
  return serviceDetails({
    category: 'database',
    engine,
    availability,
    sku: settings.string('tier'),
    backup: {
      enabled,
      retentionDays: retained,
      pointInTimeRestore: pointInTime,
      geoRedundant: undefined,
    },
    publicNetworkAccess: ip.boolean('ipv4_enabled', true),
    plaintextAllowed,
    literalCredentials: literalCredentials(read, ['root_password']),
  });
};

const redisInstance: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const tier = read.string('tier', 'BASIC');
  const type = resource.type;
  const availability =
    unknownAvailability(tier, 'tier') ??
    (settingValue(tier) === 'STANDARD_HA'
      ? availabilityOf(
          type,
          'zone-redundant',
          'tier is STANDARD_HA: a replica in another zone',
          tier.source,
          'standard-ha',
        )
      : availabilityOf(type, 'single', 'tier is BASIC: one node, no replica', tier.source, 'basic'));
  return serviceDetails({
    category: 'cache',
    engine: 'redis',
    availability,
    sku: tier,
    replicas: settingValue(tier) === 'STANDARD_HA' ? read.number('replica_count', 1) : mapSetting(tier, () => 0),
    plaintextAllowed: mapSetting(read.string('transit_encryption_mode', 'DISABLED'), (mode) => mode === 'DISABLED'),
  });
};

const pubsubTopic: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  return serviceDetails({
    category: 'queue',
    engine: 'pubsub',
    availability: availabilityOf(
      resource.type,
      'provider-managed',
      'replicated by Google across zones',
      read.at,
      'standard',
    ),
  });
};

/** `europe-west1` is one region; `EU`, `US`, `NAM4`, `EUR4` are multi- or dual-regions. */
const REGION = /^[a-z]+-[a-z]+\d+$/i;

const storageBucket: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const location = read.string('location');
  const type = resource.type;
  const availability =
    unknownAvailability(location, 'location') ??
    (REGION.test(settingValue(location) ?? '')
      ? availabilityOf(
          type,
          'zone-redundant',
          `location ${settingValue(location) ?? ''} is one region`,
          location.source,
          'regional',
        )
      : availabilityOf(
          type,
          'multi-region',
          `location ${settingValue(location) ?? ''} spans regions`,
          location.source,
          'multi-region',
        ));
  return serviceDetails({
    category: 'storage',
    engine: 'gcs',
    availability,
    sku: read.string('storage_class', 'STANDARD'),
    redundancy: location,
    versioning: read.block('versioning').boolean('enabled', false),
  });
};

const secretManagerSecret: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const replication = read.block('replication');
  const userManaged = replication.blocks('user_managed')[0];
  const replicas = userManaged?.blocks('replicas').length ?? 0;
  const availability =
    userManaged !== undefined && replicas < 2
      ? availabilityOf(resource.type, 'single', 'user-managed replication in one location', userManaged.at)
      : availabilityOf(resource.type, 'provider-managed', 'replicated by Google', pointerTo(read.at, 'replication'));
  return serviceDetails({ category: 'secrets', engine: 'secret-manager', availability });
};

const alertPolicy: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const channels = listSetting(read, 'notification_channels');
  return serviceDetails({
    category: 'monitoring',
    engine: 'cloud-monitoring',
    availability: availabilityOf(resource.type, 'not-applicable', 'an alert policy', read.at),
    alerting: {
      notifies:
        channels.state === 'unresolved'
          ? channels
          : channels.state === 'default'
            ? { state: 'default', value: false, source: channels.source }
            : { ...channels, value: channels.value.length > 0 },
    },
  });
};

export const GCP_SERVICES: Readonly<Record<string, ServiceReader>> = {
  google_sql_database_instance: sqlInstance,
  google_redis_instance: redisInstance,
  google_pubsub_topic: pubsubTopic,
  google_storage_bucket: storageBucket,
  google_secret_manager_secret: secretManagerSecret,
  google_monitoring_alert_policy: alertPolicy,
};
