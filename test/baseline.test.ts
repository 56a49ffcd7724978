import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, isLessReady, OUTCOME_SEVERITY } from '../src/engine/baseline.js';
import type { Report, ReportScenario } from '../src/engine/report-types.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import { type Captured, runCli } from './harness.js';

function run(argv: readonly string[], cwd: string): Promise<Captured> {
  return runCli(argv, { cwd });
}

const schema = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);

function expectValidReport(report: unknown): asserts report is Report {
  validate(report);
  expect(validate.errors ?? []).toEqual([]);
}

/** A Deployment behind a Service and an Ingress; `image` and `padding` (blank lines) vary per case. */
function manifest(options: { image: string; replicas?: number; padding?: number }): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    ...Array.from({ length: options.padding ?? 0 }, () => ''),
    'spec:',
    `  replicas: ${options.replicas ?? 3}`,
    '  selector:',
    '    matchLabels: {app: api}',
    '  template:',
    '    metadata:',
    '      labels: {app: api}',
    '    spec:',
    '      containers:',
    '        - name: api',
    `          image: ${options.image}`,
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: api',
    'spec:',
    '  selector: {app: api}',
    '  ports: [{port: 80}]',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    'spec:',
    '  rules:',
    '    - host: shop.example.com',
    '      http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    '              service: {name: api, port: {number: 80}}',
    '',
  ].join('\n');
}

/** A repository and a separate directory for the reports, so that they are not scanned. */
function workspace(files: Record<string, string>): {
  root: string;
  reports: string;
  write: (file: string, text: string) => void;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-baseline-'));
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-baseline-reports-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { root, reports, write };
}

const PROFILE = 'stage: launch\nsla: 99.5\n';

/** Scans the tree as JSON into `reports/<name>` and returns the report. */
async function scanTo(
  root: string,
  file: string,
  extra: readonly string[] = [],
): Promise<{ result: Captured; report: Report }> {
  const result = await run(['scan', '.', '--format', 'json', ...extra], root);
  fs.writeFileSync(file, result.stdout);
  const report = JSON.parse(result.stdout) as Report;
  expectValidReport(report);
  return { result, report };
}

describe('scan --baseline', () => {
  it('fails --fail-on-new when the change adds a blocker, and marks only it new', async () => {
    const { root, reports, write } = workspace({
      'prodready.yaml': PROFILE,
      'k8s/api.yaml': manifest({ image: 'registry.example.com/api:1.0.0' }),
    });
    const base = path.join(reports, 'base.json');
    const before = await scanTo(root, base);
    expect(before.report.verdict.ready).toBe(false);
    expect(before.report.findings.some((finding) => finding.ruleId === 'no-latest-image-tag')).toBe(false);

    write('k8s/api.yaml', manifest({ image: 'registry.example.com/api:latest' }));
    const after = await scanTo(root, path.join(reports, 'after.json'), ['--baseline', base, '--fail-on-new']);
    expect(after.result.code).toBe(1);
    const added = after.report.findings.filter((finding) => finding.change === 'new');
    expect(added.map((finding) => [finding.ruleId, finding.level])).toEqual([['no-latest-image-tag', 'blocker']]);
    expect(after.report.baseline?.new).toBe(1);
    expect(after.report.baseline?.unchanged).toBe(before.report.findings.length);
    expect(after.report.baseline?.verdictBefore).toEqual({ ready: false, blockers: before.report.verdict.blockers });
    expect(after.report.baseline?.file).toBe(path.relative(root, base).split(path.sep).join('/'));
    expect(after.result.stderr).toContain('new blocker no-latest-image-tag at k8s/api.yaml:');
  });

  it('passes --fail-on-new when the change only fixes findings, though old blockers remain, and lists them fixed', async () => {
    const { root, reports, write } = workspace({
      'prodready.yaml': PROFILE,
      'k8s/api.yaml': manifest({ image: 'registry.example.com/api:latest' }),
    });
    const base = path.join(reports, 'base.json');
    const before = await scanTo(root, base);
    const latest = before.report.findings.find((finding) => finding.ruleId === 'no-latest-image-tag');
    expect(latest?.level).toBe('blocker');

    write('k8s/api.yaml', manifest({ image: 'registry.example.com/api:1.0.0' }));
    const after = await scanTo(root, path.join(reports, 'after.json'), ['--baseline', base, '--fail-on-new']);
    expect(after.result.code).toBe(0);
    expect(after.result.stderr).toBe('');
    expect(after.report.verdict.ready).toBe(false);
    expect(after.report.verdict.blockers).toBe(before.report.verdict.blockers - 1);
    expect(after.report.baseline?.fixed).toEqual([
      { ruleId: 'no-latest-image-tag', fingerprint: latest?.fingerprint, location: latest?.location },
    ]);
    expect(after.report.baseline?.new).toBe(0);
    expect(after.report.findings.every((finding) => finding.change === 'unchanged')).toBe(true);
    // Without --fail-on-new the old blockers still fail the scan.
    expect((await run(['scan', '.', '--baseline', base], root)).code).toBe(1);
  });

  it('keeps a finding unchanged when blank lines move it down', async () => {
    const { root, reports, write } = workspace({
      'prodready.yaml': PROFILE,
      'k8s/api.yaml': manifest({ image: 'registry.example.com/api:latest' }),
    });
    const base = path.join(reports, 'base.json');
    const before = await scanTo(root, base);

    write('k8s/api.yaml', manifest({ image: 'registry.example.com/api:latest', padding: 3 }));
    const after = await scanTo(root, path.join(reports, 'after.json'), ['--baseline', base, '--fail-on-new']);
    expect(after.result.code).toBe(0);
    const lineOf = (report: Report) =>
      report.findings.find((finding) => finding.ruleId === 'no-latest-image-tag')?.location.line ?? 0;
    expect(lineOf(after.report)).toBe(lineOf(before.report) + 3);
    expect(after.report.findings.map((finding) => finding.change)).toEqual(
      before.report.findings.map(() => 'unchanged'),
    );
    expect(after.report.baseline).toMatchObject({ new: 0, unchanged: before.report.findings.length, fixed: [] });
  });

  it('is a usage error naming the file when the baseline has another schemaVersion, is not JSON or not a report', async () => {
    const { root, reports } = workspace({ 'k8s/api.yaml': manifest({ image: 'registry.example.com/api:1.0.0' }) });
    const base = path.join(reports, 'base.json');
    const { report } = await scanTo(root, base);

    const future = path.join(reports, 'future.json');
    fs.writeFileSync(future, JSON.stringify({ ...report, schemaVersion: '2' }));
    const wrongVersion = await run(['scan', '.', '--baseline', future, '--fail-on-new'], root);
    expect(wrongVersion.code).toBe(2);
    expect(wrongVersion.stderr).toContain(`The baseline "${future}" has schemaVersion "2"`);
    expect(wrongVersion.stdout).toBe('');

    const broken = path.join(reports, 'broken.json');
    fs.writeFileSync(broken, '{"schemaVersion": "1",');
    const notJson = await run(['scan', '.', '--baseline', broken], root);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`The baseline "${broken}" is not valid JSON`);

    const partial = path.join(reports, 'partial.json');
    const { findings: _findings, ...withoutFindings } = report;
    fs.writeFileSync(partial, JSON.stringify(withoutFindings));
    const invalid = await run(['scan', '.', '--baseline', partial], root);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`The baseline "${partial}" does not match the report schema`);
    expect(invalid.stderr).toContain("must have required property 'findings'");

    const missing = await run(['scan', '.', '--baseline', path.join(reports, 'nowhere.json')], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Cannot read the baseline "${path.join(reports, 'nowhere.json')}": no such file.`);

    const alone = await run(['scan', '.', '--fail-on-new'], root);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--baseline');
  });
});

describe('what makes a change less ready', () => {
  it('orders scenario outcomes survives < unknown < degraded < outage', () => {
    const ordered = Object.entries(OUTCOME_SEVERITY)
      .sort((a, b) => a[1] - b[1])
      .map(([outcome]) => outcome);
    expect(ordered).toEqual(['survives', 'unknown', 'degraded', 'outage']);
  });

  async function scanned(): Promise<Report> {
    const { root, reports } = workspace({
      'prodready.yaml': 'stage: launch\nsla: 99.9\n',
      'k8s/api.yaml': manifest({ image: 'registry.example.com/api:1.0.0' }),
    });
    return (await scanTo(root, path.join(reports, 'report.json'))).report;
  }

  function withScenario(report: Report, id: string, change: (scenario: ReportScenario) => ReportScenario): Report {
    return {
      ...report,
      scenarios: report.scenarios.map((scenario) => (scenario.id === id ? change(scenario) : scenario)),
    };
  }

  it('a scenario that gets worse, with no new finding', async () => {
    const report = await scanned();
    const ceiling = report.scenarios.find((scenario) => scenario.id === 'availability-ceiling');
    expect(ceiling?.outcome).toBe('degraded');
    expect(ceiling?.paths[0]?.availability).toBe(0.995);
    // The same tree, but the baseline's ceiling met the SLA.
    const baseline = withScenario(report, 'availability-ceiling', (scenario) => ({
      ...scenario,
      outcome: 'survives',
      paths: scenario.paths.map((one) => ({ ...one, outcome: 'survives', availability: 0.9995 })),
    }));
    const comparison = compareWithBaseline(report, baseline, 'base.json');
    expect(comparison.report.baseline?.new).toBe(0);
    expect(comparison.report.baseline?.scenariosWorse).toEqual([
      { id: 'availability-ceiling', before: 'survives', after: 'degraded' },
    ]);
    expect(comparison.ceilingBelowSla).toEqual({ before: 0.9995, after: 0.995, sla: 99.9 });
    expect(isLessReady(comparison)).toBe(true);
    expectValidReport(comparison.report);
  });

  it('a ceiling already below the SLA that drops further, while the outcome stays degraded', async () => {
    const report = await scanned();
    const baseline = withScenario(report, 'availability-ceiling', (scenario) => ({
      ...scenario,
      paths: scenario.paths.map((one) => ({ ...one, availability: 0.998 })),
    }));
    const comparison = compareWithBaseline(report, baseline, 'base.json');
    expect(comparison.report.baseline?.scenariosWorse).toEqual([]);
    expect(comparison.report.baseline).toMatchObject({ ceilingBefore: 0.998, ceilingAfter: 0.995 });
    expect(comparison.ceilingBelowSla).toEqual({ before: 0.998, after: 0.995, sla: 99.9 });
    expect(isLessReady(comparison)).toBe(true);
    // The other way round (the ceiling rose) is not less ready.
    expect(isLessReady(compareWithBaseline(baseline, report, 'base.json'))).toBe(false);
  });

  it('a verdict that goes from ready to not ready; a blocker no longer suppressed counts as added', async () => {
    const report = await scanned();
    const wasReady: Report = { ...report, verdict: { ...report.verdict, ready: true, blockers: 0 } };
    const lowered = compareWithBaseline(report, wasReady, 'base.json');
    expect(lowered.verdictLowered).toBe(true);
    expect(lowered.addedBlockers).toEqual([]);
    expect(isLessReady(lowered)).toBe(true);

    const blocker = report.findings.find((finding) => finding.level === 'blocker');
    expect(blocker).toBeDefined();
    const suppressedBefore: Report = {
      ...report,
      findings: report.findings.map((finding) =>
        finding === blocker ? { ...finding, suppressed: { reason: 'accepted for the pilot' } } : finding,
      ),
    };
    const unsuppressed = compareWithBaseline(report, suppressedBefore, 'base.json');
    expect(unsuppressed.report.baseline?.new).toBe(0);
    expect(unsuppressed.addedBlockers.map((finding) => finding.fingerprint)).toEqual([blocker?.fingerprint]);
    expect(isLessReady(unsuppressed)).toBe(true);

    expect(isLessReady(compareWithBaseline(report, report, 'base.json'))).toBe(false);
  });
});

describe('prodready diff', () => {
  async function twoReports(): Promise<{ root: string; before: string; after: string }> {
    const { root, reports, write } = workspace({
      'prodready.yaml': PROFILE,
      'k8s/api.yaml': manifest({ image: 'registry.example.com/api:latest' }),
    });
    const before = path.join(reports, 'before.json');
    await scanTo(root, before);
    write('k8s/api.yaml', manifest({ image: 'registry.example.com/api:1.0.0', replicas: 1 }));
    const after = path.join(reports, 'after.json');
    await scanTo(root, after);
    return { root: reports, before: 'before.json', after: 'after.json' };
  }

  it('prints the new and fixed counts and the findings for a terminal', async () => {
    const { root, before, after } = await twoReports();
    const result = await run(['diff', before, after], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('prodready diff · before.json → after.json');
    expect(result.stdout).toContain('Findings: 1 new, 4 fixed, ');
    expect(result.stdout).toMatch(/\+ next {4}require-multiple-replicas {2}k8s\/api\.yaml:\d+:\d+/);
    expect(result.stdout).toMatch(/- blocker no-latest-image-tag {2}k8s\/api\.yaml:\d+:\d+/);
    expect(result.stdout).toContain('Not less ready than the baseline.');
  });

  it('writes JSON and Markdown, and --fail-on-new fails the other way round', async () => {
    const { root, before, after } = await twoReports();
    const json = await run(['diff', before, after, '--format', 'json'], root);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout) as {
      counts: { new: number; fixed: number };
      lessReady: boolean;
      new: { ruleId: string }[];
      fixed: { ruleId: string }[];
    };
    expect(diff.counts).toMatchObject({ new: 1, fixed: 4 });
    expect(diff.lessReady).toBe(false);
    expect(diff.new.map((finding) => finding.ruleId)).toEqual(['require-multiple-replicas']);
    expect(diff.fixed.map((finding) => finding.ruleId).sort()).toEqual([
      'no-latest-image-tag',
      'require-node-spread',
      'require-pod-disruption-budget',
      'require-zone-spread',
    ]);

    const markdown = await run(['diff', before, after, '--format', 'markdown'], root);
    expect(markdown.stdout).toContain('Findings: **1 new**, **4 fixed**');
    expect(markdown.stdout).toContain('| blocker | `no-latest-image-tag` |');

    const reversed = await run(['diff', after, before, '--fail-on-new'], root);
    expect(reversed.code).toBe(1);
    expect(reversed.stdout).toContain('Findings: 4 new, 1 fixed, ');
    expect(reversed.stdout).toContain('new blocker no-latest-image-tag at k8s/api.yaml:');
  });

  it('names a bad report file', async () => {
    const { root, before } = await twoReports();
    fs.writeFileSync(path.join(root, 'empty.json'), '');
    const result = await run(['diff', before, 'empty.json'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The report "empty.json" is not valid JSON');
  });
});
