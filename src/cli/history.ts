import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Report } from '../engine/report-types.js';
import { renderHistoryTerminal } from '../report/history.js';
import { isPostgresUrl, openStore } from '../store/open.js';
import type { ProjectIdentity, Store } from '../store/types.js';
import type { Io } from './main.js';

/** The default history file, under the scanned root. */
export const DEFAULT_DATABASE = path.join('.prodready', 'history.db');

/** The directory a scan of `paths` is rooted at: the first path's directory, else the current one. */
export function scannedRoot(paths: readonly string[], cwd: string): string {
  const first = paths[0];
  if (first === undefined) return cwd;
  const absolute = path.resolve(cwd, first);
  try {
    return fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  } catch {
    return cwd;
  }
}

/** `--database`: a `postgres://` URL as given, a file relative to the current directory, or the default file. */
export function databaseLocation(database: string | undefined, root: string, cwd: string): string {
  if (database === undefined) return path.join(root, DEFAULT_DATABASE);
  if (database.trim() === '')
    throw new UsageError('--database is empty; give a SQLite file path or a postgres:// URL.');
  return isPostgresUrl(database) ? database : path.resolve(cwd, database);
}

/** The repository's name, branch and commit, read with git when the root is in a checkout. */
export function projectIdentity(root: string): ProjectIdentity {
  const git = (...args: string[]): string | undefined => {
    try {
      const text = execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return text.trim() === '' ? undefined : text.trim();
    } catch {
      return undefined;
    }
  };
  const topLevel = git('rev-parse', '--show-toplevel');
  if (topLevel === undefined) return { name: path.basename(root) };
  const remote = git('config', '--get', 'remote.origin.url');
  const fromRemote = remote
    ?.replace(/\/+$/, '')
    .split(/[/:]/)
    .at(-1)
    ?.replace(/\.git$/, '');
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
  const commit = git('rev-parse', 'HEAD');
  return {
    name: fromRemote === undefined || fromRemote === '' ? path.basename(topLevel) : fromRemote,
    ...(branch === undefined || branch === 'HEAD' ? {} : { branch }),
    ...(commit === undefined ? {} : { commit }),
  };
}

/** Opens the history at `location`; a failure is a usage error naming it (with any password hidden). */
export async function openHistory(location: string): Promise<Store> {
  try {
    return await openStore(location);
  } catch (error) {
    const shown = isPostgresUrl(location) ? location.replace(/\/\/[^@/]*@/, '//***@') : location;
    throw new UsageError(`Cannot open the history database "${shown}": ${(error as Error).message}.`);
  }
}

/** `scan --save`: stores the run and returns its id. */
export async function saveScan(report: Report, root: string, database: string | undefined, io: Io): Promise<number> {
  const store = await openHistory(databaseLocation(database, root, io.cwd));
  try {
    return await store.saveRun(projectIdentity(root), report);
  } finally {
    await store.close();
  }
}

/** `prodready history`: every project's runs and trend. */
export async function runHistory(
  paths: readonly string[],
  options: { readonly database?: string; readonly project?: string },
  io: Io,
): Promise<void> {
  const root = scannedRoot(paths, io.cwd);
  const location = databaseLocation(options.database, root, io.cwd);
  if (!isPostgresUrl(location) && !fs.existsSync(location)) {
    io.stdout.write(renderHistoryTerminal([]));
    return;
  }
  const store = await openHistory(location);
  try {
    const projects = (await store.listProjects()).filter(
      (project) => options.project === undefined || project.name === options.project,
    );
    if (options.project !== undefined && projects.length === 0) {
      throw new UsageError(`No runs saved for project "${options.project}".`);
    }
    const histories = [];
    for (const project of projects) histories.push({ name: project.name, runs: await store.listRuns(project.id) });
    io.stdout.write(renderHistoryTerminal(histories));
  } finally {
    await store.close();
  }
}
