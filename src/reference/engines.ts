/**
 * Stateful engines (datastores and queues): the container images that run them and the
 * Kubernetes operator resources that manage them. Used to tell a self-hosted datastore from an
 * ordinary service.
 *
 * Sources: image names and operator kinds from the research notes `resilience.md` §4.1 (the
 * managed-vs-self-hosted table, research date 2026-11-29) and endoflife.date's Docker
 * identifiers (`endoflife-date/endoflife.date` products/*.md, `identifiers: purl`). The API
 * groups of the operator kinds were checked against manifests in public repositories on
 * 2026-11-29 (Crunchy, mariadb-operator in both groups, MySQL Operator, the four Percona
 * operators, MongoDB Community, Spotahome, K8ssandra, OpenSearch, Altinity); CloudNativePG,
 * Zalando, Strimzi, RabbitMQ, ECK, OT-Container-Kit, cass-operator and MinIO groups are as the
 * notes give them.
 */

/**
 * `persistence`: whether the engine's data must survive a restart. `durable`: a database,
 * broker or store; `optional`: a cache that may persist (Redis RDB/AOF, NATS JetStream) but is
 * often run without; `none`: memory only.
 */
export const STATEFUL_ENGINES = [
  {
    engine: 'postgresql',
    category: 'database',
    persistence: 'durable',
    images: ['postgres', 'postgresql', 'postgresql-repmgr', 'postgis', 'timescaledb', 'timescaledb-ha'],
  },
  { engine: 'mysql', category: 'database', persistence: 'durable', images: ['mysql', 'percona-server', 'percona'] },
  { engine: 'mariadb', category: 'database', persistence: 'durable', images: ['mariadb', 'mariadb-galera'] },
  {
    engine: 'mongodb',
    category: 'database',
    persistence: 'durable',
    images: ['mongo', 'mongodb', 'mongodb-community-server', 'percona-server-mongodb'],
  },
  {
    engine: 'redis',
    category: 'cache',
    persistence: 'optional',
    images: ['redis', 'redis-cluster', 'redis-stack', 'redis-stack-server', 'valkey', 'keydb'],
  },
  { engine: 'memcached', category: 'cache', persistence: 'none', images: ['memcached'] },
  {
    engine: 'cassandra',
    category: 'database',
    persistence: 'durable',
    images: ['cassandra', 'scylla', 'dse-server', 'cass-management-api'],
  },
  { engine: 'elasticsearch', category: 'search', persistence: 'durable', images: ['elasticsearch', 'opensearch'] },
  { engine: 'clickhouse', category: 'database', persistence: 'durable', images: ['clickhouse-server', 'clickhouse'] },
  {
    engine: 'kafka',
    category: 'queue',
    persistence: 'durable',
    images: ['kafka', 'kafka-native', 'cp-kafka', 'cp-server', 'redpanda'],
  },
  { engine: 'rabbitmq', category: 'queue', persistence: 'durable', images: ['rabbitmq'] },
  { engine: 'nats', category: 'queue', persistence: 'optional', images: ['nats', 'nats-server'] },
  { engine: 'zookeeper', category: 'coordination', persistence: 'durable', images: ['zookeeper', 'cp-zookeeper'] },
  { engine: 'etcd', category: 'coordination', persistence: 'durable', images: ['etcd'] },
  { engine: 'minio', category: 'object-store', persistence: 'durable', images: ['minio'] },
] as const;

export type StatefulEngine = (typeof STATEFUL_ENGINES)[number];
export type EngineName = StatefulEngine['engine'];
export type EngineCategory = StatefulEngine['category'];

/** A container image reference, split as the container runtimes read it. */
export interface ImageReference {
  /** The registry host as written, or `docker.io` when none is written. */
  readonly registry: string;
  /** The repository path in the registry; Docker Hub official images get `library/`. */
  readonly repository: string;
  /** The last segment of the repository path, lower-cased: `postgresql` for `bitnami/postgresql`. */
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** The host names under which Docker Hub serves images. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Splits an image reference: `ghcr.io/org/app:1.2@sha256:…`, `localhost:5000/app`, `redis`.
 * The first path segment is a registry when it holds a dot or a port, or is `localhost`.
 */
export function parseImageReference(image: string): ImageReference {
  const known = parsedImages.get(image);
  if (known !== undefined) return known;
  const reference = Object.freeze(splitImageReference(image));
  if (parsedImages.size >= MAX_PARSED_IMAGES) parsedImages.clear();
  parsedImages.set(image, reference);
  return reference;
}

/** References already split: every rule about images asks again for the same few images. */
const parsedImages = new Map<string, ImageReference>();
const MAX_PARSED_IMAGES = 50_000;

function splitImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const withoutDigest = at === -1 ? image : image.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const tag = colon === -1 ? undefined : withoutDigest.slice(colon + 1);
  const path = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const segments = path.split('/');
  const first = segments[0] ?? '';
  const hasRegistry = segments.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const written = hasRegistry ? first.toLowerCase() : 'docker.io';
  const registry = DOCKER_HUB_HOSTS.has(written) ? 'docker.io' : written;
  const repositorySegments = hasRegistry ? segments.slice(1) : segments;
  const repository = (
    registry === 'docker.io' && repositorySegments.length === 1
      ? `library/${repositorySegments[0] ?? ''}`
      : repositorySegments.join('/')
  ).toLowerCase();
  const name = repositorySegments[repositorySegments.length - 1]?.toLowerCase() ?? '';
  return { registry, repository, name, tag, digest };
}

/** Whether an image comes from Docker Hub (no registry written, or docker.io and its aliases). */
export function isDockerHubImage(reference: ImageReference): boolean {
  return reference.registry === 'docker.io';
}

/** The stateful engine an image runs, if any: `bitnami/postgresql:16` → postgresql. */
export function engineOfImage(image: string): StatefulEngine | undefined {
  const { name } = parseImageReference(image);
  return STATEFUL_ENGINES.find((entry) => (entry.images as readonly string[]).includes(name));
}

/** The entry of a stateful engine by name. */
export function engineNamed(engine: EngineName): StatefulEngine {
  const found = STATEFUL_ENGINES.find((entry) => entry.engine === engine);
  if (found === undefined) throw new Error(`Unknown engine ${engine}`);
  return found;
}

/** A custom resource of a Kubernetes operator that runs an engine. */
export interface OperatorKind {
  /** The API group of the resource's apiVersion (`postgresql.cnpg.io` of `postgresql.cnpg.io/v1`). */
  readonly group: string;
  readonly kind: string;
  readonly engine: EngineName;
  /** How the operator is known: `CloudNativePG`. */
  readonly operator: string;
}

/**
 * Operator resources that declare a running engine (not its backups, users or topics).
 * Source: `resilience.md` §4.1 "Self-host signals" column, groups checked as said above.
 */
export const OPERATOR_KINDS: readonly OperatorKind[] = [
  { group: 'postgresql.cnpg.io', kind: 'Cluster', engine: 'postgresql', operator: 'CloudNativePG' },
  { group: 'acid.zalan.do', kind: 'postgresql', engine: 'postgresql', operator: 'Zalando Postgres Operator' },
  {
    group: 'postgres-operator.crunchydata.com',
    kind: 'PostgresCluster',
    engine: 'postgresql',
    operator: 'Crunchy Postgres for Kubernetes',
  },
  {
    group: 'pgv2.percona.com',
    kind: 'PerconaPGCluster',
    engine: 'postgresql',
    operator: 'Percona Operator for PostgreSQL',
  },
  { group: 'mysql.oracle.com', kind: 'InnoDBCluster', engine: 'mysql', operator: 'MySQL Operator for Kubernetes' },
  {
    group: 'pxc.percona.com',
    kind: 'PerconaXtraDBCluster',
    engine: 'mysql',
    operator: 'Percona Operator for MySQL (XtraDB Cluster)',
  },
  {
    group: 'ps.percona.com',
    kind: 'PerconaServerMySQL',
    engine: 'mysql',
    operator: 'Percona Operator for MySQL (Percona Server)',
  },
  { group: 'k8s.mariadb.com', kind: 'MariaDB', engine: 'mariadb', operator: 'mariadb-operator' },
  { group: 'mariadb.mmontes.io', kind: 'MariaDB', engine: 'mariadb', operator: 'mariadb-operator (earlier API group)' },
  {
    group: 'mongodbcommunity.mongodb.com',
    kind: 'MongoDBCommunity',
    engine: 'mongodb',
    operator: 'MongoDB Community Operator',
  },
  {
    group: 'psmdb.percona.com',
    kind: 'PerconaServerMongoDB',
    engine: 'mongodb',
    operator: 'Percona Operator for MongoDB',
  },
  { group: 'redis.redis.opstreelabs.in', kind: 'Redis', engine: 'redis', operator: 'OT-Container-Kit Redis Operator' },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'RedisCluster',
    engine: 'redis',
    operator: 'OT-Container-Kit Redis Operator',
  },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'RedisReplication',
    engine: 'redis',
    operator: 'OT-Container-Kit Redis Operator',
  },
  { group: 'databases.spotahome.com', kind: 'RedisFailover', engine: 'redis', operator: 'Spotahome Redis Operator' },
  { group: 'k8ssandra.io', kind: 'K8ssandraCluster', engine: 'cassandra', operator: 'K8ssandra' },
  { group: 'cassandra.datastax.com', kind: 'CassandraDatacenter', engine: 'cassandra', operator: 'cass-operator' },
  {
    group: 'elasticsearch.k8s.elastic.co',
    kind: 'Elasticsearch',
    engine: 'elasticsearch',
    operator: 'Elastic Cloud on Kubernetes',
  },
  {
    group: 'opensearch.opster.io',
    kind: 'OpenSearchCluster',
    engine: 'elasticsearch',
    operator: 'OpenSearch Operator',
  },
  {
    group: 'clickhouse.altinity.com',
    kind: 'ClickHouseInstallation',
    engine: 'clickhouse',
    operator: 'Altinity ClickHouse Operator',
  },
  { group: 'kafka.strimzi.io', kind: 'Kafka', engine: 'kafka', operator: 'Strimzi' },
  { group: 'kafka.strimzi.io', kind: 'KafkaNodePool', engine: 'kafka', operator: 'Strimzi' },
  { group: 'rabbitmq.com', kind: 'RabbitmqCluster', engine: 'rabbitmq', operator: 'RabbitMQ Cluster Operator' },
  { group: 'minio.min.io', kind: 'Tenant', engine: 'minio', operator: 'MinIO Operator' },
];

/** The API group of an apiVersion: `postgresql.cnpg.io/v1` → `postgresql.cnpg.io`; `v1` → ''. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** The operator resource an object is, if it declares a running engine. */
export function operatorKindOf(object: {
  readonly apiVersion: string;
  readonly kind: string;
}): OperatorKind | undefined {
  const group = apiGroupOf(object.apiVersion);
  return OPERATOR_KINDS.find((entry) => entry.group === group && entry.kind === object.kind);
}

/** The operator resources known for an engine. */
export function operatorKindsFor(engine: EngineName): readonly OperatorKind[] {
  return OPERATOR_KINDS.filter((entry) => entry.engine === engine);
}
