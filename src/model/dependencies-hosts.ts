import type { EngineName } from '../reference/engines.js';
import type { ManagedService } from './infrastructure.js';

/**
 * Reading host names out of configuration values: URLs, `host:port` lists, connection strings
 * and Cloud SQL connection names. Only the host and port leave this file; user names,
 * passwords and paths are dropped where they are read.
 */

/** How a host was written. */
export type HostForm =
  /** `scheme://[user@]host[:port]…` */
  | 'url'
  /** `Server=host,1433;…`, `host=db port=5432` */
  | 'keyword'
  /** `host:port` */
  | 'host-port'
  /** `host` alone */
  | 'bare'
  /** `project:region:instance` */
  | 'cloud-sql';

export interface HostReference {
  /** Lower case, without a trailing dot; for a Cloud SQL connection name, the whole name. */
  readonly host: string;
  readonly port: number | undefined;
  readonly form: HostForm;
}

const URL_PATTERN = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*):\/\/([^/?#\s"'<>]*)/gi;
/** Schemes that do not name a network peer. */
const LOCAL_SCHEMES = new Set(['file', 'unix', 'data', 'jar']);
/** Keys of connection strings that hold the server (ADO.NET, JDBC properties, libpq, Service Bus). */
const HOST_KEYS = new Set([
  'server',
  'host',
  'hostname',
  'data source',
  'datasource',
  'address',
  'addr',
  'network address',
  'endpoint',
]);
/** `project:region:instance`, the project possibly domain-scoped (`example.com:project`). */
const CLOUD_SQL = /^(?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]*:[a-z]+-[a-z]+\d+:[a-z][a-z0-9-]*$/;
const CLOUD_SQL_SOCKET = /\/cloudsql\/((?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]*:[a-z]+-[a-z]+\d+:[a-z][a-z0-9-]*)/;
const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const HOST_AND_PORT = new RegExp(`^(${LABEL}(?:\\.${LABEL})*)\\.?(?::(\\d{1,5}))?$`);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '::', '[::1]', '[::]']);

/**
 * The hosts a value names: every URL's hosts (several for `mongodb://a:27017,b:27017`); else the
 * server of a key=value connection string; else a Cloud SQL connection name; else each
 * comma- or space-separated `host[:port]`.
 */
export function hostsInValue(value: string): readonly HostReference[] {
  const trimmed = value.trim();
  if (trimmed === '') return [];
  const socket = CLOUD_SQL_SOCKET.exec(trimmed.toLowerCase());
  const fromUrls = urlHosts(trimmed);
  if (fromUrls !== undefined) {
    return socket?.[1] === undefined ? fromUrls : [...fromUrls, cloudSql(socket[1])];
  }
  if (socket?.[1] !== undefined) return [cloudSql(socket[1])];
  const fromKeywords = keywordHosts(trimmed);
  if (fromKeywords !== undefined) return fromKeywords;
  if (CLOUD_SQL.test(trimmed.toLowerCase())) return [cloudSql(trimmed.toLowerCase())];
  return trimmed.split(/[\s,]+/).flatMap((token) => {
    const reference = hostAndPort(token);
    return reference === undefined ? [] : [{ ...reference, form: reference.port === undefined ? 'bare' : 'host-port' }];
  });
}

/** Whether a host is the pod or container itself. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

function cloudSql(name: string): HostReference {
  return { host: name, port: undefined, form: 'cloud-sql' };
}

function urlHosts(value: string): HostReference[] | undefined {
  const hosts: HostReference[] = [];
  let found = false;
  for (const match of value.matchAll(URL_PATTERN)) {
    const scheme = (match[1] ?? '').toLowerCase();
    if (LOCAL_SCHEMES.has(scheme)) continue;
    found = true;
    // Whatever precedes the last `@` is user information: dropped unread.
    const authority = (match[2] ?? '').slice((match[2] ?? '').lastIndexOf('@') + 1);
    for (const part of authority.split(',')) {
      const reference = hostAndPort(part);
      if (reference !== undefined) hosts.push({ ...reference, form: 'url' });
    }
  }
  return found ? hosts : undefined;
}

/** `Server=tcp:db.example.com,1433;Database=app;…`, `host=db port=5432 dbname=app`. */
function keywordHosts(value: string): HostReference[] | undefined {
  const parts = value.includes(';') ? value.split(';') : /(^|\s)host\s*=/i.test(value) ? value.split(/\s+/) : [];
  let keyed = false;
  const hosts: HostReference[] = [];
  let port: number | undefined;
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const key = part.slice(0, equals).trim().toLowerCase();
    const written = part.slice(equals + 1).trim();
    if (key === 'port' && /^\d{1,5}$/.test(written)) port = Number(written);
    if (!HOST_KEYS.has(key)) continue;
    keyed = true;
    const fromUrl = urlHosts(written);
    if (fromUrl !== undefined) {
      hosts.push(...fromUrl.map((reference) => ({ ...reference, form: 'keyword' as const })));
      continue;
    }
    // SQL Server writes the port after a comma: `tcp:name.database.windows.net,1433`.
    const server = written.replace(/^tcp:/i, '');
    const comma = /^(.*),(\d{1,5})$/.exec(server);
    for (const token of (comma === null ? server : `${comma[1]}:${comma[2]}`).split(',')) {
      const reference = hostAndPort(token);
      if (reference !== undefined) hosts.push({ ...reference, form: 'keyword' });
    }
  }
  if (!keyed) return undefined;
  return hosts.map((reference) =>
    reference.port === undefined && port !== undefined ? { ...reference, port } : reference,
  );
}

function hostAndPort(token: string): Omit<HostReference, 'form'> | undefined {
  const written = token.trim().toLowerCase();
  const bracketed = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/.exec(written);
  if (bracketed !== null) {
    return { host: bracketed[1] ?? '', port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  }
  const match = HOST_AND_PORT.exec(written);
  const host = match?.[1];
  if (match === null || host === undefined) return undefined;
  // A name needs a letter (`12:30` is a time, `3:1` a ratio); an address needs four numbers.
  if (!/[a-z]/.test(host) && !IPV4.test(host)) return undefined;
  if (/^\d/.test(host) && !host.includes('.')) return undefined;
  return { host, port: match[2] === undefined ? undefined : Number(match[2]) };
}

/** Whether a string is a DNS name as Kubernetes and the clouds write them. */
export function isHostName(text: string): boolean {
  return HOST_NAME.test(text);
}

/** Last words of a variable name that say its value is a host, an address or a connection string. */
const HOST_WORDS = new Set([
  'HOST',
  'HOSTS',
  'HOSTNAME',
  'PGHOST',
  'ADDR',
  'ADDRS',
  'ADDRESS',
  'ADDRESSES',
  'URL',
  'URLS',
  'URI',
  'URIS',
  'ENDPOINT',
  'ENDPOINTS',
  'SERVER',
  'SERVERS',
  'DSN',
  'BROKER',
  'BROKERS',
  'UPSTREAM',
  'CONNECTION',
  'CONNSTR',
  'CONNECTIONSTRING',
  'SEEDS',
]);

function wordsOf(name: string): string[] {
  return name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}

/** Whether a variable's name says it holds a host or a connection string: `DB_HOST`, `REDIS_URL`, `KAFKA_BROKERS`. */
export function isHostVariable(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 1 && words[0] === 'HOSTNAME') return false; // the pod's own name
  const last = words[words.length - 1];
  const lastTwo = words.slice(-2).join('');
  return (last !== undefined && HOST_WORDS.has(last)) || HOST_WORDS.has(lastTwo);
}

const DATABASES: readonly EngineName[] = ['postgresql', 'mysql', 'mariadb', 'mongodb', 'cassandra', 'clickhouse'];
const QUEUES: readonly EngineName[] = ['kafka', 'rabbitmq', 'nats'];

/** Words of a variable name that name an engine. */
const ENGINE_WORDS: Readonly<Record<string, readonly EngineName[]>> = {
  POSTGRES: ['postgresql'],
  POSTGRESQL: ['postgresql'],
  PG: ['postgresql'],
  PGHOST: ['postgresql'],
  PSQL: ['postgresql'],
  MYSQL: ['mysql', 'mariadb'],
  MARIADB: ['mariadb', 'mysql'],
  MONGO: ['mongodb'],
  MONGODB: ['mongodb'],
  REDIS: ['redis'],
  VALKEY: ['redis'],
  MEMCACHED: ['memcached'],
  MEMCACHE: ['memcached'],
  CASSANDRA: ['cassandra'],
  SCYLLA: ['cassandra'],
  ELASTICSEARCH: ['elasticsearch'],
  ELASTIC: ['elasticsearch'],
  OPENSEARCH: ['elasticsearch'],
  CLICKHOUSE: ['clickhouse'],
  KAFKA: ['kafka'],
  RABBITMQ: ['rabbitmq'],
  RABBIT: ['rabbitmq'],
  AMQP: ['rabbitmq'],
  NATS: ['nats'],
  ZOOKEEPER: ['zookeeper'],
  ETCD: ['etcd'],
  MINIO: ['minio'],
};

/** Words that name a kind of datastore without its engine. */
const CATEGORY_WORDS: Readonly<Record<string, readonly EngineName[]>> = {
  DATABASE: DATABASES,
  DB: DATABASES,
  DATASOURCE: DATABASES,
  SQL: ['postgresql', 'mysql', 'mariadb'],
  CACHE: ['redis', 'memcached'],
  QUEUE: QUEUES,
  MQ: QUEUES,
};

/**
 * The engines a connection variable's name points at: `DATABASE_URL` → the databases,
 * `REDIS_HOST` → redis. Empty unless the name also says it holds a host or connection string
 * (`DB_PASSWORD` names no peer).
 */
export function enginesNamedBy(name: string): readonly EngineName[] {
  if (!isHostVariable(name)) return [];
  const words = wordsOf(name);
  const specific = words.flatMap((word) => ENGINE_WORDS[word] ?? []);
  const engines = specific.length > 0 ? specific : words.flatMap((word) => CATEGORY_WORDS[word] ?? []);
  return [...new Set(engines)];
}

/** The engine of a managed service in the vocabulary of `reference/engines.ts`: `aurora-postgresql` → postgresql. */
export function managedEngine(service: ManagedService): string | undefined {
  const engine = service.engine?.toLowerCase();
  if (engine === undefined) return undefined;
  if (engine.includes('postgres')) return 'postgresql';
  if (engine.includes('mysql') || engine === 'aurora') return 'mysql';
  if (engine === 'valkey') return 'redis';
  if (engine.includes('mongo') || engine === 'docdb') return 'mongodb';
  return engine;
}

/** Host names under which a cloud serves a kind of managed service, and where the name sits in them. */
interface ManagedHostFamily {
  /** How people call the service, for reasons: `Azure Database for PostgreSQL`. */
  readonly label: string;
  readonly suffix: RegExp;
  readonly resourceTypes: readonly string[];
  /** The names of the resource the host may carry. */
  readonly namesOf: (host: string) => readonly string[];
}

const firstLabel = (host: string): readonly string[] => [host.split('.')[0] ?? ''];

/**
 * Sources: the host name formats in each provider's documentation (Azure "Azure services DNS
 * zone configuration" and the resources' `fqdn` attributes in the azurerm provider; AWS RDS,
 * ElastiCache and MSK endpoint formats; the Cloud SQL connection name format).
 */
const MANAGED_HOST_FAMILIES: readonly ManagedHostFamily[] = [
  {
    label: 'Azure Database for PostgreSQL',
    suffix: /\.postgres\.database\.azure\.com$/,
    resourceTypes: ['azurerm_postgresql_flexible_server', 'azurerm_postgresql_server'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure Database for MySQL',
    suffix: /\.mysql\.database\.azure\.com$/,
    resourceTypes: ['azurerm_mysql_flexible_server', 'azurerm_mysql_server'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure SQL',
    suffix: /\.database\.windows\.net$/,
    resourceTypes: ['azurerm_mssql_server'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure Cosmos DB',
    suffix: /\.(documents\.azure\.com|(mongo|cassandra|table|gremlin)\.cosmos\.azure\.com)$/,
    resourceTypes: ['azurerm_cosmosdb_account'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure Cache for Redis',
    suffix: /\.redis\.cache\.windows\.net$/,
    resourceTypes: ['azurerm_redis_cache'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure Service Bus or Event Hubs',
    suffix: /\.servicebus\.windows\.net$/,
    resourceTypes: ['azurerm_servicebus_namespace', 'azurerm_eventhub_namespace'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure Storage',
    suffix: /\.(blob|queue|table|file|dfs|web)\.core\.windows\.net$/,
    resourceTypes: ['azurerm_storage_account'],
    namesOf: firstLabel,
  },
  {
    label: 'Azure Key Vault',
    suffix: /\.vault\.azure\.net$/,
    resourceTypes: ['azurerm_key_vault'],
    namesOf: firstLabel,
  },
  {
    label: 'Amazon RDS',
    suffix: /\.rds\.amazonaws\.com$/,
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
    namesOf: firstLabel,
  },
  {
    label: 'Amazon ElastiCache',
    suffix: /\.cache\.amazonaws\.com$/,
    resourceTypes: ['aws_elasticache_replication_group'],
    namesOf: (host) => {
      const labels = host.split('.');
      const name = ['master', 'replica', 'clustercfg'].includes(labels[0] ?? '') ? labels[1] : labels[0];
      return name === undefined ? [] : [name, name.replace(/-\d{3}$/, '')];
    },
  },
  {
    label: 'Amazon MSK',
    suffix: /\.kafka(-serverless)?\.[a-z0-9-]+\.amazonaws\.com$/,
    resourceTypes: ['aws_msk_cluster'],
    namesOf: (host) => {
      const labels = host.split('.');
      return /^b-\d+$/.test(labels[0] ?? '') && labels[1] !== undefined ? [labels[1]] : [];
    },
  },
  {
    label: 'Amazon MQ',
    suffix: /\.mq\.[a-z0-9-]+\.amazonaws\.com$/,
    resourceTypes: ['aws_mq_broker'],
    namesOf: () => [],
  },
  {
    label: 'Amazon S3',
    suffix: /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/,
    resourceTypes: ['aws_s3_bucket'],
    namesOf: (host) => {
      const at = host.search(/\.s3[.-]/);
      return at <= 0 ? [] : [host.slice(0, at)];
    },
  },
];

const CLOUD_SQL_FAMILY: ManagedHostFamily = {
  label: 'Cloud SQL',
  suffix: /$^/,
  resourceTypes: ['google_sql_database_instance'],
  namesOf: (name) => [name.slice(name.lastIndexOf(':') + 1)],
};

/** The managed service a host names, by the Terraform resource's name or as the only candidate. */
export type ManagedMatch =
  | { readonly service: ManagedService; readonly basis: 'named' }
  | { readonly service: ManagedService; readonly basis: 'inferred'; readonly reason: string };

/**
 * Matches a host to a managed service declared in Terraform: the host's family (by suffix)
 * gives the resource types; the resource whose Terraform name equals the name in the host
 * (`_` read as `-`) is named; else, when the Terraform declares exactly one resource of those
 * types, it is inferred. Undefined when the host belongs to no family or nothing matches.
 */
export function matchManagedService(
  reference: HostReference,
  services: readonly ManagedService[],
): ManagedMatch | undefined {
  const family =
    reference.form === 'cloud-sql'
      ? CLOUD_SQL_FAMILY
      : MANAGED_HOST_FAMILIES.find((candidate) => candidate.suffix.test(reference.host));
  if (family === undefined) return undefined;
  const candidates = services.filter((service) => family.resourceTypes.includes(service.resourceType));
  const names = new Set(family.namesOf(reference.host).map(normaliseName));
  const named = candidates.filter((service) => names.has(normaliseName(service.name)));
  const [onlyNamed] = named;
  if (named.length === 1 && onlyNamed !== undefined) return { service: onlyNamed, basis: 'named' };
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) {
    return {
      service: only,
      basis: 'inferred',
      reason: `${reference.host} is the address of a ${family.resourceTypes.join(' or ')} (${family.label}), and the Terraform declares exactly one: ${only.address}; assumed to be it`,
    };
  }
  return undefined;
}

function normaliseName(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}
