import { LEVELS, type Level, PILLARS } from '../core/vocabulary.js';
import type { Report, ReportAttestation, ReportFinding, ReportScenario } from '../engine/report-types.js';

export interface MarkdownOptions {
  /**
   * Where links to files point, e.g. `https://github.com/acme/shop/blob/<sha>`: a location becomes
   * `[file:line](<linkBase>/<file>#L<line>)`. Without it, locations are link text only.
   */
  readonly linkBase?: string;
  /** The most characters the comment may have; 65,000 by default (GitHub's limit is 65,536). */
  readonly maxLength?: number;
}

/** The longest comment GitHub, Azure DevOps and GitLab all accept, with a margin. */
export const MARKDOWN_MAX_LENGTH = 65_000;

/** Blockers listed at the top before the rest are left to the details. */
const TOP_BLOCKERS = 30;
/** A message longer than this is cut, so that one finding cannot crowd out the others. */
const MESSAGE_LENGTH = 400;
/** Kept free for the closing tags and the notes on what was left out. */
const RESERVE = 2_000;

/**
 * A pull-request comment: the verdict first, scores per pillar, blockers with `file:line`,
 * what the next stage adds, the scenarios, and the rest folded in `<details>`. Never longer than
 * `maxLength`: what does not fit is counted in a note pointing at the full report.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? MARKDOWN_MAX_LENGTH;
  const link = (file: string, line?: number) => location(file, line, options.linkBase);
  const head: string[] = [];
  const { verdict } = report;
  head.push(verdictLine(report), '', describeProfile(report), '');
  const errors = verdict.coverage.errors ?? [];
  if (errors.length > 0) {
    head.push(
      `> [!CAUTION]`,
      `> **Incomplete:** ${errors.length} ${errors.length === 1 ? 'check' : 'checks'} failed with an internal error (a bug in prodready), so what ${errors.length === 1 ? 'it checks was' : 'they check was'} not examined:`,
      ...errors.map((error) => `> - ${error.kind} ${code(error.id)}: ${text(error.message)}`),
      '',
    );
  }
  head.push(...renderScores(report), '');

  const active = report.findings.filter((finding) => finding.suppressed === undefined);
  const blockerFindings = sortFindings(active.filter((finding) => finding.level === 'blocker'));
  const openAttestations = report.attestations.filter(
    (attestation) => attestation.level === 'blocker' && isOpen(attestation),
  );
  const failingScenarios = report.scenarios.filter(
    (scenario) => scenario.failing === true && scenario.level === 'blocker',
  );
  if (blockerFindings.length + openAttestations.length + failingScenarios.length > 0) {
    head.push(`### Blockers (${formatCount(verdict.blockers)})`, '');
    for (const finding of blockerFindings.slice(0, TOP_BLOCKERS)) head.push(findingItem(finding, link));
    if (blockerFindings.length > TOP_BLOCKERS) {
      head.push(
        `- … and ${formatCount(blockerFindings.length - TOP_BLOCKERS)} more blocking findings: see the details below or the full report.`,
      );
    }
    for (const attestation of openAttestations) head.push(attestationItem(attestation));
    for (const scenario of failingScenarios) {
      head.push(`- scenario ${code(scenario.id)}: ${text(scenario.title)}, ${scenario.outcome}`);
    }
    head.push('');
  }

  const next = verdict.nextStage;
  if (next !== undefined && (next.rules.length > 0 || next.attestations.length > 0)) {
    head.push(`### ${text(next.stage)} would also require`, '');
    for (const ruleId of next.rules) {
      const count = active.filter((finding) => finding.ruleId === ruleId).length;
      head.push(`- rule ${code(ruleId)}${count > 0 ? ` (${formatCount(count)} ${plural(count, 'finding')})` : ''}`);
    }
    for (const id of next.attestations) head.push(`- practice ${code(id)} to attest`);
    head.push('');
  }

  if (report.scenarios.length > 0) {
    head.push('### Scenarios', '', '| scenario | outcome | working |', '|---|---|---|');
    for (const scenario of report.scenarios) head.push(scenarioRow(report, scenario));
    head.push('');
  }

  const headText = `${head.join('\n')}\n`;
  const footer = `\n<sub>prodready ${text(report.run.version)} · the full report: \`prodready scan --format json\`</sub>\n`;
  let budget = limit - headText.length - footer.length - RESERVE;

  // Small sections first, so that thousands of findings cannot push them out.
  const attestations = renderAttestations(report, link);
  const coverage = renderCoverage(report, link);
  const smallBudget = Math.max(0, Math.floor(budget / 4));
  const attestationsText = fold(attestations, Math.min(10_000, smallBudget));
  budget -= attestationsText.length;
  const coverageText = fold(coverage, Math.min(10_000, Math.max(0, Math.floor(budget / 4))));
  budget -= coverageText.length;
  const issuesText = fold(renderParseIssues(report, link), Math.min(8_000, Math.max(0, Math.floor(budget / 4))));
  budget -= issuesText.length;
  const suppressedText = fold(renderSuppressed(report, link), Math.min(8_000, Math.max(0, Math.floor(budget / 4))));
  budget -= suppressedText.length;
  const findingsText = foldAll(renderFindingsByPillar(active, link), Math.max(0, budget));

  const body = [headText, findingsText, suppressedText, attestationsText, issuesText, coverageText, footer].join('');
  if (body.length <= limit) return body;
  // Only reached with a limit too small for the head itself.
  const note = '\n\n… the rest was left out: see the full report.\n';
  return `${body.slice(0, Math.max(0, limit - note.length))}${note}`.slice(0, limit);
}

function verdictLine(report: Report): string {
  const { verdict } = report;
  if (verdict.ready) return `## ✅ READY for ${text(verdict.stage)}: no blockers`;
  const parts = [
    verdict.blockerFindings > 0
      ? `${formatCount(verdict.blockerFindings)} ${plural(verdict.blockerFindings, 'finding')}`
      : '',
    verdict.blockerAttestations > 0
      ? `${formatCount(verdict.blockerAttestations)} ${plural(verdict.blockerAttestations, 'practice')} to attest`
      : '',
    verdict.blockerScenarios > 0
      ? `${formatCount(verdict.blockerScenarios)} failure ${plural(verdict.blockerScenarios, 'scenario')} not survived`
      : '',
  ].filter((part) => part !== '');
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  return `## ❌ NOT READY for ${text(verdict.stage)}: ${formatCount(verdict.blockers)} ${plural(verdict.blockers, 'blocker')}${detail}`;
}

function describeProfile(report: Report): string {
  const profile = report.profile;
  const parts = [`stage ${profile.stage}`];
  if (profile.sla !== undefined) parts.push(`SLA ${profile.sla}%`);
  if (profile.peakRps !== undefined) parts.push(`peak ${profile.peakRps} rps`);
  if (profile.compliance.length > 0) parts.push(profile.compliance.join(', '));
  const config = report.verdict.coverage.config;
  parts.push(config === undefined ? 'no prodready.yaml (defaults)' : config);
  return `Profile: ${parts.map(text).join(' · ')}`;
}

function renderScores(report: Report): string[] {
  const active = report.findings.filter((finding) => finding.suppressed === undefined);
  const rows = PILLARS.flatMap((pillar) => {
    const score = report.verdict.scores[pillar];
    if (score === undefined) return [];
    const counts = LEVELS.map((level) =>
      formatCount(active.filter((finding) => finding.pillar === pillar && finding.level === level).length),
    );
    return [`| ${pillar} | ${score} | ${counts.join(' | ')} |`];
  });
  if (rows.length === 0) return ['No pillar was scored.'];
  return ['| pillar | score | blocker | next | advice |', '|---|--:|--:|--:|--:|', ...rows];
}

function scenarioRow(report: Report, scenario: ReportScenario): string {
  const parts: string[] = [];
  const availabilities = scenario.paths.flatMap((path) => (path.availability === undefined ? [] : [path.availability]));
  if (availabilities.length > 0) {
    const ceiling = Math.min(...availabilities);
    const sla = scenario.budget?.sla ?? report.profile.sla;
    const versus = sla === undefined ? '' : ` vs SLA ${sla}%`;
    const budget =
      scenario.budget === undefined ? '' : ` (uses ${scenario.budget.consumedPercent}% of the error budget)`;
    parts.push(`ceiling ${percent(ceiling)}${versus}${budget}`);
  }
  const counts = new Map<string, number>();
  for (const path of scenario.paths) counts.set(path.outcome, (counts.get(path.outcome) ?? 0) + 1);
  if (scenario.paths.length > 0) {
    parts.push(
      `${scenario.paths.length} ${plural(scenario.paths.length, 'path')}: ${[...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}`,
    );
  } else {
    parts.push('no path to judge');
  }
  const level = scenario.failing === true && scenario.level !== undefined ? ` (${scenario.level})` : '';
  return `| ${text(scenario.title)} | ${scenario.outcome}${level} | ${parts.map(text).join('; ')} |`;
}

/** A folded section: its summary, its items, and what to call an item when counting the rest. */
interface Fold {
  readonly summary: string;
  readonly items: readonly string[];
  readonly noun: string;
  readonly nouns: string;
}

function fold(section: Fold | undefined, budget: number): string {
  return section === undefined ? '' : foldAll([section], budget);
}

/** `<details>` blocks that together stay within `budget`, noting in each what did not fit. */
function foldAll(sections: readonly Fold[], budget: number): string {
  const frames = sections.map((section) => ({
    open: `<details><summary>${section.summary}</summary>\n\n`,
    close: '\n</details>\n\n',
  }));
  const noteRoom = 120;
  let room = budget - frames.reduce((sum, frame) => sum + frame.open.length + frame.close.length + noteRoom, 0);
  let full = room < 0;
  const out: string[] = [];
  sections.forEach((section, index) => {
    const frame = frames[index];
    if (frame === undefined) return;
    const kept: string[] = [];
    for (const item of section.items) {
      if (full) break;
      if (item.length + 1 > room) {
        full = true;
        break;
      }
      kept.push(item);
      room -= item.length + 1;
    }
    const left = section.items.length - kept.length;
    const note =
      left > 0
        ? `${kept.length > 0 ? '\n' : ''}… and ${formatCount(left)} more ${left === 1 ? section.noun : section.nouns}: see the full report.\n`
        : '';
    out.push(frame.open, kept.map((item) => `${item}\n`).join(''), note, frame.close);
  });
  return out.join('');
}

function renderFindingsByPillar(active: readonly ReportFinding[], link: Link): Fold[] {
  return PILLARS.flatMap((pillar) => {
    const inPillar = active.filter((finding) => finding.pillar === pillar);
    if (inPillar.length === 0) return [];
    const counts = LEVELS.flatMap((level) => {
      const count = inPillar.filter((finding) => finding.level === level).length;
      return count === 0 ? [] : [`${formatCount(count)} ${level}`];
    });
    const items = LEVELS.flatMap((level: Level) =>
      sortFindings(inPillar.filter((finding) => finding.level === level)).map((finding) => findingItem(finding, link)),
    );
    return [
      {
        summary: `Findings: ${pillar} (${counts.join(', ')})`,
        items,
        noun: `${pillar} finding`,
        nouns: `${pillar} findings`,
      },
    ];
  });
}

function renderSuppressed(report: Report, link: Link): Fold | undefined {
  const suppressed = sortFindings(report.findings.filter((finding) => finding.suppressed !== undefined));
  const review = report.suppressions.map(
    (entry) =>
      `- ${link(entry.file, entry.line)} ${code(entry.ruleId)}: ${entry.problem === 'unknown-rule' ? 'names no known rule' : entry.problem === 'no-reason' ? 'gives no reason, so it suppresses nothing' : entry.problem === 'expired' ? 'has expired, so it suppresses nothing' : 'matches no finding'}`,
  );
  if (suppressed.length === 0 && review.length === 0) return undefined;
  const items = suppressed.map(
    (finding) =>
      `- ${link(finding.location.file, finding.location.line)} ${code(finding.ruleId)} (${finding.level}), suppressed: ${text(finding.suppressed?.reason ?? '')}${finding.suppressed?.until === undefined ? '' : ` (until ${text(finding.suppressed.until)})`}`,
  );
  return {
    summary: `Suppressed findings (${formatCount(suppressed.length)})${review.length > 0 ? `, suppressions to review (${formatCount(review.length)})` : ''}`,
    items: [...items, ...review],
    noun: 'suppressed finding or suppression',
    nouns: 'suppressed findings and suppressions',
  };
}

function renderAttestations(report: Report, link: Link): Fold | undefined {
  const applicable = report.attestations.filter((attestation) => attestation.state !== 'not-applicable');
  if (applicable.length === 0) return undefined;
  const open = applicable.filter(isOpen).length;
  const order = [...applicable].sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      Number(!isOpen(a)) - Number(!isOpen(b)) ||
      compare(a.id, b.id),
  );
  const items = order.map((attestation) => {
    let detail: string;
    if (attestation.state === 'detected' && attestation.detected !== undefined) {
      detail = `${link(attestation.detected.file, attestation.detected.line)}: ${text(attestation.detected.description)}`;
    } else if (attestation.state === 'attested' && attestation.attested !== undefined) {
      detail = `by ${text(attestation.attested.by)} on ${text(attestation.attested.date)}, counts until ${text(attestation.expires ?? '-')}`;
    } else if (attestation.state === 'expired') {
      detail = `stopped counting on ${text(attestation.expires ?? '-')}; renew with \`prodready attest ${attestation.id}\``;
    } else {
      detail = `attest with \`prodready attest ${attestation.id} --by NAME --evidence LINK\``;
    }
    return `- ${attestation.state} ${code(attestation.id)} (${attestation.level}): ${text(attestation.title)}. ${detail}`;
  });
  return {
    summary: `Practices files cannot show (${formatCount(applicable.length)}, ${formatCount(open)} open)`,
    items,
    noun: 'practice',
    nouns: 'practices',
  };
}

function renderParseIssues(report: Report, link: Link): Fold | undefined {
  if (report.parseIssues.length === 0) return undefined;
  return {
    summary: `Parse issues (${formatCount(report.parseIssues.length)})`,
    items: report.parseIssues.map((issue) => `- ${link(issue.file, issue.line)}: ${text(issue.message)}`),
    noun: 'parse issue',
    nouns: 'parse issues',
  };
}

function renderCoverage(report: Report, link: Link): Fold {
  const coverage = report.verdict.coverage;
  const objects = Object.values(coverage.objects.modelled).reduce((sum, count) => sum + count, 0);
  const rules = coverage.rules;
  const items = [
    `- ${formatCount(coverage.files.examined)} of ${formatCount(coverage.files.recognised)} recognised files examined, ${formatCount(objects)} objects modelled, ${formatCount(coverage.parseIssues)} parse issues.`,
    `- Rules: ${rules.pass} passed, ${rules.fail} failed, ${rules['not-applicable']} not applicable, ${rules.unknown} could not decide${rules.off > 0 ? `, ${rules.off} off` : ''}${(rules.error ?? 0) > 0 ? `, ${rules.error} errored` : ''}.`,
  ];
  if (coverage.judgedEnvironment !== undefined) {
    items.push(
      `- Judged environment: ${text(coverage.judgedEnvironment.name)} (${text(coverage.judgedEnvironment.reason)}).`,
    );
  }
  if (coverage.files.notExamined.length > 0) {
    items.push(
      `- Not examined yet: ${coverage.files.notExamined.map((entry) => `${entry.kind} ${entry.files}`).join(', ')}.`,
    );
  }
  if (coverage.pillars.notExamined.length > 0) {
    items.push(`- Pillars with no rules yet: ${coverage.pillars.notExamined.join(', ')}.`);
  }
  const unknown = coverage.objects.unmodelled.filter((entry) => !entry.known);
  if (unknown.length > 0) {
    items.push(
      `- Kinds not understood: ${unknown.map((entry) => `${text(entry.kind)} (${text(entry.apiVersion)}) ×${entry.count}`).join(', ')}.`,
    );
  }
  if (coverage.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const skip of coverage.skipped) reasons.set(skip.reason, (reasons.get(skip.reason) ?? 0) + 1);
    items.push(`- Skipped: ${[...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ')}.`);
  }
  for (const chart of coverage.charts.filter((entry) => !entry.rendered)) {
    items.push(`- Helm chart not rendered: ${text(chart.chart)} (${text(chart.reason ?? 'unknown reason')}).`);
  }
  for (const entry of coverage.unsupported) {
    items.push(`- Not rendered: ${text(entry.feature)} at ${link(entry.file, entry.line)}.`);
  }
  for (const item of coverage.undecided) {
    items.push(`- Could not decide: ${code(item.ruleId)} at ${link(item.file, item.line)}: ${text(item.reason)}`);
  }
  return { summary: 'Coverage', items, noun: 'coverage line', nouns: 'coverage lines' };
}

type Link = (file: string, line?: number) => string;

function findingItem(finding: ReportFinding, link: Link): string {
  return `- ${link(finding.location.file, finding.location.line)} ${code(finding.ruleId)}: ${text(finding.message)}`;
}

function attestationItem(attestation: ReportAttestation): string {
  const state = attestation.state === 'expired' ? `expired on ${text(attestation.expires ?? '-')}` : 'missing';
  return `- practice ${code(attestation.id)} ${state}: ${text(attestation.title)}`;
}

function isOpen(attestation: ReportAttestation): boolean {
  return attestation.state === 'missing' || attestation.state === 'expired';
}

function sortFindings(findings: readonly ReportFinding[]): ReportFinding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function location(file: string, line: number | undefined, linkBase: string | undefined): string {
  const label = line === undefined ? file : `${file}:${line}`;
  if (linkBase === undefined) return code(label);
  const base = linkBase.replace(/\/+$/, '');
  const target = `${base}/${file.split('/').map(encodeURIComponent).join('/')}${line === undefined ? '' : `#L${line}`}`;
  return `[${text(label)}](${target.replace(/[()]/g, (character) => encodeURIComponent(character))})`;
}

/** Inline code that holds any text: a fence longer than the longest run of backticks inside. */
function code(value: string): string {
  const clean = singleLine(value);
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Plain text that Markdown and the HTML around it take literally, on one line, cut when very long. */
function text(value: string): string {
  let clean = singleLine(value);
  if (clean.length > MESSAGE_LENGTH) clean = `${clean.slice(0, MESSAGE_LENGTH - 1)}…`;
  return clean
    .replace(/[\\`*_[\]|~#]/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

function singleLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ').replace(/ {2,}/g, ' ').trim();
}

function percent(value: number): string {
  return `${Number((value * 100).toFixed(3))}%`;
}

function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
