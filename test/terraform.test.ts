import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { type RepoPath, resolvePointer, type SourcePointer } from '../src/core/source.js';
import { discover } from '../src/discover/discover.js';
import { buildInfrastructure, type Infrastructure, type ManagedService } from '../src/model/infrastructure.js';
import type { Reader } from '../src/model/read.js';
import type { ParseOptions } from '../src/parse/parse-sources.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { type HclParser, isExpression, parseTerraform, type TerraformFile } from '../src/parse/terraform.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'terraform');

/** The rules that judge Terraform; findings of other rules are not this file's business. */
const TERRAFORM_RULES = new Set([
  'no-public-database-access',
  'no-secrets-in-terraform-variables',
  'require-cache-high-availability',
  'require-cluster-autoscaling',
  'require-cluster-sla-tier',
  'require-database-backup-retention',
  'require-encryption-at-rest',
  'require-geo-redundant-backup',
  'require-key-vault-purge-protection',
  'require-minimum-tls-version',
  'require-monitoring-alerts',
  'require-multi-zone-cluster',
  'require-object-storage-versioning',
  'require-point-in-time-restore',
  'require-queue-zone-redundancy',
  'require-storage-redundancy',
  'require-zone-redundant-database',
]);

let parsers: ParseOptions;
let hcl: HclParser;

beforeAll(async () => {
  parsers = await loadParsers();
  if (parsers.hcl === undefined) throw new Error('the HCL grammar did not load');
  hcl = parsers.hcl;
});

function at(pointer: SourcePointer): string {
  const location = resolvePointer(pointer);
  return `${location.file}:${location.line}:${location.column}`;
}

function parseOne(text: string, file = 'main.tf'): { file: TerraformFile | undefined; issues: readonly unknown[] } {
  const part = parseTerraform([{ path: file as RepoPath, kind: 'terraform', text }], hcl);
  return { file: part.parsed.files[0], issues: part.issues };
}

function infrastructureOf(
  fixture: string,
  variableFiles: readonly string[] = [],
): { infrastructure: Infrastructure; reader: Reader } {
  const discovery = discover({ root: path.join(FIXTURES, fixture), paths: ['.'] });
  const parsed = parseSources(discovery.files, parsers);
  expect(parsed.issues).toEqual([]);
  const reader: Reader = { issues: [], unreadable: [] };
  const infrastructure = buildInfrastructure(reader, parsed.terraform, {
    variableFiles: variableFiles.map((file) => file as RepoPath),
  });
  return { infrastructure, reader };
}

function service(infrastructure: Infrastructure, id: string): ManagedService {
  const found = infrastructure.managedServices.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no managed service ${id}`);
  return found;
}

function findingsOf(fixture: string): { findings: string[]; parseIssues: unknown[] } {
  const report = scanRepository({
    root: path.join(FIXTURES, fixture),
    paths: ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: 'test',
    parsers,
  });
  return {
    findings: report.findings
      .filter((finding) => TERRAFORM_RULES.has(finding.ruleId))
      .map(
        (finding) =>
          `${finding.ruleId} ${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
      ),
    parseIssues: [...report.parseIssues],
  };
}

describe('HCL values', () => {
  it('turns literals into values and keeps other expressions as text', () => {
    const { file, issues } = parseOne(
      [
        'locals {',
        '  name    = "a \\"quoted\\" \\u00e9 $${literal}"',
        '  count   = 3',
        '  ratio   = -0.5',
        '  enabled = true',
        '  nothing = null',
        '  zones   = ["1", 2, false]',
        '  tags    = { env = "prod", "team" = "shop" }',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a template
        '  id      = "${var.project}-db"',
        '  ref     = var.zones[0]',
        '}',
      ].join('\n'),
    );
    expect(issues).toEqual([]);
    const attributes = file?.body.blocks[0]?.body.attributes;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a template
    expect(attributes?.get('name')?.value).toBe('a "quoted" é ${literal}');
    expect(attributes?.get('count')?.value).toBe(3);
    expect(attributes?.get('enabled')?.value).toBe(true);
    expect(attributes?.get('nothing')?.value).toBeNull();
    expect(attributes?.get('zones')?.value).toEqual(['1', 2, false]);
    expect(attributes?.get('tags')?.value).toEqual({ env: 'prod', team: 'shop' });
    const id = attributes?.get('id')?.value;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a template
    expect(isExpression(id) ? id.text : id).toBe('"${var.project}-db"');
    const ref = attributes?.get('ref')?.value;
    expect(isExpression(ref) ? ref.text : ref).toBe('var.zones[0]');
    expect(attributes?.get('ratio')?.position).toEqual({ line: 4, column: 3 });
  });

  it('reads heredocs, stripping the common indentation of <<-', () => {
    const { file } = parseOne(
      ['locals {', '  policy = <<-EOT', '    {', '      "a": 1', '    }', '    EOT', '}', ''].join('\n'),
    );
    expect(file?.body.blocks[0]?.body.attributes.get('policy')?.value).toBe('{\n  "a": 1\n}\n');
  });

  it('locates attributes, nested blocks, repeated blocks and object keys, and the block of a missing attribute', () => {
    const { file } = parseOne(
      [
        'resource "azurerm_cosmosdb_account" "main" {',
        '  tags = {',
        '    env = "prod"',
        '  }',
        '  geo_location {',
        '    location = "westeurope"',
        '  }',
        '  geo_location {',
        '    location       = "northeurope"',
        '    zone_redundant = true',
        '  }',
        '}',
      ].join('\n'),
    );
    const locate = (...segments: (string | number)[]) =>
      file?.locator.locate(['resource', 'azurerm_cosmosdb_account', 'main', ...segments]);
    expect(locate()).toEqual({ line: 1, column: 1 });
    expect(locate('tags', 'env')).toEqual({ line: 3, column: 5 });
    expect(locate('geo_location', 1, 'zone_redundant')).toEqual({ line: 10, column: 5 });
    expect(locate('geo_location', 'location')).toEqual({ line: 6, column: 5 });
    expect(locate('backup', 'type')).toEqual({ line: 1, column: 1 });
    expect(locate('geo_location', 0, 'missing')).toEqual({ line: 5, column: 3 });
  });
});

describe('malformed Terraform', () => {
  it('reports the first syntax error of each file with its line and still reads the other files and blocks', () => {
    const discovery = discover({ root: path.join(FIXTURES, 'malformed'), paths: ['.'] });
    const parsed = parseSources(discovery.files, parsers);
    expect(parsed.issues).toEqual([
      {
        file: 'broken.tf',
        line: 7,
        column: 13,
        message: 'HCL syntax error: incomplete expression or block; the rest of the file was still read.',
      },
      {
        file: 'heredoc.tf',
        line: 3,
        column: 12,
        message: 'HCL syntax error: the heredoc <<EOT is never closed; the rest of the file was still read.',
      },
    ]);
    expect([...parsed.examined].sort()).toEqual(['broken.tf', 'good.tf', 'heredoc.tf']);
    const infrastructure = buildInfrastructure({ issues: [], unreadable: [] }, parsed.terraform);
    expect(infrastructure.managedServices.map((node) => `${node.id} ${at(node.source)}`)).toEqual([
      'terraform/aws_s3_bucket/logs broken.tf:1:1',
      'terraform/aws_db_instance/broken broken.tf:5:1',
      'terraform/aws_s3_bucket/after_error broken.tf:10:1',
      'terraform/aws_dynamodb_table/orders good.tf:1:1',
    ]);
  });

  it('reports an unclosed block at the line that opens it', () => {
    const { issues } = parseOne('resource "aws_s3_bucket" "a" {\n  bucket = "x"\n');
    expect(issues).toEqual([
      {
        file: 'main.tf',
        line: 1,
        column: 1,
        message: 'HCL syntax error: the block "resource" is never closed; the rest of the file was still read.',
      },
    ]);
  });

  it('counts Terraform files as not examined when the grammar is not loaded', () => {
    const part = parseTerraform([{ path: 'main.tf' as RepoPath, kind: 'terraform', text: 'x = 1\n' }], undefined);
    expect(part).toEqual({ parsed: { files: [] }, issues: [], examined: [] });
  });
});

describe('Azure', () => {
  it('models the AKS cluster with its tier from terraform.tfvars and the zones of each pool', () => {
    const { infrastructure, reader } = infrastructureOf('azure');
    expect(reader.issues).toEqual([]);
    const [cluster] = infrastructure.clusters;
    expect(infrastructure.clusters.map((node) => node.id)).toEqual(['terraform/azurerm_kubernetes_cluster/main']);
    expect(cluster?.slaTier).toMatchObject({ state: 'set', value: 'Standard' });
    expect(cluster?.slaTier === undefined ? '' : at(cluster.slaTier.source)).toBe('main.tf:19:3');
    expect(
      cluster?.slaTier?.state === 'set' ? [at(cluster.slaTier.origin.source), cluster.slaTier.origin.via] : [],
    ).toEqual(['terraform.tfvars:1:1', 'variables-file']);
    expect(cluster?.kubernetesVersion).toMatchObject({ state: 'set', value: '1.30' });
    expect(cluster?.availability).toMatchObject({ tier: 'zonal-ha', sla: { percent: 99.9 } });
    expect(
      cluster?.nodePools.map((pool) => [
        pool.name,
        pool.zones.count,
        at(pool.zones.at),
        pool.autoscaling.state === 'unresolved' ? undefined : pool.autoscaling.value,
      ]),
    ).toEqual([
      ['system', 3, 'main.tf:24:5', true],
      ['batch', 1, 'main.tf:31:1', false],
    ]);
  });

  it('models the managed services with their tiers, following the local module and leaving the remote one', () => {
    const { infrastructure } = infrastructureOf('azure');
    expect(
      infrastructure.managedServices.map((node) => [
        node.id,
        node.category,
        node.availability.tier,
        at(node.availability.at),
      ]),
    ).toEqual([
      ['terraform/azurerm_redis_cache/sessions', 'cache', 'single', 'main.tf:52:3'],
      ['terraform/azurerm_servicebus_namespace/events', 'queue', 'zonal-ha', 'main.tf:60:3'],
      ['terraform/azurerm_storage_account/uploads', 'storage', 'single', 'main.tf:66:3'],
      ['terraform/azurerm_key_vault/main', 'secrets', 'provider-managed', 'main.tf:69:1'],
      ['terraform/azurerm_mssql_server/reports', 'database', 'not-applicable', 'main.tf:75:1'],
      ['terraform/azurerm_mssql_database/reports', 'database', 'zone-redundant', 'main.tf:87:3'],
      ['terraform/azurerm_monitor_action_group/oncall', 'monitoring', 'not-applicable', 'main.tf:94:1'],
      ['terraform/azurerm_monitor_metric_alert/database_cpu', 'monitoring', 'not-applicable', 'main.tf:99:1'],
      [
        'terraform/module.postgres/azurerm_postgresql_flexible_server/this',
        'database',
        'zonal-ha',
        'modules/postgres/main.tf:9:5',
      ],
    ]);
    const postgres = service(infrastructure, 'terraform/module.postgres/azurerm_postgresql_flexible_server/this');
    expect(postgres).toMatchObject({
      address: 'module.postgres.azurerm_postgresql_flexible_server.this',
      engine: 'postgresql',
      provider: 'azure',
      availability: { basis: 'high_availability.mode is "SameZone"', sla: { percent: 99.95 } },
      backup: { retentionDays: { state: 'set', value: 7 }, geoRedundant: { state: 'default', value: false } },
    });
    expect(
      postgres.literalCredentials.map((credential) => [credential.attribute, at(credential.origin.source)]),
    ).toEqual([['administrator_password', 'variables.tf:30:3']]);
    const database = service(infrastructure, 'terraform/azurerm_mssql_database/reports');
    expect(database.backup?.retentionDays === undefined ? '' : at(database.backup.retentionDays.source)).toBe(
      'main.tf:90:5',
    );
    expect(infrastructure.moduleCalls.map((call) => [call.name, call.status, at(call.source)])).toEqual([
      ['postgres', 'followed', 'main.tf:38:1'],
      ['network', 'remote', 'main.tf:45:1'],
    ]);
  });

  it('keeps per-environment variable files with their values, and applies one when asked', () => {
    const { infrastructure } = infrastructureOf('azure');
    expect(infrastructure.variableFiles).toMatchObject([
      { path: 'env/prod.tfvars', root: '', values: [{ name: 'db_ha_mode', value: 'ZoneRedundant' }] },
    ]);
    const production = infrastructureOf('azure', ['env/prod.tfvars']).infrastructure;
    const postgres = service(production, 'terraform/module.postgres/azurerm_postgresql_flexible_server/this');
    expect(postgres.availability).toMatchObject({ tier: 'zone-redundant', sla: { percent: 99.99 } });
    expect(production.appliedVariableFiles).toEqual(['env/prod.tfvars']);
  });

  it('reports the Terraform findings at the line to change', () => {
    // The scan judges the prod environment, evaluated with env/prod.tfvars: its database is zone-redundant.
    expect(findingsOf('azure')).toEqual({
      parseIssues: [],
      findings: [
        'require-cluster-autoscaling fixed-size main.tf:31:1',
        'require-multi-zone-cluster single-zone-pool main.tf:31:1',
        'no-public-database-access public-by-default main.tf:50:1',
        'require-cache-high-availability no-replica main.tf:52:3',
        'require-minimum-tls-version outdated main.tf:55:3',
        'require-queue-zone-redundancy not-zone-redundant main.tf:60:3',
        'require-object-storage-versioning disabled main.tf:63:1',
        'require-storage-redundancy not-zone-redundant main.tf:66:3',
        'require-key-vault-purge-protection disabled main.tf:69:1',
        'no-public-database-access public-by-default modules/postgres/main.tf:1:1',
        'require-geo-redundant-backup single-region modules/postgres/main.tf:1:1',
        'no-secrets-in-terraform-variables variable-default variables.tf:30:3',
      ],
    });
  });
});

describe('AWS', () => {
  it('models the EKS node group across the zones of its counted subnets', () => {
    const { infrastructure, reader } = infrastructureOf('aws');
    expect(reader.issues).toEqual([]);
    const [cluster] = infrastructure.clusters;
    expect(cluster).toMatchObject({
      id: 'terraform/aws_eks_cluster/main',
      kubernetesVersion: { state: 'set', value: '1.30' },
      availability: { tier: 'zone-redundant', sla: { percent: 99.95 } },
    });
    expect(
      cluster?.nodePools.map((pool) => [pool.name, pool.zones.zones, at(pool.zones.at), at(pool.autoscaling.source)]),
    ).toEqual([['apps', ['eu-west-1a', 'eu-west-1b'], 'main.tf:30:3', 'main.tf:35:5']]);
    const production = infrastructureOf('aws', ['environments/prod.tfvars']).infrastructure;
    expect(production.clusters[0]?.nodePools[0]?.zones.count).toBe(3);
  });

  it('models the managed services with their tiers', () => {
    const { infrastructure } = infrastructureOf('aws');
    expect(
      infrastructure.managedServices.map((node) => [node.id, node.category, node.engine, node.availability.tier]),
    ).toEqual([
      ['terraform/aws_elasticache_replication_group/sessions', 'cache', 'redis', 'zone-redundant'],
      ['terraform/aws_mq_broker/orders', 'queue', 'rabbitmq', 'single'],
      ['terraform/aws_dynamodb_table/carts', 'database', 'dynamodb', 'zone-redundant'],
      ['terraform/aws_s3_bucket/uploads', 'storage', 's3', 'zone-redundant'],
      ['terraform/aws_secretsmanager_secret/api_key', 'secrets', 'secrets-manager', 'provider-managed'],
      ['terraform/aws_cloudwatch_metric_alarm/database_cpu', 'monitoring', 'cloudwatch', 'not-applicable'],
      ['terraform/aws_lb/public', 'load-balancer', 'application', 'zone-redundant'],
      ['terraform/aws_msk_cluster/events', 'queue', 'kafka', 'zone-redundant'],
      ['terraform/module.database/aws_db_instance/this', 'database', 'postgres', 'single'],
    ]);
    const bucket = service(infrastructure, 'terraform/aws_s3_bucket/uploads');
    expect(bucket.versioning === undefined ? '' : [bucket.versioning.state, at(bucket.versioning.source)]).toEqual([
      'set',
      'main.tf:81:5',
    ]);
    const database = service(infrastructure, 'terraform/module.database/aws_db_instance/this');
    expect(database).toMatchObject({
      availability: { basis: 'multi_az is false: one instance in one zone', sla: { percent: 99.5 } },
      encryptedAtRest: { state: 'set', value: true },
      publicNetworkAccess: { state: 'default', value: false },
    });
    expect(database.availability.at === undefined ? '' : at(database.availability.at)).toBe('modules/rds/main.tf:6:3');
    const production = infrastructureOf('aws', ['environments/prod.tfvars']).infrastructure;
    const multiAz = service(production, 'terraform/module.database/aws_db_instance/this');
    expect(multiAz.availability).toMatchObject({ tier: 'zone-redundant', sla: { percent: 99.95 } });
  });

  it('reports the Terraform findings at the line to change', () => {
    // The scan judges the prod environment, evaluated with environments/prod.tfvars: Multi-AZ.
    expect(findingsOf('aws')).toEqual({
      parseIssues: [],
      findings: [
        'require-cluster-autoscaling fixed-size main.tf:35:5',
        'require-queue-zone-redundancy single-instance main.tf:56:1',
        'require-monitoring-alerts silent-alert main.tf:89:1',
        'require-minimum-tls-version plaintext main.tf:113:7',
        'require-geo-redundant-backup single-region modules/rds/main.tf:1:1',
      ],
    });
  });
});

describe('Google Cloud', () => {
  it('models the regional GKE cluster and the zones of its pools', () => {
    const { infrastructure, reader } = infrastructureOf('gcp');
    expect(reader.issues).toEqual([]);
    const [cluster] = infrastructure.clusters;
    expect(cluster).toMatchObject({
      id: 'terraform/google_container_cluster/main',
      regional: { state: 'set', value: true },
      releaseChannel: { state: 'set', value: 'REGULAR' },
      availability: { tier: 'zone-redundant', sla: { percent: 99.95 } },
    });
    expect(cluster?.nodePools.map((pool) => [pool.name, pool.zones.count, at(pool.zones.at)])).toEqual([
      ['apps', 3, 'main.tf:11:3'],
      ['batch', 1, 'main.tf:33:3'],
    ]);
  });

  it('models the managed services, evaluating locals indexed by a variable', () => {
    const { infrastructure } = infrastructureOf('gcp');
    expect(infrastructure.managedServices.map((node) => [node.id, node.category, node.availability.tier])).toEqual([
      ['terraform/google_sql_database_instance/main', 'database', 'zone-redundant'],
      ['terraform/google_redis_instance/cache', 'cache', 'single'],
      ['terraform/google_pubsub_topic/orders', 'queue', 'provider-managed'],
      ['terraform/google_storage_bucket/uploads', 'storage', 'multi-region'],
      ['terraform/google_secret_manager_secret/api_key', 'secrets', 'provider-managed'],
      ['terraform/google_monitoring_alert_policy/database_cpu', 'monitoring', 'not-applicable'],
    ]);
    const database = service(infrastructure, 'terraform/google_sql_database_instance/main');
    expect(database).toMatchObject({
      engine: 'postgresql',
      sku: { state: 'set', value: 'db-custom-4-15360' },
      availability: { sla: { percent: 99.95 } },
      backup: { enabled: { state: 'set', value: true }, pointInTimeRestore: { state: 'set', value: true } },
      publicNetworkAccess: { state: 'set', value: false },
      plaintextAllowed: { state: 'set', value: false },
    });
    expect(at(database.availability.at)).toBe('main.tf:44:5');
    expect(database.sku?.state === 'set' ? [at(database.sku.origin.source), database.sku.origin.via] : []).toEqual([
      'main.tf:3:44',
      'local',
    ]);
  });

  it('reports the Terraform findings at the line to change', () => {
    expect(findingsOf('gcp')).toEqual({
      parseIssues: [],
      findings: [
        'require-cluster-autoscaling fixed-size main.tf:30:1',
        'require-multi-zone-cluster single-zone-pool main.tf:33:3',
        'require-cache-high-availability no-replica main.tf:58:1',
        'require-minimum-tls-version plaintext main.tf:58:1',
      ],
    });
  });
});

describe('evaluation', () => {
  it('leaves self-referencing locals and missing variables unresolved instead of looping', () => {
    const part = parseTerraform(
      [
        {
          path: 'main.tf' as RepoPath,
          kind: 'terraform',
          text: [
            'locals {',
            '  a = local.b',
            '  b = local.a',
            '}',
            'variable "tier" {}',
            'resource "azurerm_redis_cache" "x" {',
            '  sku_name            = local.a',
            '  minimum_tls_version = var.tier',
            '}',
          ].join('\n'),
        },
      ],
      hcl,
    );
    const infrastructure = buildInfrastructure({ issues: [], unreadable: [] }, part.parsed);
    const cache = infrastructure.managedServices[0];
    expect(cache?.availability).toMatchObject({ tier: 'unknown', basis: 'sku_name = local.a: refers to itself' });
    expect(cache?.minimumTlsVersion).toMatchObject({
      state: 'unresolved',
      reason: 'variable "tier" has no value in the files',
    });
  });

  it('evaluates conditionals, lookups and interpolation on known values', () => {
    const part = parseTerraform(
      [
        {
          path: 'main.tf' as RepoPath,
          kind: 'terraform',
          text: [
            'variable "environment" { default = "prod" }',
            'locals {',
            '  tiers = { prod = "Premium", dev = "Basic" }',
            '  sku   = var.environment == "prod" ? lookup(local.tiers, var.environment, "Basic") : "Basic"',
            '}',
            'resource "azurerm_servicebus_namespace" "x" {',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation, not a template
            '  name = "bus-${var.environment}"',
            '  sku  = local.sku',
            '}',
          ].join('\n'),
        },
      ],
      hcl,
    );
    const infrastructure = buildInfrastructure({ issues: [], unreadable: [] }, part.parsed);
    expect(infrastructure.managedServices[0]?.sku).toMatchObject({ state: 'set', value: 'Premium' });
    expect(infrastructure.managedServices[0]?.availability.tier).toBe('zone-redundant');
  });

  it('records a value of the wrong type as an issue at its line, never quoting it', () => {
    const part = parseTerraform(
      [
        {
          path: 'main.tf' as RepoPath,
          kind: 'terraform',
          text: 'resource "aws_db_instance" "x" {\n  backup_retention_period = "seven"\n}\n',
        },
      ],
      hcl,
    );
    const reader: Reader = { issues: [], unreadable: [] };
    const infrastructure = buildInfrastructure(reader, part.parsed);
    expect(reader.issues).toEqual([
      { file: 'main.tf', line: 2, column: 3, message: '"backup_retention_period" should be a number; it was ignored.' },
    ]);
    expect(infrastructure.managedServices[0]?.backup?.retentionDays).toMatchObject({ state: 'unresolved' });
  });
});
