import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { type Io, main } from '../src/cli/main.js';
import type { Report } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import { temporaryRepository } from './harness.js';

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(
  argv: readonly string[],
  options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd ?? REPOSITORY_ROOT,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const schema = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);

function expectValidReport(report: unknown): asserts report is Report {
  const valid = validate(report);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

function withoutRun(report: Report): Omit<Report, 'run'> {
  const { run: _run, ...rest } = report;
  return rest;
}

describe('prodready scan on the bundled example', () => {
  it('prints a JSON report that validates against the published schema', async () => {
    const result = await run(['scan', 'examples/acme-shop', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expectValidReport(report);
    expect(report.findings.length).toBeGreaterThan(5);
    expect(report.verdict.ready).toBe(false);
  });

  it('locates every finding at the key to change', async () => {
    const report = JSON.parse((await run(['scan', 'examples/acme-shop', '--format', 'json'])).stdout) as Report;
    for (const finding of report.findings) {
      const text = fs.readFileSync(path.join(REPOSITORY_ROOT, finding.location.file), 'utf8');
      const line = text.split('\n')[finding.location.line - 1] ?? '';
      const atColumn = line.slice(finding.location.column - 1);
      const where = `${finding.ruleId} at ${finding.location.file}:${finding.location.line}`;
      if (/\.ya?ml$/.test(finding.location.file)) {
        // The column starts a key (`name:`, `image:`), never the middle of a value or a blank.
        expect(atColumn, where).toMatch(/^[A-Za-z$][A-Za-z0-9._/-]*:/);
      } else if (/Dockerfile/.test(finding.location.file)) {
        // An instruction, or the argument of one to change (the image of a FROM).
        expect(line, where).toMatch(/^[A-Z]+\s/);
        expect(atColumn, where).toMatch(/^\S/);
      } else {
        // A Terraform attribute or block.
        expect(atColumn, where).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*(\s*=|\s+"|\s*\{)/);
      }
    }
    const latest = report.findings.find((finding) => finding.ruleId === 'no-latest-image-tag');
    expect(latest?.location).toEqual({ file: 'examples/acme-shop/k8s/storefront.yaml', line: 34, column: 11 });
  });

  it('gives byte-identical JSON for two scans of the same tree, apart from the run block', async () => {
    const first = JSON.parse((await run(['scan', 'examples/acme-shop', '--format', 'json'])).stdout) as Report;
    const second = JSON.parse((await run(['scan', 'examples/acme-shop', '--format', 'json'])).stdout) as Report;
    expect(JSON.stringify(withoutRun(second))).toBe(JSON.stringify(withoutRun(first)));
    expect(first.run.tool).toBe('prodready');
  });

  it('writes the report to --output and exits by --fail-on', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-out-'));
    const output = path.join(directory, 'report.json');
    const result = await run(['scan', 'examples/acme-shop', '-f', 'json', '-o', output, '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expectValidReport(JSON.parse(fs.readFileSync(output, 'utf8')));
  });

  it('prints a terminal report without colour when not on a TTY or when NO_COLOR is set', async () => {
    const plain = await run(['scan', 'examples/acme-shop']);
    expect(plain.stdout).toContain('NOT READY for launch');
    expect(plain.stdout).toContain('examples/acme-shop/k8s/storefront.yaml:34:11');
    expect(plain.stdout).not.toContain('\u001b[');
    const noColor = await run(['scan', 'examples/acme-shop'], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const coloured = await run(['scan', 'examples/acme-shop'], { tty: true });
    expect(coloured.stdout).toContain('\u001b[');
    expect(coloured.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(plain.stdout);
  });
});

describe('bad input', () => {
  it('reports a malformed document with file and line and still scans the rest', async () => {
    const root = temporaryRepository({
      'k8s/app.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: first',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: first',
        '          image: registry.example.com/first:latest',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: broken',
        'data:',
        '  key: "unclosed',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: third',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: third',
        '          image: registry.example.com/third:latest',
        '',
      ].join('\n'),
      'k8s/other.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: lonely',
        'spec:',
        '  containers:',
        '    - name: lonely',
        '      image: registry.example.com/lonely:latest',
        '',
      ].join('\n'),
      'config/settings.yaml': 'feature: true\n',
    });
    const result = await run(['scan', '--format', 'json', '--fail-on', 'none'], { cwd: root });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expectValidReport(report);
    expect(report.parseIssues).toHaveLength(1);
    expect(report.parseIssues[0]?.file).toBe('k8s/app.yaml');
    expect(report.parseIssues[0]?.line).toBeGreaterThanOrEqual(17);
    expect(report.parseIssues[0]?.line).toBeLessThanOrEqual(18);
    const latest = report.findings
      .filter((finding) => finding.ruleId === 'no-latest-image-tag')
      .map((finding) => `${finding.location.file}:${finding.location.line}`);
    expect(latest).toEqual(['k8s/app.yaml:10', 'k8s/app.yaml:28', 'k8s/other.yaml:8']);
    expect(report.verdict.coverage.files.byKind).toEqual({ kubernetes: 2, yaml: 1 });
  });
});

describe('rules that cannot decide', () => {
  it('shows unknown in coverage, in JSON and in the terminal, instead of a pass', async () => {
    const root = temporaryRepository({
      'k8s/api.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        'spec:',
        '  replicas: "three"',
        '  selector:',
        '    matchLabels: {app: api}',
        '  template:',
        '    metadata:',
        '      labels: {app: api}',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: registry.example.com/api:1.0.0',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: api',
        'spec:',
        '  selector: {app: api}',
        '  ports: [{port: 80}]',
        '',
      ].join('\n'),
    });
    const json = JSON.parse(
      (await run(['scan', '--format', 'json', '--fail-on', 'none'], { cwd: root })).stdout,
    ) as Report;
    expectValidReport(json);
    const multiple = json.rules.find((rule) => rule.id === 'require-multiple-replicas');
    expect(multiple?.outcome).toBe('unknown');
    expect(json.findings.filter((finding) => finding.ruleId === 'require-multiple-replicas')).toEqual([]);
    expect(json.verdict.coverage.rules.unknown).toBeGreaterThan(0);
    expect(json.verdict.coverage.undecided).toContainEqual(
      expect.objectContaining({ ruleId: 'require-multiple-replicas', file: 'k8s/api.yaml', line: 6 }),
    );
    expect(json.parseIssues).toEqual([expect.objectContaining({ file: 'k8s/api.yaml', line: 6, column: 3 })]);
    const terminal = (await run(['scan', '--fail-on', 'none'], { cwd: root })).stdout;
    expect(terminal).toContain('Could not decide: require-multiple-replicas at k8s/api.yaml:6:3');
  });
});

describe('usage errors', () => {
  it('names a bad --format and the accepted values, exit 2', async () => {
    const result = await run(['scan', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'xml'");
    expect(result.stderr).toContain('terminal, json');
  });

  it('names a bad --fail-on value, exit 2', async () => {
    const result = await run(['scan', '--fail-on', 'critical']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'critical'");
    expect(result.stderr).toContain('blocker, next, advice, none');
  });

  it('names a missing path, exit 2', async () => {
    const result = await run(['scan', 'no/such/dir']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"no/such/dir" does not exist');
  });

  it('names an unknown rule and suggests close ones, exit 2', async () => {
    const result = await run(['explain', 'readiness-probe']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown rule "readiness-probe"');
    expect(result.stderr).toContain('require-readiness-probe');
  });

  it('rejects an unknown command, exit 2', async () => {
    const result = await run(['scna']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('scna');
  });
});

describe('rules and explain', () => {
  it('lists at least 35 rules as JSON', async () => {
    const result = await run(['rules', '--format', 'json']);
    expect(result.code).toBe(0);
    const rules = JSON.parse(result.stdout) as { id: string; pillar: string; requiredFrom: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(35);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  it('explains a rule with why and how', async () => {
    const result = await run(['explain', 'no-latest-image-tag']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no-latest-image-tag (delivery, stable)');
    expect(result.stdout).toContain('Why: ');
    expect(result.stdout).toContain('How to fix: ');
    expect(result.stdout).toContain('launch: blocker');
  });
});

describe('the installed binary', () => {
  const bin = path.join(REPOSITORY_ROOT, 'bin', 'prodready.js');

  it('prints its version and help, exit 0', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8'));
    expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(manifest.version);
    const help = spawnSync('node', [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('scan');
    expect(help.stdout).toContain('explain');
  });

  it('exits 1 on blockers and 2 on a usage error', () => {
    const scan = spawnSync('node', [bin, 'scan', 'examples/acme-shop'], { encoding: 'utf8', cwd: REPOSITORY_ROOT });
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain('NOT READY for launch');
    const bad = spawnSync('node', [bin, 'scan', '--format', 'xml'], { encoding: 'utf8', cwd: REPOSITORY_ROOT });
    expect(bad.status).toBe(2);
  });
});

describe('scan with several outputs', () => {
  it('writes each --format format=file and the bare one to standard output', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-outputs-'));
    const markdown = path.join(directory, 'summary.md');
    const junit = path.join(directory, 'results.xml');
    const result = await run([
      'scan',
      'examples/acme-shop',
      '--format',
      `markdown=${markdown}`,
      '--format',
      `junit=${junit}`,
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expectValidReport(report);
    const summary = fs.readFileSync(markdown, 'utf8');
    expect(summary.split('\n')[0]).toBe(
      `## ❌ NOT READY for launch: ${report.verdict.blockers} blockers (${report.verdict.blockerFindings} findings, ${report.verdict.blockerAttestations} practices to attest, ${report.verdict.blockerScenarios} failure scenarios not survived)`,
    );
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="prodready"')).toBe(true);
    expect(xml).toContain('<testcase classname="delivery" name="no-latest-image-tag">');
  });

  it('sends a bare --format to --output', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-outputs-'));
    const output = path.join(directory, 'report.md');
    const result = await run(['scan', 'examples/acme-shop', '--format', 'markdown', '-o', output, '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(fs.readFileSync(output, 'utf8')).toMatch(/^## ❌ NOT READY for launch: /);
  });

  it('prints the terminal report when no --format is given', async () => {
    const result = await run(['scan', 'examples/acme-shop', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('NOT READY for launch');
  });

  it('names an unknown format among several and lists the accepted ones, exit 2', async () => {
    const result = await run(['scan', '--format', 'json', '--format', 'pdf=report.pdf']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("Unknown --format 'pdf=report.pdf'");
    expect(result.stderr).toMatch(/accepted formats: terminal, json(, [a-z]+)*, markdown, junit/);
  });

  it('refuses two outputs to standard output, exit 2', async () => {
    const result = await run(['scan', 'examples/acme-shop', '--format', 'json', '--format', 'markdown']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("--format 'json' and 'markdown' would both write to standard output");
    expect(result.stderr).toContain('markdown, junit');
  });

  it('refuses two outputs to one file and a format= without a file, exit 2', async () => {
    const same = await run(['scan', '--format', 'json=out.txt', '--format', 'junit=out.txt']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(`--format 'json' and --format 'junit' would both write to "out.txt"`);
    const empty = await run(['scan', '--format', 'junit=']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--format 'junit=' names no file");
  });
});
