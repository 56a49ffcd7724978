import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { REPORT_SCHEMA } from '../engine/report-schema.js';
import type { Report } from '../engine/report-types.js';
import { DASHBOARD_SCRIPT, REPORT_SCRIPT, REPORT_STYLE } from '../report/html-assets.generated.js';
import type { ProjectIdentity, Store } from '../store/types.js';

/** The largest run body the ingest API accepts. */
export const MAX_RUN_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  readonly store: Store;
  /** The bearer token that writes (and, off loopback, reads) must carry; without one, writes are refused. */
  readonly token?: string;
  /** Whether reads need the token too (the server is bound to a non-loopback address). */
  readonly tokenForReads: boolean;
  /** The directory `/assets/*` is served from. */
  readonly assetsDirectory: string;
  /** POST requests allowed per client address per window. */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number };
  /** The clock, for the rate limit. */
  readonly now?: () => number;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

/** The policy of the dashboard's HTML pages: scripts, styles and fetches from this origin only, nothing inline. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The dashboard's scripts and stylesheet, from the generated module (the package ships no web/). */
const UI_FILES: Readonly<Record<string, { readonly type: string; readonly text: string }>> = {
  'report.js': { type: 'text/javascript; charset=utf-8', text: REPORT_SCRIPT },
  'dashboard.js': { type: 'text/javascript; charset=utf-8', text: DASHBOARD_SCRIPT },
  'report.css': { type: 'text/css; charset=utf-8', text: REPORT_STYLE },
};

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A dashboard page: a shell naming the page; web/dashboard.js fetches the JSON API and draws it. */
function shellPage(title: string, data: Readonly<Record<string, string>>): string {
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeAttribute(title)}</title>`,
    '<link rel="icon" href="data:,">',
    '<link rel="stylesheet" href="/ui/report.css">',
    '</head>',
    '<body>',
    `<div id="prodready-app"${attributes}><noscript>The dashboard needs JavaScript.</noscript></div>`,
    '<script src="/ui/report.js"></script>',
    '<script src="/ui/dashboard.js"></script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const ASSET_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const ProjectSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  branch: z.string().min(1).max(500).optional(),
  commit: z.string().min(1).max(200).optional(),
});

const RunBodySchema = z.strictObject({ project: ProjectSchema, report: z.unknown() });

type Env = { Bindings: HttpBindings };

/** The ingest and read API: JSON in, JSON out, behind the bearer token. */
export function createApp(options: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const validateReport = compileReportValidator();
  const limit = options.rateLimit ?? { requests: 60, windowMs: 60_000 };
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if ((c.res.headers.get('content-type') ?? '').startsWith('text/html')) {
      c.res.headers.set('Content-Security-Policy', PAGE_CSP);
    }
  });
  app.notFound((c) => c.json({ error: 'Not found.' }, 404));
  app.onError((_error, c) => c.json({ error: 'Internal error.' }, 500));

  const requireToken = (purpose: 'write' | 'read'): MiddlewareHandler<Env> =>
    async function checkToken(c, next) {
      if (purpose === 'read' && !options.tokenForReads) return next();
      if (options.token === undefined) {
        return c.json(
          { error: 'Ingest is disabled: start the server with --token (or PRODREADY_TOKEN) to accept runs.' },
          401,
        );
      }
      const header = c.req.header('authorization') ?? '';
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
      if (given === undefined || !sameToken(given, options.token)) {
        return c.json({ error: 'Missing or wrong bearer token (Authorization: Bearer <token>).' }, 401);
      }
      return next();
    };

  const rateLimit: MiddlewareHandler<Env> = async (c, next) => {
    const address = c.env?.incoming?.socket.remoteAddress ?? 'unknown';
    const time = now();
    const window = windows.get(address);
    if (window === undefined || time - window.start >= limit.windowMs) {
      windows.set(address, { start: time, count: 1 });
    } else if (window.count >= limit.requests) {
      c.header('Retry-After', String(Math.ceil((window.start + limit.windowMs - time) / 1000)));
      return c.json({ error: `Too many requests: at most ${limit.requests} writes per minute.` }, 429);
    } else {
      window.count += 1;
    }
    return next();
  };

  app.post(
    '/api/runs',
    rateLimit,
    requireToken('write'),
    bodyLimit({
      maxSize: MAX_RUN_BYTES,
      onError: (c) => c.json({ error: `The run is larger than ${MAX_RUN_BYTES} bytes (5 MiB).` }, 413),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return invalid(c, ['the body is not valid JSON']);
      }
      const parsed = RunBodySchema.safeParse(body);
      if (!parsed.success) {
        return invalid(
          c,
          parsed.error.issues.slice(0, 5).map((issue) => `${atPath(issue.path.map(String))} ${issue.message}`),
        );
      }
      const problems = validateReport(parsed.data.report);
      if (problems.length > 0)
        return invalid(
          c,
          problems.map((problem) => `report ${problem}`),
        );
      const { name, branch, commit } = parsed.data.project;
      const project: ProjectIdentity = {
        name,
        ...(branch === undefined ? {} : { branch }),
        ...(commit === undefined ? {} : { commit }),
      };
      const id = await options.store.saveRun(project, parsed.data.report as Report);
      return c.json({ id }, 201);
    },
  );

  app.get('/api/projects', requireToken('read'), async (c) => c.json(await options.store.listProjects()));

  app.get('/api/projects/:id/runs', requireToken('read'), async (c) => {
    const id = toId(c.req.param('id'));
    if (id === undefined) return c.json({ error: 'The project id must be a positive integer.' }, 400);
    const projects = await options.store.listProjects();
    if (!projects.some((project) => project.id === id)) return c.json({ error: `No project ${id}.` }, 404);
    return c.json(await options.store.listRuns(id));
  });

  app.get('/api/runs/:id', requireToken('read'), async (c) => {
    const id = toId(c.req.param('id'));
    if (id === undefined) return c.json({ error: 'The run id must be a positive integer.' }, 400);
    const run = await options.store.getRun(id);
    return run === undefined ? c.json({ error: `No run ${id}.` }, 404) : c.json(run);
  });

  const page = (c: Context<Env>, title: string, data: Readonly<Record<string, string>>) =>
    c.html(shellPage(`prodready: ${title}`, data));
  app.get('/', requireToken('read'), (c) => page(c, 'projects', { page: 'overview' }));
  app.get('/projects/:id', requireToken('read'), (c) => {
    const id = toId(c.req.param('id'));
    if (id === undefined) return c.json({ error: 'The project id must be a positive integer.' }, 400);
    return page(c, `project ${id}`, { page: 'project', id: String(id) });
  });
  app.get('/projects/:id/diff', requireToken('read'), (c) => {
    const id = toId(c.req.param('id'));
    const from = toId(c.req.query('from') ?? '');
    const to = toId(c.req.query('to') ?? '');
    if (id === undefined || from === undefined || to === undefined) {
      return c.json({ error: 'The project id and the runs ?from= and &to= must be positive integers.' }, 400);
    }
    return page(c, `runs ${from} to ${to}`, { page: 'diff', id: String(id), from: String(from), to: String(to) });
  });
  app.get('/runs/:id', requireToken('read'), (c) => {
    const id = toId(c.req.param('id'));
    if (id === undefined) return c.json({ error: 'The run id must be a positive integer.' }, 400);
    return page(c, `run ${id}`, { page: 'run', id: String(id) });
  });
  app.get('/ui/:file', requireToken('read'), (c) => {
    const file = Object.hasOwn(UI_FILES, c.req.param('file')) ? UI_FILES[c.req.param('file')] : undefined;
    if (file === undefined) return c.json({ error: 'Not found.' }, 404);
    return c.body(file.text, 200, { 'Content-Type': file.type });
  });

  app.get('/assets/*', requireToken('read'), async (c) => {
    const raw = c.req.path.slice('/assets/'.length);
    let relative: string;
    try {
      relative = decodeURIComponent(raw);
    } catch {
      return c.json({ error: 'Bad asset path.' }, 400);
    }
    const segments = relative.split('/');
    if (
      relative === '' ||
      /[\\\0:]/.test(relative) ||
      segments.some((segment) => segment === '' || segment === '.' || segment === '..')
    ) {
      return c.json({ error: 'Bad asset path.' }, 400);
    }
    const root = path.resolve(options.assetsDirectory);
    const file = path.resolve(root, ...segments);
    if (!file.startsWith(root + path.sep)) return c.json({ error: 'Bad asset path.' }, 400);
    const type = ASSET_TYPES[path.extname(file)];
    if (type === undefined) return c.json({ error: 'Not found.' }, 404);
    try {
      const content = await readFile(file);
      return c.body(new Uint8Array(content), 200, { 'Content-Type': type });
    } catch {
      return c.json({ error: 'Not found.' }, 404);
    }
  });

  return app;
}

function invalid(c: Context<Env>, problems: readonly string[]) {
  return c.json({ error: `Invalid run: ${problems[0] ?? 'unknown problem'}.`, problems }, 400);
}

function atPath(segments: readonly string[]): string {
  return segments.length === 0 ? 'the body' : segments.join('.');
}

function toId(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,14}$/.test(text)) return undefined;
  return Number(text);
}

/** Compares two tokens in constant time: both are hashed first, so the buffers have equal length. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

type ReportValidator = (data: unknown) => string[];

function compileReportValidator(): ReportValidator {
  let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;
  return (data) => {
    validate ??= compile();
    if (validate(data)) return [];
    const errors = (validate.errors ?? []) as readonly {
      instancePath: string;
      message?: string;
      params: Record<string, unknown>;
    }[];
    return errors.slice(0, 5).map((error) => {
      const at = error.instancePath === '' ? '(top level)' : error.instancePath;
      const extra =
        typeof error.params.additionalProperty === 'string' ? ` ("${error.params.additionalProperty}")` : '';
      return `${at} ${error.message ?? 'is invalid'}${extra}`;
    });
  };
}

function compile() {
  return new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(REPORT_SCHEMA);
}
