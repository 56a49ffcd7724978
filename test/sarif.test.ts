import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Report, ReportFinding } from '../src/engine/report-types.js';
import { artifactUri, renderSarif } from '../src/report/sarif.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import { runCli, temporaryRepository } from './harness.js';

// The OASIS SARIF 2.1.0 schema, vendored unchanged (see test/data/README.md). Upstream declares
// draft 2020-12 and carries two defects no validator accepts as written: an `anyOf` listed under
// region's `properties`, and the Perl-style pattern `^(?i)…` for `language`. So the schema itself is
// not meta-validated, and `(?i)` is read as JavaScript's `i` flag.
const schema = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
const regExp = Object.assign(
  (pattern: string, flags: string) =>
    pattern.startsWith('^(?i)') ? new RegExp(`^${pattern.slice(5)}`, `${flags}i`) : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);
const validate = new Ajv2020({
  strict: false,
  validateFormats: false,
  validateSchema: false,
  allErrors: true,
  code: { regExp },
}).compile(schema);

interface SarifRegion {
  startLine: number;
  startColumn: number;
}
interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { pillar: string; requiredFrom: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string }; locations: SarifLocation[] }[];
    }[];
    results: SarifResult[];
    originalUriBaseIds?: unknown;
  }[];
}

function expectValidSarif(log: unknown): asserts log is SarifLog {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

async function run(argv: readonly string[], cwd = REPOSITORY_ROOT): Promise<{ code: number; stdout: string }> {
  const { code, stdout, stderr } = await runCli(argv, { cwd });
  expect(stderr).toBe('');
  return { code, stdout };
}

async function scanSarif(cwd: string): Promise<SarifLog> {
  const result = await run(['scan', '--format', 'sarif', '--fail-on', 'none'], cwd);
  expect(result.code).toBe(0);
  const log: unknown = JSON.parse(result.stdout);
  expectValidSarif(log);
  return log;
}

const latestPod = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: toolbox',
  'spec:',
  '  containers:',
  '    - name: main',
  '      image: registry.example.com/toolbox:latest',
  '',
].join('\n');

function onlyRun(log: SarifLog) {
  expect(log.runs).toHaveLength(1);
  const [first] = log.runs;
  if (first === undefined) throw new Error('no run');
  return first;
}

function resultsOf(log: SarifLog, ruleId: string): SarifResult[] {
  return onlyRun(log).results.filter((result) => result.ruleId === ruleId);
}

describe('prodready scan --format sarif on the bundled example', () => {
  it('is a SARIF 2.1.0 log valid against the OASIS schema, one result per finding', async () => {
    const sarif = await run(['scan', 'examples/acme-shop', '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    const log: unknown = JSON.parse(sarif.stdout);
    expectValidSarif(log);
    const json = JSON.parse((await run(['scan', 'examples/acme-shop', '--format', 'json'])).stdout) as Report;

    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    );
    const sarifRun = onlyRun(log);
    expect(sarifRun.originalUriBaseIds).toBeUndefined();
    expect(sarif.stdout).not.toContain(REPOSITORY_ROOT);
    expect(sarif.stdout).not.toContain('file://');

    const driver = sarifRun.tool.driver;
    expect(driver.name).toBe('prodready');
    expect(driver.version).toBe(json.run.version);
    expect(driver.informationUri).toBe('https://github.com/prodready/prodready');
    expect(driver.rules.map((rule) => rule.id)).toEqual(json.rules.map((rule) => rule.id));
    const digestRule = driver.rules.find((rule) => rule.id === 'require-image-digest');
    const digestReportRule = json.rules.find((rule) => rule.id === 'require-image-digest');
    expect(digestRule).toEqual({
      id: 'require-image-digest',
      name: 'require-image-digest',
      shortDescription: { text: digestReportRule?.title },
      helpUri: 'https://github.com/prodready/prodready/blob/main/docs/rules/require-image-digest.md',
      defaultConfiguration: { level: 'error' },
      properties: { pillar: 'delivery', requiredFrom: digestReportRule?.requiredFrom },
    });
    const levels = { blocker: 'error', next: 'warning', advice: 'note' } as const;
    for (const [index, rule] of json.rules.entries()) {
      expect(driver.rules[index]?.defaultConfiguration.level).toBe(levels[rule.level]);
    }

    expect(sarifRun.results).toHaveLength(json.findings.length);
    for (const [index, finding] of json.findings.entries()) {
      const result = sarifRun.results[index];
      expect(result?.ruleId).toBe(finding.ruleId);
      expect(driver.rules[result?.ruleIndex ?? -1]?.id).toBe(finding.ruleId);
      expect(result?.level).toBe(levels[finding.level]);
      expect(result?.message.text).toBe(finding.message);
      expect(result?.partialFingerprints).toEqual({ 'prodready/v1': finding.fingerprint });
      expect(result?.locations).toEqual([
        {
          physicalLocation: {
            artifactLocation: { uri: finding.location.file, uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.location.line, startColumn: finding.location.column },
          },
        },
      ]);
    }
    expect(sarifRun.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('carries the justification of suppressed findings, and none on the others', async () => {
    const log: unknown = JSON.parse((await run(['scan', 'examples/acme-shop', '--format', 'sarif'])).stdout);
    expectValidSarif(log);
    const suppressed = onlyRun(log).results.filter((result) => result.suppressions !== undefined);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const result of suppressed) {
      expect(result.ruleId).toBe('require-image-digest');
      expect(result.suppressions).toEqual([
        { kind: 'external', justification: 'images are signed and pinned by digest at deploy time by the CD pipeline' },
      ]);
    }
    const digest = resultsOf(log, 'require-image-digest');
    expect(digest.filter((result) => result.suppressions === undefined)).toEqual([]);
  });

  it('is byte-identical across two scans', async () => {
    const first = (await run(['scan', 'examples/acme-shop', '--format', 'sarif'])).stdout;
    const second = (await run(['scan', 'examples/acme-shop', '--format', 'sarif'])).stdout;
    expect(second).toBe(first);
  });
});

describe('SARIF results in a temporary repository', () => {
  it('keeps partialFingerprints when blank lines push the finding down, and moves startLine', async () => {
    const root = temporaryRepository({ 'k8s/pod.yaml': latestPod });
    const before = resultsOf(await scanSarif(root), 'no-latest-image-tag');
    fs.writeFileSync(path.join(root, 'k8s/pod.yaml'), `\n\n\n${latestPod}`);
    const after = resultsOf(await scanSarif(root), 'no-latest-image-tag');

    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.partialFingerprints).toEqual(before[0]?.partialFingerprints);
    expect(before[0]?.partialFingerprints['prodready/v1']).toMatch(/^[0-9a-f]+$/);
    const line = (results: SarifResult[]) => results[0]?.locations[0]?.physicalLocation.region.startLine ?? 0;
    expect(line(before)).toBe(8);
    expect(line(after)).toBe(11);
  });

  it('percent-encodes a path with a space and a non-ASCII character, keeping the slashes', async () => {
    const root = temporaryRepository({ 'k8s/my apps/café.yaml': latestPod });
    const [result] = resultsOf(await scanSarif(root), 'no-latest-image-tag');
    expect(result?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'k8s/my%20apps/caf%C3%A9.yaml',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('reports parse issues as tool execution notifications with file and line', async () => {
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
        '',
      ].join('\n'),
    });
    const invocation = onlyRun(await scanSarif(root)).invocations[0];
    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.toolExecutionNotifications).toHaveLength(1);
    const notification = invocation?.toolExecutionNotifications[0];
    expect(notification?.level).toBe('warning');
    expect(notification?.message.text).not.toBe('');
    expect(notification?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'k8s/api.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6, startColumn: 3 },
        },
      },
    ]);
  });

  it('is a valid log with the rules and no results for an empty repository', async () => {
    const root = temporaryRepository({});
    const log = await scanSarif(root);
    const sarifRun = onlyRun(log);
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.tool.driver.rules.length).toBeGreaterThan(0);
    expect(sarifRun.invocations[0]?.toolExecutionNotifications).toEqual([]);
  });
});

describe('renderSarif', () => {
  async function emptyReport(): Promise<Report> {
    const root = temporaryRepository({});
    return JSON.parse((await run(['scan', '--format', 'json', '--fail-on', 'none'], root)).stdout) as Report;
  }

  const finding = (overrides: Partial<ReportFinding>): ReportFinding => ({
    ruleId: 'no-latest-image-tag',
    messageId: 'latest',
    pillar: 'delivery',
    level: 'advice',
    message: 'Container "main" uses a latest tag.',
    location: { file: 'a.yaml', line: 3, column: 5 },
    fingerprint: '0123abcd',
    ...overrides,
  });

  it('never writes line or column 0 and never an empty message', async () => {
    const report = await emptyReport();
    const log: unknown = JSON.parse(
      renderSarif({
        ...report,
        findings: [finding({ location: { file: 'a.yaml', line: 0, column: -1 }, message: '' })],
        parseIssues: [{ file: 'b.yaml', line: 0, column: 0, message: 'unreadable' }],
      }),
    );
    expectValidSarif(log);
    const sarifRun = onlyRun(log);
    expect(sarifRun.results[0]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(sarifRun.results[0]?.message.text).toBe('no-latest-image-tag');
    expect(sarifRun.results[0]?.level).toBe('note');
    expect(sarifRun.invocations[0]?.toolExecutionNotifications[0]?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 1,
    });
  });

  it('renders 10k findings into a valid log', async () => {
    const report = await emptyReport();
    const findings = Array.from({ length: 10_000 }, (_, index) =>
      finding({ location: { file: `k8s/app-${index}.yaml`, line: index + 1, column: 1 }, fingerprint: `f${index}` }),
    );
    const log: unknown = JSON.parse(renderSarif({ ...report, findings }));
    expectValidSarif(log);
    expect(onlyRun(log).results).toHaveLength(10_000);
  });

  it('encodes URI-significant characters in each segment but keeps the separators', () => {
    expect(artifactUri('a b/ü/x#1?%.yaml')).toBe('a%20b/%C3%BC/x%231%3F%25.yaml');
    expect(artifactUri('deploy/c:d.yaml')).toBe('deploy/c%3Ad.yaml');
  });
});
