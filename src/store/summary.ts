import { PILLARS, type Pillar, type Stage } from '../core/vocabulary.js';
import type { Report } from '../engine/report-types.js';
import type { ProjectIdentity, RunColumns, RunSummary } from './types.js';

/** The summary columns of a run: what `history` shows without reading the report. */
export function runColumns(project: ProjectIdentity, report: Report): RunColumns {
  return {
    branch: project.branch ?? null,
    commitSha: project.commit ?? null,
    startedAt: report.run.startedAt,
    toolVersion: report.run.version,
    ready: report.verdict.ready,
    stage: report.verdict.stage,
    blockers: report.verdict.blockers,
    findings: report.findings.filter((finding) => finding.suppressed === undefined).length,
    attestationsMissing: report.attestations.filter(
      (attestation) => attestation.state === 'missing' || attestation.state === 'expired',
    ).length,
    scenariosFailing: report.scenarios.filter((scenario) => scenario.failing === true).length,
    parseIssues: report.parseIssues.length,
    scores: report.verdict.scores,
  };
}

/** The score columns, one per pillar, in the fixed pillar order. */
export const SCORE_COLUMNS = PILLARS.map((pillar) => `score_${pillar}`);

/** The run columns in insert order (after `project_id`), and their values. */
export const RUN_COLUMNS = [
  'branch',
  'commit_sha',
  'started_at',
  'tool_version',
  'ready',
  'stage',
  'blockers',
  'findings',
  'attestations_missing',
  'scenarios_failing',
  'parse_issues',
  ...SCORE_COLUMNS,
  'report',
] as const;

export function runValues(columns: RunColumns, report: Report, ready: unknown): unknown[] {
  return [
    columns.branch,
    columns.commitSha,
    columns.startedAt,
    columns.toolVersion,
    ready,
    columns.stage,
    columns.blockers,
    columns.findings,
    columns.attestationsMissing,
    columns.scenariosFailing,
    columns.parseIssues,
    ...PILLARS.map((pillar) => columns.scores[pillar] ?? null),
    JSON.stringify(report),
  ];
}

/** A row of `runs` (without the report) as a summary; both databases return these column names. */
export function summaryFromRow(row: Readonly<Record<string, unknown>>): RunSummary {
  const scores: Partial<Record<Pillar, number>> = {};
  for (const pillar of PILLARS) {
    const value = row[`score_${pillar}`];
    if (value !== null && value !== undefined) scores[pillar] = Number(value);
  }
  const branch = row.branch;
  const commit = row.commit_sha;
  return {
    id: Number(row.id),
    projectId: Number(row.project_id),
    ...(typeof branch === 'string' ? { branch } : {}),
    ...(typeof commit === 'string' ? { commit } : {}),
    startedAt: String(row.started_at),
    toolVersion: String(row.tool_version),
    ready: row.ready === true || row.ready === 1,
    stage: String(row.stage) as Stage,
    blockers: Number(row.blockers),
    findings: Number(row.findings),
    attestationsMissing: Number(row.attestations_missing),
    scenariosFailing: Number(row.scenarios_failing),
    parseIssues: Number(row.parse_issues),
    scores,
  };
}
