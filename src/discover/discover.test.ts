import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.js';
import { discover } from './discover.js';

function tree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-discover-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n';

describe('discover', () => {
  it('honours .gitignore files at every level, with negations', () => {
    const root = tree({
      '.gitignore': 'dist/\n*.generated.yaml\n!keep.generated.yaml\n',
      'dist/app.yaml': DEPLOYMENT,
      'k8s/app.yaml': DEPLOYMENT,
      'k8s/a.generated.yaml': DEPLOYMENT,
      'k8s/keep.generated.yaml': DEPLOYMENT,
      'k8s/overlays/.gitignore': 'secret-*.yaml\n',
      'k8s/overlays/secret-prod.yaml': DEPLOYMENT,
      'k8s/overlays/prod.yaml': DEPLOYMENT,
      'other/secret-x.yaml': DEPLOYMENT,
    });
    const found = discover({ root }).files.map((file) => file.path);
    expect(found).toEqual(['k8s/app.yaml', 'k8s/keep.generated.yaml', 'k8s/overlays/prod.yaml', 'other/secret-x.yaml']);
  });

  it('applies --exclude patterns and default ignores', () => {
    const root = tree({
      'k8s/app.yaml': DEPLOYMENT,
      'k8s/test/fixture.yaml': DEPLOYMENT,
      'node_modules/pkg/chart.yaml': DEPLOYMENT,
      '.git/config.yaml': DEPLOYMENT,
    });
    const result = discover({ root, exclude: ['k8s/test/'] });
    expect(result.files.map((file) => file.path)).toEqual(['k8s/app.yaml']);
    expect(result.ignored).toBe(3);
  });

  it('classifies files by name, place and content', () => {
    const root = tree({
      'k8s/app.yaml': `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n`,
      'k8s/list.json': '{"apiVersion": "v1", "kind": "List", "items": []}',
      'k8s/kustomization.yaml': 'resources: [app.yaml]\n',
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'charts/web/values.yaml': 'replicas: 2\n',
      'charts/web/values-prod.yaml': 'replicas: 3\n',
      'charts/web/templates/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      'docker-compose.yml': 'services: {}\n',
      'infra/main.tf': 'resource "x" "y" {}\n',
      'infra/prod.tfvars': 'a = 1\n',
      'services/api/Dockerfile': 'FROM node:20\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'azure-pipelines.yml': 'steps: []\n',
      '.gitlab-ci.yml': 'stages: []\n',
      'config/app.yaml': 'feature: true\n',
      'package.json': '{"name": "x"}',
      'src/index.ts': 'export {};\n',
    });
    const kinds = Object.fromEntries(discover({ root }).files.map((file) => [file.path, file.kind]));
    expect(kinds).toEqual({
      '.github/workflows/ci.yml': 'github-actions',
      '.gitlab-ci.yml': 'gitlab-ci',
      'azure-pipelines.yml': 'azure-pipelines',
      'charts/web/Chart.yaml': 'helm-chart',
      'charts/web/templates/deployment.yaml': 'helm-template',
      'charts/web/values-prod.yaml': 'helm-values',
      'charts/web/values.yaml': 'helm-values',
      'config/app.yaml': 'yaml',
      'docker-compose.yml': 'compose',
      'infra/main.tf': 'terraform',
      'infra/prod.tfvars': 'terraform-variables',
      'k8s/app.yaml': 'kubernetes',
      'k8s/kustomization.yaml': 'kustomization',
      'k8s/list.json': 'kubernetes',
      'package.json': 'json',
      'services/api/Dockerfile': 'dockerfile',
    });
    expect(discover({ root }).otherFiles).toBe(1);
  });

  it('skips binary, oversized and badly encoded files with the reason', () => {
    const root = tree({
      'k8s/app.yaml': DEPLOYMENT,
      'k8s/binary.yaml': Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02]),
      'k8s/huge.yaml': `${DEPLOYMENT}${'# padding\n'.repeat(200)}`,
      'k8s/latin1.yaml': Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      'k8s/utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEPLOYMENT, 'utf16le')]),
    });
    const result = discover({ root, maxFileBytes: 1000 });
    expect(result.files.map((file) => [file.path, file.kind])).toEqual([
      ['k8s/app.yaml', 'kubernetes'],
      ['k8s/utf16.yaml', 'kubernetes'],
    ]);
    expect(result.skipped).toEqual([
      { path: 'k8s/binary.yaml', reason: 'binary' },
      { path: 'k8s/huge.yaml', reason: 'too-large' },
      { path: 'k8s/latin1.yaml', reason: 'invalid-encoding' },
    ]);
    expect(result.issues).toEqual([expect.objectContaining({ file: 'k8s/latin1.yaml', line: 2 })]);
  });

  it('never follows a symlink out of the root or around a loop', () => {
    const outside = tree({ 'secret.yaml': DEPLOYMENT });
    const root = tree({ 'k8s/app.yaml': DEPLOYMENT });
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'k8s/outside.yaml'));
    fs.symlinkSync(outside, path.join(root, 'outside-dir'));
    fs.symlinkSync(root, path.join(root, 'k8s/loop'));
    fs.symlinkSync(path.join(root, 'k8s'), path.join(root, 'k8s-link'));
    fs.symlinkSync(path.join(root, 'missing.yaml'), path.join(root, 'dangling.yaml'));
    const result = discover({ root });
    expect(result.files.map((file) => file.path)).toEqual(['k8s-link/app.yaml', 'k8s/app.yaml']);
    expect(result.skipped).toEqual([
      { path: 'dangling.yaml', reason: 'broken-symlink' },
      { path: 'k8s-link/loop', reason: 'symlink-loop' },
      { path: 'k8s-link/outside.yaml', reason: 'symlink-outside-root' },
      { path: 'k8s/loop', reason: 'symlink-loop' },
      { path: 'k8s/outside.yaml', reason: 'symlink-outside-root' },
      { path: 'outside-dir', reason: 'symlink-outside-root' },
    ]);
  });

  it('scans only the given paths, relative to the root, and rejects paths outside it', () => {
    const root = tree({
      'a/app.yaml': DEPLOYMENT,
      'b/app.yaml': DEPLOYMENT,
      'b/.gitignore': 'ignored.yaml\n',
      'b/ignored.yaml': DEPLOYMENT,
    });
    expect(discover({ root, paths: ['b'] }).files.map((file) => file.path)).toEqual(['b/app.yaml']);
    expect(discover({ root, paths: ['b/ignored.yaml'] }).files.map((file) => file.path)).toEqual(['b/ignored.yaml']);
    expect(() => discover({ root, paths: ['../elsewhere'] })).toThrow(UsageError);
    expect(() => discover({ root, paths: ['nope'] })).toThrow(/does not exist/);
  });
});
