/**
 * Writes a synthetic monorepo for the benchmark: services with Kubernetes manifests (a third
 * through Kustomize bases and overlays, the rest plain), Dockerfiles, a few Compose files, CI
 * pipelines and Terraform for three clouds. Deterministic: the same options give a
 * byte-identical tree (a seeded PRNG, no clock, fixed write order).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface GenerateOptions {
  /** An empty or missing directory to write into. */
  readonly root: string;
  /** About how many Kubernetes objects to write (base and plain manifests, not overlay copies). */
  readonly objects: number;
  readonly seed: number;
}

export interface GeneratedRepository {
  readonly files: number;
  readonly bytes: number;
  /** Kubernetes objects written in YAML documents. */
  readonly objects: number;
  /** Every `.yaml`/`.yml` file, relative to the root, in write order. */
  readonly yamlFiles: readonly string[];
  /** Every `.tf`/`.tfvars` file, relative to the root, in write order. */
  readonly terraformFiles: readonly string[];
}

type Random = () => number;

/** mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function integer(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

const DOMAINS = [
  'orders',
  'payments',
  'catalog',
  'inventory',
  'shipping',
  'billing',
  'accounts',
  'search',
  'pricing',
  'reviews',
  'notifications',
  'checkout',
  'cart',
  'loyalty',
  'returns',
  'invoices',
  'ledger',
  'fraud',
  'identity',
  'sessions',
  'media',
  'recommendations',
  'analytics',
  'reporting',
  'gateway',
  'webhooks',
  'scheduler',
  'audit',
  'tenants',
  'quotes',
] as const;
const ROLES = ['api', 'worker', 'consumer', 'web', 'sync', 'admin'] as const;
const LANGUAGES = [
  { base: 'node:20.11-slim', build: 'node:20.11', run: ['node', 'dist/server.js'], user: 'node' },
  { base: 'python:3.12-slim', build: 'python:3.12', run: ['gunicorn', 'app:app'], user: '10001' },
  { base: 'gcr.io/distroless/static-debian12', build: 'golang:1.22', run: ['/app/server'], user: 'nonroot' },
  {
    base: 'eclipse-temurin:21-jre',
    build: 'eclipse-temurin:21-jdk',
    run: ['java', '-jar', '/app/app.jar'],
    user: '1001',
  },
] as const;
const LOG_LEVELS = ['info', 'warn', 'debug'] as const;

interface Workload {
  readonly name: string;
  readonly image: string;
  readonly port: number;
}

interface Service {
  readonly name: string;
  readonly index: number;
  readonly kustomize: boolean;
  readonly workloads: readonly Workload[];
}

/** One YAML document: its text and the number of Kubernetes objects in it (0 or 1). */
interface Document {
  readonly text: string;
  readonly objects: number;
}

function version(random: Random): string {
  return `${integer(random, 1, 4)}.${integer(random, 0, 30)}.${integer(random, 0, 12)}`;
}

function imageTag(random: Random): string {
  if (chance(random, 0.03)) return 'latest';
  return version(random);
}

function deployment(random: Random, service: Service, workload: Workload, others: readonly string[]): Document {
  const lines: string[] = [];
  const replicas = service.kustomize ? 2 : integer(random, 1, 4);
  if (chance(random, 0.2)) lines.push(`# ${workload.name}: owned by team-${service.name}`);
  lines.push(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${workload.name}`,
    '  labels:',
    `    app.kubernetes.io/name: ${workload.name}`,
    `    app.kubernetes.io/part-of: ${service.name}`,
    'spec:',
    `  replicas: ${replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${workload.name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${workload.name}`,
    `        app.kubernetes.io/part-of: ${service.name}`,
    '    spec:',
    `      serviceAccountName: ${service.name}`,
  );
  if (chance(random, 0.4)) {
    lines.push(
      '      securityContext:',
      '        runAsNonRoot: true',
      '        seccompProfile:',
      '          type: RuntimeDefault',
    );
  }
  lines.push(
    '      containers:',
    `        - name: ${workload.name}`,
    `          image: ${workload.image}:${imageTag(random)}`,
    '          ports:',
    `            - containerPort: ${workload.port}`,
    '              name: http',
    '          env:',
    '            - name: LOG_LEVEL',
    `              value: ${pick(random, LOG_LEVELS)}`,
    '            - name: PORT',
    `              value: "${workload.port}"`,
  );
  for (let index = 0; index < integer(random, 0, 3); index++) {
    const other = pick(random, others);
    lines.push(
      `            - name: ${other.toUpperCase().replace(/-/g, '_')}_URL`,
      `              value: http://${other}-api.${other}.svc.cluster.local:80`,
    );
  }
  if (chance(random, 0.15)) {
    lines.push('            - name: DATABASE_URL', '              value: postgres://orders-db:5432/orders');
  }
  if (chance(random, 0.85)) {
    lines.push(
      '          resources:',
      '            requests:',
      `              cpu: ${pick(random, ['50m', '100m', '250m', '500m'])}`,
      `              memory: ${pick(random, ['64Mi', '128Mi', '256Mi', '512Mi'])}`,
    );
    if (chance(random, 0.85)) {
      lines.push('            limits:', `              memory: ${pick(random, ['256Mi', '512Mi', '1Gi'])}`);
    }
  }
  if (chance(random, 0.85)) {
    lines.push(
      '          readinessProbe:',
      '            httpGet:',
      '              path: /ready',
      '              port: http',
      '            periodSeconds: 10',
      '          livenessProbe:',
      '            httpGet:',
      '              path: /healthz',
      '              port: http',
      '            initialDelaySeconds: 10',
    );
  }
  if (chance(random, 0.004)) {
    lines.push('          securityContext:', '            privileged: true');
  } else if (chance(random, 0.5)) {
    lines.push(
      '          securityContext:',
      '            allowPrivilegeEscalation: false',
      '            readOnlyRootFilesystem: true',
      '            capabilities:',
      '              drop: [ALL]',
    );
  }
  return { text: lines.join('\n'), objects: 1 };
}

function kubernetesService(service: Service, workload: Workload): Document {
  return {
    text: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${workload.name}`,
      '  labels:',
      `    app.kubernetes.io/part-of: ${service.name}`,
      'spec:',
      '  selector:',
      `    app.kubernetes.io/name: ${workload.name}`,
      '  ports:',
      '    - name: http',
      '      port: 80',
      `      targetPort: ${workload.port}`,
    ].join('\n'),
    objects: 1,
  };
}

function configMap(random: Random, workload: Workload): Document {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${workload.name}-settings`, 'data:'];
  for (let index = 0; index < integer(random, 2, 6); index++) {
    lines.push(`  FEATURE_${index}: "${chance(random, 0.5) ? 'true' : 'false'}"`);
  }
  return { text: lines.join('\n'), objects: 1 };
}

function serviceAccount(service: Service): Document {
  return {
    text: [
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      `  name: ${service.name}`,
      'automountServiceAccountToken: false',
    ].join('\n'),
    objects: 1,
  };
}

function autoscaler(random: Random, workload: Workload): Document {
  return {
    text: [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      `  name: ${workload.name}`,
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      `    name: ${workload.name}`,
      `  minReplicas: ${integer(random, 2, 3)}`,
      `  maxReplicas: ${integer(random, 4, 12)}`,
      '  metrics:',
      '    - type: Resource',
      '      resource:',
      '        name: cpu',
      '        target:',
      '          type: Utilization',
      `          averageUtilization: ${pick(random, [60, 70, 80])}`,
    ].join('\n'),
    objects: 1,
  };
}

function disruptionBudget(workload: Workload): Document {
  return {
    text: [
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      `  name: ${workload.name}`,
      'spec:',
      '  minAvailable: 1',
      '  selector:',
      '    matchLabels:',
      `      app.kubernetes.io/name: ${workload.name}`,
    ].join('\n'),
    objects: 1,
  };
}

function ingress(service: Service, workload: Workload): Document {
  return {
    text: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      `  name: ${workload.name}`,
      '  annotations:',
      '    cert-manager.io/cluster-issuer: letsencrypt',
      'spec:',
      '  ingressClassName: nginx',
      '  tls:',
      `    - hosts: [${service.name}.example.com]`,
      `      secretName: ${workload.name}-tls`,
      '  rules:',
      `    - host: ${service.name}.example.com`,
      '      http:',
      '        paths:',
      '          - path: /',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      `                name: ${workload.name}`,
      '                port:',
      '                  number: 80',
    ].join('\n'),
    objects: 1,
  };
}

function cronJob(random: Random, service: Service, workload: Workload): Document {
  return {
    text: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      `  name: ${service.name}-cleanup`,
      'spec:',
      `  schedule: "${integer(random, 0, 59)} ${integer(random, 0, 23)} * * *"`,
      '  concurrencyPolicy: Forbid',
      '  jobTemplate:',
      '    spec:',
      '      backoffLimit: 2',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      `          serviceAccountName: ${service.name}`,
      '          containers:',
      '            - name: cleanup',
      `              image: ${workload.image}:${version(random)}`,
      '              args: [cleanup, --older-than=30d]',
      '              resources:',
      '                requests:',
      '                  cpu: 50m',
      '                  memory: 64Mi',
      '                limits:',
      '                  memory: 128Mi',
    ].join('\n'),
    objects: 1,
  };
}

function statefulSet(random: Random, service: Service): Document[] {
  const redis = chance(random, 0.4);
  const name = `${service.name}-${redis ? 'redis' : 'db'}`;
  const image = redis
    ? `redis:${pick(random, ['7.2', '7.4', 'latest'])}`
    : `postgres:${pick(random, ['15.6', '16.3'])}`;
  const port = redis ? 6379 : 5432;
  const set = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  serviceName: ${name}`,
    `  replicas: ${pick(random, [1, 1, 3])}`,
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${name}`,
    '    spec:',
    '      containers:',
    `        - name: ${redis ? 'redis' : 'postgres'}`,
    `          image: ${image}`,
    '          ports:',
    `            - containerPort: ${port}`,
    '          resources:',
    '            requests:',
    '              cpu: 250m',
    '              memory: 512Mi',
    '            limits:',
    '              memory: 1Gi',
    '          volumeMounts:',
    '            - name: data',
    `              mountPath: ${redis ? '/data' : '/var/lib/postgresql/data'}`,
    '  volumeClaimTemplates:',
    '    - metadata:',
    '        name: data',
    '      spec:',
    '        accessModes: [ReadWriteOnce]',
    '        resources:',
    '          requests:',
    '            storage: 20Gi',
  ];
  const headless = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  clusterIP: None',
    '  selector:',
    `    app.kubernetes.io/name: ${name}`,
    '  ports:',
    `    - port: ${port}`,
  ];
  return [
    { text: set.join('\n'), objects: 1 },
    { text: headless.join('\n'), objects: 1 },
  ];
}

/** The Kubernetes documents of one service, in a fixed order. */
function serviceDocuments(random: Random, service: Service, others: readonly string[]): Document[] {
  const documents: Document[] = [serviceAccount(service)];
  for (const workload of service.workloads) {
    documents.push(deployment(random, service, workload, others), kubernetesService(service, workload));
    documents.push(configMap(random, workload));
    if (chance(random, 0.6)) documents.push(autoscaler(random, workload));
    if (chance(random, 0.5)) documents.push(disruptionBudget(workload));
    if (workload.name.endsWith('-web') || chance(random, 0.08)) documents.push(ingress(service, workload));
  }
  const first = service.workloads[0];
  if (first !== undefined && chance(random, 0.12)) documents.push(cronJob(random, service, first));
  if (chance(random, 0.1)) documents.push(...statefulSet(random, service));
  return documents;
}

/** Splits documents into files of 2 to 12 documents (one file when there are fewer than 4). */
function splitIntoFiles(random: Random, documents: readonly Document[]): Document[][] {
  const files: Document[][] = [];
  let rest = [...documents];
  while (rest.length > 0) {
    const size = rest.length < 4 ? rest.length : Math.min(rest.length, integer(random, 2, 12));
    const take = rest.length - size === 1 ? rest.length : size;
    files.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  return files;
}

function joinDocuments(random: Random, documents: readonly Document[]): string {
  const leading = chance(random, 0.3) ? '---\n' : '';
  const header = chance(random, 0.2) ? '# Managed by the platform team; edit in this repository only.\n' : '';
  return `${header}${leading}${documents.map((document) => document.text).join('\n---\n')}\n`;
}

function dockerfile(random: Random, service: Service): string {
  const language = pick(random, LANGUAGES);
  const lines: string[] = [];
  if (chance(random, 0.5)) {
    lines.push(
      `FROM ${language.build} AS build`,
      'WORKDIR /src',
      'COPY . .',
      'RUN make build',
      '',
      `FROM ${language.base}`,
      'WORKDIR /app',
      'COPY --from=build /src/out /app',
    );
  } else {
    lines.push(
      `FROM ${chance(random, 0.05) ? language.base.replace(/:.*$/, ':latest') : language.base}`,
      'WORKDIR /app',
      'COPY . /app',
    );
  }
  lines.push(`ENV SERVICE_NAME=${service.name}`, `EXPOSE ${service.workloads[0]?.port ?? 8080}`);
  if (chance(random, 0.8)) lines.push(`USER ${language.user}`);
  if (chance(random, 0.3)) {
    lines.push('HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]');
  }
  lines.push(`CMD ${JSON.stringify(language.run)}`);
  return `${lines.join('\n')}\n`;
}

function kustomization(resources: readonly string[]): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((file) => `  - ${file}`).join('\n')}\n`;
}

function overlayFiles(random: Random, service: Service, environment: 'staging' | 'prod'): Record<string, string> {
  const lines = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${service.name}-${environment}`,
    'resources:',
    '  - ../../base',
    'images:',
  ];
  for (const workload of service.workloads) {
    lines.push(`  - name: ${workload.image}`, `    newTag: ${version(random)}`);
  }
  const target = service.workloads[0];
  if (target === undefined) return { 'kustomization.yaml': `${lines.join('\n')}\n` };
  if (environment === 'prod') {
    lines.push('patches:', '  - path: replicas.yaml');
    const patch = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${target.name}`,
      'spec:',
      `  replicas: ${integer(random, 3, 6)}`,
    ];
    return { 'kustomization.yaml': `${lines.join('\n')}\n`, 'replicas.yaml': `${patch.join('\n')}\n` };
  }
  lines.push(
    'patches:',
    '  - target:',
    '      kind: Deployment',
    `      name: ${target.name}`,
    '    patch: |-',
    '      - op: replace',
    '        path: /spec/replicas',
    '        value: 1',
  );
  return { 'kustomization.yaml': `${lines.join('\n')}\n` };
}

function compose(random: Random, services: readonly Service[]): string {
  const lines = ['services:'];
  for (const service of services) {
    const workload = service.workloads[0];
    if (workload === undefined) continue;
    lines.push(
      `  ${service.name}:`,
      `    build: ./services/${service.name}`,
      `    image: ${workload.image}:${version(random)}`,
      '    ports:',
      `      - "127.0.0.1:${workload.port}:${workload.port}"`,
      '    environment:',
      '      DATABASE_URL: postgres://orders-db:5432/orders',
      '      LOG_LEVEL: info',
      '    depends_on:',
      '      - db',
    );
    if (chance(random, 0.5)) lines.push('    mem_limit: 512m');
  }
  lines.push(
    '  db:',
    '    image: postgres:16.3',
    '    environment:',
    '      - POSTGRES_DB=orders',
    '    volumes:',
    '      - db-data:/var/lib/postgresql/data',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
    '      interval: 5s',
    'volumes:',
    '  db-data: {}',
  );
  return `${lines.join('\n')}\n`;
}

const CHECKOUT_PINNED = 'actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11';

function workflows(): Record<string, string> {
  const build = [
    'name: build',
    'on:',
    '  push:',
    '    branches: [main]',
    '  pull_request:',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    `      - uses: ${CHECKOUT_PINNED}`,
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    '      - run: npm ci && npm run build',
    '      - uses: docker/build-push-action@v5',
    '        with:',
    '          push: false',
  ];
  const test = [
    'name: test',
    'on: [pull_request]',
    'jobs:',
    '  unit:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 20',
    '    steps:',
    '      - uses: actions/checkout@main',
    '      - run: npm ci',
    '      - run: npm test',
  ];
  const deploy = [
    'name: deploy',
    'on:',
    '  push:',
    '    branches: [main]',
    'permissions:',
    '  contents: read',
    '  id-token: write',
    'concurrency:',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, written as is
    '  group: deploy-${{ github.ref }}',
    'jobs:',
    '  staging:',
    '    runs-on: ubuntu-latest',
    '    environment: staging',
    '    steps:',
    `      - uses: ${CHECKOUT_PINNED}`,
    '      - run: kustomize build services/orders/k8s/overlays/staging | kubectl apply -f -',
    '  production:',
    '    needs: [staging]',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    environment:',
    '      name: production',
    '      url: https://shop.example.com',
    '    steps:',
    `      - uses: ${CHECKOUT_PINNED}`,
    '      - uses: azure/setup-kubectl@v3',
    '      - run: kustomize build services/orders/k8s/overlays/prod | kubectl apply -f -',
  ];
  const terraform = [
    'name: terraform',
    'on:',
    '  pull_request:',
    '    paths: [infra/**]',
    'jobs:',
    '  plan:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: hashicorp/setup-terraform@v3',
    '      - run: terraform -chdir=infra init && terraform -chdir=infra plan -var-file=env/prod.tfvars',
  ];
  return {
    '.github/workflows/build.yml': `${build.join('\n')}\n`,
    '.github/workflows/test.yml': `${test.join('\n')}\n`,
    '.github/workflows/deploy.yml': `${deploy.join('\n')}\n`,
    '.github/workflows/terraform.yml': `${terraform.join('\n')}\n`,
  };
}

function gitlabPipeline(): string {
  return `${[
    'stages: [test, build, deploy]',
    'default:',
    '  timeout: 30m',
    'unit:',
    '  stage: test',
    '  image: node:20.11',
    '  script:',
    '    - npm ci',
    '    - npm test',
    'build-image:',
    '  stage: build',
    '  script:',
    '    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
    'deploy-production:',
    '  stage: deploy',
    '  needs: [build-image]',
    '  environment:',
    '    name: production',
    '  rules:',
    '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
    '      when: manual',
    '  script:',
    '    - kubectl apply -k services/orders/k8s/overlays/prod',
  ].join('\n')}\n`;
}

/** One block of Terraform datastores and alarms for one service, rotating between clouds. */
function terraformStack(random: Random, service: Service): string {
  const name = service.name;
  const id = name.replace(/-/g, '_');
  switch (service.index % 3) {
    case 0:
      return `resource "aws_db_instance" "${id}" {
  identifier              = "\${local.name}-${name}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.m7g.large"
  multi_az                = var.multi_az
  backup_retention_period = ${pick(random, [1, 7, 14])}
  storage_encrypted       = ${chance(random, 0.9)}
}

resource "aws_elasticache_replication_group" "${id}" {
  replication_group_id       = "\${local.name}-${name}"
  description                = "${name} cache"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = ${integer(random, 1, 3)}
  automatic_failover_enabled = ${chance(random, 0.7)}
  transit_encryption_enabled = true
}

resource "aws_cloudwatch_metric_alarm" "${id}_cpu" {
  alarm_name          = "${name}-database-cpu"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
}
`;
    case 1:
      return `resource "azurerm_postgresql_flexible_server" "${id}" {
  name                  = "\${local.name}-${name}"
  version               = "16"
  sku_name              = "GP_Standard_D4s_v3"
  backup_retention_days = ${pick(random, [7, 14, 35])}

  high_availability {
    mode = var.db_ha_mode
  }
}

resource "azurerm_redis_cache" "${id}" {
  name                = "\${local.name}-${name}"
  sku_name            = "${pick(random, ['Basic', 'Standard', 'Premium'])}"
  family              = "C"
  capacity            = 1
  minimum_tls_version = "1.2"
}
`;
    default:
      return `resource "google_sql_database_instance" "${id}" {
  name             = "${name}"
  database_version = "POSTGRES_16"
  region           = var.region

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "${pick(random, ['REGIONAL', 'ZONAL'])}"

    backup_configuration {
      enabled = true
    }
  }
}

resource "google_pubsub_topic" "${id}" {
  name = "${name}-events"
}
`;
  }
}

const TERRAFORM_MAIN = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 5.0"
    }
  }
}

locals {
  name = "\${var.project}-\${var.environment}"
}

resource "aws_subnet" "private" {
  count             = length(var.zones)
  vpc_id            = "vpc-0123456789"
  cidr_block        = "10.0.\${count.index}.0/24"
  availability_zone = var.zones[count.index]
}

resource "aws_eks_cluster" "main" {
  name     = local.name
  role_arn = "arn:aws:iam::123456789012:role/eks"
  version  = "1.30"

  vpc_config {
    subnet_ids = aws_subnet.private[*].id
  }
}

resource "aws_eks_node_group" "apps" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "apps"
  subnet_ids      = aws_subnet.private[*].id

  scaling_config {
    desired_size = 3
    min_size     = 3
    max_size     = 9
  }
}

resource "azurerm_kubernetes_cluster" "main" {
  name               = "\${local.name}-aks"
  location           = var.location
  kubernetes_version = "1.30"
  sku_tier           = "Standard"

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4s_v5"
    zones                = ["1", "2", "3"]
    auto_scaling_enabled = true
    min_count            = 3
    max_count            = 6
  }
}

resource "google_container_cluster" "main" {
  name                     = local.name
  location                 = var.region
  remove_default_node_pool = true
  initial_node_count       = 1
}

module "orders_database" {
  source   = "./modules/database"
  name     = "\${local.name}-orders"
  multi_az = var.multi_az
}

module "uploads" {
  source = "./modules/bucket"
  name   = "\${local.name}-uploads"
}
`;

const TERRAFORM_VARIABLES = `variable "project" {
  type    = string
  default = "shop"
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "zones" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b"]
}

variable "multi_az" {
  type    = bool
  default = false
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "region" {
  type    = string
  default = "europe-west1"
}

variable "db_ha_mode" {
  type    = string
  default = "SameZone"
}
`;

const TERRAFORM_MODULES: Record<string, string> = {
  'infra/modules/database/main.tf': `resource "aws_db_instance" "this" {
  identifier                  = var.name
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m7g.large"
  multi_az                    = var.multi_az
  backup_retention_period     = 7
  storage_encrypted           = true
  manage_master_user_password = true
}
`,
  'infra/modules/database/variables.tf': `variable "name" {
  type = string
}

variable "multi_az" {
  type = bool
}
`,
  'infra/modules/bucket/main.tf': `resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}
`,
  'infra/modules/bucket/variables.tf': `variable "name" {
  type = string
}
`,
};

/** The services of the repository, in order, with their workloads, until `objects` is reached. */
function planServices(random: Random, objects: number): Service[] {
  const services: Service[] = [];
  const estimate = Math.max(1, Math.ceil(objects / 6));
  for (let index = 0; index < estimate; index++) {
    const domain = DOMAINS[index % DOMAINS.length] ?? 'app';
    const round = Math.floor(index / DOMAINS.length);
    const name = round === 0 ? domain : `${domain}-${round + 1}`;
    const roles = ROLES.slice(0, integer(random, 1, 3));
    services.push({
      name,
      index,
      kustomize: index % 3 === 0,
      workloads: roles.map((role, position) => ({
        name: `${name}-${role}`,
        image: `registry.example.com/${name}/${role}`,
        port: 8080 + position,
      })),
    });
  }
  return services;
}

/** Writes the synthetic repository; see the module comment. */
export function generateMonorepo(options: GenerateOptions): GeneratedRepository {
  const random = createRandom(options.seed);
  const written = new Map<string, string>();
  const write = (file: string, text: string) => {
    if (written.has(file)) throw new Error(`generated ${file} twice`);
    written.set(file, text);
  };
  const services = planServices(random, options.objects);
  const names = services.map((service) => service.name);
  let objects = 0;
  const stacks: string[] = [];
  for (const service of services) {
    if (objects >= options.objects) break;
    const documents = serviceDocuments(random, service, names.slice(0, Math.max(1, service.index)));
    const files = splitIntoFiles(random, documents);
    const fileNames = files.map((_, position) =>
      position === 0 ? `${service.name}.yaml` : `part-${position + 1}.yaml`,
    );
    files.forEach((file, position) => {
      const directory = service.kustomize ? 'k8s/base' : 'deploy';
      write(`services/${service.name}/${directory}/${fileNames[position]}`, joinDocuments(random, file));
      for (const document of file) objects += document.objects;
    });
    if (service.kustomize) {
      write(`services/${service.name}/k8s/base/kustomization.yaml`, kustomization(fileNames));
      for (const environment of ['staging', 'prod'] as const) {
        for (const [file, text] of Object.entries(overlayFiles(random, service, environment))) {
          write(`services/${service.name}/k8s/overlays/${environment}/${file}`, text);
        }
      }
    }
    write(`services/${service.name}/Dockerfile`, dockerfile(random, service));
    if (service.index % 2 === 0) stacks.push(terraformStack(random, service));
  }
  const composed = services.slice(0, Math.min(services.length, 6));
  write('docker-compose.yml', compose(random, composed));
  for (let index = 50; index < services.length; index += 200) {
    const service = services[index];
    if (service !== undefined) write(`services/${service.name}/docker-compose.yml`, compose(random, [service]));
  }
  for (const [file, text] of Object.entries(workflows())) write(file, text);
  write('.gitlab-ci.yml', gitlabPipeline());
  write('infra/main.tf', TERRAFORM_MAIN);
  write('infra/variables.tf', TERRAFORM_VARIABLES);
  // The datastores in files of at most 40 stacks, as teams split a large root module.
  for (let start = 0; start < stacks.length; start += 40) {
    write(`infra/datastores-${String(start / 40 + 1).padStart(3, '0')}.tf`, stacks.slice(start, start + 40).join('\n'));
  }
  for (const [file, text] of Object.entries(TERRAFORM_MODULES)) write(file, text);
  write(
    'infra/env/prod.tfvars',
    'environment = "prod"\nmulti_az    = true\ndb_ha_mode  = "ZoneRedundant"\nzones       = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]\n',
  );
  write('infra/env/staging.tfvars', 'environment = "staging"\nmulti_az    = false\n');

  let bytes = 0;
  const yamlFiles: string[] = [];
  const terraformFiles: string[] = [];
  for (const [file, text] of written) {
    const absolute = path.join(options.root, file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
    bytes += Buffer.byteLength(text);
    if (/\.ya?ml$/.test(file)) yamlFiles.push(file);
    if (/\.(tf|tfvars)$/.test(file)) terraformFiles.push(file);
  }
  return { files: written.size, bytes, objects, yamlFiles, terraformFiles };
}

/**
 * Bumps the replicas of the first Deployment in the first plain manifest (deterministic) and
 * returns the file's path, for timing a re-scan after a one-file change.
 */
export function changeOneFile(root: string): string {
  const services = fs.readdirSync(path.join(root, 'services')).sort();
  for (const service of services) {
    const directory = path.join(root, 'services', service, 'deploy');
    if (!fs.existsSync(directory)) continue;
    const file = path.join(directory, `${service}.yaml`);
    const text = fs.readFileSync(file, 'utf8');
    const changed = text.replace(
      /^ {2}replicas: (\d+)$/m,
      (_match, count: string) => `  replicas: ${Number(count) + 1}`,
    );
    if (changed === text) continue;
    fs.writeFileSync(file, changed);
    return file;
  }
  throw new Error(`no plain Kubernetes manifest with replicas under ${root}/services`);
}
