import type { Pillar, Stage } from '../core/vocabulary.js';
import type { Report } from '../engine/report-types.js';
import type { HistoryRun } from '../report/history.js';

/** Who a run belongs to: the repository, and where in it the scan ran. Read by the CLI, not the store. */
export interface ProjectIdentity {
  /** The repository's name: the git remote's last segment, else the directory name. */
  readonly name: string;
  /** `git rev-parse --abbrev-ref HEAD`, in a git checkout. */
  readonly branch?: string;
  /** `git rev-parse HEAD`, in a git checkout. */
  readonly commit?: string;
}

export interface StoredProject {
  readonly id: number;
  readonly name: string;
  readonly runs: number;
  /** The `startedAt` of the newest run, ISO 8601. */
  readonly lastRunAt?: string;
}

/** One saved run: the summary columns kept for trends. */
export type RunSummary = HistoryRun & { readonly projectId: number };

export interface StoredRun extends RunSummary {
  readonly report: Report;
}

/** The run history, SQLite or PostgreSQL behind one interface. */
export interface Store {
  /** Saves the run in one transaction and returns its id. */
  saveRun(project: ProjectIdentity, report: Report): Promise<number>;
  listProjects(): Promise<StoredProject[]>;
  /** The project's runs, oldest first. */
  listRuns(projectId: number): Promise<RunSummary[]>;
  getRun(runId: number): Promise<StoredRun | undefined>;
  close(): Promise<void>;
}

/** The columns a run is stored with, besides its project and report. */
export interface RunColumns {
  readonly branch: string | null;
  readonly commitSha: string | null;
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
