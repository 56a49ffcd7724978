import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report, WhatIfScenario } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import { runCli } from './harness.js';

const SELF_HOSTED = 'fixtures/scenarios/availability-ceiling/self-hosted-postgres';
const MANAGED_ZONE_REDUNDANT = 'fixtures/scenarios/availability-ceiling/managed-zone-redundant-postgres';
const DEGRADED = 'fixtures/scenarios/traffic/capacity-known-degraded';
const SAME_ZONE = 'fixtures/what-if/managed-same-zone';
const SINGLE_ZONE = 'fixtures/scenarios/zone-outage/single-zone-self-hosted-postgres';

const schema = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);

function run(argv: readonly string[]) {
  return runCli(argv);
}

async function report(argv: readonly string[]): Promise<Report> {
  const { code, stdout, stderr } = await run([...argv, '--format', 'json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const parsed = JSON.parse(stdout) as Report;
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  return parsed;
}

function pathOf(scenarios: readonly WhatIfScenario[] | undefined, id: string, name = 'shop.example.com') {
  return scenarios?.find((scenario) => scenario.id === id)?.paths.find((entry) => entry.name === name);
}

function digits(value: number | undefined, significant: number): number | undefined {
  return value === undefined ? undefined : Number(value.toPrecision(significant));
}

/** A prodready.yaml with the fixture's profile and a cloud, outside the repository. */
const configDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-what-if-'));
afterAll(() => fs.rmSync(configDirectory, { recursive: true, force: true }));
function configWithCloud(cloud: string): string {
  const file = path.join(configDirectory, `${cloud}.yaml`);
  fs.writeFileSync(file, `stage: launch\nsla: 99.9\ncloud: ${cloud}\n`);
  return file;
}

describe('--assume managed:<datastore>', () => {
  it("replaces the self-hosted PostgreSQL by the profile cloud's zone-redundant managed server: the ceiling goes from 99.50% to 99.99%", async () => {
    const result = await report([
      'scenarios',
      SELF_HOSTED,
      '-c',
      configWithCloud('azure'),
      '--assume',
      'managed:postgres',
    ]);
    const whatIf = result.whatIf;
    expect(whatIf?.assumptions.map((assumption) => assumption.change)).toEqual(['managed:postgres']);
    expect(whatIf?.assumptions[0]?.effect).toContain('StatefulSet/app/postgres');
    expect(whatIf?.assumptions[0]?.effect).toContain('azurerm_postgresql_flexible_server');
    expect(whatIf?.assumptions[0]?.effect).toContain('99.99%');

    const before = pathOf(whatIf?.before, 'availability-ceiling');
    const after = pathOf(whatIf?.after, 'availability-ceiling');
    // 0.999975 × 0.999975 × 0.995 before; × 0.9999 (Azure flexible server, zone-redundant HA) after.
    expect(digits(before?.availability, 4)).toBe(0.995);
    expect(before?.outcome).toBe('degraded');
    expect(digits(after?.availability, 4)).toBe(0.9999);
    expect(digits(after?.availability, 6)).toBe(0.99985);
    expect(after?.outcome).toBe('survives');

    // The same figure as the repository that declares that server in Terraform.
    const declared = await report(['scenarios', MANAGED_ZONE_REDUNDANT]);
    const ceiling = declared.scenarios.find((scenario) => scenario.id === 'availability-ceiling');
    expect(after?.availability).toBe(ceiling?.paths[0]?.availability);

    // The single PostgreSQL replica was the node-loss outage; a managed server is not on the nodes.
    expect(pathOf(whatIf?.before, 'node-loss')?.outcome).toBe('outage');
    expect(pathOf(whatIf?.after, 'node-loss')?.outcome).toBe('survives');

    // The rest of the report is the changed model's.
    const reported = result.scenarios.find((scenario) => scenario.id === 'availability-ceiling');
    expect(reported?.paths[0]?.availability).toBe(after?.availability);
    expect(reported?.singlePointsOfFailure).toEqual([]);
  });

  it('takes the cloud written after @, with that cloud\u2019s figure (RDS Multi-AZ, 99.95%)', async () => {
    const result = await report(['scenarios', SELF_HOSTED, '--assume', 'managed:postgres@aws']);
    const after = pathOf(result.whatIf?.after, 'availability-ceiling');
    // 0.999975 × 0.999975 × 0.9995 = 0.99945002
    expect(digits(after?.availability, 4)).toBe(0.9995);
    expect(digits(after?.availability, 6)).toBe(0.99945);
    expect(result.whatIf?.assumptions[0]?.effect).toContain('aws_db_instance');
  });

  it('is a usage error without a cloud, naming the value and the accepted forms', async () => {
    const { code, stderr } = await run(['scenarios', SELF_HOSTED, '--assume', 'managed:postgres']);
    expect(code).toBe(2);
    expect(stderr).toContain('--assume "managed:postgres"');
    expect(stderr).toContain('managed:postgres@aws');
  });
});

describe('--assume zones=N', () => {
  it('spreads every workload over the zones: replicas that shared a node now count 1-of-n and survive a node loss', async () => {
    const result = await report(['scenarios', DEGRADED, '--assume', 'zones=3']);
    const before = pathOf(result.whatIf?.before, 'availability-ceiling');
    const after = pathOf(result.whatIf?.after, 'availability-ceiling');
    // Before: web (3) and api (2) may share a node, each counted as one replica: 0.995 × 0.995.
    expect(digits(before?.availability, 4)).toBe(0.99);
    expect(before?.outcome).toBe('degraded');
    // After: (1 − 0.005³) × (1 − 0.005²) = 0.999974875.
    expect(digits(after?.availability, 6)).toBe(0.999975);
    expect(after?.outcome).toBe('survives');
    expect(pathOf(result.whatIf?.before, 'node-loss')).toEqual({
      name: 'shop.example.com',
      outcome: 'outage',
      recoverySeconds: 410,
    });
    expect(pathOf(result.whatIf?.after, 'node-loss')?.outcome).toBe('survives');
    // Capacity does not change with placement.
    expect(pathOf(result.whatIf?.after, 'traffic')?.outcome).toBe('degraded');
    expect(result.whatIf?.assumptions[0]?.effect).toContain('2 workloads spread over 3 zones');
  });

  it('puts the Terraform node pools in N zones: with the datastore managed, a lost zone no longer takes the path down', async () => {
    const zones = await report(['scenarios', SINGLE_ZONE, '--assume', 'zones=3']);
    expect(zones.whatIf?.assumptions[0]?.effect).toContain('1 node pool of 1 cluster in 3 zones');
    // The single PostgreSQL replica still sits in one zone.
    expect(pathOf(zones.whatIf?.after, 'zone-outage')?.outcome).toBe('outage');
    const both = await report(['scenarios', SINGLE_ZONE, '--assume', 'zones=3', '--assume', 'managed:postgres@azure']);
    expect(pathOf(both.whatIf?.before, 'zone-outage')?.outcome).toBe('outage');
    expect(pathOf(both.whatIf?.after, 'zone-outage')?.outcome).toBe('degraded');
    expect(both.whatIf?.assumptions.map((assumption) => assumption.change)).toEqual([
      'zones=3',
      'managed:postgres@azure',
    ]);
  });

  it('prints each scenario and path as before → after', async () => {
    const { code, stdout } = await run(['scenarios', DEGRADED, '--assume', 'zones=3']);
    expect(code).toBe(0);
    expect(stdout).toContain('What if: zones=3');
    expect(stdout).toContain('availability-ceiling · shop.example.com: 99.002% degraded → 99.997% survives');
    expect(stdout).toContain('node-loss · shop.example.com: outage (6.8 min) → survives');
    expect(stdout).toContain('traffic · shop.example.com: degraded → degraded (unchanged)');
  });
});

describe('--assume replicas: and ha:', () => {
  it('sets a workload\u2019s replicas by name', async () => {
    const result = await report(['scenarios', SELF_HOSTED, '--assume', 'replicas:StatefulSet/app/postgres=3']);
    expect(result.whatIf?.assumptions[0]?.effect).toBe('StatefulSet/app/postgres: 1 → 3 replicas');
    // Three replicas that may share a node still count as one.
    expect(pathOf(result.whatIf?.after, 'availability-ceiling')?.availability).toBe(
      pathOf(result.whatIf?.before, 'availability-ceiling')?.availability,
    );
    const both = await report(['scenarios', SELF_HOSTED, '--assume', 'replicas:postgres=3', '--assume', 'zones=3']);
    // 0.999975² × (1 − 0.005³)
    expect(digits(pathOf(both.whatIf?.after, 'availability-ceiling')?.availability, 6)).toBe(0.99995);
  });

  it('moves a managed server to its zone-redundant tier: 99.95% → 99.99%', async () => {
    const result = await report(['scenarios', SAME_ZONE, '--assume', 'ha:app-db=zone-redundant']);
    expect(digits(pathOf(result.whatIf?.before, 'availability-ceiling')?.availability, 6)).toBe(0.99945);
    expect(digits(pathOf(result.whatIf?.after, 'availability-ceiling')?.availability, 6)).toBe(0.99985);
    expect(result.whatIf?.assumptions[0]?.effect).toContain('99.95% → 99.99%');
  });

  it('rejects names that match nothing, and malformed changes, naming what is accepted', async () => {
    const unknown = await run(['scenarios', SELF_HOSTED, '--assume', 'replicas:nope=3']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no workload named "nope"');
    expect(unknown.stderr).toContain('Deployment/app/api');
    for (const bad of [
      'zones=1',
      'zones=three',
      'replicas:web=0',
      'ha:db=multi-region',
      'managed:db@ibm',
      'more=cpu',
    ]) {
      const { code, stderr } = await run(['scenarios', SELF_HOSTED, '--assume', bad]);
      expect(code, bad).toBe(2);
      expect(stderr, bad).toContain(`--assume "${bad}"`);
      expect(stderr, bad).toContain('Accepted: zones=<N>');
    }
    const selfHosted = await run(['scenarios', SAME_ZONE, '--assume', 'ha:web=zone-redundant']);
    expect(selfHosted.stderr).toContain('use managed:web');
  });
});

describe('--traffic-multiplier', () => {
  it('sets N: the path short at 10 × peak carries 2 × peak', async () => {
    const ten = await report(['scenarios', DEGRADED]);
    expect(ten.scenarios.find((scenario) => scenario.id === 'traffic')?.paths[0]?.outcome).toBe('degraded');
    const two = await report(['scenarios', DEGRADED, '--traffic-multiplier', '2']);
    const traffic = two.scenarios.find((scenario) => scenario.id === 'traffic');
    expect(traffic?.paths[0]?.outcome).toBe('survives');
    expect(traffic?.paths[0]?.reason).toContain('300 rps ≥ 2 × peakRps 50 = 100 rps');
  });

  it('rejects what is not a positive number', async () => {
    for (const bad of ['0', '-3', 'ten', '']) {
      const { code, stderr } = await run(['scenarios', DEGRADED, '--traffic-multiplier', bad]);
      expect(code, bad).toBe(2);
      expect(stderr, bad).toContain(`--traffic-multiplier "${bad}" is not a positive number`);
    }
  });
});
