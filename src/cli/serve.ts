import { UsageError } from '../core/errors.js';
import { isLoopbackHost, startServer } from '../server/serve.js';
import { databaseLocation, openHistory } from './history.js';
import type { Io } from './main.js';
import { resolveToken } from './upload.js';

export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly database?: string;
  readonly token?: string;
}

export const DEFAULT_PORT = 4280;
export const DEFAULT_HOST = '127.0.0.1';

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port "${text}" is not a port; give a number from 0 to 65535 (0 picks a free one).`);
  }
  return Number(text);
}

/** `prodready serve`: runs the ingest API until SIGINT or SIGTERM. */
export async function runServe(flags: ServeFlags, io: Io, signals: NodeJS.EventEmitter = process): Promise<void> {
  const port = parsePort(flags.port);
  const host = flags.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host is empty; give an address to bind, e.g. 127.0.0.1.');
  const token = resolveToken(flags.token, io);
  if (token === undefined && !isLoopbackHost(host)) {
    throw new UsageError(
      `Refusing to serve on "${host}" without a token: anyone who can reach it could read the history. Give --token (or PRODREADY_TOKEN), or bind to 127.0.0.1.`,
    );
  }
  const store = await openHistory(databaseLocation(flags.database, io.cwd, io.cwd));
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ store, host, port, ...(token === undefined ? {} : { token }) });
  } catch (error) {
    await store.close();
    throw new UsageError(`Cannot listen on ${host}:${port}: ${(error as Error).message}.`);
  }
  io.stdout.write(`prodready: serving on ${server.url}\n`);
  if (token === undefined) {
    io.stdout.write(
      'prodready: no --token given, so uploads (POST /api/runs) are refused; reads are open on loopback.\n',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await server.close();
  io.stdout.write('prodready: stopped.\n');
}
