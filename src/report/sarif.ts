import type { Level } from '../core/vocabulary.js';
import type { Report, ReportFinding, ReportParseIssue, ReportRule } from '../engine/report-types.js';
import { ruleDocPath } from './catalogue.js';

/** The repository whose `main` branch holds the rule documentation the results link to. */
export const REPOSITORY_URL = 'https://github.com/prodready/prodready';
/** Rule documentation links are `${RULE_DOCS_BASE}docs/rules/<id>.md`. */
export const RULE_DOCS_BASE = `${REPOSITORY_URL}/blob/main/`;
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base every artifact URI is relative to: the repository root, resolved by the consumer. */
export const SOURCE_ROOT = '%SRCROOT%';
/** The key under `partialFingerprints`; bump the version if the fingerprint's recipe changes. */
export const FINGERPRINT_KEY = 'prodready/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

const SARIF_LEVEL: Readonly<Record<Level, SarifLevel>> = { blocker: 'error', next: 'warning', advice: 'note' };

/** No options yet; the parameter keeps the reporter signature `(report, options) => string`. */
export type SarifOptions = Readonly<Record<string, never>>;

export function sarifLevel(level: Level): SarifLevel {
  return SARIF_LEVEL[level];
}

export function ruleHelpUri(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleDocPath({ id: ruleId })}`;
}

/**
 * A repository-relative path as a relative URI reference: each segment percent-encoded (spaces,
 * non-ASCII, `%`, `#`, `?`, `:` …) per RFC 3986, the `/` separators kept.
 */
export function artifactUri(file: string): string {
  return file
    .replaceAll('\\', '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * The Report as a SARIF 2.1.0 log: one run, the rules that ran, a result per finding with a
 * fingerprint that survives line shifts, suppressed findings with their justification, and
 * parse issues as tool execution notifications. Deterministic: no time, no machine paths.
 */
export function renderSarif(report: Report, _options: SarifOptions = {}): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index] as const));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prodready',
            version: report.run.version,
            informationUri: REPOSITORY_URL,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.parseIssues.map(notification),
          },
        ],
        results: report.findings.map((finding) => result(finding, ruleIndex.get(finding.ruleId))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: ReportRule) {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: {
      ...(rule.override?.level === 'off' ? { enabled: false } : {}),
      level: sarifLevel(rule.level),
    },
    properties: { pillar: rule.pillar, requiredFrom: rule.requiredFrom },
  };
}

function result(finding: ReportFinding, index: number | undefined) {
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(finding.level),
    message: { text: nonEmpty(finding.message, finding.ruleId) },
    locations: [physical(finding.location.file, finding.location.line, finding.location.column)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.suppressed === undefined
      ? {}
      : { suppressions: [{ kind: 'external', justification: finding.suppressed.reason }] }),
  };
}

function notification(issue: ReportParseIssue) {
  return {
    level: 'warning',
    message: { text: nonEmpty(issue.message, `Could not read ${issue.file}.`) },
    locations: [physical(issue.file, issue.line, issue.column)],
  };
}

function physical(file: string, line: number, column: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(file), uriBaseId: SOURCE_ROOT },
      // SARIF lines and columns start at 1; a location the parser could not place points at the file's start.
      region: { startLine: positive(line), startColumn: positive(column) },
    },
  };
}

function positive(value: number): number {
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

function nonEmpty(text: string, fallback: string): string {
  return text.trim() === '' ? fallback : text;
}
