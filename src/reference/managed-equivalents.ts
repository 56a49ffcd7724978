import type { EngineName } from './engines.js';

/**
 * The managed service of each cloud that replaces a self-hosted engine, and the operational
 * work it takes over.
 *
 * Source: research notes `resilience.md` §4.1 (equivalence table) and §4.3 (operational
 * burden per engine), research date 2026-11-29. That table marks most service names as general
 * knowledge checked only in part (Amazon MQ deployment modes, Google Cloud Managed Service for
 * Apache Kafka, Firestore's MongoDB compatibility and Memorystore for Valkey were checked);
 * entries that are not in the table at all say so in `source`.
 */

export const MANAGED_CLOUDS = ['azure', 'aws', 'gcp'] as const;
export type ManagedCloud = (typeof MANAGED_CLOUDS)[number];

export const CLOUD_NAMES: Readonly<Record<ManagedCloud, string>> = { azure: 'Azure', aws: 'AWS', gcp: 'GCP' };

/** A cloud's answer for one engine: a managed service, or none with the reason. */
export type ManagedEquivalent =
  | {
      readonly available: true;
      readonly service: string;
      /** What differs from the self-hosted engine, in a short phrase, when it is not the engine itself. */
      readonly caveat?: string;
    }
  | { readonly available: false; readonly reason: string };

export interface EngineEquivalents {
  /** The operational work the managed service takes over, in a short phrase. */
  readonly burden: string;
  readonly azure: ManagedEquivalent;
  readonly aws: ManagedEquivalent;
  readonly gcp: ManagedEquivalent;
  readonly source: string;
}

const TABLE = 'resilience.md §4.1, §4.3 (2026-11-29)';
const NOT_IN_TABLE = 'not in resilience.md §4.1: general knowledge, unverified (2026-11-29)';

const SQL_BURDEN = 'patching, backups with point-in-time restore, standby failover and storage growth';

/** One entry per engine of `STATEFUL_ENGINES`: the record type makes a missing engine a compile error. */
export const MANAGED_EQUIVALENTS: Readonly<Record<EngineName, EngineEquivalents>> = {
  postgresql: {
    burden: SQL_BURDEN,
    azure: { available: true, service: 'Azure Database for PostgreSQL flexible server' },
    aws: { available: true, service: 'Amazon RDS for PostgreSQL or Aurora PostgreSQL' },
    gcp: { available: true, service: 'Cloud SQL for PostgreSQL or AlloyDB' },
    source: TABLE,
  },
  mysql: {
    burden: SQL_BURDEN,
    azure: { available: true, service: 'Azure Database for MySQL flexible server' },
    aws: { available: true, service: 'Amazon RDS for MySQL or Aurora MySQL' },
    gcp: { available: true, service: 'Cloud SQL for MySQL' },
    source: TABLE,
  },
  mariadb: {
    burden: SQL_BURDEN,
    azure: {
      available: true,
      service: 'Azure Database for MySQL flexible server',
      caveat: 'MySQL, not MariaDB: check the MariaDB-only features you use',
    },
    aws: { available: true, service: 'Amazon RDS for MariaDB' },
    gcp: {
      available: true,
      service: 'Cloud SQL for MySQL',
      caveat: 'MySQL, not MariaDB: check the MariaDB-only features you use',
    },
    source: TABLE,
  },
  mongodb: {
    burden: 'patching, backups, replica-set failover and scaling',
    azure: {
      available: true,
      service: 'Azure Cosmos DB for MongoDB (RU or vCore), or MongoDB Atlas from the Marketplace',
      caveat: 'Cosmos DB implements the MongoDB API, not the server: check the features you use',
    },
    aws: {
      available: true,
      service: 'Amazon DocumentDB, or MongoDB Atlas',
      caveat: 'DocumentDB is MongoDB-compatible, not MongoDB: check the features you use',
    },
    gcp: {
      available: true,
      service: 'MongoDB Atlas from the Marketplace, or Firestore with MongoDB compatibility',
      caveat: 'Firestore is MongoDB-compatible, not MongoDB',
    },
    source: TABLE,
  },
  redis: {
    burden: 'patching, replica failover and scaling',
    azure: { available: true, service: 'Azure Cache for Redis or Azure Managed Redis' },
    aws: { available: true, service: 'Amazon ElastiCache (Redis OSS or Valkey) or MemoryDB' },
    gcp: { available: true, service: 'Memorystore for Redis, Redis Cluster or Valkey' },
    source: TABLE,
  },
  memcached: {
    burden: 'patching and node replacement',
    azure: {
      available: false,
      reason: 'no managed Memcached; Azure Cache for Redis serves the same caching use with another protocol',
    },
    aws: { available: true, service: 'Amazon ElastiCache for Memcached' },
    gcp: { available: true, service: 'Memorystore for Memcached' },
    source: `${NOT_IN_TABLE}; ElastiCache for Memcached appears in resilience.md §2.1`,
  },
  cassandra: {
    burden: 'patching, repairs within gc_grace_seconds, node replacement and backups',
    azure: {
      available: true,
      service: 'Azure Managed Instance for Apache Cassandra (or Cosmos DB for Apache Cassandra)',
    },
    aws: {
      available: true,
      service: 'Amazon Keyspaces',
      caveat: 'CQL-compatible, not Cassandra: check the CQL features and consistency levels you use',
    },
    gcp: {
      available: false,
      reason:
        'no first-party Cassandra service; DataStax Astra DB runs on GCP through the Marketplace, and Bigtable needs a data-model rewrite',
    },
    source: TABLE,
  },
  elasticsearch: {
    burden: 'patching, rolling upgrades, snapshots and shard rebalancing when scaling',
    azure: {
      available: true,
      service: 'Elastic Cloud (Azure Native ISV service)',
      caveat: 'run by Elastic and billed through Azure; Azure AI Search is first-party but has another API',
    },
    aws: {
      available: true,
      service: 'Amazon OpenSearch Service, or Elastic Cloud',
      caveat: 'OpenSearch is a fork of Elasticsearch: check the APIs you use',
    },
    gcp: { available: true, service: 'Elastic Cloud from the Marketplace', caveat: 'run by Elastic, not Google' },
    source: TABLE,
  },
  clickhouse: {
    burden: 'patching, replication, backups and scaling',
    azure: { available: false, reason: 'no first-party ClickHouse service; ClickHouse Cloud is the vendor service' },
    aws: { available: false, reason: 'no first-party ClickHouse service; ClickHouse Cloud is the vendor service' },
    gcp: { available: false, reason: 'no first-party ClickHouse service; ClickHouse Cloud is the vendor service' },
    source: NOT_IN_TABLE,
  },
  kafka: {
    burden:
      'broker patching, partition reassignment when scaling, disk replacement and the ZooKeeper-to-KRaft migration',
    azure: {
      available: true,
      service: 'Azure Event Hubs (Kafka endpoint), or Confluent Cloud (Azure Native ISV service)',
      caveat: 'Event Hubs speaks the Kafka protocol but is not Kafka: check the Kafka features you use',
    },
    aws: { available: true, service: 'Amazon MSK (provisioned or serverless)' },
    gcp: {
      available: true,
      service: 'Google Cloud Managed Service for Apache Kafka, or Confluent Cloud from the Marketplace',
    },
    source: TABLE,
  },
  rabbitmq: {
    burden: 'patching, one-node-at-a-time upgrades and queue synchronisation',
    azure: {
      available: true,
      service: 'Azure Service Bus',
      caveat: "another protocol (AMQP 1.0, not RabbitMQ's AMQP 0-9-1): clients must change",
    },
    aws: { available: true, service: 'Amazon MQ for RabbitMQ (single instance or three-node cluster)' },
    gcp: {
      available: false,
      reason: 'no managed RabbitMQ; Pub/Sub is the managed queue, with another API',
    },
    source: TABLE,
  },
  nats: {
    burden: 'patching and JetStream quorum management',
    azure: {
      available: false,
      reason: 'no managed NATS; Service Bus and Event Grid are managed alternatives with other APIs',
    },
    aws: { available: false, reason: 'no managed NATS; SNS and SQS are managed alternatives with other APIs' },
    gcp: { available: false, reason: 'no managed NATS; Pub/Sub is the managed alternative, with another API' },
    source: TABLE,
  },
  zookeeper: {
    burden: 'quorum management and patching',
    azure: {
      available: false,
      reason: 'no managed ZooKeeper; it usually serves Kafka 3.x, and a managed Kafka service takes it away',
    },
    aws: {
      available: false,
      reason: 'no managed ZooKeeper; it usually serves Kafka 3.x, and a managed Kafka service takes it away',
    },
    gcp: {
      available: false,
      reason: 'no managed ZooKeeper; it usually serves Kafka 3.x, and a managed Kafka service takes it away',
    },
    source: 'resilience.md §4.1 (Kafka row) and §4.2 (Kafka 4 runs without ZooKeeper)',
  },
  etcd: {
    burden: 'quorum management, defragmentation and backups',
    azure: { available: false, reason: 'no managed etcd for applications' },
    aws: { available: false, reason: 'no managed etcd for applications' },
    gcp: { available: false, reason: 'no managed etcd for applications' },
    source: NOT_IN_TABLE,
  },
  minio: {
    burden: 'drive and erasure-set management, and building its images since upstream stopped publishing them',
    azure: {
      available: true,
      service: 'Azure Blob Storage',
      caveat: 'no S3 API: clients move to the Blob Storage API',
    },
    aws: { available: true, service: 'Amazon S3' },
    gcp: {
      available: true,
      service: 'Cloud Storage',
      caveat: 'S3-interoperable XML API: check the S3 features you use',
    },
    source: 'resilience.md §4.1, §4.2 (MinIO images) and §4.3',
  },
};

/** Whether any of the clouds (all three unless given) offers a managed service for the engine. */
export function hasManagedEquivalent(engine: EngineName, clouds: readonly ManagedCloud[] = MANAGED_CLOUDS): boolean {
  const entry = MANAGED_EQUIVALENTS[engine];
  return clouds.some((cloud) => entry[cloud].available);
}

/** One cloud's answer in words: `AWS: Amazon MSK (…)`, `GCP: none (…)`. */
export function describeEquivalent(engine: EngineName, cloud: ManagedCloud): string {
  const answer = MANAGED_EQUIVALENTS[engine][cloud];
  if (!answer.available) return `${CLOUD_NAMES[cloud]}: none (${answer.reason})`;
  return `${CLOUD_NAMES[cloud]}: ${answer.service}${answer.caveat === undefined ? '' : ` — ${answer.caveat}`}`;
}

/** The answers of the clouds (all three unless given) in one line, separated by semicolons. */
export function describeEquivalents(engine: EngineName, clouds: readonly ManagedCloud[] = MANAGED_CLOUDS): string {
  return clouds.map((cloud) => describeEquivalent(engine, cloud)).join('; ');
}
