import { pointerTo } from '../core/source.js';
import type { ResourceBlock } from './infrastructure-evaluate.js';
import {
  availabilityOf,
  derivedSetting,
  literalCredentials,
  mapSetting,
  notSet,
  type ResourceIndex,
  type ServiceReader,
  serviceDetails,
  unknownAvailability,
} from './infrastructure-nodes.js';
import { listSetting, type Setting, settingValue } from './infrastructure-settings.js';

/**
 * AWS resources read as managed services. Defaults are those of the AWS API (which the provider
 * leaves to it) when an attribute is left out: RDS keeps one day of backups, storage is not
 * encrypted unless asked, Multi-AZ is off.
 */

const dbInstance: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const multiAz = read.boolean('multi_az', false);
  const type = resource.type;
  const availability =
    unknownAvailability(multiAz, 'multi_az') ??
    (settingValue(multiAz) === true
      ? availabilityOf(type, 'zone-redundant', 'multi_az is true', multiAz.source, 'multi-az')
      : availabilityOf(
          type,
          'single',
          `${notSet(multiAz, 'multi_az')}: one instance in one zone`,
          multiAz.source,
          'single-az',
        ));
  const replication = index.referrers(
    resource,
    'aws_db_instance_automated_backups_replication',
    'source_db_instance_arn',
  );
  const replicated = replication[0];
  return serviceDetails({
    category: 'database',
    engine: settingValue(read.string('engine')),
    availability,
    sku: read.string('instance_class'),
    backup: {
      enabled: undefined,
      retentionDays: read.number('backup_retention_period', 1),
      pointInTimeRestore: undefined,
      geoRedundant:
        replicated === undefined
          ? { state: 'default', value: false, source: read.at }
          : derivedSetting(true, pointerTo(replicated.source, 'source_db_instance_arn')),
    },
    publicNetworkAccess: read.boolean('publicly_accessible', false),
    encryptedAtRest: read.boolean('storage_encrypted', false),
    literalCredentials: literalCredentials(read, ['password']),
  });
};

function instanceCount(index: ResourceIndex, instances: readonly ResourceBlock[]): number | undefined {
  let total = 0;
  for (const instance of instances) {
    const count = index.instances(instance);
    if (count === undefined) return undefined;
    total += count;
  }
  return total;
}

const rdsCluster: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const engine = read.string('engine', 'aurora');
  const engineName = settingValue(engine) ?? '';
  const type = resource.type;
  const aurora = engineName.startsWith('aurora');
  const serverless = settingValue(read.string('engine_mode')) === 'serverless';
  const instances = index.referrers(resource, 'aws_rds_cluster_instance', 'cluster_identifier');
  const count = instanceCount(index, instances);
  const instancesAt = instances[0]?.source ?? read.at;
  let availability =
    unknownAvailability(engine, 'engine') ??
    (serverless
      ? availabilityOf(type, 'provider-managed', 'engine_mode is "serverless"', read.at)
      : !aurora && read.has('db_cluster_instance_class')
        ? availabilityOf(
            type,
            'zone-redundant',
            'a Multi-AZ DB cluster (three instances in three zones)',
            read.at,
            'multi-az-cluster',
          )
        : undefined);
  if (availability === undefined) {
    if (instances.length === 0) {
      availability = {
        tier: 'unknown',
        basis: 'no aws_rds_cluster_instance in the same module refers to this cluster',
        at: read.at,
        sla: undefined,
      };
    } else if (count === undefined) {
      availability = {
        tier: 'unknown',
        basis: 'the count of its instances cannot be evaluated',
        at: instancesAt,
        sla: undefined,
      };
    } else if (count >= 2) {
      availability = availabilityOf(
        type,
        'zone-redundant',
        `${count} instances: a replica takes over`,
        instancesAt,
        'aurora-multi-az',
      );
    } else {
      availability = availabilityOf(
        type,
        'single',
        'one instance: no replica to fail over to',
        instancesAt,
        'aurora-single-az',
      );
    }
  }
  const publicInstance = instances
    .map((instance) => index.reader(instance).boolean('publicly_accessible', false))
    .find((setting) => setting.state === 'unresolved' || settingValue(setting) === true);
  return serviceDetails({
    category: 'database',
    engine: engineName,
    availability,
    sku: read.string('db_cluster_instance_class'),
    replicas: count === undefined ? undefined : derivedSetting(Math.max(0, count - 1), instancesAt),
    backup: {
      enabled: undefined,
      retentionDays: read.number('backup_retention_period', 1),
      pointInTimeRestore: undefined,
      geoRedundant: undefined,
    },
    publicNetworkAccess: publicInstance ?? { state: 'default', value: false, source: instancesAt },
    encryptedAtRest: read.boolean('storage_encrypted', serverless),
    literalCredentials: literalCredentials(read, ['master_password']),
  });
};

const replicationGroup: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const engine = read.string('engine', 'redis');
  const failover = read.boolean('automatic_failover_enabled', false);
  const multiAz = read.boolean('multi_az_enabled', false);
  const nodes = read.has('num_cache_clusters')
    ? read.number('num_cache_clusters')
    : read.has('number_cache_clusters')
      ? read.number('number_cache_clusters')
      : mapSetting(read.number('replicas_per_node_group', 0), (replicas) => replicas + 1);
  const type = resource.type;
  const nodeCount = settingValue(nodes) ?? 1;
  const availability =
    unknownAvailability(failover, 'automatic_failover_enabled') ??
    unknownAvailability(multiAz, 'multi_az_enabled') ??
    unknownAvailability(nodes, 'num_cache_clusters') ??
    (nodeCount < 2
      ? availabilityOf(type, 'single', 'one node: no replica', nodes.source, 'single-az')
      : settingValue(failover) !== true
        ? availabilityOf(
            type,
            'single',
            'automatic_failover_enabled is not set: a replica is not promoted',
            failover.source,
            'single-az',
          )
        : settingValue(multiAz) === true
          ? availabilityOf(type, 'zone-redundant', 'Multi-AZ with automatic failover', multiAz.source, 'multi-az')
          : availabilityOf(
              type,
              'zonal-ha',
              'automatic failover without multi_az_enabled',
              multiAz.source,
              'single-az',
            ));
  const valkey = settingValue(engine) === 'valkey';
  return serviceDetails({
    category: 'cache',
    engine: settingValue(engine),
    availability,
    sku: read.string('node_type'),
    replicas: mapSetting(nodes, (count) => Math.max(0, count - 1)),
    encryptedAtRest: read.boolean('at_rest_encryption_enabled', valkey),
    plaintextAllowed: mapSetting(read.boolean('transit_encryption_enabled', false), (encrypted) => !encrypted),
    literalCredentials: literalCredentials(read, ['auth_token']),
  });
};

const mskCluster: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const brokers = read.block('broker_node_group_info');
  // The MSK API takes two or three client subnets, which must lie in distinct zones.
  const availability = availabilityOf(
    resource.type,
    'zone-redundant',
    'MSK spreads brokers over two or three zones',
    pointerTo(brokers.at, 'client_subnets'),
    'multi-az',
  );
  const clientBroker = read.block('encryption_info').block('encryption_in_transit').string('client_broker', 'TLS');
  const publicAccess = brokers.block('connectivity_info').block('public_access').string('type', 'DISABLED');
  return serviceDetails({
    category: 'queue',
    engine: 'kafka',
    availability,
    sku: brokers.string('instance_type'),
    replicas: read.number('number_of_broker_nodes'),
    plaintextAllowed: mapSetting(clientBroker, (value) => value !== 'TLS'),
    publicNetworkAccess: mapSetting(publicAccess, (value) => value !== 'DISABLED'),
  });
};

const mqBroker: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const mode = read.string('deployment_mode', 'SINGLE_INSTANCE');
  const type = resource.type;
  const availability =
    unknownAvailability(mode, 'deployment_mode') ??
    (settingValue(mode) === 'SINGLE_INSTANCE'
      ? availabilityOf(type, 'single', 'deployment_mode is SINGLE_INSTANCE', mode.source)
      : availabilityOf(
          type,
          'zone-redundant',
          `deployment_mode is ${settingValue(mode) ?? ''}`,
          mode.source,
          'multi-az',
        ));
  const passwords = read.blocks('user').flatMap((user) => literalCredentials(user, ['password']));
  return serviceDetails({
    category: 'queue',
    engine: settingValue(read.string('engine_type'))?.toLowerCase(),
    availability,
    sku: read.string('host_instance_type'),
    publicNetworkAccess: read.boolean('publicly_accessible', false),
    literalCredentials: passwords,
  });
};

const dynamoTable: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const replicas = read.blocks('replica');
  const type = resource.type;
  const availability =
    replicas.length > 0
      ? availabilityOf(
          type,
          'multi-region',
          `a global table with ${replicas.length} replica regions`,
          pointerTo(read.at, 'replica'),
          'global',
        )
      : availabilityOf(type, 'zone-redundant', 'DynamoDB keeps every table in three zones', read.at, 'standard');
  return serviceDetails({
    category: 'database',
    engine: 'dynamodb',
    availability,
    backup: {
      enabled: undefined,
      retentionDays: undefined,
      pointInTimeRestore: read.block('point_in_time_recovery').boolean('enabled', false),
      geoRedundant: undefined,
    },
  });
};

const s3Bucket: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const inline = read.blocks('versioning');
  const versioningResource = index.referrers(resource, 'aws_s3_bucket_versioning', 'bucket')[0];
  let versioning: Setting<boolean>;
  if (versioningResource !== undefined) {
    const status = index.reader(versioningResource).block('versioning_configuration').string('status');
    versioning = mapSetting(status, (value) => value === 'Enabled');
  } else if (inline[0] !== undefined) {
    versioning = inline[0].boolean('enabled', false);
  } else {
    versioning = { state: 'default', value: false, source: read.at };
  }
  return serviceDetails({
    category: 'storage',
    engine: 's3',
    availability: availabilityOf(
      resource.type,
      'zone-redundant',
      'S3 Standard stores objects in several zones',
      read.at,
      'standard',
    ),
    versioning,
  });
};

const secretsManagerSecret: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  return serviceDetails({
    category: 'secrets',
    engine: 'secrets-manager',
    availability: availabilityOf(resource.type, 'provider-managed', 'replicated by AWS in the region', read.at),
  });
};

const metricAlarm: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const actions = listSetting(read, 'alarm_actions');
  return serviceDetails({
    category: 'monitoring',
    engine: 'cloudwatch',
    availability: availabilityOf(resource.type, 'not-applicable', 'an alarm', read.at),
    alerting: {
      notifies:
        actions.state === 'unresolved'
          ? actions
          : actions.state === 'default'
            ? { state: 'default', value: false, source: actions.source }
            : { ...actions, value: actions.value.length > 0 },
    },
  });
};

const loadBalancer: ServiceReader = (resource, index) => {
  const read = index.reader(resource);
  const subnets = read.has('subnets') ? listSetting(read, 'subnets') : undefined;
  const mappings = read.blocks('subnet_mapping');
  const type = resource.type;
  const count = subnets === undefined ? mappings.length : settingValue(subnets)?.length;
  const at = subnets?.source ?? pointerTo(read.at, 'subnet_mapping');
  const availability =
    (subnets === undefined ? undefined : unknownAvailability(subnets, 'subnets')) ??
    (count !== undefined && count >= 2
      ? availabilityOf(type, 'zone-redundant', `${count} subnets`, at, 'standard')
      : availabilityOf(type, 'single', `${count ?? 0} subnet`, at, 'standard'));
  return serviceDetails({
    category: 'load-balancer',
    engine: settingValue(read.string('load_balancer_type', 'application')),
    availability,
    publicNetworkAccess: mapSetting(read.boolean('internal', false), (internal) => !internal),
  });
};

export const AWS_SERVICES: Readonly<Record<string, ServiceReader>> = {
  aws_db_instance: dbInstance,
  aws_rds_cluster: rdsCluster,
  aws_elasticache_replication_group: replicationGroup,
  aws_msk_cluster: mskCluster,
  aws_mq_broker: mqBroker,
  aws_dynamodb_table: dynamoTable,
  aws_s3_bucket: s3Bucket,
  aws_secretsmanager_secret: secretsManagerSecret,
  aws_cloudwatch_metric_alarm: metricAlarm,
  aws_cloudwatch_composite_alarm: metricAlarm,
  aws_lb: loadBalancer,
};
