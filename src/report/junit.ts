import { PILLARS, type Pillar } from '../core/vocabulary.js';
import type { Report, ReportAttestation, ReportFinding, ReportRule, ReportScenario } from '../engine/report-types.js';

/** One test case as CI systems show it: passed (with notes), failed or skipped. */
interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly body: string };
  readonly skipped?: string;
  readonly out?: string;
}

interface TestSuite {
  readonly name: string;
  readonly cases: readonly TestCase[];
}

/**
 * JUnit XML for CI systems that show test results: a suite per pillar with a case per rule
 * (failed when unsuppressed blocker findings remain), a suite for the practices to attest, one
 * for the failure scenarios and one for the files that could not be parsed (skipped). No times or timestamps, so the same report gives the same XML.
 */
export function renderJunit(report: Report): string {
  const suites: TestSuite[] = [
    ...PILLARS.flatMap((pillar) => {
      const cases = ruleCases(report, pillar);
      return cases.length === 0 ? [] : [{ name: pillar, cases }];
    }),
  ];
  if (report.attestations.length > 0) {
    suites.push({ name: 'attestations', cases: report.attestations.map(attestationCase) });
  }
  if (report.scenarios.length > 0) {
    suites.push({ name: 'scenarios', cases: report.scenarios.map(scenarioCase) });
  }
  if (report.parseIssues.length > 0) {
    // What could not be read was not examined: skipped, not passed.
    suites.push({
      name: 'parse-issues',
      cases: report.parseIssues.map((issue) => ({
        classname: 'parse-issues',
        name: `${issue.file}:${issue.line}:${issue.column}`,
        skipped: `not examined: ${issue.message}`,
      })),
    });
  }
  const total = count(suites.flatMap((suite) => suite.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="prodready" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}">`,
  ];
  for (const suite of suites) {
    const counts = count(suite.cases);
    lines.push(
      `  <testsuite name="${attribute(suite.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}">`,
    );
    for (const testCase of suite.cases) lines.push(...renderCase(testCase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function count(cases: readonly TestCase[]): { tests: number; failures: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((testCase) => testCase.failure !== undefined).length,
    skipped: cases.filter((testCase) => testCase.failure === undefined && testCase.skipped !== undefined).length,
  };
}

function renderCase(testCase: TestCase): string[] {
  const open = `    <testcase classname="${attribute(testCase.classname)}" name="${attribute(testCase.name)}"`;
  const inner: string[] = [];
  if (testCase.failure !== undefined) {
    inner.push(
      `      <failure message="${attribute(testCase.failure.message)}" type="${attribute(testCase.failure.type)}">${content(testCase.failure.body)}</failure>`,
    );
  } else if (testCase.skipped !== undefined) {
    inner.push(`      <skipped message="${attribute(testCase.skipped)}"/>`);
  }
  if (testCase.out !== undefined && testCase.out !== '')
    inner.push(`      <system-out>${content(testCase.out)}</system-out>`);
  if (inner.length === 0) return [`${open}/>`];
  return [`${open}>`, ...inner, '    </testcase>'];
}

function ruleCases(report: Report, pillar: Pillar): TestCase[] {
  const byRule = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) {
    if (finding.pillar !== pillar) continue;
    const list = byRule.get(finding.ruleId) ?? [];
    list.push(finding);
    byRule.set(finding.ruleId, list);
  }
  const rules = report.rules.filter((rule) => rule.pillar === pillar);
  const known = new Set(rules.map((rule) => rule.id));
  // Findings of a rule the report lists no metadata for still get a case.
  const extra = [...byRule.keys()].filter((id) => !known.has(id)).sort();
  return [
    ...rules.map((rule) => ruleCase(report, pillar, rule.id, rule, byRule.get(rule.id) ?? [])),
    ...extra.map((id) => ruleCase(report, pillar, id, undefined, byRule.get(id) ?? [])),
  ];
}

function ruleCase(
  report: Report,
  pillar: Pillar,
  id: string,
  rule: ReportRule | undefined,
  findings: readonly ReportFinding[],
): TestCase {
  const sorted = [...findings].sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compare(a.fingerprint, b.fingerprint),
  );
  const active = sorted.filter((finding) => finding.suppressed === undefined);
  const blockers = active.filter((finding) => finding.level === 'blocker');
  const notes = [
    ...active
      .filter((finding) => finding.level !== 'blocker')
      .map((finding) => `${finding.level}: ${describe(finding)}`),
    ...sorted
      .filter((finding) => finding.suppressed !== undefined)
      .map((finding) => `suppressed (${finding.suppressed?.reason ?? ''}): ${describe(finding)}`),
  ];
  const base = { classname: pillar, name: id };
  const out = notes.length === 0 ? {} : { out: notes.join('\n') };
  const first = blockers[0];
  if (first !== undefined) {
    return {
      ...base,
      failure: {
        message: `${where(first)}: ${first.message}`,
        type: 'blocker',
        body: blockers.map(describe).join('\n'),
      },
      ...out,
    };
  }
  if (active.length === 0 && rule !== undefined) {
    if (rule.outcome === 'off') {
      return { ...base, skipped: `off${rule.override === undefined ? '' : `: ${rule.override.reason}`}`, ...out };
    }
    if (rule.outcome === 'not-applicable') return { ...base, skipped: 'not applicable: nothing to examine', ...out };
    if (rule.outcome === 'unknown') {
      const reasons = report.verdict.coverage.undecided
        .filter((item) => item.ruleId === id)
        .map((item) => `${item.file}:${item.line}:${item.column}: ${item.reason}`);
      return {
        ...base,
        skipped: 'could not decide',
        ...(reasons.length === 0 && notes.length === 0 ? {} : { out: [...reasons, ...notes].join('\n') }),
      };
    }
  }
  return { ...base, ...out };
}

function attestationCase(attestation: ReportAttestation): TestCase {
  const base = { classname: 'attestations', name: attestation.id };
  const open = attestation.state === 'missing' || attestation.state === 'expired';
  const state =
    attestation.state === 'expired'
      ? `expired on ${attestation.expires ?? '-'}`
      : attestation.state === 'missing'
        ? 'missing'
        : attestation.state;
  const summary = `${attestation.title}: ${state}`;
  if (attestation.state === 'not-applicable') return { ...base, skipped: 'not applicable for this profile' };
  if (open && attestation.level === 'blocker') {
    return {
      ...base,
      failure: {
        message: summary,
        type: 'blocker',
        body: `${summary}\nEvidence that counts: ${attestation.evidence}\nRecord it with: prodready attest ${attestation.id} --by NAME --evidence LINK`,
      },
    };
  }
  if (open) return { ...base, out: `${attestation.level}: ${summary}\nEvidence that counts: ${attestation.evidence}` };
  if (attestation.detected !== undefined) {
    const line = attestation.detected.line === undefined ? '' : `:${attestation.detected.line}`;
    return { ...base, out: `detected at ${attestation.detected.file}${line}: ${attestation.detected.description}` };
  }
  if (attestation.attested !== undefined) {
    return {
      ...base,
      out: `attested by ${attestation.attested.by} on ${attestation.attested.date} (${attestation.attested.evidence}), counts until ${attestation.expires ?? '-'}`,
    };
  }
  return { ...base, out: summary };
}

function scenarioCase(scenario: ReportScenario): TestCase {
  const base = { classname: 'scenarios', name: scenario.id };
  const paths = scenario.paths.map((path) => `${path.name}: ${path.outcome}: ${path.reason}`);
  const summary = `${scenario.title}: ${scenario.outcome}`;
  if (scenario.failing === true && scenario.level === 'blocker') {
    return { ...base, failure: { message: summary, type: 'blocker', body: [summary, ...paths].join('\n') } };
  }
  if (scenario.paths.length === 0) return { ...base, skipped: `${summary}: no path to judge` };
  const level = scenario.failing === true && scenario.level !== undefined ? `${scenario.level}: ` : '';
  return { ...base, out: [`${level}${summary}`, ...paths].join('\n') };
}

function describe(finding: ReportFinding): string {
  return `${where(finding)} ${finding.ruleId}: ${finding.message}`;
}

function where(finding: ReportFinding): string {
  return `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text that XML 1.0 allows: control characters (other than tab and line breaks), lone surrogates and U+FFFE/U+FFFF removed. */
function allowed(value: string): string {
  return value.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
}

function content(value: string): string {
  return allowed(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return content(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
