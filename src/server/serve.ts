import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import type { Store } from '../store/types.js';
import { type AppOptions, createApp } from './app.js';

/** The directory `/assets/*` serves: `web/assets` in the package, from `src/server` and `dist/server` alike. */
export const ASSETS_DIRECTORY = new URL('../../web/assets/', import.meta.url);

export interface ServerOptions {
  readonly store: Store;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token?: string;
  readonly assetsDirectory?: string;
  readonly rateLimit?: AppOptions['rateLimit'];
}

export interface RunningServer {
  /** The address to open, e.g. `http://127.0.0.1:4280/`. */
  readonly url: string;
  /** Stops accepting connections, ends the open ones and closes the store. */
  close(): Promise<void>;
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Starts the ingest API on `host:port`; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp({
    store: options.store,
    ...(options.token === undefined ? {} : { token: options.token }),
    tokenForReads: !isLoopbackHost(options.host),
    assetsDirectory: options.assetsDirectory ?? fileURLToPath(ASSETS_DIRECTORY),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: options.host, port: options.port });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await options.store.close();
    },
  };
}
