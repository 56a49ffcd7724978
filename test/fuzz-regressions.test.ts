/**
 * Inputs that `npm run fuzz` found to crash or hang the scanner, kept as regular tests: each
 * must now give a parse issue with its file and line, or be read gracefully.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParsers } from '../src/cli/parsers.js';
import type { ParseOptions } from '../src/parse/parse-sources.js';
import { parseSources } from '../src/parse/parse-sources.js';
import type { GeneratedRepository } from './fuzz/arbitraries.js';
import { assertWellFormed, discoveryOf, scanGenerated } from './fuzz/property.js';

let parsers: ParseOptions;
beforeAll(async () => {
  parsers = await loadParsers();
});

function parse(files: GeneratedRepository) {
  return parseSources(discoveryOf(files).files, parsers);
}

describe('fuzz regressions', () => {
  it('reports a Terraform file cut off after a tuple comma instead of hanging (zero-width MISSING siblings)', () => {
    // web-tree-sitter's previousSibling cycles between the MISSING nodes at the end of this file.
    const text = [
      'resource "aws_autoscaling_group" "db" {',
      '  settings {',
      '    max_size = []',
      '  }',
      '  min_count = {',
      '  a = <<EOF',
      'line',
      'EOF',
      '',
      '  zone = {',
      '  a = var.instance["a"]',
      '}',
      '}',
      '  desired_size = [0,',
    ].join('\n');
    const files = [{ path: 'main.tf', text }];
    const parsed = parse(files);
    expect(parsed.issues.map((issue) => `${issue.file}:${issue.line}`)).toEqual(['main.tf:14']);
    expect(parsed.issues[0]?.message).toContain('incomplete expression or block');
    assertWellFormed(scanGenerated(files, parsers));
  });

  it('treats a Kustomize patch target name that is not a valid regular expression as a literal name', () => {
    const files = [
      {
        path: 'kustomization.yaml',
        text: [
          'resources:',
          '  - k8s/x.yaml',
          'patches:',
          '  - target: {kind: Deployment, name: ")f("}',
          '    patch: |',
          '      - op: replace',
          '        path: /spec/replicas',
          '        value: 5',
        ].join('\n'),
      },
      {
        path: 'k8s/x.yaml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ")f("\nspec:\n  replicas: 1\n',
      },
    ];
    const parsed = parse(files);
    const objects = [...parsed.kubernetes, ...parsed.environments.flatMap((environment) => environment.objects)];
    expect(objects.map((object) => [object.name, (object.body.spec as { replicas: number }).replicas])).toEqual([
      [')f(', 5],
    ]);
    assertWellFormed(scanGenerated(files, parsers));
  });

  it('reads an Azure pipeline whose YAML alias refers to its own anchor (a cyclic document) without overflowing the stack', () => {
    const text = 'jobs:\n  - &ref_0\n    template: jobs.yml\n    parameters:\n     - *ref_0\n';
    const files = [{ path: 'azure-pipelines.yml', text }];
    const parsed = parse(files);
    expect(parsed.pipelines.map((pipeline) => pipeline.path)).toEqual(['azure-pipelines.yml']);
    assertWellFormed(scanGenerated(files, parsers));
  });

  it('reports negative replicas as a wrong value instead of putting them in the report model', () => {
    const text =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: -100000000\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n';
    const files = [{ path: 'k8s/x.yaml', text }];
    const report = scanGenerated(files, parsers);
    assertWellFormed(report);
    expect(report.parseIssues.map((issue) => `${issue.file}:${issue.line}`)).toContain('k8s/x.yaml:6');
  });

  it('reads a 1 MB unbroken value in one pass (the URL patterns no longer retry at every letter)', () => {
    // Before, each URL pattern tried every position of a run of scheme characters: about 1.6 s
    // for 40,000 letters, and some 17 minutes for this megabyte.
    const value = 'a'.repeat(1_000_000);
    const files = [
      {
        path: 'k8s/api.yaml',
        text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.0.0\n          env:\n            - {name: DATABASE_URL, value: ${value}}\n            - {name: DB_PASSWORD, value: ${value}}\n`,
      },
      { path: 'Dockerfile', text: `FROM node:20\nENV API_URL=${value}\n` },
    ];
    const report = scanGenerated(files, parsers);
    assertWellFormed(report);
    expect(report.findings.some((finding) => finding.ruleId === 'no-secret-in-env')).toBe(true);
  });
});
