import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/engine/report-types.js';
import { runCli, temporaryRepository } from './harness.js';

// Nothing outside the scanned root is read, and no absolute path of the scanning machine is shown.

/** A directory next to the repository, with what a hostile repository would like prodready to read. */
function outsideDirectory(): string {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-outside-'));
  fs.writeFileSync(
    path.join(outside, 'stolen.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: stolen-outside\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          image: outside/secret:latest\n',
  );
  fs.writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources:\n  - stolen.yaml\n');
  fs.writeFileSync(
    path.join(outside, 'main.tf'),
    'resource "aws_db_instance" "stolen_outside" {\n  engine = "postgres"\n}\n',
  );
  fs.writeFileSync(path.join(outside, 'ci.yml'), 'stolen_outside_job:\n  script: [echo]\n');
  fs.writeFileSync(
    path.join(outside, 'azure.yml'),
    'jobs:\n  - job: stolen_outside_job\n    steps: [{ script: echo }]\n',
  );
  return outside;
}

/** A repository whose every file tries to reach `outside` (a sibling directory) by a relative path. */
function hostileRepository(outside: string): string {
  // Relative paths from each file to the sibling directory `outside` (both live in the temporary directory).
  const name = path.basename(outside);
  const relative = (from: string) =>
    from === '.'
      ? `../${name}`
      : path.posix.join(
          from
            .split('/')
            .map(() => '..')
            .join('/'),
          '..',
          name,
        );
  const root = temporaryRepository({
    'k8s/overlay/kustomization.yaml': `resources:\n  - ${relative('k8s/overlay')}\n  - ${relative('k8s/overlay')}/stolen.yaml\n`,
    'infra/main.tf': `module "stolen" {\n  source = "${relative('infra')}"\n}\n`,
    '.gitlab-ci.yml': `include:\n  - local: ${relative('.')}/ci.yml\nbuild:\n  script: [make]\n`,
    'azure-pipelines.yml': `stages:\n  - template: ${relative('.')}/azure.yml\n`,
  });
  fs.symlinkSync(path.join(outside, 'stolen.yaml'), path.join(root, 'k8s/linked.yaml'));
  fs.symlinkSync(outside, path.join(root, 'linked-directory'));
  return root;
}

async function scanJson(
  root: string,
  extra: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<Report> {
  const result = await runCli(['scan', '.', '--no-cache', '--format', 'json', '--fail-on', 'none', ...extra], {
    cwd: root,
    env,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe('a repository that reaches outside its root', () => {
  const outside = outsideDirectory();
  const root = hostileRepository(outside);

  it('does not follow symlinks out of the root', async () => {
    const report = await scanJson(root);
    expect(report.verdict.coverage.skipped).toEqual([
      { file: 'k8s/linked.yaml', reason: 'symlink-outside-root' },
      { file: 'linked-directory', reason: 'symlink-outside-root' },
    ]);
  });

  it('reports a Kustomize resource beyond the root as a parse issue with file and line, not followed', async () => {
    const report = await scanJson(root);
    expect(
      report.parseIssues
        .filter((issue) => issue.file === 'k8s/overlay/kustomization.yaml')
        .map((issue) => [issue.line, issue.column]),
    ).toEqual([
      [2, 5],
      [3, 5],
    ]);
    const messages = report.parseIssues
      .filter((issue) => issue.file === 'k8s/overlay/kustomization.yaml')
      .map((issue) => issue.message);
    for (const message of messages)
      expect(message).toMatch(/^Kustomize resources entry "\.\.\/.*" points outside the scanned root; not followed\.$/);
  });

  it('reports GitLab includes and Azure templates beyond the root as not followed, with file and line', async () => {
    const report = await scanJson(root);
    const issues = report.parseIssues
      .filter((issue) => issue.file === '.gitlab-ci.yml' || issue.file === 'azure-pipelines.yml')
      .map((issue) => `${issue.file}:${issue.line}: ${issue.message.replace(/"[^"]*"/, '"…"')}`);
    expect(issues).toEqual([
      '.gitlab-ci.yml:2: GitLab include "…" points outside the scanned root; not followed.',
      'azure-pipelines.yml:2: Azure Pipelines template "…" points outside the scanned root; not followed.',
    ]);
  });

  it('reports a Terraform module beyond the root as not followed, with file and line', async () => {
    const report = await scanJson(root);
    expect(report.verdict.coverage.unsupported).toContainEqual({
      file: 'infra/main.tf',
      line: 1,
      column: 1,
      feature: expect.stringMatching(/^Terraform module "stolen" not followed \(not-found\): \.\.\//),
    });
  });

  it('reads nothing of what lies outside: no object, resource or job of it reaches the report', async () => {
    const text = JSON.stringify(await scanJson(root));
    expect(text).not.toContain('stolen-outside');
    expect(text).not.toContain('stolen_outside');
    expect(text).not.toContain('outside/secret');
  });

  it('shows no absolute path of the scanning machine in any output, even with --config outside the root', async () => {
    const config = path.join(outside, 'prodready.yaml');
    fs.writeFileSync(config, 'stage: launch\n');
    // A stand-in for helm that fails the way helm does: naming the chart by the absolute path it was given.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-helm-'));
    fs.writeFileSync(
      path.join(bin, 'helm'),
      '#!/bin/sh\necho "Error: open $3/values-missing.yaml: no such file or directory" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    fs.mkdirSync(path.join(root, 'chart/templates'), { recursive: true });
    fs.writeFileSync(path.join(root, 'chart/Chart.yaml'), 'apiVersion: v2\nname: chart\nversion: 1.0.0\n');
    fs.writeFileSync(path.join(root, 'chart/templates/deployment.yaml'), 'kind: Deployment\n');
    try {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-out-'));
      const outputs = ['json', 'sarif', 'markdown', 'html', 'junit', 'codequality', 'terminal'];
      const result = await runCli(
        [
          'scan',
          '.',
          '--no-cache',
          '--config',
          config,
          '--fail-on',
          'none',
          ...outputs.flatMap((format) => ['--format', `${format}=${path.join(directory, `report.${format}`)}`]),
        ],
        { cwd: root, env: { PATH: bin } },
      );
      expect(result.code).toBe(0);
      const report = JSON.parse(fs.readFileSync(path.join(directory, 'report.json'), 'utf8')) as Report;
      expect(report.verdict.coverage.charts).toEqual([
        {
          chart: 'chart',
          rendered: false,
          reason: 'Error: open chart/values-missing.yaml: no such file or directory',
          values: [],
        },
      ]);
      for (const format of outputs) {
        const text = fs.readFileSync(path.join(directory, `report.${format}`), 'utf8');
        expect(text, format).not.toContain(root);
        expect(text, format).not.toContain(outside);
        expect(text, format).not.toContain(os.tmpdir());
      }
    } finally {
      fs.rmSync(path.join(root, 'chart'), { recursive: true, force: true });
    }
  });
});
