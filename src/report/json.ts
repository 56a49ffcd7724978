import type { Report } from '../engine/report-types.js';

/** The Report as JSON, keys in contract order, ending in a newline. */
export function renderJson(report: Report): string {
  const ordered: Report = {
    schemaVersion: report.schemaVersion,
    run: report.run,
    profile: report.profile,
    verdict: report.verdict,
    findings: report.findings,
    scenarios: report.scenarios,
    parseIssues: report.parseIssues,
    rules: report.rules,
    attestations: report.attestations,
    environments: report.environments,
    compliance: report.compliance,
    model: report.model,
    suppressions: report.suppressions,
    ...(report.whatIf === undefined ? {} : { whatIf: report.whatIf }),
    ...(report.baseline === undefined ? {} : { baseline: report.baseline }),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
