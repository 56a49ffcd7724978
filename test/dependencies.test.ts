import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import { resolvePointer, type SourcePointer } from '../src/core/source.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import type { Dependency } from '../src/model/dependencies.js';
import { enginesNamedBy, hostsInValue, isHostVariable } from '../src/model/dependencies-hosts.js';
import type { SystemModel } from '../src/model/types.js';
import type { ParseOptions } from '../src/parse/parse-sources.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'dependencies');

let parsers: ParseOptions;

beforeAll(async () => {
  parsers = await loadParsers();
});

function modelOf(fixture: string): SystemModel {
  const discovery = discover({ root: path.join(FIXTURES, fixture) });
  const parsed = parseSources(discovery.files, parsers);
  expect(parsed.issues).toEqual([]);
  const model = buildModel(parsed.kubernetes, discovery.inventory, parsed);
  expect(model.issues).toEqual([]);
  return model;
}

function at(pointer: SourcePointer): string {
  const location = resolvePointer(pointer);
  return `${location.file}:${location.line}:${location.column}`;
}

/** `from -> to kind hard|soft strength basis evidence [via …]`: every field an edge carries but its reason. */
function edges(model: SystemModel): string[] {
  return model.dependencies.map(
    (dependency: Dependency) =>
      `${dependency.from} -> ${dependency.to} ${dependency.kind} ${dependency.hard ? 'hard' : 'soft'} ${dependency.strength} ${dependency.basis} ${at(dependency.evidence)}${dependency.via === undefined ? '' : ` via ${dependency.via}`}${dependency.declaredAt === undefined ? '' : ` declared at ${at(dependency.declaredAt)}`}`,
  );
}

function paths(model: SystemModel): string[][] {
  return model.userPaths.map((userPath) => [
    `${userPath.name} (${userPath.entry.kind} ${userPath.entry.id} at ${at(userPath.entry.source)})`,
    ...userPath.components,
  ]);
}

describe('dependency graph', () => {
  it('follows an Ingress to web, web to api, api to its database and (declared soft) cache', () => {
    const model = modelOf('three-tier');
    expect(edges(model)).toEqual([
      'Ingress/shop/web -> Deployment/shop/web routes-to hard assumed named ingress.yaml:14:15 via Service/shop/web',
      'Deployment/shop/api -> StatefulSet/shop/db calls hard assumed named api.yaml:23:15 via Service/shop/db',
      'Deployment/shop/api -> Deployment/shop/cache calls soft declared named api.yaml:25:15 via Service/shop/cache declared at api.yaml:7:5',
      'Deployment/shop/web -> Deployment/shop/api calls hard assumed named web.yaml:21:15 via Service/shop/api',
    ]);
    expect(paths(model)).toEqual([
      [
        'shop.example.com (ingress Ingress/shop/web at ingress.yaml:1:1)',
        'Ingress/shop/web',
        'Deployment/shop/web',
        'Deployment/shop/api',
        'StatefulSet/shop/db',
      ],
      [
        'Service/shop/api-public (load-balancer Service/shop/api-public at api.yaml:38:1)',
        'Service/shop/api-public',
        'Deployment/shop/api',
        'StatefulSet/shop/db',
      ],
    ]);
    expect(model.dependenciesOf('Deployment/shop/api').map((dependency) => dependency.to)).toEqual([
      'StatefulSet/shop/db',
      'Deployment/shop/cache',
    ]);
  });

  it('reads compose depends_on, a soft label, and a published port; loopback and development ports are no entry', () => {
    const model = modelOf('compose');
    expect(edges(model)).toEqual([
      'ComposeService/docker-compose.yml/web -> ComposeService/docker-compose.yml/api depends-on hard assumed named docker-compose.yml:7:9',
      'ComposeService/docker-compose.yml/api -> ComposeService/docker-compose.yml/db depends-on hard assumed named docker-compose.yml:11:7',
      'ComposeService/docker-compose.yml/api -> ComposeService/docker-compose.yml/cache depends-on soft declared named docker-compose.yml:13:7 declared at docker-compose.yml:16:7',
    ]);
    expect(paths(model)).toEqual([
      [
        'ComposeService/docker-compose.yml/web (compose-port ComposeService/docker-compose.yml/web at docker-compose.yml:5:9)',
        'ComposeService/docker-compose.yml/web',
        'ComposeService/docker-compose.yml/api',
        'ComposeService/docker-compose.yml/db',
      ],
    ]);
  });

  it('matches managed-service hosts to Terraform by name, else as the only candidate, else external', () => {
    const model = modelOf('managed-azure');
    expect(edges(model)).toEqual([
      'Deployment/shop/orders -> terraform/infra/azurerm_postgresql_flexible_server/orders_db calls hard assumed named k8s/orders.yaml:21:15',
      'Deployment/shop/orders -> terraform/infra/azurerm_redis_cache/main calls hard assumed inferred k8s/orders.yaml:23:15',
      'Deployment/shop/orders -> external:shop-events.servicebus.windows.net calls hard assumed named k8s/orders.yaml:25:15',
    ]);
    expect(model.dependencies.map((dependency) => dependency.reason)).toEqual([
      undefined,
      'shop-cache.redis.cache.windows.net is the address of a azurerm_redis_cache (Azure Cache for Redis), and the Terraform declares exactly one: azurerm_redis_cache.main; assumed to be it',
      undefined,
    ]);
    expect(paths(model)).toEqual([
      [
        'Service/shop/orders (load-balancer Service/shop/orders at k8s/orders.yaml:27:1)',
        'Service/shop/orders',
        'Deployment/shop/orders',
        'external:shop-events.servicebus.windows.net',
        'terraform/infra/azurerm_postgresql_flexible_server/orders_db',
        'terraform/infra/azurerm_redis_cache/main',
      ],
    ]);
    // Credentials in the values never reach the graph.
    expect(JSON.stringify(model.dependencies.map(({ evidence: _evidence, ...rest }) => rest))).not.toMatch(
      /hunter2|abc123|SharedAccessKey/,
    );
  });

  it('makes unresolved hosts external, expands $(VAR), and ignores bare words, loopback and own-name variables', () => {
    const model = modelOf('external');
    expect(edges(model)).toEqual([
      'Deployment/payments/checkout -> external:api.stripe.com calls hard assumed named checkout.yaml:21:15',
      'Deployment/payments/checkout -> external:cache calls hard assumed named checkout.yaml:23:15',
      'Deployment/payments/checkout -> external:legacy.corp.example calls hard assumed named checkout.yaml:25:15',
      'Deployment/payments/checkout -> Deployment/payments/api calls hard assumed named checkout.yaml:31:15 via Service/payments/api',
      'Deployment/payments/checkout -> Deployment/finance/ledger calls hard assumed named checkout.yaml:35:15 via Service/finance/ledger',
      'Deployment/payments/checkout -> external:acme-prod:europe-west1:orders calls hard assumed named checkout.yaml:37:15',
    ]);
    expect(JSON.stringify(model.dependencies.map(({ evidence: _evidence, ...rest }) => rest))).not.toMatch(
      /s3cr3t|acct/,
    );
    expect(paths(model)).toEqual([
      [
        'Service/payments/checkout (node-port Service/payments/checkout at checkout.yaml:39:1)',
        'Service/payments/checkout',
        'Deployment/payments/checkout',
        'Deployment/finance/ledger',
        'Deployment/payments/api',
        'external:acme-prod:europe-west1:orders',
        'external:api.stripe.com',
        'external:cache',
        'external:legacy.corp.example',
      ],
    ]);
  });

  it('reads ConfigMap values through envFrom (with its prefix) and configMapKeyRef, never Secrets or mounted ConfigMaps', () => {
    const model = modelOf('config-maps');
    expect(edges(model)).toEqual([
      'Deployment/shop/api -> StatefulSet/shop/db calls hard assumed named config.yaml:7:3 via Service/shop/db',
      'Deployment/shop/api -> Deployment/shop/cache calls hard assumed named config.yaml:8:3 via Service/shop/cache',
      'Deployment/shop/api -> Deployment/shop/search calls soft declared named config.yaml:20:3 via Service/shop/search declared at api.yaml:7:5',
      'Deployment/shop/api -> Deployment/shop/orders calls hard assumed named config.yaml:28:3 via Service/shop/orders',
      'Deployment/shop/api -> external:payments.example.com calls hard assumed named api.yaml:36:15',
    ]);
    expect(paths(model)).toEqual([
      [
        'Service/shop/api-public (load-balancer Service/shop/api-public at api.yaml:45:1)',
        'Service/shop/api-public',
        'Deployment/shop/api',
        'Deployment/shop/cache',
        'Deployment/shop/orders',
        'StatefulSet/shop/db',
        'external:payments.example.com',
      ],
    ]);
    // The model keeps ConfigMaps' string values (the number is skipped); a Secret stays unmodelled and unread.
    expect(
      model.configMaps.map((configMap) => [
        configMap.id,
        ...configMap.data.map((entry) => `${entry.key} ${at(entry.source)}`),
      ]),
    ).toEqual([
      [
        'ConfigMap/shop/api-config',
        'DB_HOST config.yaml:7:3',
        'CACHE_URL config.yaml:8:3',
        'PAYMENTS_ENDPOINT config.yaml:9:3',
        'LOG_LEVEL config.yaml:10:3',
        'MODE config.yaml:11:3',
      ],
      ['ConfigMap/shop/api-search', 'HOST config.yaml:20:3'],
      ['ConfigMap/shop/api-urls', 'orders-url config.yaml:28:3'],
      ['ConfigMap/shop/proxy-conf', 'upstream.conf config.yaml:36:3'],
      ['ConfigMap/finance/api-config', 'LEDGER_URL config.yaml:46:3'],
    ]);
    expect(model.unmodelled.map((object) => object.id)).toEqual(['Secret/shop/api-secrets']);
    const api = model.workloads.find((workload) => workload.id === 'Deployment/shop/api');
    expect(
      api?.pod.containers[0]?.envFrom.map(
        (source) => `${source.kind} ${source.name} ${source.prefix} ${at(source.source)}`,
      ),
    ).toEqual([
      'configMap api-config  api.yaml:22:15',
      'secret api-secrets  api.yaml:24:15',
      'configMap api-search SEARCH_ api.yaml:27:15',
    ]);
    expect(api?.pod.containers[0]?.env.map((variable) => variable.keyRef)).toEqual([
      { name: 'api-urls', key: 'orders-url' },
      undefined,
    ]);
  });

  it('reads compose environment hosts (by service name, link alias or interpolation default), links, and required: false', () => {
    const model = modelOf('compose-env');
    const id = (name: string) => `ComposeService/docker-compose.yml/${name}`;
    expect(edges(model)).toEqual([
      `${id('web')} -> ${id('api')} depends-on hard assumed named docker-compose.yml:7:9`,
      `${id('web')} -> ${id('api')} calls hard assumed named docker-compose.yml:9:9`,
      `${id('api')} -> ${id('db')} depends-on hard assumed named docker-compose.yml:14:7`,
      `${id('api')} -> ${id('metrics')} depends-on soft declared named docker-compose.yml:16:7 declared at docker-compose.yml:18:9`,
      `${id('api')} -> ${id('db')} calls hard assumed named docker-compose.yml:20:7`,
      `${id('api')} -> ${id('cache')} calls hard assumed named docker-compose.yml:21:7`,
      `${id('api')} -> external:api.stripe.com calls hard assumed named docker-compose.yml:25:7`,
      `${id('worker')} -> ${id('db')} depends-on hard assumed named docker-compose.yml:29:9`,
      `${id('worker')} -> ${id('db')} calls hard assumed named docker-compose.yml:31:9`,
    ]);
    expect(paths(model)).toEqual([
      [
        `${id('web')} (compose-port ${id('web')} at docker-compose.yml:5:9)`,
        id('web'),
        id('api'),
        id('cache'),
        id('db'),
        'external:api.stripe.com',
      ],
    ]);
    // Only hosts and ports are kept from the values: never the user or the password.
    const api = model.composeServices.find((service) => service.id === id('api'));
    expect(
      api?.environment.map((variable) => variable.hosts.map((host) => `${host.host}:${host.port ?? '-'}`)),
    ).toEqual([['db:5432'], ['cache:-'], [], ['api:8080'], ['reports:-'], ['api.stripe.com:-']]);
    // A password that looks like `word:port` is no host: its variable's name does not say it holds one.
    expect(model.composeServices.find((service) => service.id === id('db'))?.environment[0]?.hosts).toEqual([]);
    expect(JSON.stringify(model.composeServices)).not.toMatch(/hunter2|app:/);
  });

  it('infers an edge from a Secret-backed DATABASE_URL to the only postgres workload, never from an ambiguous REDIS_URL', () => {
    const model = modelOf('secret-backed');
    expect(edges(model)).toEqual([
      'Deployment/shop/api -> StatefulSet/shop/postgres calls hard assumed inferred app.yaml:20:15',
    ]);
    expect(model.dependencies[0]?.reason).toBe(
      'DATABASE_URL comes from a Secret, which the files do not show; its name points at postgresql, and StatefulSet/shop/postgres is the only postgresql workload in namespace shop',
    );
    expect(model.userPaths).toEqual([]);
  });
});

describe('hosts in values', () => {
  const hosts = (value: string) => hostsInValue(value).map((host) => `${host.form} ${host.host}:${host.port ?? '-'}`);

  it('reads URLs, connection strings, host lists and Cloud SQL names, and drops user information', () => {
    expect(hosts('postgres://user:pw@db.shop.svc.cluster.local:5432/app')).toEqual([
      'url db.shop.svc.cluster.local:5432',
    ]);
    expect(hosts('jdbc:postgresql://db:5432/app')).toEqual(['url db:5432']);
    expect(hosts('mongodb://u:p@mongo-0.mongo:27017,mongo-1.mongo:27017/app?replicaSet=rs0')).toEqual([
      'url mongo-0.mongo:27017',
      'url mongo-1.mongo:27017',
    ]);
    expect(hosts('Server=tcp:shop.database.windows.net,1433;Database=app;Password=x')).toEqual([
      'keyword shop.database.windows.net:1433',
    ]);
    expect(hosts('host=db port=5432 dbname=app')).toEqual(['keyword db:5432']);
    expect(hosts('kafka-0:9092, kafka-1:9092')).toEqual(['host-port kafka-0:9092', 'host-port kafka-1:9092']);
    expect(hosts('acme-prod:europe-west1:orders')).toEqual(['cloud-sql acme-prod:europe-west1:orders:-']);
    expect(hosts('postgres://app@/app?host=/cloudsql/acme:us-central1:db')).toEqual([
      'cloud-sql acme:us-central1:db:-',
    ]);
    expect(hosts('12:30')).toEqual([]);
    expect(hosts('file:///etc/config.yaml')).toEqual([]);
  });

  it('tells connection variables by their names', () => {
    expect(
      ['DB_HOST', 'REDIS_URL', 'KAFKA_BOOTSTRAP_SERVERS', 'SQL_CONNECTION_STRING', 'HOSTNAME', 'DB_PASSWORD'].map(
        isHostVariable,
      ),
    ).toEqual([true, true, true, true, false, false]);
    expect(enginesNamedBy('DATABASE_URL')).toEqual([
      'postgresql',
      'mysql',
      'mariadb',
      'mongodb',
      'cassandra',
      'clickhouse',
    ]);
    expect(enginesNamedBy('PG_DATABASE_URL')).toEqual(['postgresql']);
    expect(enginesNamedBy('REDIS_PASSWORD')).toEqual([]);
  });
});
