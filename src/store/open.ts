import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/** Whether a `--database` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Opens the history: PostgreSQL for a `postgres://` URL, else the SQLite file at that path. */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) return (await import('./postgres.js')).openPostgresStore(location);
  return openSqliteStore(location);
}
