import type { Report, ReportBaseline, ReportFinding, ScenarioOutcome } from './report-types.js';

/**
 * How bad a scenario outcome is, for comparing two runs: surviving is best; not knowing is worse
 * than surviving (the evidence was lost); degraded is worse than unknown; an outage is the worst.
 */
export const OUTCOME_SEVERITY: Readonly<Record<ScenarioOutcome, number>> = {
  survives: 0,
  unknown: 1,
  degraded: 2,
  outage: 3,
};

export interface ScenarioChange {
  readonly id: string;
  readonly before: ScenarioOutcome;
  readonly after: ScenarioOutcome;
}

/** A run compared with a baseline report of the same repository. */
export interface BaselineComparison {
  /** The run, its findings marked `new` or `unchanged` and its `baseline` block filled in. */
  readonly report: Report;
  /** The baseline findings that this run no longer has, as the baseline reported them. */
  readonly fixed: readonly ReportFinding[];
  /** Unsuppressed blockers of this run that were not unsuppressed blockers in the baseline. */
  readonly addedBlockers: readonly ReportFinding[];
  /** The verdict went from ready to not ready. */
  readonly verdictLowered: boolean;
  /** Scenarios in both runs whose outcome differs, worse or better. */
  readonly scenarioChanges: readonly ScenarioChange[];
  /** The profile's SLA (percent) when the availability ceiling fell below it and below the baseline's. */
  readonly ceilingBelowSla?: { readonly before?: number; readonly after: number; readonly sla: number };
}

/**
 * The lowest availability ceiling (0..1) over the user-facing paths, as the availability-ceiling
 * scenario computed it; absent when the run has no path with a figure.
 */
export function availabilityCeiling(report: Report): number | undefined {
  const scenario = report.scenarios.find((candidate) => candidate.id === 'availability-ceiling');
  const figures = (scenario?.paths ?? []).flatMap((path) =>
    path.availability === undefined ? [] : [path.availability],
  );
  return figures.length === 0 ? undefined : Math.min(...figures);
}

function isOpenBlocker(finding: ReportFinding): boolean {
  return finding.level === 'blocker' && finding.suppressed === undefined;
}

/**
 * Compares a run with a baseline report by finding fingerprint (which leaves out the line, so moved
 * findings stay `unchanged`). A fingerprint that occurs n times in the baseline matches at most n
 * findings of the run, in report order.
 */
export function compareWithBaseline(current: Report, baseline: Report, file: string): BaselineComparison {
  const unmatched = new Map<string, ReportFinding[]>();
  for (const finding of baseline.findings) {
    const queue = unmatched.get(finding.fingerprint);
    if (queue === undefined) unmatched.set(finding.fingerprint, [finding]);
    else queue.push(finding);
  }
  const addedBlockers: ReportFinding[] = [];
  let added = 0;
  const findings = current.findings.map((finding): ReportFinding => {
    const before = unmatched.get(finding.fingerprint)?.shift();
    if (isOpenBlocker(finding) && (before === undefined || !isOpenBlocker(before))) addedBlockers.push(finding);
    if (before === undefined) added += 1;
    return { ...finding, change: before === undefined ? 'new' : 'unchanged' };
  });
  const fixed = baseline.findings.filter((finding) => unmatched.get(finding.fingerprint)?.includes(finding) === true);

  const outcomesBefore = new Map(baseline.scenarios.map((scenario) => [scenario.id, scenario.outcome]));
  const scenarioChanges = current.scenarios.flatMap((scenario): ScenarioChange[] => {
    const before = outcomesBefore.get(scenario.id);
    return before === undefined || before === scenario.outcome
      ? []
      : [{ id: scenario.id, before, after: scenario.outcome }];
  });
  const scenariosWorse = scenarioChanges.filter(
    (change) => OUTCOME_SEVERITY[change.after] > OUTCOME_SEVERITY[change.before],
  );

  const ceilingBefore = availabilityCeiling(baseline);
  const ceilingAfter = availabilityCeiling(current);
  const sla = current.profile.sla;
  const ceilingBelowSla =
    sla !== undefined &&
    ceilingAfter !== undefined &&
    ceilingAfter * 100 < sla &&
    (ceilingBefore === undefined || ceilingAfter < ceilingBefore)
      ? { ...(ceilingBefore === undefined ? {} : { before: ceilingBefore }), after: ceilingAfter, sla }
      : undefined;

  const block: ReportBaseline = {
    file,
    new: added,
    unchanged: findings.length - added,
    fixed: fixed.map((finding) => ({
      ruleId: finding.ruleId,
      fingerprint: finding.fingerprint,
      location: finding.location,
    })),
    verdictBefore: { ready: baseline.verdict.ready, blockers: baseline.verdict.blockers },
    scenariosWorse,
    ...(ceilingBefore === undefined ? {} : { ceilingBefore }),
    ...(ceilingAfter === undefined ? {} : { ceilingAfter }),
  };
  return {
    report: { ...current, findings, baseline: block },
    fixed,
    addedBlockers,
    verdictLowered: baseline.verdict.ready && !current.verdict.ready,
    scenarioChanges,
    ...(ceilingBelowSla === undefined ? {} : { ceilingBelowSla }),
  };
}

/**
 * Whether the change makes the system less ready than the baseline (what `--fail-on-new` fails on):
 * an unsuppressed blocker that was not one, a verdict that went from ready to not ready, a scenario
 * whose outcome got worse, or an availability ceiling that fell below the SLA. Blockers that the
 * baseline already had do not count.
 */
export function isLessReady(comparison: BaselineComparison): boolean {
  return (
    comparison.addedBlockers.length > 0 ||
    comparison.verdictLowered ||
    (comparison.report.baseline?.scenariosWorse.length ?? 0) > 0 ||
    comparison.ceilingBelowSla !== undefined
  );
}
