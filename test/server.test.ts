import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/cli/main.js';
import { runServe } from '../src/cli/serve.js';
import type { Report } from '../src/engine/report-types.js';
import { createApp, MAX_RUN_BYTES } from '../src/server/app.js';
import { type RunningServer, startServer } from '../src/server/serve.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/types.js';
import { runCli, temporaryRepository } from './harness.js';
import { bareDeployment, scanTree } from './reporter-helpers.js';

const POSTGRES_URL = process.env.PRODREADY_TEST_POSTGRES_URL;
const TOKEN = 'test-token-0123456789';
const report = scanTree({ 'k8s/app.yaml': bareDeployment('api') });

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-server-'));
}

/** An assets directory with one file, next to a file that a traversal would reach. */
function assetsDirectory(): string {
  const root = temporaryDirectory();
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body { color: black; }\n');
  fs.writeFileSync(path.join(root, 'package.json'), '{"secret": "outside the assets"}\n');
  return path.join(root, 'assets');
}

/** A request with the path sent exactly as written (fetch would normalise `..` and `%2e%2e`). */
function rawGet(
  url: string,
  requestPath: string,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: requestPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

const backends = [
  { name: 'SQLite', enabled: true, fresh: async () => path.join(temporaryDirectory(), 'history.db') },
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
] as const;

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`the server over ${backend.name}`, () => {
    let server: RunningServer;
    let reader: Store;
    const responses: Response[] = [];

    const call = async (route: string, init: RequestInit = {}): Promise<Response> => {
      const response = await fetch(new URL(route, server.url), init);
      responses.push(response);
      return response;
    };
    const post = (body: string, token?: string) =>
      call('/api/runs', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body,
      });
    const runCount = async () => (await reader.listProjects()).reduce((total, project) => total + project.runs, 0);

    beforeAll(async () => {
      const location = await backend.fresh();
      server = await startServer({
        store: await openStore(location),
        host: '127.0.0.1',
        port: 0,
        token: TOKEN,
        assetsDirectory: assetsDirectory(),
      });
      reader = await openStore(location);
    });
    afterAll(async () => {
      await server?.close();
      await reader?.close();
    });

    it('refuses a run without the token or with a wrong one, and stores nothing', async () => {
      const body = JSON.stringify({ project: { name: 'shop' }, report });
      const without = await post(body);
      expect(without.status).toBe(401);
      expect(((await without.json()) as { error: string }).error).toMatch(/bearer token/);
      expect((await post(body, 'wrong-token')).status).toBe(401);
      expect((await post(body, `${TOKEN}x`)).status).toBe(401);
      expect(await runCount()).toBe(0);
    });

    it('stores a run posted with the token and serves it back through the read routes', async () => {
      const created = await post(
        JSON.stringify({ project: { name: 'shop', branch: 'main', commit: 'c'.repeat(40) }, report }),
        TOKEN,
      );
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };
      expect(id).toBeGreaterThan(0);

      const projects = (await (await call('/api/projects')).json()) as { id: number; name: string; runs: number }[];
      expect(projects.map(({ name, runs }) => ({ name, runs }))).toEqual([{ name: 'shop', runs: 1 }]);
      const projectId = projects[0]?.id ?? -1;

      const runs = (await (await call(`/api/projects/${projectId}/runs`)).json()) as { id: number; branch: string }[];
      expect(runs.map((run) => [run.id, run.branch])).toEqual([[id, 'main']]);

      const run = (await (await call(`/api/runs/${id}`)).json()) as { report: Report; commit: string };
      expect(run.report).toEqual(report);
      expect((await call('/api/runs/999999')).status).toBe(404);
      expect((await call('/api/runs/abc')).status).toBe(400);
      expect((await call('/api/projects/999999/runs')).status).toBe(404);
    });

    it('answers a body over 5 MiB with 413 and stores nothing', async () => {
      const before = await runCount();
      const padding = 'x'.repeat(MAX_RUN_BYTES);
      const response = await post(JSON.stringify({ project: { name: 'big' }, report: { ...report, padding } }), TOKEN);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: string }).error).toMatch(/5 MiB/);
      expect(await runCount()).toBe(before);
    });

    it('answers an invalid report or project with 400, the first problems listed, and stores nothing', async () => {
      const before = await runCount();
      const { verdict: _dropped, ...noVerdict } = report;
      const badReport = await post(JSON.stringify({ project: { name: 'shop' }, report: noVerdict }), TOKEN);
      expect(badReport.status).toBe(400);
      const problem = (await badReport.json()) as { error: string; problems: string[] };
      expect(problem.error).toMatch(/^Invalid run: report .*verdict/);
      expect(problem.problems.length).toBeGreaterThan(0);

      const extraKey = await post(JSON.stringify({ project: { name: 'shop', owner: 'x' }, report }), TOKEN);
      expect(extraKey.status).toBe(400);
      expect(((await extraKey.json()) as { error: string }).error).toMatch(/project/);

      const noName = await post(JSON.stringify({ project: { name: '' }, report }), TOKEN);
      expect(noName.status).toBe(400);
      const notJson = await post('{"project":', TOKEN);
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
      expect(await runCount()).toBe(before);
    });

    it('keeps a <script> in a finding message as data, with JSON and the security headers on every response', async () => {
      const first = report.findings[0];
      if (first === undefined) throw new Error('the bare deployment has findings');
      const hostile = '<script>alert(1)</script>';
      const withScript: Report = { ...report, findings: [{ ...first, message: hostile }, ...report.findings.slice(1)] };
      const created = await post(JSON.stringify({ project: { name: 'hostile' }, report: withScript }), TOKEN);
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };
      const read = await call(`/api/runs/${id}`);
      const run = (await read.json()) as { report: Report };
      expect(run.report.findings[0]?.message).toBe(hostile);

      await call('/no/such/route');
      expect(responses.length).toBeGreaterThan(15);
      for (const response of responses) {
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
      }
    });

    it('serves /assets/* from its directory and refuses traversal, plain or encoded', async () => {
      const css = await rawGet(server.url, '/assets/app.css');
      expect(css.status).toBe(200);
      expect(css.body).toBe('body { color: black; }\n');
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      for (const attempt of [
        '/assets/../package.json',
        '/assets/%2e%2e/package.json',
        '/assets/%2E%2E%2Fpackage.json',
        '/assets/..%2fpackage.json',
        '/assets/..%5cpackage.json',
        '/assets/%252e%252e/package.json',
        '/assets/missing.css',
      ]) {
        const response = await rawGet(server.url, attempt);
        expect([400, 404], attempt).toContain(response.status);
        expect(response.body, attempt).not.toContain('secret');
        expect(response.headers['content-type'], attempt).toMatch(/^application\/json/);
      }
    });
  });
}

describe('the server', () => {
  it('limits POSTs per client address with 429', async () => {
    const store = await openStore(path.join(temporaryDirectory(), 'history.db'));
    const server = await startServer({
      store,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      rateLimit: { requests: 2, windowMs: 60_000 },
    });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index++) {
        const response = await fetch(new URL('/api/runs', server.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: '{}',
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await server.close();
    }
  });

  it('refuses writes when started without a token, and asks for the token on reads off loopback', async () => {
    const store = await openStore(path.join(temporaryDirectory(), 'history.db'));
    try {
      const open = createApp({ store, tokenForReads: false, assetsDirectory: temporaryDirectory() });
      const refused = await open.request('/api/runs', {
        method: 'POST',
        body: JSON.stringify({ project: { name: 'a' }, report }),
      });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toMatch(/--token/);
      expect((await open.request('/api/projects')).status).toBe(200);

      const guarded = createApp({ store, token: TOKEN, tokenForReads: true, assetsDirectory: temporaryDirectory() });
      expect((await guarded.request('/api/projects')).status).toBe(401);
      const allowed = await guarded.request('/api/projects', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('prodready serve', () => {
  it('refuses a non-loopback host without a token with exit 2', async () => {
    const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], { cwd: temporaryDirectory() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Refusing to serve on "0.0.0.0" without a token/);
  });

  it('rejects a bad port with exit 2', async () => {
    const result = await runCli(['serve', '--port', 'http'], { cwd: temporaryDirectory() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port "http"/);
  });

  it('prints its URL, serves, and stops on SIGTERM', async () => {
    let stdout = '';
    const io: Io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: {},
      cwd: temporaryDirectory(),
    };
    const signals = new EventEmitter();
    const running = runServe({ port: '0', token: TOKEN }, io, signals);
    for (let wait = 0; !stdout.includes('serving on') && wait < 100; wait++)
      await new Promise((r) => setTimeout(r, 20));
    const url = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(new URL('/api/projects', url))).status).toBe(200);
    signals.emit('SIGTERM');
    await running;
    expect(stdout).toContain('prodready: stopped.');
    await expect(fetch(new URL('/api/projects', url))).rejects.toThrow();
  });
});

describe('prodready scan --upload', () => {
  let server: RunningServer;
  let reader: Store;
  let repository: string;

  beforeAll(async () => {
    const location = path.join(temporaryDirectory(), 'history.db');
    server = await startServer({ store: await openStore(location), host: '127.0.0.1', port: 0, token: TOKEN });
    reader = await openStore(location);
    repository = temporaryRepository({ 'k8s/app.yaml': bareDeployment('api') });
  });
  afterAll(async () => {
    await server?.close();
    await reader?.close();
  });

  it('posts the run to the server after the scan', async () => {
    const result = await runCli(['scan', '.', '--format', 'json', '--upload', server.url, '--token', TOKEN], {
      cwd: repository,
    });
    expect(result.stderr).toMatch(/uploaded run #1 to http:\/\/127\.0\.0\.1:\d+\/api\/runs/);
    expect(result.code).toBe(1);
    const stored = await reader.getRun(1);
    expect(stored?.report.findings).toEqual((JSON.parse(result.stdout) as Report).findings);
    expect((await reader.listProjects()).map((project) => project.name)).toEqual([path.basename(repository)]);
  });

  it('takes the token from PRODREADY_TOKEN', async () => {
    const result = await runCli(['scan', '.', '--upload', server.url, '--quiet'], {
      cwd: repository,
      env: { PRODREADY_TOKEN: TOKEN },
    });
    expect(result.code).toBe(1);
    expect((await reader.listProjects())[0]?.runs).toBe(2);
  });

  it('fails with exit 2, the status and the message on a wrong token', async () => {
    const result = await runCli(['scan', '.', '--upload', server.url, '--token', 'wrong'], { cwd: repository });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/failed: HTTP 401 Unauthorized: Missing or wrong bearer token/);
  });

  it('fails with exit 2 when the server cannot be reached or no token is given', async () => {
    const closed = await startServer({
      store: await openStore(path.join(temporaryDirectory(), 'history.db')),
      host: '127.0.0.1',
      port: 0,
    });
    await closed.close();
    const unreachable = await runCli(['scan', '.', '--upload', closed.url, '--token', TOKEN], { cwd: repository });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/Cannot upload the run to http:\/\/127\.0\.0\.1:\d+\/api\/runs: .*ECONNREFUSED/);
    const noToken = await runCli(['scan', '.', '--upload', server.url], { cwd: repository });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/--upload needs the server's bearer token/);
  });
});
