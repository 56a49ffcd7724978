import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Report } from '../engine/report-types.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import { RUN_COLUMNS, runColumns, runValues, summaryFromRow } from './summary.js';
import type { ProjectIdentity, RunSummary, Store, StoredProject, StoredRun } from './types.js';

const SUMMARY_SELECT = `SELECT ${['id', 'project_id', ...RUN_COLUMNS.filter((column) => column !== 'report')].join(', ')} FROM runs`;

/** The history in a SQLite file (WAL journal), created with its folder when missing. */
export function openSqliteStore(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const upsertProject = db.prepare<[string], { id: number }>(
    'INSERT INTO projects (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id',
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (project_id, ${RUN_COLUMNS.join(', ')}) VALUES (${['?', ...RUN_COLUMNS.map(() => '?')].join(', ')})`,
  );
  const save = db.transaction((project: ProjectIdentity, report: Report): number => {
    const projectRow = upsertProject.get(project.name);
    if (projectRow === undefined) throw new Error(`Project "${project.name}" was not saved.`);
    const columns = runColumns(project, report);
    const result = insertRun.run(projectRow.id, ...runValues(columns, report, columns.ready ? 1 : 0));
    return Number(result.lastInsertRowid);
  });

  return {
    saveRun: async (project, report) => save(project, report),
    listProjects: async () =>
      db
        .prepare<[], { id: number; name: string; runs: number; last_run_at: string | null }>(
          `SELECT p.id, p.name, COUNT(r.id) AS runs, MAX(r.started_at) AS last_run_at
           FROM projects p LEFT JOIN runs r ON r.project_id = p.id GROUP BY p.id, p.name ORDER BY p.name`,
        )
        .all()
        .map(
          (row): StoredProject => ({
            id: row.id,
            name: row.name,
            runs: row.runs,
            ...(row.last_run_at === null ? {} : { lastRunAt: row.last_run_at }),
          }),
        ),
    listRuns: async (projectId) =>
      db
        .prepare<[number], Record<string, unknown>>(`${SUMMARY_SELECT} WHERE project_id = ? ORDER BY started_at, id`)
        .all(projectId)
        .map((row): RunSummary => summaryFromRow(row)),
    getRun: async (runId) => {
      const row = db
        .prepare<[number], Record<string, unknown>>(
          `SELECT ${['id', 'project_id', ...RUN_COLUMNS].join(', ')} FROM runs WHERE id = ?`,
        )
        .get(runId);
      if (row === undefined) return undefined;
      return { ...summaryFromRow(row), report: JSON.parse(String(row.report)) as Report } satisfies StoredRun;
    },
    close: async () => {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(MIGRATIONS_TABLE);
  const apply = db.transaction(() => {
    const applied = new Set(
      db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }
  });
  apply.immediate();
}
