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
    lines.push(`  ${'path'.padEnd(width)}  ${scenarios.map((scenario) => scenario.id).join('  ')}`);
    for (const name of paths) {
      const cells = scenarios.map((scenario) => {
        const path = scenario.paths.find((candidate) => candidate.name === name);
        const cell =
          path === undefined
            ? '-'
            : path.availability !== undefined && scenario.id === 'availability-ceiling'
              ? `${Number((path.availability * 100).toPrecision(4))}% ${MARK[path.outcome]}`
              : `${MARK[path.outcome]}${path.outcome === 'outage' ? ` ${duration(path.recoverySeconds)}` : ''}`;
        return cell.padEnd(scenario.id.length);
      });
      lines.push(`  ${name.padEnd(width)}  ${cells.join('  ')}`);
    }
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
