import { type BaselineComparison, isLessReady } from '../engine/baseline.js';
import type { ReportFinding } from '../engine/report-types.js';

export interface DiffOptions {
  /** How the newer report is named (the older one is `report.baseline.file`). */
  readonly current: string;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function where(finding: Pick<ReportFinding, 'location'>): string {
  return `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
}

function percent(ceiling: number | undefined): string {
  return ceiling === undefined ? 'none' : `${Number((ceiling * 100).toPrecision(6))}%`;
}

function verdictText(ready: boolean, blockers: number): string {
  return ready ? 'READY' : `NOT READY (${blockers} ${plural(blockers, 'blocker')})`;
}

function newFindings(comparison: BaselineComparison): readonly ReportFinding[] {
  return comparison.report.findings.filter((finding) => finding.change === 'new');
}

/** Why the change makes the system less ready than the baseline, one sentence each; empty when it does not. */
export function describeLessReady(comparison: BaselineComparison): string[] {
  const reasons = comparison.addedBlockers.map(
    (finding) => `new blocker ${finding.ruleId} at ${where(finding)}: ${finding.message}`,
  );
  if (comparison.verdictLowered) reasons.push('the verdict went from READY to NOT READY');
  for (const change of comparison.report.baseline?.scenariosWorse ?? []) {
    reasons.push(`scenario ${change.id} went from ${change.before} to ${change.after}`);
  }
  const ceiling = comparison.ceilingBelowSla;
  if (ceiling !== undefined) {
    reasons.push(
      `the availability ceiling fell from ${percent(ceiling.before)} to ${percent(ceiling.after)}, below the SLA of ${ceiling.sla}%`,
    );
  }
  return reasons;
}

/** The change between two reports, for a person at a terminal. */
export function renderDiffTerminal(comparison: BaselineComparison, options: DiffOptions): string {
  const { report } = comparison;
  const baseline = report.baseline;
  if (baseline === undefined) throw new Error('renderDiffTerminal needs a report compared with a baseline');
  const lines: string[] = [`prodready diff · ${baseline.file} → ${options.current}`, ''];
  lines.push(
    `Verdict: ${verdictText(baseline.verdictBefore.ready, baseline.verdictBefore.blockers)} → ${verdictText(report.verdict.ready, report.verdict.blockers)}`,
  );
  lines.push(`Findings: ${baseline.new} new, ${baseline.fixed.length} fixed, ${baseline.unchanged} unchanged`);
  const added = newFindings(comparison);
  if (added.length > 0) {
    lines.push('', 'New');
    for (const finding of added) {
      const suppressed = finding.suppressed === undefined ? '' : ' (suppressed)';
      lines.push(`  + ${finding.level.padEnd(7)} ${finding.ruleId}  ${where(finding)}${suppressed}`);
      lines.push(`      ${finding.message}`);
    }
  }
  if (comparison.fixed.length > 0) {
    lines.push('', 'Fixed');
    for (const finding of comparison.fixed) {
      lines.push(`  - ${finding.level.padEnd(7)} ${finding.ruleId}  ${where(finding)}`);
    }
  }
  if (comparison.scenarioChanges.length > 0) {
    lines.push('', 'Scenarios');
    const width = Math.max(...comparison.scenarioChanges.map((change) => change.id.length));
    for (const change of comparison.scenarioChanges) {
      const worse = baseline.scenariosWorse.some((candidate) => candidate.id === change.id);
      lines.push(`  ${change.id.padEnd(width)}  ${change.before} → ${change.after} (${worse ? 'worse' : 'better'})`);
    }
  }
  if (baseline.ceilingBefore !== baseline.ceilingAfter) {
    const sla = report.profile.sla === undefined ? '' : ` (SLA ${report.profile.sla}%)`;
    lines.push(
      '',
      `Availability ceiling: ${percent(baseline.ceilingBefore)} → ${percent(baseline.ceilingAfter)}${sla}`,
    );
  }
  const reasons = describeLessReady(comparison);
  lines.push('');
  if (isLessReady(comparison)) {
    lines.push('Less ready than the baseline:');
    for (const reason of reasons) lines.push(`  - ${reason}`);
  } else {
    lines.push('Not less ready than the baseline.');
  }
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The change between two reports as Markdown, for a pull-request comment. */
export function renderDiffMarkdown(comparison: BaselineComparison, options: DiffOptions): string {
  const { report } = comparison;
  const baseline = report.baseline;
  if (baseline === undefined) throw new Error('renderDiffMarkdown needs a report compared with a baseline');
  const lines: string[] = [`## prodready: changes since the baseline`, ''];
  lines.push(`\`${cell(baseline.file)}\` → \`${cell(options.current)}\``, '');
  lines.push(
    isLessReady(comparison) ? '**Less ready than the baseline.**' : '**Not less ready than the baseline.**',
    '',
  );
  lines.push('| | before | after |', '|---|---|---|');
  lines.push(
    `| verdict | ${verdictText(baseline.verdictBefore.ready, baseline.verdictBefore.blockers)} | ${verdictText(report.verdict.ready, report.verdict.blockers)} |`,
  );
  if (baseline.ceilingBefore !== undefined || baseline.ceilingAfter !== undefined) {
    lines.push(`| availability ceiling | ${percent(baseline.ceilingBefore)} | ${percent(baseline.ceilingAfter)} |`);
  }
  for (const change of comparison.scenarioChanges) {
    lines.push(`| scenario \`${change.id}\` | ${change.before} | ${change.after} |`);
  }
  lines.push(
    '',
    `Findings: **${baseline.new} new**, **${baseline.fixed.length} fixed**, ${baseline.unchanged} unchanged.`,
  );
  const reasons = describeLessReady(comparison);
  if (reasons.length > 0) {
    lines.push('', '### Why it is less ready', '');
    for (const reason of reasons) lines.push(`- ${cell(reason)}`);
  }
  const added = newFindings(comparison);
  if (added.length > 0) {
    lines.push('', '### New findings', '', '| level | rule | location | message |', '|---|---|---|---|');
    for (const finding of added) {
      const level = finding.suppressed === undefined ? finding.level : `${finding.level} (suppressed)`;
      lines.push(`| ${level} | \`${finding.ruleId}\` | \`${cell(where(finding))}\` | ${cell(finding.message)} |`);
    }
  }
  if (comparison.fixed.length > 0) {
    lines.push('', '### Fixed findings', '', '| level | rule | location |', '|---|---|---|');
    for (const finding of comparison.fixed) {
      lines.push(`| ${finding.level} | \`${finding.ruleId}\` | \`${cell(where(finding))}\` |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The change between two reports as JSON: the counts, the new and fixed findings, and why it is less ready. */
export function renderDiffJson(comparison: BaselineComparison, options: DiffOptions): string {
  const { report } = comparison;
  const baseline = report.baseline;
  if (baseline === undefined) throw new Error('renderDiffJson needs a report compared with a baseline');
  const diff = {
    baseline: baseline.file,
    current: options.current,
    lessReady: isLessReady(comparison),
    reasons: describeLessReady(comparison),
    verdict: {
      before: baseline.verdictBefore,
      after: { ready: report.verdict.ready, blockers: report.verdict.blockers },
    },
    counts: { new: baseline.new, fixed: baseline.fixed.length, unchanged: baseline.unchanged },
    new: newFindings(comparison),
    fixed: comparison.fixed,
    scenarios: comparison.scenarioChanges.map((change) => ({
      ...change,
      worse: baseline.scenariosWorse.some((candidate) => candidate.id === change.id),
    })),
    ...(baseline.ceilingBefore === undefined ? {} : { ceilingBefore: baseline.ceilingBefore }),
    ...(baseline.ceilingAfter === undefined ? {} : { ceilingAfter: baseline.ceilingAfter }),
  };
  return `${JSON.stringify(diff, null, 2)}\n`;
}
