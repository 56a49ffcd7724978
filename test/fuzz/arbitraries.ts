// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the generators write HCL, Dockerfile and CI interpolations.
/**
 * fast-check generators of repository files, valid and broken, for the robustness properties
 * (test/fuzz.test.ts and `npm run fuzz`). Each generator yields the files of a small repository.
 */
import fc from 'fast-check';
import yaml from 'js-yaml';

/** A file of a generated repository: its repository-relative path and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

export type GeneratedRepository = readonly GeneratedFile[];

// ---------------------------------------------------------------------------------------------
// Values and text mutations

const KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'labels',
  'spec',
  'replicas',
  'selector',
  'template',
  'containers',
  'image',
  'ports',
  'resources',
  'services',
  'jobs',
  'steps',
  'stages',
  'script',
  'environment',
  'resources',
  'patches',
  'on',
  'x',
  '',
  '<<',
];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', 'latest', 'nginx:latest', 'true', 'no', '~', '0x1F', '1e3', '10Gi', '500m', '*', '../..', '/'),
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** Random JSON-ish values with keys that the parsers look for. */
export const randomValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A value of some type, to put where a parser expects another. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.constant([]),
  fc.constant({}),
  fc.array(scalar, { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...KEYS), scalar, { minKeys: 1, maxKeys: 3 }),
  randomValue,
);

const INTERESTING_TEXT = [
  '---\n',
  '\n---\n',
  '...\n',
  '\t',
  '&a ',
  '*a',
  '<<: *a\n',
  'x: &a {b: 1}\n',
  '? ',
  ': ',
  '- ',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  '!!binary ',
  '!!str ',
  '!!int ',
  '!!map ',
  '!!set ',
  '!!omap ',
  '!!timestamp ',
  '!custom ',
  '%YAML 1.2\n',
  '#',
  '# prodready-ignore require-readiness-probe: because\n',
  '\\',
  '\r\n',
  '\r',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '${',
  '${var.x}',
  '<<EOF\n',
  'EOF\n',
  '=',
  '|\n',
  '>-\n',
  '  ',
  '      ',
  '$(',
  '${{ ',
  ' }}',
];

type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly char: string }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'line'; readonly at: number; readonly kind: 'tab' | 'indent' | 'dedent' | 'duplicate' | 'remove' }
  | { readonly op: 'long'; readonly at: number; readonly length: number }
  | { readonly op: 'crlf' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...INTERESTING_TEXT), fc.string({ maxLength: 8 })),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    op: fc.constant('line' as const),
    at: fc.nat(),
    kind: fc.constantFrom(
      'tab' as const,
      'indent' as const,
      'dedent' as const,
      'duplicate' as const,
      'remove' as const,
    ),
  }),
  fc.record({ op: fc.constant('long' as const), at: fc.nat(), length: fc.integer({ min: 200, max: 4000 }) }),
  fc.record({ op: fc.constant('crlf' as const) }),
);

function applyMutation(text: string, change: Mutation): string {
  if (change.op === 'crlf') return text.replace(/\r?\n/g, '\r\n');
  const at = change.at % (text.length + 1);
  switch (change.op) {
    case 'flip':
      return text.slice(0, at) + change.char + text.slice(at + 1);
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'long':
      return `${text.slice(0, at)}${'a'.repeat(change.length)}${text.slice(at)}`;
    case 'line': {
      const lines = text.split('\n');
      const index = change.at % lines.length;
      const line = lines[index] ?? '';
      if (change.kind === 'tab') lines[index] = line.replace(/^ {1,2}/, '\t');
      else if (change.kind === 'indent') lines[index] = ` ${line}`;
      else if (change.kind === 'dedent') lines[index] = line.replace(/^ /, '');
      else if (change.kind === 'duplicate') lines.splice(index, 0, line);
      else lines.splice(index, 1);
      return lines.join('\n');
    }
  }
}

/** The text, sometimes unchanged, sometimes mutated a few times. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.array(mutation, { maxLength: 4 }))
    .map(([original, changes]) => changes.reduce(applyMutation, original));
}

/** Fully random text, of several alphabets. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.constantFrom(...INTERESTING_TEXT, 'a', 'b: ', '1', '\n', ' '), { maxLength: 40 })
    .map((parts) => parts.join('')),
);

function dumpYaml(value: unknown): string {
  try {
    return yaml.dump(value, { noRefs: false, lineWidth: -1 });
  } catch {
    return String(value);
  }
}

/** Every path to a value inside a JSON-ish value. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [[...prefix]];
  if (Array.isArray(value))
    value.forEach((item, index) => {
      paths.push(...pathsOf(item, [...prefix, index]));
    });
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return value.map((item, index) => (index === head ? replaceAt(item, rest, replacement) : item));
  if (value !== null && typeof value === 'object' && head !== undefined) {
    return { ...value, [head]: replaceAt((value as Record<string, unknown>)[head], rest, replacement) };
  }
  return value;
}

/** A valid document with a few of its sub-values (root excluded) replaced by values of other types. */
export function withWrongTypes(documents: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(documents, fc.array(fc.tuple(fc.nat(), wrongValue), { maxLength: 3 }))
    .map(([document, replacements]) => {
      let current = document;
      for (const [index, replacement] of replacements) {
        const paths = pathsOf(current).filter((path) => path.length > 0);
        const path = paths[index % Math.max(1, paths.length)];
        if (path !== undefined) current = replaceAt(current, path, replacement);
      }
      return current;
    });
}

/** YAML text of the documents, sometimes with wrong types inside, sometimes mutated as text. */
function yamlOf(documents: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const typed = fc.oneof(documents, withWrongTypes(documents));
  return mutated(
    fc
      .array(typed, { minLength: 1, maxLength: 3 })
      .map((items) => items.map(dumpYaml).join('---\n'))
      .chain((text) => fc.constantFrom(text, `---\n${text}`, text.replace(/\n/g, '\r\n'))),
  );
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

const NAMES = ['web', 'api', 'db', 'cache', 'worker', 'web-0', 'a'] as const;
const name = fc.constantFrom(...NAMES);
const image = fc.constantFrom(
  'nginx',
  'nginx:latest',
  'nginx:1.27',
  'postgres:16',
  'redis:7@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'registry.example.com:5000/team/api:1.0',
  'mysql',
  '',
  ':',
  '@',
);

const container = fc.record(
  {
    name,
    image,
    ports: fc.array(
      fc.record({ containerPort: fc.integer({ min: 1, max: 65_535 }), name: fc.constantFrom('http', 'db') }),
      {
        maxLength: 2,
      },
    ),
    resources: fc.record(
      {
        requests: fc.record({
          cpu: fc.constantFrom('100m', '1', '0.5'),
          memory: fc.constantFrom('128Mi', '1Gi', '1G'),
        }),
        limits: fc.record({ cpu: fc.constantFrom('1', '2'), memory: fc.constantFrom('256Mi', '2Gi') }),
      },
      { requiredKeys: [] },
    ),
    readinessProbe: fc.constant({ httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 }),
    livenessProbe: fc.constant({ tcpSocket: { port: 'http' }, initialDelaySeconds: 5 }),
    securityContext: fc.constant({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }),
    env: fc.constant([
      { name: 'DATABASE_URL', value: 'postgres://db:5432/app' },
      { name: 'REDIS_HOST', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
    ]),
  },
  { requiredKeys: ['name', 'image'] },
);

const podSpec = fc.record(
  {
    containers: fc.array(container, { minLength: 1, maxLength: 2 }),
    initContainers: fc.array(container, { maxLength: 1 }),
    affinity: fc.constant({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } },
          },
        ],
      },
    }),
    topologySpreadConstraints: fc.constant([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
    ]),
    terminationGracePeriodSeconds: fc.integer({ min: 0, max: 120 }),
    serviceAccountName: name,
  },
  { requiredKeys: ['containers'] },
);

const metadata = fc.record(
  {
    name,
    namespace: fc.constantFrom('default', 'prod'),
    labels: fc.constant({ app: 'web' }),
    annotations: fc.constantFrom({ 'prodready.dev/ignore': 'require-readiness-probe: reason' }, { a: 'b' }),
  },
  { requiredKeys: ['name'] },
);

const template = fc.record({ metadata: fc.constant({ labels: { app: 'web' } }), spec: podSpec });

const deployment = fc.record({
  apiVersion: fc.constantFrom('apps/v1', 'extensions/v1beta1'),
  kind: fc.constant('Deployment'),
  metadata,
  spec: fc.record(
    {
      replicas: fc.integer({ min: 0, max: 5 }),
      selector: fc.constant({ matchLabels: { app: 'web' } }),
      strategy: fc.constant({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } }),
      template,
    },
    { requiredKeys: ['template'] },
  ),
});

const statefulSet = fc.record({
  apiVersion: fc.constant('apps/v1'),
  kind: fc.constant('StatefulSet'),
  metadata,
  spec: fc.record({
    replicas: fc.integer({ min: 0, max: 5 }),
    serviceName: name,
    selector: fc.constant({ matchLabels: { app: 'db' } }),
    template,
    volumeClaimTemplates: fc.constant([
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      },
    ]),
  }),
});

const service = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Service'),
  metadata,
  spec: fc.record({
    type: fc.constantFrom('ClusterIP', 'LoadBalancer', 'NodePort', 'ExternalName'),
    selector: fc.constant({ app: 'web' }),
    ports: fc.constant([{ port: 80, targetPort: 'http' }]),
    externalName: fc.constant('db.example.com'),
  }),
});

const ingress = fc.record({
  apiVersion: fc.constant('networking.k8s.io/v1'),
  kind: fc.constant('Ingress'),
  metadata,
  spec: fc.constant({
    ingressClassName: 'nginx',
    tls: [{ hosts: ['example.com'], secretName: 'tls' }],
    rules: [
      {
        host: 'example.com',
        http: {
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
        },
      },
    ],
    defaultBackend: { service: { name: 'api', port: { name: 'http' } } },
  }),
});

const hpa = fc.record({
  apiVersion: fc.constantFrom('autoscaling/v2', 'autoscaling/v1'),
  kind: fc.constant('HorizontalPodAutoscaler'),
  metadata,
  spec: fc.record({
    scaleTargetRef: fc.constant({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
    minReplicas: fc.integer({ min: 0, max: 5 }),
    maxReplicas: fc.integer({ min: 0, max: 20 }),
    metrics: fc.constant([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]),
  }),
});

const pdb = fc.record({
  apiVersion: fc.constant('policy/v1'),
  kind: fc.constant('PodDisruptionBudget'),
  metadata,
  spec: fc.record(
    {
      minAvailable: fc.constantFrom(1, '50%', 0, '100%'),
      maxUnavailable: fc.constantFrom(1, '25%'),
      selector: fc.constant({ matchLabels: { app: 'web' } }),
    },
    { requiredKeys: ['selector'] },
  ),
});

const cronJob = fc.record({
  apiVersion: fc.constant('batch/v1'),
  kind: fc.constant('CronJob'),
  metadata,
  spec: fc.record({
    schedule: fc.constantFrom('*/5 * * * *', '@daily', 'bad'),
    concurrencyPolicy: fc.constant('Forbid'),
    jobTemplate: template.map((pod) => ({ spec: { backoffLimit: 3, template: pod } })),
  }),
});

const otherObjects = fc.constantFrom(
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {} } },
  { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } }] },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd' },
    spec: { template: { spec: { containers: [] } } },
  },
  { kind: 'Deployment' },
  { apiVersion: 'apps/v1' },
);

export const kubernetesDocument: fc.Arbitrary<unknown> = fc.oneof(
  deployment,
  statefulSet,
  service,
  ingress,
  hpa,
  pdb,
  cronJob,
  otherObjects,
);

/** Kubernetes manifests: valid, with wrong types in random places, mutated, or random. */
export const kubernetesRepository: fc.Arbitrary<GeneratedRepository> = fc
  .oneof(
    { weight: 6, arbitrary: yamlOf(kubernetesDocument) },
    { weight: 1, arbitrary: mutated(randomValue.map(dumpYaml)) },
    { weight: 1, arbitrary: randomText },
  )
  .map((text) => [
    { path: 'k8s/x.yaml', text: text.startsWith('apiVersion') ? text : `apiVersion: v1\nkind: X\n---\n${text}` },
  ]);

/** Random YAML text in every YAML-read place of a repository. */
export const yamlRepository: fc.Arbitrary<GeneratedRepository> = fc
  .tuple(
    fc.constantFrom(
      'k8s/x.yaml',
      'kustomization.yaml',
      'docker-compose.yml',
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
      'azure-pipelines.yml',
    ),
    fc.oneof(mutated(randomValue.map(dumpYaml)), randomText),
  )
  .map(([path, text]) => [{ path, text: path === 'k8s/x.yaml' ? `apiVersion: v1\nkind: X\n${text}` : text }]);

const kustomization = fc.record(
  {
    apiVersion: fc.constant('kustomize.config.k8s.io/v1beta1'),
    kind: fc.constant('Kustomization'),
    resources: fc.constantFrom(
      ['k8s/x.yaml'],
      ['k8s'],
      ['../base'],
      ['k8s/x.yaml', 'missing.yaml'],
      ['https://example.com/a.yaml'],
    ),
    namespace: fc.constant('prod'),
    namePrefix: fc.constant('prod-'),
    nameSuffix: fc.constant('-v1'),
    commonLabels: fc.constant({ team: 'a' }),
    labels: fc.constant([{ pairs: { team: 'a' }, includeSelectors: true }]),
    images: fc.constant([
      { name: 'nginx', newTag: '1.27' },
      { name: 'postgres', newName: 'db', digest: 'sha256:00' },
    ]),
    replicas: fc.constant([{ name: 'web', count: 3 }]),
    patches: fc.constantFrom(
      [{ target: { kind: 'Deployment', name: 'web' }, patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n' }],
      [{ path: 'patch.yaml' }],
      [{ patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n' }],
    ),
    patchesStrategicMerge: fc.constant(['patch.yaml']),
    patchesJson6902: fc.constant([
      { target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'web' }, path: 'p.json' },
    ]),
    configMapGenerator: fc.constant([{ name: 'c', literals: ['a=b'] }]),
    secretGenerator: fc.constant([{ name: 's', literals: ['password=x'] }]),
    components: fc.constant(['../component']),
    helmCharts: fc.constant([{ name: 'x', repo: 'https://example.com' }]),
  },
  { requiredKeys: ['resources'] },
);

/** A base and an overlay, with wrong types and mutations, and the manifests they include. */
export const kustomizeRepository: fc.Arbitrary<GeneratedRepository> = fc
  .tuple(yamlOf(kustomization), yamlOf(kustomization), yamlOf(kubernetesDocument), yamlOf(kubernetesDocument))
  .map(([base, overlay, manifest, patch]) => [
    { path: 'kustomization.yaml', text: base },
    { path: 'overlays/prod/kustomization.yaml', text: overlay.replace(/\.\.\/base/g, '../..') },
    { path: 'k8s/x.yaml', text: manifest },
    { path: 'patch.yaml', text: patch },
    { path: 'overlays/prod/patch.yaml', text: patch },
  ]);

// ---------------------------------------------------------------------------------------------
// Terraform

const hclValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      '"db.t3.micro"',
      'true',
      'false',
      '3',
      '0',
      '-1',
      '1.5',
      'null',
      'var.multi_az',
      'local.tags',
      'var.instance["a"]',
      '"${var.name}-db"',
      '"%{ if var.x }a%{ endif }"',
      'aws_db_instance.main.id',
      'module.vpc.private_subnets',
      'each.value',
      'count.index',
      'lookup(var.map, "k", 1)',
      'var.env == "prod" ? 3 : 1',
      '[for s in var.list : upper(s)]',
      '{ for k, v in var.map : k => v }',
      '<<EOF\nline\nEOF\n',
      '<<-EOT\n  indented ${var.x}\n  EOT\n',
      '"unterminated',
      '""',
    ),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.dictionary(fc.constantFrom('a', 'b', 'Name', 'zone'), tie('value'), { maxKeys: 3 }).map(
      (entries) =>
        `{\n${Object.entries(entries)
          .map(([key, value]) => `  ${key} = ${value}`)
          .join('\n')}\n}`,
    ),
  ),
})).value;

const ATTRIBUTES = [
  'multi_az',
  'instance_class',
  'engine',
  'engine_version',
  'backup_retention_period',
  'deletion_protection',
  'storage_encrypted',
  'availability_zone',
  'zones',
  'zone_redundant',
  'sku_name',
  'min_count',
  'max_count',
  'node_count',
  'count',
  'for_each',
  'replicas_per_node_group',
  'num_cache_clusters',
  'automatic_failover_enabled',
  'availability_type',
  'tier',
  'location',
  'region',
  'desired_size',
  'min_size',
  'max_size',
  'version',
  'source',
  'tags',
  'high_availability',
  'geo_redundant_backup_enabled',
];

const RESOURCE_TYPES = [
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_elasticache_replication_group',
  'aws_elasticache_cluster',
  'aws_eks_cluster',
  'aws_eks_node_group',
  'aws_lb',
  'aws_autoscaling_group',
  'aws_instance',
  'aws_s3_bucket',
  'aws_sqs_queue',
  'aws_dynamodb_table',
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azurerm_postgresql_flexible_server',
  'azurerm_mssql_database',
  'azurerm_redis_cache',
  'azurerm_linux_web_app',
  'google_sql_database_instance',
  'google_container_cluster',
  'google_container_node_pool',
  'google_redis_instance',
  'google_compute_instance_group_manager',
];

const hclAttribute = fc.tuple(fc.constantFrom(...ATTRIBUTES), hclValue).map(([key, value]) => `  ${key} = ${value}`);

const hclNestedBlock = fc
  .tuple(
    fc.constantFrom(
      'settings',
      'default_node_pool',
      'high_availability',
      'scaling_config',
      'backup_configuration',
      'lifecycle',
      'node_config',
      'dynamic "setting"',
    ),
    fc.array(hclAttribute, { maxLength: 3 }),
  )
  .map(([block, attributes]) => `  ${block} {\n${attributes.map((line) => `  ${line}`).join('\n')}\n  }`);

const hclBlock: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...RESOURCE_TYPES), name, fc.array(fc.oneof(hclAttribute, hclNestedBlock), { maxLength: 5 }))
    .map(([type, label, body]) => `resource "${type}" "${label}" {\n${body.join('\n')}\n}\n`),
  fc
    .tuple(fc.constantFrom('aws_db_instance', 'aws_availability_zones', 'azurerm_resource_group'), name)
    .map(([type, label]) => `data "${type}" "${label}" {}\n`),
  fc
    .tuple(
      name,
      fc.constantFrom('"./modules/db"', '"terraform-aws-modules/rds/aws"', '"git::https://x/y.git"', 'var.x'),
      fc.array(hclAttribute, { maxLength: 3 }),
    )
    .map(([label, source, body]) => `module "${label}" {\n  source = ${source}\n${body.join('\n')}\n}\n`),
  fc
    .tuple(
      fc.constantFrom('multi_az', 'instance', 'env', 'list', 'map'),
      hclValue,
      fc.constantFrom('bool', 'string', 'number', 'list(string)', 'map(any)', 'object({ a = string })'),
    )
    .map(([label, value, type]) => `variable "${label}" {\n  type    = ${type}\n  default = ${value}\n}\n`),
  fc.array(hclAttribute, { maxLength: 3 }).map((body) => `locals {\n${body.join('\n')}\n}\n`),
  fc.constantFrom(
    'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n',
    'provider "aws" {\n  region = "eu-west-1"\n}\n',
    'output "x" {\n  value = aws_db_instance.main.endpoint\n}\n',
    'resource "aws_db_instance" "main" {\n  multi_az = true # prodready-ignore require-multi-az-database: reason\n}\n',
    '# comment\n// comment\n/* block\ncomment */\n',
  ),
);

const terraformText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: mutated(fc.array(hclBlock, { minLength: 1, maxLength: 4 }).map((blocks) => blocks.join('\n'))),
  },
  { weight: 1, arbitrary: randomText },
);

const tfvarsText: fc.Arbitrary<string> = mutated(
  fc.array(hclAttribute, { maxLength: 4 }).map((lines) => lines.map((line) => line.trim()).join('\n')),
);

/** main.tf, sometimes a module and an environment's variables. */
export const terraformRepository: fc.Arbitrary<GeneratedRepository> = fc
  .tuple(terraformText, fc.option(terraformText), fc.option(tfvarsText))
  .map(([main, module, variables]) => [
    { path: 'main.tf', text: main },
    ...(module === null ? [] : [{ path: 'modules/db/main.tf', text: module }]),
    ...(variables === null ? [] : [{ path: 'env/prod.tfvars', text: variables }]),
  ]);

// ---------------------------------------------------------------------------------------------
// Dockerfiles

const dockerInstruction: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '--platform=$BUILDPLATFORM ', '--platform=linux/amd64 '),
      image,
      fc.constantFrom('', ' AS build', ' as runtime', ' AS'),
    )
    .map(([platform, from, stage]) => `FROM ${platform}${from}${stage}`),
  fc.constantFrom(
    'FROM ${BASE}:${TAG:-latest}',
    'FROM scratch',
    'FROM build',
    'FROM',
    'ARG BASE=node:20',
    'ARG TAG',
    'RUN apt-get update && apt-get install -y curl',
    'RUN ["/bin/sh", "-c", "echo hi"]',
    'RUN echo a \\\n  && echo b',
    'RUN <<EOF\napt-get update\nEOF',
    'COPY --from=build /app /app',
    'COPY --chown=app:app . .',
    'ADD https://example.com/x.tgz /x',
    'USER app',
    'USER 0',
    'USER root:root',
    'USER',
    'WORKDIR /app',
    'ENV A=1 B="two words"',
    'ENV A 1',
    'EXPOSE 8080/tcp 9090',
    'EXPOSE ${PORT}',
    'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1',
    'HEALTHCHECK NONE',
    'HEALTHCHECK',
    'CMD ["node", "server.js"]',
    'CMD node server.js',
    'CMD ["unterminated',
    'ENTRYPOINT ["tini", "--"]',
    'LABEL org.opencontainers.image.source="https://x"',
    'STOPSIGNAL SIGTERM',
    'SHELL ["/bin/bash", "-c"]',
    'ONBUILD RUN echo',
    'VOLUME /data',
    '# escape=`',
    '# syntax=docker/dockerfile:1',
    '# prodready-ignore no-root-user: reason',
    '',
  ),
);

/** Dockerfiles: valid-looking, mutated or random. */
export const dockerfileRepository: fc.Arbitrary<GeneratedRepository> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: mutated(
        fc.array(dockerInstruction, { minLength: 1, maxLength: 10 }).map((lines) => `${lines.join('\n')}\n`),
      ),
    },
    { weight: 1, arbitrary: randomText },
  )
  .map((text) => [{ path: 'Dockerfile', text }]);

// ---------------------------------------------------------------------------------------------
// CI pipelines and compose

const command = fc.constantFrom(
  'npm ci && npm test',
  'kubectl apply -f k8s/',
  'helm upgrade --install web ./chart',
  'terraform apply -auto-approve',
  'docker build -t app .',
  'echo ${{ secrets.TOKEN }}',
  './deploy.sh prod',
  '',
);

const githubStep = fc.oneof(
  fc.constantFrom(
    { uses: 'actions/checkout@v4' },
    { uses: 'docker/build-push-action@v6', with: { push: true } },
    { uses: './.github/actions/x' },
  ),
  fc.record(
    { name: fc.constant('step'), run: command, if: fc.constant("github.ref == 'refs/heads/main'") },
    { requiredKeys: ['run'] },
  ),
);

const githubJob = fc.record(
  {
    'runs-on': fc.constantFrom('ubuntu-latest', ['self-hosted', 'linux']),
    needs: fc.constantFrom('build', ['build', 'test'], 'missing'),
    environment: fc.constantFrom('production', { name: 'staging', url: 'https://x' }),
    if: fc.constant("github.event_name == 'push'"),
    strategy: fc.constant({ matrix: { node: [18, 20] } }),
    steps: fc.array(githubStep, { maxLength: 4 }),
    uses: fc.constant('./.github/workflows/deploy.yml'),
    services: fc.constant({ postgres: { image: 'postgres:16' } }),
    'timeout-minutes': fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: ['runs-on'] },
);

const githubWorkflow = fc.record({
  name: fc.constant('ci'),
  on: fc.constantFrom('push', ['push', 'pull_request'], { push: { branches: ['main'] }, workflow_dispatch: null }),
  permissions: fc.constantFrom('read-all', { contents: 'read' }),
  concurrency: fc.constant({ group: 'deploy', 'cancel-in-progress': false }),
  jobs: fc.dictionary(fc.constantFrom('build', 'test', 'deploy', 'release'), githubJob, { minKeys: 1, maxKeys: 3 }),
});

const gitlabJob = fc.record(
  {
    stage: fc.constantFrom('build', 'test', 'deploy', 'missing'),
    image: image,
    script: fc.oneof(fc.array(command, { maxLength: 3 }), command),
    environment: fc.constantFrom('production', {
      name: 'review/$CI_COMMIT_REF_SLUG',
      url: 'https://x',
      action: 'stop',
    }),
    rules: fc.constant([{ if: '$CI_COMMIT_BRANCH == "main"', when: 'manual' }]),
    only: fc.constant(['main']),
    when: fc.constantFrom('manual', 'on_success', 'always'),
    needs: fc.constantFrom(['build'], [{ job: 'test', artifacts: false }]),
    extends: fc.constantFrom('.base', ['.base', '.other']),
    services: fc.constant(['postgres:16', { name: 'redis:7', alias: 'cache' }]),
    trigger: fc.constant({ include: 'child.yml' }),
  },
  { requiredKeys: ['script'] },
);

const gitlabCi = fc
  .tuple(
    fc.dictionary(fc.constantFrom('build', 'test', 'deploy-prod', '.base', 'pages'), gitlabJob, {
      minKeys: 1,
      maxKeys: 3,
    }),
    fc.record(
      {
        stages: fc.constant(['build', 'test', 'deploy']),
        include: fc.constantFrom('template.yml', [{ local: 'x.yml' }, { project: 'a/b', file: 'c.yml' }]),
        variables: fc.constant({ A: '1', B: { value: '2', description: 'x' } }),
        default: fc.constant({ image: 'node:20' }),
        workflow: fc.constant({ rules: [{ when: 'always' }] }),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([jobs, top]) => ({ ...top, ...jobs }));

const azureStep = fc.oneof(
  fc.record({ script: command, displayName: fc.constant('run') }),
  fc.constantFrom(
    { task: 'KubernetesManifest@1', inputs: { action: 'deploy' } },
    { checkout: 'self' },
    { template: 'steps.yml' },
    { bash: 'echo hi' },
  ),
);

const azureJob = fc.oneof(
  fc.record({
    job: name,
    pool: fc.constant({ vmImage: 'ubuntu-latest' }),
    steps: fc.array(azureStep, { maxLength: 3 }),
    dependsOn: fc.constantFrom('build', ['a', 'b']),
  }),
  fc.record({
    deployment: name,
    environment: fc.constantFrom('production', { name: 'prod', resourceType: 'Kubernetes' }),
    strategy: fc.constant({ runOnce: { deploy: { steps: [{ script: 'kubectl apply -f k8s' }] } } }),
  }),
  fc.constant({ template: 'jobs.yml', parameters: { env: 'prod' } }),
);

const azurePipeline = fc.oneof(
  fc.record({
    trigger: fc.constantFrom(['main'], 'none', { branches: { include: ['main'] } }),
    stages: fc.array(
      fc.record({
        stage: fc.constantFrom('Build', 'Deploy'),
        dependsOn: fc.constantFrom('Build', []),
        jobs: fc.array(azureJob, { maxLength: 2 }),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({ jobs: fc.array(azureJob, { maxLength: 3 }) }),
  fc.record({ steps: fc.array(azureStep, { maxLength: 3 }), extends: fc.constant({ template: 'base.yml' }) }),
);

const composeService = fc.record(
  {
    image: image,
    build: fc.constantFrom('.', { context: '.', dockerfile: 'Dockerfile' }),
    ports: fc.constantFrom(['8080:80'], ['127.0.0.1:5432:5432/tcp'], [{ target: 80, published: 8080 }], ['80']),
    depends_on: fc.constantFrom(['db'], { db: { condition: 'service_healthy' } }, ['missing']),
    healthcheck: fc.constant({ test: ['CMD', 'curl', '-f', 'http://localhost'], interval: '30s', retries: 3 }),
    restart: fc.constantFrom('always', 'unless-stopped', 'no'),
    deploy: fc.constant({ replicas: 2, resources: { limits: { cpus: '0.5', memory: '512M' } } }),
    environment: fc.constantFrom(['DATABASE_URL=postgres://db:5432/app'], { REDIS_HOST: 'cache', EMPTY: null }),
    volumes: fc.constantFrom(['data:/var/lib/postgresql/data'], [{ type: 'bind', source: '.', target: '/app' }]),
    extends: fc.constant({ service: 'web', file: 'other.yml' }),
    env_file: fc.constant('.env'),
  },
  { requiredKeys: [] },
);

const composeFile = fc.record(
  {
    version: fc.constantFrom('3.8', '2'),
    services: fc.dictionary(fc.constantFrom('web', 'db', 'cache', 'worker'), composeService, {
      minKeys: 1,
      maxKeys: 3,
    }),
    volumes: fc.constant({ data: {} }),
    networks: fc.constant({ default: null }),
    'x-common': fc.constant({ restart: 'always' }),
  },
  { requiredKeys: ['services'] },
);

/** The CI files of the three systems, valid, with wrong types, mutated or random. */
export const pipelineRepository: fc.Arbitrary<GeneratedRepository> = fc
  .tuple(fc.option(yamlOf(githubWorkflow)), fc.option(yamlOf(gitlabCi)), fc.option(yamlOf(azurePipeline)))
  .map(([github, gitlab, azure]) => [
    ...(github === null ? [] : [{ path: '.github/workflows/ci.yml', text: github }]),
    ...(gitlab === null ? [] : [{ path: '.gitlab-ci.yml', text: gitlab }]),
    ...(azure === null ? [] : [{ path: 'azure-pipelines.yml', text: azure }]),
  ]);

/** docker-compose.yml, valid, with wrong types, mutated or random. */
export const composeRepository: fc.Arbitrary<GeneratedRepository> = fc
  .oneof({ weight: 6, arbitrary: yamlOf(composeFile) }, { weight: 1, arbitrary: randomText })
  .map((text) => [{ path: 'docker-compose.yml', text }]);

/** A repository with one of each kind: the cross-file links between them (images, hosts, pipelines). */
export const wholeRepository: fc.Arbitrary<GeneratedRepository> = fc
  .tuple(
    kubernetesRepository,
    kustomizeRepository,
    terraformRepository,
    dockerfileRepository,
    pipelineRepository,
    composeRepository,
  )
  .map((parts) => {
    const byPath = new Map<string, GeneratedFile>();
    for (const part of parts) for (const file of part) byPath.set(file.path, file);
    return [...byPath.values()];
  });

/** The generators `npm run fuzz` and the test suite run, by name. */
export const GENERATORS = {
  yaml: yamlRepository,
  kubernetes: kubernetesRepository,
  kustomize: kustomizeRepository,
  terraform: terraformRepository,
  dockerfile: dockerfileRepository,
  pipelines: pipelineRepository,
  compose: composeRepository,
  repository: wholeRepository,
} as const satisfies Record<string, fc.Arbitrary<GeneratedRepository>>;

export type GeneratorName = keyof typeof GENERATORS;
