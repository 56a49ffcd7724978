import type { Report, WhatIfScenario } from '../engine/report-types.js';
import { renderScenarios } from './scenarios.js';

type WhatIfPath = WhatIfScenario['paths'][number];

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return 'no bound';
  if (seconds < 120) return `${seconds} s`;
  return `${Math.round(seconds / 6) / 10} min`;
}

/** One side of a comparison: the outcome, with the ceiling or the recovery time when there is one. */
function describe(path: WhatIfPath | undefined): string {
  if (path === undefined) return '-';
  // Five significant digits: a change of a few hundredths of a point shows.
  if (path.availability !== undefined) return `${Number((path.availability * 100).toPrecision(5))}% ${path.outcome}`;
  if (path.outcome === 'outage') return `outage (${duration(path.recoverySeconds)})`;
  return path.outcome;
}

/**
 * `prodready scenarios --assume …`: the changes and what each did, every scenario's paths as
 * `before → after`, the error budget the worst ceiling uses before and after, then the scenario
 * view of the changed model.
 */
export function renderWhatIf(report: Report): string {
  const whatIf = report.whatIf;
  if (whatIf === undefined) return renderScenarios(report);
  const lines: string[] = [`What if: ${whatIf.assumptions.map((assumption) => assumption.change).join(', ')}`];
  for (const assumption of whatIf.assumptions) lines.push(`  - ${assumption.change}: ${assumption.effect}`);
  lines.push('  Before → after:');
  const ids = [...new Set([...whatIf.before, ...whatIf.after].map((scenario) => scenario.id))];
  for (const id of ids) {
    const before = whatIf.before.find((scenario) => scenario.id === id);
    const after = whatIf.after.find((scenario) => scenario.id === id);
    const names = [...new Set([...(before?.paths ?? []), ...(after?.paths ?? [])].map((path) => path.name))];
    if (names.length === 0) lines.push(`    ${id}: no path to judge`);
    for (const name of names) {
      const from = describe(before?.paths.find((path) => path.name === name));
      const to = describe(after?.paths.find((path) => path.name === name));
      lines.push(`    ${id} · ${name}: ${from} → ${to}${from === to ? ' (unchanged)' : ''}`);
    }
    if (before?.budget !== undefined && after?.budget !== undefined) {
      lines.push(
        `    ${id}: the worst path's ceiling uses ${before.budget.consumedPercent}% → ${after.budget.consumedPercent}% of the ${after.budget.budgetMinutes}-minute monthly error budget (SLA ${after.budget.sla}%)`,
      );
    }
  }
  return `${lines.join('\n')}\n\nWith the changes:\n${renderScenarios(report)}`;
}
