import pg from 'pg';
import type { Report } from '../engine/report-types.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import { RUN_COLUMNS, runColumns, runValues, summaryFromRow } from './summary.js';
import type { Store, StoredProject, StoredRun } from './types.js';

/** An arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_245_901;

/** The history in a PostgreSQL database, given by a `postgres://` URL. */
export async function openPostgresStore(url: string): Promise<Store> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client);
  } catch (error) {
    await client.end();
    throw error;
  }

  const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };

  return {
    saveRun: (project, report) =>
      inTransaction(async () => {
        const projectRow = await client.query<{ id: number }>(
          'INSERT INTO projects (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id',
          [project.name],
        );
        const projectId = projectRow.rows[0]?.id;
        if (projectId === undefined) throw new Error(`Project "${project.name}" was not saved.`);
        const columns = runColumns(project, report);
        const values = [projectId, ...runValues(columns, report, columns.ready)];
        const inserted = await client.query<{ id: number }>(
          `INSERT INTO runs (project_id, ${RUN_COLUMNS.join(', ')}) VALUES (${values.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
          values,
        );
        const runId = inserted.rows[0]?.id;
        if (runId === undefined) throw new Error('The run was not saved.');
        return runId;
      }),
    listProjects: async () => {
      const result = await client.query<{ id: number; name: string; runs: string; last_run_at: string | null }>(
        `SELECT p.id, p.name, COUNT(r.id) AS runs, MAX(r.started_at) AS last_run_at
         FROM projects p LEFT JOIN runs r ON r.project_id = p.id GROUP BY p.id, p.name ORDER BY p.name`,
      );
      return result.rows.map(
        (row): StoredProject => ({
          id: row.id,
          name: row.name,
          runs: Number(row.runs),
          ...(row.last_run_at === null ? {} : { lastRunAt: row.last_run_at }),
        }),
      );
    },
    listRuns: async (projectId) => {
      const columns = ['id', 'project_id', ...RUN_COLUMNS.filter((column) => column !== 'report')];
      const result = await client.query<Record<string, unknown>>(
        `SELECT ${columns.join(', ')} FROM runs WHERE project_id = $1 ORDER BY started_at, id`,
        [projectId],
      );
      return result.rows.map(summaryFromRow);
    },
    getRun: async (runId) => {
      const result = await client.query<Record<string, unknown>>(
        `SELECT ${['id', 'project_id', ...RUN_COLUMNS].join(', ')} FROM runs WHERE id = $1`,
        [runId],
      );
      const row = result.rows[0];
      if (row === undefined) return undefined;
      return { ...summaryFromRow(row), report: row.report as Report } satisfies StoredRun;
    },
    close: () => client.end(),
  };
}

async function migrate(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
