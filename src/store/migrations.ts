import { PILLARS } from '../core/vocabulary.js';

/** A numbered schema change; applied in order, once, and recorded in `schema_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

const scoreColumns = PILLARS.map((pillar) => `score_${pillar} INTEGER`).join(',\n  ');

function runsTable(id: string, ready: string, report: string): string {
  return `CREATE TABLE runs (
  id ${id},
  project_id INTEGER NOT NULL REFERENCES projects(id),
  branch TEXT,
  commit_sha TEXT,
  started_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  ready ${ready} NOT NULL,
  stage TEXT NOT NULL,
  blockers INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  attestations_missing INTEGER NOT NULL,
  scenarios_failing INTEGER NOT NULL,
  parse_issues INTEGER NOT NULL,
  ${scoreColumns},
  report ${report} NOT NULL
);
CREATE INDEX runs_by_project ON runs (project_id, started_at, id);`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projects and runs',
    sqlite: `CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
${runsTable('INTEGER PRIMARY KEY', 'INTEGER', 'TEXT')}`,
    postgres: `CREATE TABLE projects (
  id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
${runsTable('INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BOOLEAN', 'JSONB')}`,
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
