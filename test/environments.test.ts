import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import type { Report } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';

let report: Report;

beforeAll(async () => {
  // The Azure fixture with a dev variable file beside the prod one, and Kustomize overlays named
  // dev and production: the same two environments under their aliases.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-environments-'));
  fs.cpSync(path.join(REPOSITORY_ROOT, 'fixtures/terraform/azure'), path.join(root, 'infra'), { recursive: true });
  fs.writeFileSync(path.join(root, 'infra/env/dev.tfvars'), 'db_ha_mode = "Disabled"\n');
  fs.cpSync(path.join(REPOSITORY_ROOT, 'fixtures/kustomize/shop/base'), path.join(root, 'k8s/base'), {
    recursive: true,
  });
  for (const overlay of ['dev', 'production']) {
    fs.mkdirSync(path.join(root, 'k8s/overlays', overlay), { recursive: true });
    fs.writeFileSync(path.join(root, 'k8s/overlays', overlay, 'kustomization.yaml'), 'resources:\n  - ../../base\n');
  }
  fs.mkdirSync(path.join(root, '.github/workflows'), { recursive: true });
  fs.writeFileSync(
    path.join(root, '.github/workflows/deploy.yml'),
    [
      'name: deploy',
      'on:',
      '  push:',
      '    branches: [main]',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  qa:',
      '    runs-on: ubuntu-latest',
      '    environment: qa',
      '    steps:',
      '      - run: kubectl apply -k k8s/overlays/dev',
      '  production:',
      '    runs-on: ubuntu-latest',
      '    environment: production',
      '    steps:',
      '      - run: kubectl apply -k k8s/overlays/production',
      '',
    ].join('\n'),
  );
  report = scanRepository({
    root,
    paths: ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: 'test',
    parsers: await loadParsers(),
  });
});

describe('environments from overlays and Terraform variable files', () => {
  it('merges an overlay and a variable file of the same environment under their aliases', () => {
    expect(
      report.environments.map((environment) => [environment.name, environment.source, environment.judged]),
    ).toEqual([
      ['dev', 'kustomize', false],
      ['production', 'kustomize', true],
    ]);
  });

  it('evaluates each environment with its own variable file', () => {
    const zoneRedundant = (findings: Report['findings']) =>
      findings
        .filter((finding) => finding.ruleId === 'require-zone-redundant-database')
        .map((finding) => finding.location.file);
    expect(zoneRedundant(report.findings)).toEqual([]);
    const dev = report.environments.find((environment) => environment.name === 'dev');
    // the module's attribute that takes the variable; the dev file set it to Disabled
    expect(zoneRedundant(dev?.findings ?? [])).toEqual(['infra/modules/postgres/main.tf']);
  });

  it('lists remote Terraform modules as not followed in coverage', () => {
    expect(report.verdict.coverage.unsupported.map((entry) => `${entry.file}:${entry.line}`)).toContain(
      'infra/main.tf:45',
    );
  });

  it('names the CI jobs that deploy to each environment, and lists the ones no files describe', () => {
    const production = report.environments.find((environment) => environment.judged);
    expect(production?.declaredBy).toEqual([{ source: 'pipeline', file: '.github/workflows/deploy.yml', line: 15 }]);
    expect(report.verdict.coverage.pipelineOnlyEnvironments).toEqual([
      { name: 'qa', source: 'pipeline', file: '.github/workflows/deploy.yml', line: 10 },
    ]);
  });
});
