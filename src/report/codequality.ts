import { createHash } from 'node:crypto';
import type { Level } from '../core/vocabulary.js';
import type { Report, ReportFinding, ReportParseIssue } from '../engine/report-types.js';
import { ruleDocPath } from './catalogue.js';

/** GitLab's code quality severities, most severe first. */
export const CODE_QUALITY_SEVERITIES = ['blocker', 'critical', 'major', 'minor', 'info'] as const;
export type CodeQualitySeverity = (typeof CODE_QUALITY_SEVERITIES)[number];

/** One entry of a GitLab code quality report (the subset of the Code Climate issue GitLab reads). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: CodeQualitySeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** blocker stays blocker (not ready until fixed); next is planned work; advice is good practice. */
const SEVERITY: Readonly<Record<Level, CodeQualitySeverity>> = {
  blocker: 'blocker',
  next: 'major',
  advice: 'minor',
};

/** The check name of a file that could not be parsed, so nothing in it was examined. */
export const PARSE_ISSUE_CHECK = 'prodready/parse-issue';

/**
 * GitLab code quality JSON (`artifacts: reports: codequality`): an array with an entry per
 * finding, located at the line to change, and one per file that could not be parsed. GitLab
 * shows them in the merge request widget and the diff, and compares by `fingerprint`, so the
 * finding's stable fingerprint is used as is. Suppressed findings stay visible, as `info`, with
 * their reason. Scenarios and attestations have no line to point at and are left to the other
 * formats.
 */
export function renderCodeQuality(report: Report): string {
  const issues: CodeQualityIssue[] = [...report.findings.map(findingIssue), ...report.parseIssues.map(parseIssue)];
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function findingIssue(finding: ReportFinding): CodeQualityIssue {
  const suppressed = finding.suppressed === undefined ? '' : ` (suppressed: ${finding.suppressed.reason})`;
  return {
    description: `${finding.message}${suppressed} See ${ruleDocPath({ id: finding.ruleId })}.`,
    check_name: finding.ruleId,
    fingerprint: finding.fingerprint,
    severity: finding.suppressed === undefined ? SEVERITY[finding.level] : 'info',
    location: { path: finding.location.file, lines: { begin: Math.max(1, finding.location.line) } },
  };
}

function parseIssue(issue: ReportParseIssue): CodeQualityIssue {
  return {
    description: `Not examined: ${issue.message}`,
    check_name: PARSE_ISSUE_CHECK,
    fingerprint: createHash('sha256')
      .update(`${PARSE_ISSUE_CHECK}\u0000${issue.file}\u0000${issue.message}`)
      .digest('hex'),
    severity: 'minor',
    location: { path: issue.file, lines: { begin: Math.max(1, issue.line) } },
  };
}
