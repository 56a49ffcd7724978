import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { parseConfig } from '../src/config/parse.js';
import type { Report } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const ROOT = path.join(REPOSITORY_ROOT, 'fixtures', 'kustomize', 'shop');

function scan(config = DEFAULT_CONFIG): Report {
  return scanRepository({ root: ROOT, paths: ['.'], exclude: [], config, version: 'test' });
}

function located(findings: Report['findings'], ruleId: string): string[] {
  return findings
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column}`);
}

describe('Kustomize overlays as environments', () => {
  const report = scan();

  it('renders each overlay as an environment, judges prod, and never evaluates the base on its own', () => {
    expect(
      report.environments.map((environment) => [environment.name, environment.judged, environment.production]),
    ).toEqual([
      ['dev', false, false],
      ['prod', true, true],
    ]);
    expect(report.verdict.coverage.judgedEnvironment).toEqual({ name: 'prod', reason: 'its name says production' });
  });

  it('takes replicas from the prod patch: no replicas finding for prod, one for dev at the base line', () => {
    expect(located(report.findings, 'require-multiple-replicas')).toEqual([]);
    const dev = report.environments.find((environment) => environment.name === 'dev');
    expect(located(dev?.findings ?? [], 'require-multiple-replicas')).toEqual(['base/deployment.yaml:6:3']);
  });

  it('points a finding that a prod patch introduced at the patch line', () => {
    // the JSON 6902 patch inlined in overlays/prod/kustomization.yaml sets privileged: true on line 14
    expect(located(report.findings, 'no-privileged-container')).toEqual(['overlays/prod/kustomization.yaml:14:11']);
    // the images transformer set the tag: the finding points at newTag
    expect(located(report.findings, 'no-latest-image-tag')).toEqual(['overlays/prod/kustomization.yaml:17:5']);
    // untouched values still point at the base
    expect(located(report.findings, 'require-liveness-probe')).toEqual(['base/deployment.yaml:16:11']);
  });

  it('applies namespace and name prefix, and renames references to generated ConfigMaps', () => {
    expect(report.findings.every((finding) => finding.object?.namespace === 'shop')).toBe(true);
    expect(new Set(report.findings.map((finding) => finding.object?.name))).toEqual(new Set(['prod-api']));
    expect(report.model.services.map((service) => service.id)).toEqual(['Deployment/shop/prod-api']);
    expect(report.model.edges.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'Service/shop/prod-api -> Deployment/shop/prod-api',
    ]);
  });

  it('reports what it does not render in coverage, never silently', () => {
    expect(report.verdict.coverage.unsupported.map((entry) => `${entry.file}:${entry.line} ${entry.feature}`)).toEqual([
      'overlays/dev/kustomization.yaml:5 replacements',
      'overlays/dev/kustomization.yaml:4 remote resources not fetched: https://github.com/example/shared-config//monitoring?ref=v1.2.0',
    ]);
    expect(report.parseIssues).toEqual([]);
  });

  it('judges the environment the config names as production', () => {
    const parsed = parseConfig('stage: launch\nenvironments:\n  production: dev\n');
    if (!parsed.ok) throw new Error('config');
    const named = scan(parsed.config);
    expect(named.verdict.coverage.judgedEnvironment).toEqual({
      name: 'dev',
      reason: 'named by environments.production in the config',
    });
    expect(located(named.findings, 'require-multiple-replicas')).toEqual(['base/deployment.yaml:6:3']);
  });
});
