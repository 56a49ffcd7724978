import { UsageError } from '../core/errors.js';
import type { Report } from '../engine/report-types.js';
import type { ProjectIdentity } from '../store/types.js';
import type { Io } from './main.js';

/** The ingest endpoint for `--upload`: the URL itself when it ends in `/api/runs`, else `api/runs` under it. */
export function ingestUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(
      `--upload "${base}" is not a URL; give the server's address, e.g. https://prodready.example.com.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--upload "${base}" must be an http:// or https:// URL.`);
  }
  if (/\/api\/runs\/?$/.test(url.pathname)) return url;
  return new URL('api/runs', url.href.endsWith('/') ? url.href : `${url.href}/`);
}

/** Posts the run to a `prodready serve` and returns the stored run's id; any failure is a usage error. */
export async function uploadRun(url: URL, token: string, project: ProjectIdentity, report: Report): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ project, report }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new UsageError(`Cannot upload the run to ${url.href}: ${cause ?? (error as Error).message}.`);
  }
  const text = await response.text();
  let body: { id?: unknown; error?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON: the status line says enough.
  }
  if (!response.ok) {
    const message = typeof body.error === 'string' ? body.error : text.slice(0, 200);
    throw new UsageError(
      `Uploading the run to ${url.href} failed: HTTP ${response.status} ${response.statusText}${message === '' ? '' : `: ${message}`}`,
    );
  }
  if (typeof body.id !== 'number') throw new UsageError(`${url.href} answered ${response.status} without a run id.`);
  return body.id;
}

/** The bearer token: `--token`, else `PRODREADY_TOKEN`; an empty value counts as none. */
export function resolveToken(flag: string | undefined, io: Io): string | undefined {
  if (flag !== undefined && flag === '') throw new UsageError('--token is empty; give the shared secret clients send.');
  const token = flag ?? io.env.PRODREADY_TOKEN;
  return token === undefined || token === '' ? undefined : token;
}
