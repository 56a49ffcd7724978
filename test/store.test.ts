import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/engine/report-types.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/types.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import { runCli } from './harness.js';
import { bareDeployment, SHOP_FILES, scanTree } from './reporter-helpers.js';

const POSTGRES_URL = process.env.PRODREADY_TEST_POSTGRES_URL;
const IN_CI = process.env.CI === 'true';

if (IN_CI && (POSTGRES_URL === undefined || POSTGRES_URL === '')) {
  throw new Error('CI=true but PRODREADY_TEST_POSTGRES_URL is not set: the PostgreSQL store suite must run in CI.');
}

const shop = scanTree(SHOP_FILES);
const bare = scanTree({ 'k8s/app.yaml': bareDeployment('api') });
const later = (report: Report, startedAt: string): Report => ({ ...report, run: { ...report.run, startedAt } });

function temporaryDatabase(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-store-')), 'history.db');
}

interface Backend {
  readonly name: string;
  readonly enabled: boolean;
  /** A location with no history in it yet. */
  fresh(): Promise<string>;
}

const backends: readonly Backend[] = [
  { name: 'SQLite', enabled: true, fresh: async () => temporaryDatabase() },
  {
    name: 'PostgreSQL',
    enabled: POSTGRES_URL !== undefined && POSTGRES_URL !== '',
    fresh: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query('DROP TABLE IF EXISTS runs, projects, schema_migrations');
      await client.end();
      return POSTGRES_URL ?? '';
    },
  },
];

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`the ${backend.name} history store`, () => {
    let location: string;
    let store: Store;

    beforeAll(async () => {
      location = await backend.fresh();
      store = await openStore(location);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('saves runs and reads them back with their summary and the whole report', async () => {
      const first = await store.saveRun({ name: 'shop', branch: 'main', commit: 'a'.repeat(40) }, shop);
      const second = await store.saveRun({ name: 'shop' }, later(bare, '2026-06-02T12:00:00.000Z'));
      const other = await store.saveRun({ name: 'other', branch: 'dev' }, bare);
      expect(second).toBeGreaterThan(first);

      const projects = await store.listProjects();
      expect(projects.map(({ name, runs, lastRunAt }) => ({ name, runs, lastRunAt }))).toEqual([
        { name: 'other', runs: 1, lastRunAt: '2026-06-01T12:00:00.000Z' },
        { name: 'shop', runs: 2, lastRunAt: '2026-06-02T12:00:00.000Z' },
      ]);

      const shopProject = projects.find((project) => project.name === 'shop');
      const runs = await store.listRuns(shopProject?.id ?? -1);
      expect(runs.map((run) => run.id)).toEqual([first, second]);
      expect(runs[0]).toEqual({
        id: first,
        projectId: shopProject?.id,
        branch: 'main',
        commit: 'a'.repeat(40),
        startedAt: '2026-06-01T12:00:00.000Z',
        toolVersion: '0.0.0-test',
        ready: shop.verdict.ready,
        stage: shop.verdict.stage,
        blockers: shop.verdict.blockers,
        findings: shop.findings.filter((finding) => finding.suppressed === undefined).length,
        attestationsMissing: shop.attestations.filter((a) => a.state === 'missing' || a.state === 'expired').length,
        scenariosFailing: shop.scenarios.filter((scenario) => scenario.failing === true).length,
        parseIssues: shop.parseIssues.length,
        scores: shop.verdict.scores,
      });
      expect(runs[1]?.branch).toBeUndefined();
      expect(runs[1]?.blockers).toBe(bare.verdict.blockers);

      const stored = await store.getRun(first);
      expect(stored?.report).toEqual(shop);
      expect((await store.getRun(other))?.report).toEqual(bare);
      expect(await store.getRun(other + 1000)).toBeUndefined();
    });

    it('applies each migration once, in order, and reopens an existing history', async () => {
      const reopened = await openStore(location);
      try {
        expect((await reopened.listProjects()).map((project) => project.name)).toEqual(['other', 'shop']);
      } finally {
        await reopened.close();
      }
      const versions = await appliedMigrations(location);
      expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
    });
  });
}

async function appliedMigrations(location: string): Promise<number[]> {
  if (location.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (
        await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      ).rows.map((row) => row.version);
    } finally {
      await client.end();
    }
  }
  const db = new Database(location, { readonly: true });
  try {
    return db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => row.version);
  } finally {
    db.close();
  }
}

describe('the SQLite history file', () => {
  it('uses the WAL journal', async () => {
    const file = temporaryDatabase();
    const store = await openStore(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('survives a writer killed mid-way: readable, and every committed run intact', async () => {
    const file = temporaryDatabase();
    const reportFile = path.join(path.dirname(file), 'report.json');
    fs.writeFileSync(reportFile, JSON.stringify(shop));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/store-writer.ts', file, reportFile], {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.split('\n').length > 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`The writer stopped before it was killed: ${errors}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const committed = output
      .split('\n')
      .filter((line) => line !== '')
      .map(Number);
    expect(committed.length).toBeGreaterThanOrEqual(40);

    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const store = await openStore(file);
    try {
      const [project] = await store.listProjects();
      const runs = await store.listRuns(project?.id ?? -1);
      const ids = new Set(runs.map((run) => run.id));
      for (const [index, runId] of committed.entries()) {
        expect(ids.has(runId), `run ${runId}`).toBe(true);
        const stored = await store.getRun(runId);
        expect(stored?.commit).toBe(index.toString(16).padStart(40, '0'));
        expect(stored?.report).toEqual({ ...shop, run: { ...shop.run, durationMs: index } });
      }
      // At most the one run in flight at the kill committed without being printed.
      expect(runs.length - committed.length).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('prodready scan --save and history', () => {
  it('saves each scan under the scanned directory and shows the runs and the trend', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-history-'));
    for (const [file, text] of Object.entries(SHOP_FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const first = await runCli(['scan', '--save', '--format', 'json'], { cwd: root });
    expect(first.stderr).toBe('prodready: saved run #1 to the history.\n');
    fs.writeFileSync(path.join(root, 'k8s', 'extra.yaml'), bareDeployment('extra'));
    const second = await runCli(['scan', '.', '--save', '-q', '--format', 'json'], { cwd: root });
    expect(second.stderr).toBe('');
    expect(fs.existsSync(path.join(root, '.prodready', 'history.db'))).toBe(true);

    const before = JSON.parse(first.stdout) as Report;
    const after = JSON.parse(second.stdout) as Report;
    const history = await runCli(['history'], { cwd: root });
    expect(history.code).toBe(0);
    const lines = history.stdout.split('\n');
    expect(lines[0]).toBe(`${path.basename(root)}: 2 runs`);
    expect(lines[1]).toMatch(/^run\s+started\s+commit\s+verdict\s+stage\s+blockers\s+findings\s+availability/);
    expect(lines[2]).toMatch(new RegExp(`^#1 .* not ready\\s+launch\\s+${before.verdict.blockers}\\s`));
    expect(lines[3]).toMatch(new RegExp(`^#2 .* not ready\\s+launch\\s+${after.verdict.blockers}\\s`));
    expect(lines[4]).toContain(`blockers ${before.verdict.blockers} -> ${after.verdict.blockers}`);
    expect(lines[4]).toContain(
      `availability ${before.verdict.scores.availability} -> ${after.verdict.scores.availability}`,
    );
  });

  it('refuses --database without --save, and says so when there is no history', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-history-'));
    const refused = await runCli(['scan', '--database', 'x.db'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--database says where --save stores the run');
    const empty = await runCli(['history'], { cwd: root });
    expect(empty).toEqual({ code: 0, stdout: 'No runs saved yet. Save one with: prodready scan --save\n', stderr: '' });
  });
});
