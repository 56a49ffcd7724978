import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { type Io, main } from '../src/cli/main.js';
import type { Report } from '../src/engine/report-types.js';
import {
  CODE_QUALITY_SEVERITIES,
  type CodeQualityIssue,
  PARSE_ISSUE_CHECK,
  renderCodeQuality,
} from '../src/report/codequality.js';
import { bareDeployment, scanTree, writeTree } from './reporter-helpers.js';

/**
 * GitLab's code quality report as its documentation describes it (the fields GitLab requires of
 * each entry): written here from that description, since GitLab publishes no schema package.
 */
const GITLAB_CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: [...CODE_QUALITY_SEVERITIES] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
          lines: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'integer', minimum: 1 } },
          },
        },
      },
    },
  },
};
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(GITLAB_CODE_QUALITY_SCHEMA);

const FILES = {
  'k8s/api.yaml': bareDeployment('api'),
  'k8s/worker.yaml': `# prodready-ignore no-latest-image-tag: rewritten-by-release-pipeline\n${bareDeployment('worker')}`,
  'k8s/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: "unclosed\n',
};

function parse(report: Report): CodeQualityIssue[] {
  const output = renderCodeQuality(report);
  const issues = JSON.parse(output) as CodeQualityIssue[];
  expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
  return issues;
}

describe('the GitLab code quality reporter', () => {
  const report = scanTree(FILES);
  const issues = parse(report);

  it('has an entry per finding and per parse issue, in the report order', () => {
    expect(report.findings.length).toBeGreaterThan(5);
    expect(report.parseIssues.map((issue) => issue.file)).toEqual(['k8s/broken.yaml']);
    expect(issues).toHaveLength(report.findings.length + 1);
    expect(issues.slice(0, report.findings.length).map((issue) => issue.check_name)).toEqual(
      report.findings.map((finding) => finding.ruleId),
    );
  });

  it("locates each finding at the line to change and keeps the finding's fingerprint", () => {
    report.findings.forEach((finding, index) => {
      const issue = issues[index];
      expect(issue?.location).toEqual({ path: finding.location.file, lines: { begin: finding.location.line } });
      expect(issue?.fingerprint).toBe(finding.fingerprint);
    });
    const latest = issues.find(
      (issue) => issue.check_name === 'no-latest-image-tag' && issue.location.path === 'k8s/api.yaml',
    );
    expect(latest?.location.lines.begin).toBe(10);
    expect(latest?.description).toContain('docs/rules/no-latest-image-tag.md');
  });

  it('maps levels to GitLab severities and keeps suppressed findings visible as info', () => {
    report.findings.forEach((finding, index) => {
      const expected =
        finding.suppressed !== undefined
          ? 'info'
          : { blocker: 'blocker', next: 'major', advice: 'minor' }[finding.level];
      expect(issues[index]?.severity, finding.ruleId).toBe(expected);
    });
    const suppressed = issues.filter((issue) => issue.severity === 'info');
    expect(suppressed.map((issue) => [issue.check_name, issue.location.path])).toEqual([
      ['no-latest-image-tag', 'k8s/worker.yaml'],
    ]);
    expect(suppressed[0]?.description).toContain('(suppressed: rewritten-by-release-pipeline)');
  });

  it('reports a file that could not be parsed as not examined, with a stable fingerprint', () => {
    const broken = issues.at(-1);
    expect(broken?.check_name).toBe(PARSE_ISSUE_CHECK);
    expect(broken?.location.path).toBe('k8s/broken.yaml');
    expect(broken?.description).toMatch(/^Not examined: /);
    expect(broken?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(parse(scanTree(FILES)).at(-1)?.fingerprint).toBe(broken?.fingerprint);
  });

  it('gives every entry its own fingerprint (GitLab matches entries by it)', () => {
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
  });

  it('is an empty array for a clean tree', () => {
    expect(renderCodeQuality(scanTree({ 'README.md': '# nothing\n' }))).toBe('[]\n');
  });
});

describe('prodready scan --format codequality', () => {
  it('writes the GitLab report to a file next to the terminal output', async () => {
    const root = writeTree(FILES);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-codequality-')), 'gl-code-quality.json');
    let stdout = '';
    let stderr = '';
    const io: Io = {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: root,
    };
    const code = await main(['scan', '--format', 'terminal', '--format', `codequality=${out}`], io);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('NOT READY');
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as CodeQualityIssue[];
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect(written.map((issue) => issue.location.path)).toContain('k8s/api.yaml');
    expect(written.some((issue) => issue.check_name === PARSE_ISSUE_CHECK)).toBe(true);
  });
});
