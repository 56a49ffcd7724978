import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import type { Report } from '../src/engine/report-types.js';
import { renderCodeQuality } from '../src/report/codequality.js';
import { renderJson, renderJsonChunks } from '../src/report/json.js';
import { renderJunit } from '../src/report/junit.js';
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from '../src/report/markdown.js';
import { artifactUri, renderSarif } from '../src/report/sarif.js';
import { renderTerminal } from '../src/report/terminal.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import {
  bareDeployment,
  configWith,
  elements,
  manyManifests,
  readXml,
  SHOP_FILES,
  scanTree,
  writeTree,
} from './reporter-helpers.js';

/** Every reporter, with how to check its output is well-formed and how it names a file. */
interface Reporter {
  readonly name: string;
  readonly render: (report: Report) => string;
  /** Whether the output leaves the run block's time out (JSON carries the run block whole). */
  readonly timeFree: boolean;
  /** Throws when the output is not well-formed for its format. */
  readonly check: (output: string, report: Report) => void;
  readonly namesFile: (output: string, file: string) => boolean;
}

const schema = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validateReport = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);

const REPORTERS: readonly Reporter[] = [
  {
    name: 'terminal',
    render: (report) => renderTerminal(report, { color: false }),
    timeFree: true,
    check: (output) => expect(output).not.toContain('\u001b['),
    namesFile: (output, file) => output.includes(file),
  },
  {
    name: 'json',
    render: renderJson,
    timeFree: false,
    check: (output, report) => {
      const parsed = JSON.parse(output);
      expect(validateReport(parsed), JSON.stringify(validateReport.errors)).toBe(true);
      expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    },
    namesFile: (output, file) => output.includes(file),
  },
  {
    name: 'json written in pieces',
    render: (report) => [...renderJsonChunks(report)].join(''),
    timeFree: false,
    // The pieces, joined, are the one-string JSON to the byte.
    check: (output, report) => expect(output).toBe(renderJson(report)),
    namesFile: (output, file) => output.includes(file),
  },
  {
    name: 'markdown',
    render: (report) => renderMarkdown(report),
    timeFree: true,
    check: (output) => {
      expect(output.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
      expect(output).toMatch(/^## (✅ READY|❌ NOT READY) for [a-z]+: /);
      expect(output.match(/<details>/g)?.length ?? 0).toBe(output.match(/<\/details>/g)?.length ?? 0);
    },
    namesFile: (output, file) => output.includes(file),
  },
  {
    name: 'junit',
    render: renderJunit,
    timeFree: true,
    check: (output, report) => {
      const root = readXml(output);
      expect(root.name).toBe('testsuites');
      const cases = elements(root, 'testcase');
      expect(root.attributes.tests).toBe(String(cases.length));
      expect(cases.length).toBeGreaterThanOrEqual(
        report.rules.length + report.attestations.length + report.scenarios.length + report.parseIssues.length,
      );
    },
    namesFile: (output, file) => {
      const root = readXml(output);
      const texts = elements(root, 'testcase').flatMap((testCase) => [
        testCase.attributes.name ?? '',
        ...testCase.children.flatMap((child) => [child.text, child.attributes.message ?? '']),
      ]);
      return texts.some((text) => text.includes(file));
    },
  },
  {
    name: 'sarif',
    render: (report) => renderSarif(report),
    timeFree: true,
    check: (output, report) => {
      const log = JSON.parse(output) as { version: string; runs: { results: unknown[] }[] };
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0]?.results).toHaveLength(report.findings.length);
    },
    namesFile: (output, file) => output.includes(artifactUri(file)),
  },
  {
    name: 'codequality',
    render: renderCodeQuality,
    timeFree: true,
    check: (output, report) => {
      const issues = JSON.parse(output) as { fingerprint: string; location: { path: string } }[];
      expect(issues).toHaveLength(report.findings.length + report.parseIssues.length);
      expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
    },
    namesFile: (output, file) => output.includes(JSON.stringify(file)),
  },
];

interface Case {
  readonly name: string;
  readonly root: string;
  readonly report: Report;
  /** Files every reporter must name. */
  readonly files: readonly string[];
  /** Text every reporter must show. */
  readonly mentions: readonly string[];
}

function scanCase(
  name: string,
  files: Record<string, string>,
  options: { config?: ReturnType<typeof configWith>; named?: string[]; mentions?: string[] } = {},
): Case {
  const root = writeTree(files);
  const report = scanRepository({
    root,
    paths: ['.'],
    exclude: [],
    config: options.config ?? DEFAULT_CONFIG,
    version: '0.0.0-test',
    now: () => new Date('2026-06-01T12:00:00Z'),
  });
  return { name, root, report, files: options.named ?? [], mentions: options.mentions ?? [] };
}

const UNICODE_FILE = 'k8s/équipe paiement/サービス app.yaml';
const BROKEN_FILE = 'k8s/broken.yaml';

const CASES: readonly Case[] = [
  scanCase('an empty report', { 'README.md': '# nothing here yet\n' }),
  scanCase('unicode and spaces in paths', { [UNICODE_FILE]: bareDeployment('pay') }, { named: [UNICODE_FILE] }),
  scanCase(
    'suppressed findings',
    {
      'k8s/api.yaml': `# prodready-ignore no-latest-image-tag: rewritten-by-release-pipeline\n${bareDeployment('api')}`,
    },
    { named: ['k8s/api.yaml'], mentions: ['rewritten-by-release-pipeline'] },
  ),
  scanCase(
    'parse issues',
    { [BROKEN_FILE]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: "unclosed\n' },
    { named: [BROKEN_FILE] },
  ),
  scanCase('scenarios', { ...SHOP_FILES }, { config: configWith({ sla: 99.99 }), named: ['k8s/app.yaml'] }),
];

describe('every reporter', () => {
  it('covers the reports the contract names', () => {
    const [empty, unicode, suppressed, broken, scenarios] = CASES.map((entry) => entry.report);
    expect(empty?.findings).toEqual([]);
    expect(unicode?.findings.some((finding) => finding.location.file === UNICODE_FILE)).toBe(true);
    expect(suppressed?.findings.filter((finding) => finding.suppressed !== undefined).map((f) => f.ruleId)).toEqual([
      'no-latest-image-tag',
    ]);
    expect(broken?.parseIssues.map((issue) => issue.file)).toEqual([BROKEN_FILE]);
    expect(scenarios?.scenarios.find((scenario) => scenario.id === 'availability-ceiling')?.paths.length).toBe(1);
  });

  for (const reporter of REPORTERS) {
    describe(reporter.name, () => {
      for (const entry of CASES) {
        it(`renders ${entry.name}`, () => {
          const output = reporter.render(entry.report);
          reporter.check(output, entry.report);
          expect(output.endsWith('\n')).toBe(true);
          // No absolute path of the scanning machine reaches a report.
          expect(output).not.toContain(entry.root);
          for (const file of entry.files) expect(reporter.namesFile(output, file), file).toBe(true);
          for (const text of entry.mentions) expect(output).toContain(text);
          // Deterministic: the same report gives the same text, and the run's time does not show.
          expect(reporter.render(entry.report)).toBe(output);
          if (reporter.timeFree) {
            const later: Report = {
              ...entry.report,
              run: { ...entry.report.run, startedAt: '2030-01-01T00:00:00.000Z', durationMs: 12_345 },
            };
            expect(reporter.render(later)).toBe(output);
          }
        });
      }
    });
  }

  it('names the scenarios that the stage does not accept, in every reporter but SARIF and code quality (findings only)', () => {
    const entry = CASES[4] as Case;
    const failing = entry.report.scenarios.filter((scenario) => scenario.failing === true);
    expect(failing.length).toBeGreaterThan(0);
    for (const reporter of REPORTERS.filter(
      (candidate) => candidate.name !== 'sarif' && candidate.name !== 'codequality',
    )) {
      const output = reporter.render(entry.report);
      for (const scenario of failing) {
        expect(output.includes(scenario.id) || output.includes(scenario.title), `${reporter.name} ${scenario.id}`).toBe(
          true,
        );
      }
    }
  });

  describe('with 10,000 findings', () => {
    const big = scanTree(manyManifests(850));

    it('has them', () => {
      expect(big.findings.length).toBeGreaterThanOrEqual(10_000);
    });

    for (const reporter of REPORTERS) {
      it(`${reporter.name} renders them`, () => {
        const started = Date.now();
        const output = reporter.render(big);
        expect(Date.now() - started).toBeLessThan(10_000);
        reporter.check(output, big);
        if (reporter.name !== 'markdown') {
          expect(reporter.namesFile(output, 'k8s/team-8/app-849.yaml')).toBe(true);
        }
      });
    }
  });
});
