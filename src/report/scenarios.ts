import type { Report } from '../engine/report-types.js';

const MARK = { survives: 'ok', degraded: 'DEGRADED', outage: 'OUTAGE', unknown: '?' } as const;

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return 'no bound';
  if (seconds < 120) return `${seconds} s`;
  return `${Math.round(seconds / 6) / 10} min`;
}

/**
 * The scenario matrix (paths × scenarios), the availability ceiling against the SLA with the
 * error budget, the single points of failure with their file:line, and every assumption.
 */
export function renderScenarios(report: Report): string {
  const lines: string[] = [];
  const scenarios = report.scenarios;
  const paths = [...new Set(scenarios.flatMap((scenario) => scenario.paths.map((path) => path.name)))];
  lines.push('What happens when things go wrong');
  if (paths.length === 0) {
    lines.push(
      '  No user-facing entry point was found (Ingress, HTTPRoute, LoadBalancer or NodePort Service, published compose port): no path to judge.',
    );
  } else {
    const width = Math.max(...paths.map((name) => name.length), 4);
    const cellOf = (scenario: Report['scenarios'][number], name: string) => {
      const path = scenario.paths.find((candidate) => candidate.name === name);
      if (path === undefined) return '-';
      if (path.availability !== undefined && scenario.id === 'availability-ceiling') {
        return `${Number((path.availability * 100).toPrecision(4))}% ${MARK[path.outcome]}`;
      }
      return `${MARK[path.outcome]}${path.outcome === 'outage' ? ` ${duration(path.recoverySeconds)}` : ''}`;
    };
    const widths = scenarios.map((scenario) =>
      Math.max(scenario.id.length, ...paths.map((name) => cellOf(scenario, name).length)),
    );
    const row = (first: string, cells: readonly string[]) =>
      `  ${first.padEnd(width)}  ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ')}`.trimEnd();
    lines.push(
      row(
        'path',
        scenarios.map((scenario) => scenario.id),
      ),
    );
    for (const name of paths)
      lines.push(
        row(
          name,
          scenarios.map((scenario) => cellOf(scenario, name)),
        ),
      );
  }
  const ceiling = scenarios.find((scenario) => scenario.id === 'availability-ceiling');
  if (ceiling?.budget !== undefined) {
    const budget = ceiling.budget;
    lines.push(
      `  Ceiling vs SLA ${budget.sla}%: the error budget is ${budget.budgetMinutes} min a month; the worst path's ceiling alone uses ${budget.ceilingDowntimeMinutes} min (${budget.consumedPercent}%).`,
    );
  }
  for (const spof of ceiling?.singlePointsOfFailure ?? []) {
    lines.push(`  Single point of failure: ${spof.reason} (${spof.file}:${spof.line}:${spof.column})`);
  }
  for (const scenario of scenarios) {
    for (const path of scenario.paths.filter((candidate) => candidate.outcome !== 'survives')) {
      lines.push(`  ${scenario.id} · ${path.name}: ${path.reason}`);
    }
  }
  lines.push('  Assumptions:');
  const assumptions = [...new Set(scenarios.flatMap((scenario) => scenario.assumptions))];
  for (const assumption of assumptions) lines.push(`    - ${assumption}`);
  return `${lines.join('\n')}\n`;
}
