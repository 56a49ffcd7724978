import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { AttestationDefinition } from '../src/attestations/define-attestation.js';
import { ALL_ATTESTATIONS } from '../src/attestations/index.js';
import { describeInternalFailures, type Io, issueUrl, main, type Registries } from '../src/cli/main.js';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import type { InternalFailure } from '../src/engine/evaluate.js';
import { REPORT_SCHEMA } from '../src/engine/report-schema.js';
import type { Report } from '../src/engine/report-types.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTerminal } from '../src/report/terminal.js';
import type { Rule } from '../src/rules/define-rule.js';
import { findRule } from '../src/rules/index.js';
import type { Scenario } from '../src/scenarios/define-scenario.js';
import { ALL_SCENARIOS } from '../src/scenarios/index.js';
import { temporaryRepository } from './harness.js';

// A test registry: one real rule that finds something, and one part of each kind with a deliberate bug.
const realRule = findRule('require-memory-limit') as Rule;
const failingRule: Rule = {
  ...realRule,
  id: 'test-failing-rule',
  title: 'A rule with a bug',
  run: () => {
    throw new Error('boom in the test rule');
  },
};
const realAttestation = ALL_ATTESTATIONS[0] as AttestationDefinition;
const failingAttestation: AttestationDefinition = {
  ...realAttestation,
  id: 'test-failing-attestation',
  appliesWhen: () => true,
  detect: () => {
    throw new TypeError('boom in the test detector');
  },
};
const realScenario = ALL_SCENARIOS[0] as Scenario;
const failingScenario: Scenario = {
  ...realScenario,
  id: 'test-failing-scenario',
  run: () => {
    throw new RangeError('boom in the test scenario');
  },
};
const registries = {
  rules: [failingRule, realRule],
  attestations: [failingAttestation, realAttestation],
  scenarios: [failingScenario, realScenario],
} satisfies Registries;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: example/api:1.2.3
`;

const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(REPORT_SCHEMA);

function scan(root: string, failures: InternalFailure[]): Report {
  return scanRepository({
    root,
    paths: ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: '0.0.0-test',
    ...registries,
    onInternalError: (failure) => failures.push(failure),
  });
}

async function runCli(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
    cwd,
  };
  const code = await main(argv, io, registries);
  return { code, stdout, stderr };
}

describe('a rule, attestation detector or scenario that throws', () => {
  it('is reported as errored with its message, and the other checks still run', () => {
    const root = temporaryRepository({ 'deploy.yaml': DEPLOYMENT });
    const failures: InternalFailure[] = [];
    const report = scan(root, failures);

    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.rules.map((rule) => [rule.id, rule.outcome, rule.error])).toEqual([
      ['test-failing-rule', 'error', 'boom in the test rule'],
      ['require-memory-limit', 'fail', undefined],
    ]);
    expect(report.findings.map((finding) => [finding.ruleId, finding.location.file])).toEqual([
      ['require-memory-limit', 'deploy.yaml'],
    ]);
    expect(report.verdict.coverage.rules.error).toBe(1);
    expect(report.verdict.coverage.errors).toEqual([
      { kind: 'rule', id: 'test-failing-rule', message: 'boom in the test rule' },
      { kind: 'attestation', id: 'test-failing-attestation', message: 'boom in the test detector' },
      { kind: 'scenario', id: 'test-failing-scenario', message: 'boom in the test scenario' },
    ]);
    const attestation = report.attestations.find((entry) => entry.id === 'test-failing-attestation');
    expect([attestation?.state, attestation?.error]).toEqual(['missing', 'boom in the test detector']);
    expect(report.attestations.find((entry) => entry.id === realAttestation.id)?.error).toBeUndefined();
    const scenario = report.scenarios.find((entry) => entry.id === 'test-failing-scenario');
    expect([scenario?.outcome, scenario?.error, scenario?.paths]).toEqual(['unknown', 'boom in the test scenario', []]);
    expect(report.scenarios.find((entry) => entry.id === realScenario.id)?.error).toBeUndefined();
    // No stack in the report: only the message.
    expect(JSON.stringify(report)).not.toContain('internal-errors.test.ts');

    // The caller gets the thrown errors themselves, for --debug.
    expect(failures.map((failure) => [failure.kind, failure.id, failure.error instanceof Error])).toEqual([
      ['rule', 'test-failing-rule', true],
      ['attestation', 'test-failing-attestation', true],
      ['scenario', 'test-failing-scenario', true],
    ]);
  });

  it('shows the errored checks plainly in the terminal, Markdown and HTML reports', () => {
    const root = temporaryRepository({ 'deploy.yaml': DEPLOYMENT });
    const report = scan(root, []);
    const terminal = renderTerminal(report, { color: false });
    expect(terminal).toContain('INCOMPLETE: 3 checks failed with an internal error (a bug in prodready):');
    expect(terminal).toContain('  rule test-failing-rule: boom in the test rule');
    expect(terminal).toContain('1 errored');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('> - rule `test-failing-rule`: boom in the test rule');
    expect(markdown).toContain('> - scenario `test-failing-scenario`: boom in the test scenario');
    const html = renderHtml(report);
    expect(html).toContain('<li>rule <code>test-failing-rule</code>: boom in the test rule</li>');
    expect(html).toContain('<li>attestation <code>test-failing-attestation</code>: boom in the test detector</li>');
  });

  it('makes the CLI write every output, then exit 3 with where to report it', async () => {
    const root = temporaryRepository({ 'deploy.yaml': DEPLOYMENT });
    const json = path.join(root, 'report.json');
    const result = await runCli(['scan', '.', '--no-cache', '--format', 'terminal', '--format', `json=${json}`], root);

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('rule test-failing-rule: boom in the test rule');
    const written = JSON.parse(fs.readFileSync(json, 'utf8')) as Report;
    expect(written.rules.find((rule) => rule.id === 'require-memory-limit')?.outcome).toBe('fail');
    expect(written.verdict.coverage.errors?.map((error) => error.id)).toEqual([
      'test-failing-rule',
      'test-failing-attestation',
      'test-failing-scenario',
    ]);
    expect(result.stderr).toContain(
      `prodready: rule test-failing-rule failed (a bug in prodready): boom in the test rule\n  Please report it at ${issueUrl()} with the command you ran.`,
    );
    expect(result.stderr).toContain('prodready: scenario test-failing-scenario failed (a bug in prodready)');
    expect(result.stderr).toContain('Run again with --debug to print the stack traces.');
    expect(result.stderr).not.toContain('    at ');
  });

  it('prints the stack traces only under --debug', async () => {
    const root = temporaryRepository({ 'deploy.yaml': DEPLOYMENT });
    const result = await runCli(['--debug', 'scan', '.', '--no-cache', '--format', 'json'], root);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Error: boom in the test rule\n    at ');
    expect(result.stderr).toContain('TypeError: boom in the test detector\n    at ');
    expect(result.stderr).toMatch(/internal-errors\.test\.ts/);
    // The report on standard output still has no stack.
    expect(result.stdout).not.toContain('    at ');
  });

  it('is said once per check however many environments hit it', () => {
    const error = new Error('once');
    const text = describeInternalFailures(
      [
        { kind: 'rule', id: 'r', error },
        { kind: 'rule', id: 'r', error },
        { kind: 'scenario', id: 's', error: 'not an Error' },
      ],
      { debug: false, issues: 'https://example.test/issues' },
    );
    expect(text).toBe(
      [
        'prodready: rule r failed (a bug in prodready): once',
        '  Please report it at https://example.test/issues with the command you ran.',
        'prodready: scenario s failed (a bug in prodready): not an Error',
        '  Please report it at https://example.test/issues with the command you ran.',
        'Run again with --debug to print the stack traces.',
        '',
      ].join('\n'),
    );
  });

  it('names the issue tracker from package.json, else the placeholder', () => {
    expect(issueUrl({ bugs: { url: 'https://example.test/bugs' } })).toBe('https://example.test/bugs');
    expect(issueUrl({ repository: { url: 'git+https://github.com/acme/prodready.git' } })).toBe(
      'https://github.com/acme/prodready/issues',
    );
    expect(issueUrl({})).toBe('https://github.com/your-org/prodready/issues');
  });
});
