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
  lines.push(p.dim(`prodready ${report.run.version}${target} · ${describeProfile(report)}`));
  lines.push('');
  const errors = verdict.coverage.errors ?? [];
  if (errors.length > 0) {
    lines.push(
      p.bold(
        p.red(
          `INCOMPLETE: ${errors.length} ${plural(errors.length, 'check')} failed with an internal error (a bug in prodready):`,
        ),
      ),
    );
    for (const error of errors) lines.push(`  ${error.kind} ${error.id}: ${error.message}`);
    lines.push('');
  }
  if (verdict.ready) {
    lines.push(`${p.bold(p.green(`READY for ${verdict.stage}`))}: no blockers.`);
  } else {
    const parts = [
      verdict.blockerFindings > 0 ? `${verdict.blockerFindings} ${plural(verdict.blockerFindings, 'finding')}` : '',
      verdict.blockerAttestations > 0
        ? `${verdict.blockerAttestations} ${plural(verdict.blockerAttestations, 'practice')} to attest`
        : '',
      verdict.blockerScenarios > 0
        ? `${verdict.blockerScenarios} failure ${plural(verdict.blockerScenarios, 'scenario')} not survived`
        : '',
    ].filter((part) => part !== '');
    lines.push(
      `${p.bold(p.red(`NOT READY for ${verdict.stage}`))}: ${verdict.blockers} ${plural(verdict.blockers, 'blocker')} (${parts.join(', ')}).`,
    );
  }
  const next = verdict.nextStage;
  if (next !== undefined && (next.rules.length > 0 || next.attestations.length > 0)) {
    const items = [...next.rules, ...next.attestations];
    const shown = items.slice(0, 6).join(', ');
    const more = items.length > 6 ? ` and ${items.length - 6} more` : '';
    lines.push(`${next.stage} would also require: ${shown}${more}.`);
  }
  const scoreLine = PILLARS.flatMap((pillar) => {
    const score = verdict.scores[pillar];
    return score === undefined ? [] : [`${pillar} ${score}`];
  }).join(' · ');
  if (scoreLine !== '') lines.push(`Scores: ${scoreLine}`);
  const whatIf = report.scenarios
    .filter((scenario) => scenario.paths.length > 0)
    .map((scenario) => {
      const ceiling =
        scenario.budget === undefined ? '' : ` (ceiling uses ${scenario.budget.consumedPercent}% of the error budget)`;
      return `${scenario.id} ${scenario.outcome}${ceiling}`;
    });
  if (whatIf.length > 0) lines.push(`What if: ${whatIf.join(' · ')}; prodready scenarios shows the working.`);

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

  lines.push(...renderAttestations(report, p));
  lines.push(...renderCompliance(report, p));

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
            : entry.problem === 'expired'
              ? 'has expired (its until date has passed), so it suppresses nothing'
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

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function describeProfile(report: Report): string {
  const profile = report.profile;
  const parts = [`stage ${profile.stage}`];
  if (profile.sla !== undefined) parts.push(`sla ${profile.sla}`);
  if (profile.peakRps !== undefined) parts.push(`peak ${profile.peakRps} rps`);
  if (profile.compliance.length > 0) parts.push(profile.compliance.join(', '));
  const config = report.verdict.coverage.config;
  parts.push(config === undefined ? 'no prodready.yaml (defaults)' : config);
  return parts.join(' · ');
}

const STATE_LABEL = {
  missing: 'MISSING ',
  expired: 'EXPIRED ',
  detected: 'DETECTED',
  attested: 'ATTESTED',
  'not-applicable': 'N/A     ',
} as const;

function renderAttestations(report: Report, p: Paint): string[] {
  const applicable = report.attestations.filter((attestation) => attestation.state !== 'not-applicable');
  if (applicable.length === 0) return [];
  const order = [...applicable].sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      Number(a.state !== 'missing' && a.state !== 'expired') - Number(b.state !== 'missing' && b.state !== 'expired'),
  );
  const width = Math.max(...order.map((attestation) => attestation.id.length));
  const lines = ['', p.bold(`practices files cannot show (${applicable.length})`)];
  for (const attestation of order) {
    const open = attestation.state === 'missing' || attestation.state === 'expired';
    const label = open
      ? attestation.level === 'blocker'
        ? p.red(LABEL.blocker)
        : LABEL[attestation.level]
      : '       ';
    const state = open ? p.yellow(STATE_LABEL[attestation.state]) : p.green(STATE_LABEL[attestation.state]);
    let detail = '';
    if (attestation.state === 'detected' && attestation.detected !== undefined) {
      const line = attestation.detected.line === undefined ? '' : `:${attestation.detected.line}`;
      detail = `${attestation.detected.file}${line}: ${attestation.detected.description}`;
    } else if (attestation.state === 'attested' && attestation.attested !== undefined) {
      detail = `by ${attestation.attested.by} on ${attestation.attested.date}, counts until ${attestation.expires ?? '-'}`;
    } else if (attestation.state === 'expired') {
      detail = `stopped counting on ${attestation.expires ?? '-'}; renew with prodready attest ${attestation.id}`;
    } else {
      detail = `prodready attest ${attestation.id} --by NAME --evidence LINK`;
    }
    lines.push(`  ${label} ${state} ${attestation.id.padEnd(width)}  ${detail}`);
  }
  return lines;
}

function renderCompliance(report: Report, p: Paint): string[] {
  const lines: string[] = [];
  for (const framework of report.compliance) {
    const count = (status: string) => framework.controls.filter((control) => control.status === status);
    const failing = count('failing');
    const attest = count('needs-attestation');
    lines.push('');
    lines.push(
      p.bold(
        `compliance ${framework.framework}: ${count('evidenced').length} ${plural(count('evidenced').length, 'control')} evidenced, ${failing.length} failing, ${attest.length} need an attestation, ${count('unknown').length} undecided`,
      ),
    );
    for (const control of failing) {
      const rules = control.rules.filter((rule) => rule.outcome === 'fail').map((rule) => rule.id);
      lines.push(`  failing ${control.id} ${control.title}: ${rules.join(', ')}`);
    }
    for (const control of attest) {
      const open = control.attestations
        .filter((attestation) => attestation.state === 'missing' || attestation.state === 'expired')
        .map((attestation) => attestation.id);
      lines.push(`  attest  ${control.id} ${control.title}: ${open.join(', ')}`);
    }
  }
  return lines;
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
  for (const chart of coverage.charts.filter((entry) => !entry.rendered)) {
    lines.push(
      `  Helm chart not rendered: ${chart.chart} (${chart.reason ?? 'unknown reason'}); its templates were not examined.`,
    );
  }
  for (const entry of coverage.unsupported) {
    lines.push(`  Not rendered: ${entry.feature} at ${entry.file}:${entry.line}:${entry.column}.`);
  }
  if (report.environments.length > 1) {
    const judged = coverage.judgedEnvironment;
    const others = report.environments
      .filter((environment) => !environment.judged)
      .map(
        (environment) =>
          `${environment.name} ${environment.ready ? 'ready' : `${environment.blockers} ${plural(environment.blockers, 'blocker')}`}`,
      );
    lines.push(
      `  Environments: judged ${judged?.name ?? '-'} (${judged?.reason ?? ''}); others: ${others.join(', ')}.`,
    );
  }
  const rules = coverage.rules;
  lines.push(
    `  Rules: ${rules.pass} passed, ${rules.fail} failed, ${rules['not-applicable']} not applicable, ${rules.unknown} could not decide${rules.off > 0 ? `, ${rules.off} off` : ''}${(rules.error ?? 0) > 0 ? `, ${rules.error} errored` : ''}.`,
  );
  for (const item of coverage.undecided) {
    lines.push(`  Could not decide: ${item.ruleId} at ${item.file}:${item.line}:${item.column}: ${item.reason}`);
  }
  return lines;
}
