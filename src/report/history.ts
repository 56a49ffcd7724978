import { PILLARS, type Pillar, type Stage } from '../core/vocabulary.js';

/** One saved run, as the history shows it. */
export interface HistoryRun {
  readonly id: number;
  readonly branch?: string;
  readonly commit?: string;
  readonly startedAt: string;
  readonly toolVersion: string;
  readonly ready: boolean;
  readonly stage: Stage;
  readonly blockers: number;
  readonly findings: number;
  readonly attestationsMissing: number;
  readonly scenariosFailing: number;
  readonly parseIssues: number;
  readonly scores: Readonly<Partial<Record<Pillar, number>>>;
}

export interface HistoryProject {
  readonly name: string;
  readonly runs: readonly HistoryRun[];
}

/** The runs of each project, oldest first, and the trend from the first to the last. */
export function renderHistoryTerminal(projects: readonly HistoryProject[]): string {
  if (projects.length === 0) return 'No runs saved yet. Save one with: prodready scan --save\n';
  return projects.map(renderProject).join('\n');
}

function renderProject(project: HistoryProject): string {
  const pillars = PILLARS.filter((pillar) => project.runs.some((run) => run.scores[pillar] !== undefined));
  const header = ['run', 'started', 'commit', 'verdict', 'stage', 'blockers', 'findings', ...pillars];
  const rows = project.runs.map((run) => [
    `#${run.id}`,
    run.startedAt.slice(0, 16).replace('T', ' '),
    `${run.branch ?? '-'}${run.commit === undefined ? '' : `@${run.commit.slice(0, 7)}`}`,
    run.ready ? 'ready' : 'not ready',
    run.stage,
    String(run.blockers),
    String(run.findings),
    ...pillars.map((pillar) => score(run.scores[pillar])),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [`${project.name}: ${project.runs.length} run${project.runs.length === 1 ? '' : 's'}`, line(header)];
  lines.push(...rows.map(line));
  const first = project.runs[0];
  const last = project.runs.at(-1);
  if (first !== undefined && last !== undefined && first !== last) {
    const changes = [
      `verdict ${verdict(first.ready)} -> ${verdict(last.ready)}`,
      `blockers ${first.blockers} -> ${last.blockers} (${signed(last.blockers - first.blockers)})`,
      ...pillars.map((pillar) => {
        const before = first.scores[pillar];
        const after = last.scores[pillar];
        const change = before === undefined || after === undefined ? '' : ` (${signed(after - before)})`;
        return `${pillar} ${score(before)} -> ${score(after)}${change}`;
      }),
    ];
    lines.push(`Trend since run #${first.id}: ${changes.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function score(value: number | undefined): string {
  return value === undefined ? '-' : String(value);
}

function verdict(ready: boolean): string {
  return ready ? 'ready' : 'not ready';
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
