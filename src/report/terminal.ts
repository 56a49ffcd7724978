import { LEVELS, type Level, PILLARS } from '../core/vocabulary.js';
import type { Report, ReportFinding } from '../engine/report-types.js';

export interface TerminalOptions {
  /** Use ANSI colours. The CLI decides (TTY, NO_COLOR); the text reads the same without them. */
  readonly color: boolean;
  /** How the scanned paths are named in the header. */
  readonly target?: string;
}

const LABEL: Readonly<Record<Level, string>> = { blocker: 'BLOCKER', next: 'NEXT   ', advice: 'ADVICE ' };

interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly cyan: (text: string) => string;
}

function paint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
  };
}

/**
 * The report for a person at a terminal: verdict first, then findings grouped by pillar and
 * level with `file:line:column`, then suppressions, parse issues and coverage.
 */
export function renderTerminal(report: Report, options: TerminalOptions): string {
  const p = paint(options.color);
  const lines: string[] = [];
  const { verdict } = report;
  const target = options.target === undefined ? '' : ` · ${options.target}`;
  lines.push(p.dim(`prodready ${report.run.version}${target} · stage ${verdict.stage}`));
  lines.push('');
  if (verdict.ready) {
    lines.push(`${p.bold(p.green(`READY for ${verdict.stage}`))}: no blockers.`);
  } else {
    const plural = verdict.blockers === 1 ? 'blocker' : 'blockers';
    lines.push(`${p.bold(p.red(`NOT READY for ${verdict.stage}`))}: ${verdict.blockers} ${plural} to fix.`);
  }
  const scoreLine = PILLARS.flatMap((pillar) => {
    const score = verdict.scores[pillar];
    return score === undefined ? [] : [`${pillar} ${score}`];
  }).join(' · ');
  if (scoreLine !== '') lines.push(`Scores: ${scoreLine}`);

  const active = report.findings.filter((finding) => finding.suppressed === undefined);
  for (const pillar of PILLARS) {
    const inPillar = active.filter((finding) => finding.pillar === pillar);
    if (inPillar.length === 0) continue;
    lines.push('');
    lines.push(p.bold(`${pillar} (${inPillar.length})`));
    for (const level of LEVELS) {
      for (const finding of inPillar.filter((candidate) => candidate.level === level)) {
        lines.push(...renderFinding(finding, p));
      }
    }
  }

  const suppressed = report.findings.filter((finding) => finding.suppressed !== undefined);
  if (suppressed.length > 0) {
    lines.push('');
    lines.push(p.bold(`suppressed (${suppressed.length})`));
    for (const finding of suppressed) {
      lines.push(`  ${p.dim('SUPPRESSED')} ${finding.ruleId}  ${where(finding)}`);
      lines.push(`           reason: ${finding.suppressed?.reason ?? ''}`);
    }
  }
  if (report.suppressions.length > 0) {
    lines.push('');
    lines.push(p.bold(`suppressions to review (${report.suppressions.length})`));
    for (const entry of report.suppressions) {
      const problem =
        entry.problem === 'unused'
          ? 'matches no finding'
          : entry.problem === 'unknown-rule'
            ? 'names no known rule'
            : 'gives no reason, so it suppresses nothing';
      lines.push(`  ${entry.file}:${entry.line}:${entry.column}  ${entry.ruleId}: ${problem}`);
    }
  }
  if (report.parseIssues.length > 0) {
    lines.push('');
    lines.push(p.bold(p.yellow(`parse issues (${report.parseIssues.length})`)));
    for (const issue of report.parseIssues) {
      lines.push(`  ${p.cyan(`${issue.file}:${issue.line}:${issue.column}`)}  ${issue.message}`);
    }
  }

  lines.push('');
  lines.push(...renderCoverage(report));
  const counts = LEVELS.map((level) => `${active.filter((finding) => finding.level === level).length} ${level}`);
  lines.push(`Findings: ${counts.join(', ')}, ${suppressed.length} suppressed.`);
  return `${lines.join('\n')}\n`;
}

function renderFinding(finding: ReportFinding, p: Paint): string[] {
  const label =
    finding.level === 'blocker'
      ? p.red(LABEL.blocker)
      : finding.level === 'next'
        ? p.yellow(LABEL.next)
        : p.dim(LABEL.advice);
  return [`  ${label} ${p.cyan(where(finding))}  ${finding.ruleId}`, `          ${finding.message}`];
}

function where(finding: ReportFinding): string {
  return `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
}

function renderCoverage(report: Report): string[] {
  const coverage = report.verdict.coverage;
  const lines: string[] = [];
  const objects = Object.values(coverage.objects.modelled).reduce((sum, count) => sum + count, 0);
  lines.push(
    `Coverage: ${coverage.files.examined} of ${coverage.files.recognised} recognised files examined, ${objects} objects modelled, ${coverage.parseIssues} parse issues.`,
  );
  if (coverage.files.notExamined.length > 0) {
    const kinds = coverage.files.notExamined.map((entry) => `${entry.kind} ${entry.files}`).join(', ');
    lines.push(`  Not examined yet: ${kinds}.`);
  }
  const unknown = coverage.objects.unmodelled.filter((entry) => !entry.known);
  if (unknown.length > 0) {
    const kinds = unknown.map((entry) => `${entry.kind} (${entry.apiVersion}) ×${entry.count}`).join(', ');
    lines.push(`  Kinds not understood: ${kinds}.`);
  }
  if (coverage.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const skip of coverage.skipped) reasons.set(skip.reason, (reasons.get(skip.reason) ?? 0) + 1);
    lines.push(`  Skipped: ${[...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ')}.`);
  }
  if (coverage.pillars.notExamined.length > 0) {
    lines.push(`  Pillars with no rules yet: ${coverage.pillars.notExamined.join(', ')}.`);
  }
  return lines;
}
