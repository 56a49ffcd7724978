/**
 * Container images of stateful engines (datastores and queues), matched on the image's
 * repository name. Used to tell a self-hosted datastore from an ordinary service.
 */
export const STATEFUL_ENGINES = [
  { engine: 'postgresql', category: 'database', images: ['postgres', 'postgresql', 'postgis', 'timescaledb'] },
  { engine: 'mysql', category: 'database', images: ['mysql', 'percona-server', 'percona'] },
  { engine: 'mariadb', category: 'database', images: ['mariadb'] },
  { engine: 'mongodb', category: 'database', images: ['mongo', 'mongodb', 'mongodb-community-server'] },
  { engine: 'redis', category: 'cache', images: ['redis', 'redis-stack', 'redis-stack-server', 'valkey', 'keydb'] },
  { engine: 'memcached', category: 'cache', images: ['memcached'] },
  { engine: 'cassandra', category: 'database', images: ['cassandra', 'scylla'] },
  { engine: 'elasticsearch', category: 'search', images: ['elasticsearch', 'opensearch'] },
  { engine: 'clickhouse', category: 'database', images: ['clickhouse-server', 'clickhouse'] },
  { engine: 'kafka', category: 'queue', images: ['kafka', 'cp-kafka', 'redpanda'] },
  { engine: 'rabbitmq', category: 'queue', images: ['rabbitmq'] },
  { engine: 'nats', category: 'queue', images: ['nats'] },
  { engine: 'zookeeper', category: 'coordination', images: ['zookeeper', 'cp-zookeeper'] },
  { engine: 'etcd', category: 'coordination', images: ['etcd'] },
  { engine: 'minio', category: 'object-store', images: ['minio'] },
] as const;

export type StatefulEngine = (typeof STATEFUL_ENGINES)[number];

/** The stateful engine an image runs, if any: `bitnami/postgresql:16` → postgresql. */
export function engineOfImage(image: string): StatefulEngine | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const nameAndTag = withoutDigest.slice(lastSlash + 1);
  const name = (nameAndTag.split(':')[0] ?? nameAndTag).toLowerCase();
  return STATEFUL_ENGINES.find((entry) => (entry.images as readonly string[]).includes(name));
}
