import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Io, main } from '../src/cli/main.js';
import type { Report } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';

async function scan(argv: readonly string[], options: { cwd: string; stdin?: string; path?: string }) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: { PATH: options.path ?? '/nonexistent' },
    cwd: options.cwd,
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
  };
  const code = await main(['scan', '--format', 'json', '--fail-on', 'none', ...argv], io);
  return { code, stdout, stderr };
}

const RENDERED = fs.readFileSync(path.join(REPOSITORY_ROOT, 'fixtures/helm/rendered/web.yaml'), 'utf8');
const REPO = path.join(REPOSITORY_ROOT, 'fixtures/helm/repo');

describe('Helm', () => {
  it('scans rendered output from standard input, with stdin.yaml lines', async () => {
    const result = await scan(['--stdin'], {
      cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-stdin-')),
      stdin: RENDERED,
    });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report;
    const latest = report.findings.find((finding) => finding.ruleId === 'no-latest-image-tag');
    expect(latest?.location).toEqual({ file: 'stdin.yaml', line: 31, column: 11 });
    expect(report.model.edges.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'Service/default/release-web -> Deployment/default/release-web',
    ]);
  });

  it('rejects --stdin with nothing on standard input', async () => {
    const result = await scan(['--stdin'], { cwd: REPO, stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('standard input is empty');
  });

  it('lists a chart as not rendered when helm is not on PATH, and never reads its templates as YAML', async () => {
    const report = JSON.parse((await scan([], { cwd: REPO })).stdout) as Report;
    expect(report.verdict.coverage.charts).toEqual([
      {
        chart: 'charts/web',
        rendered: false,
        reason: 'helm is not on PATH',
        values: ['charts/web/values-prod.yaml', 'charts/web/values.yaml'],
      },
    ]);
    expect(report.parseIssues).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.verdict.coverage.files.notExamined).toContainEqual({ kind: 'helm-template', files: 1 });
  });

  it('renders each environment values file with a helm binary on PATH', async () => {
    // A stand-in for helm, answering `helm template NAME CHART --values FILE` on standard output.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-helm-'));
    fs.writeFileSync(
      path.join(bin, 'helm'),
      [
        '#!/bin/sh',
        'replicas=$(sed -n "s/^replicaCount: *//p" "$5")',
        'tag=$(sed -n "s/^  tag: *\\"\\{0,1\\}\\([^\\"]*\\)\\"\\{0,1\\}$/\\1/p" "$5")',
        'cat <<EOF',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: $2-web',
        'spec:',
        '  replicas: $replicas',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: registry.example.com/web:$tag',
        'EOF',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    expect(
      spawnSync(path.join(bin, 'helm'), [
        'template',
        'web',
        'x',
        '--values',
        path.join(REPO, 'charts/web/values-prod.yaml'),
      ]).status,
    ).toBe(0);
    const report = JSON.parse((await scan([], { cwd: REPO, path: bin })).stdout) as Report;
    expect(report.verdict.coverage.charts).toEqual([
      { chart: 'charts/web', rendered: true, values: ['charts/web/values-prod.yaml', 'charts/web/values.yaml'] },
    ]);
    expect(
      report.environments.map((environment) => [environment.name, environment.source, environment.judged]),
    ).toEqual([['prod', 'helm', true]]);
    expect(report.findings.filter((finding) => finding.ruleId === 'no-latest-image-tag')).toEqual([]);
    expect(report.findings.find((finding) => finding.ruleId === 'require-image-digest')?.location.file).toBe(
      'charts/web/.rendered/values-prod.yaml',
    );
  });
});
