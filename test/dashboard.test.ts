import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanRepository } from '../src/cli/scan.js';
import { parseConfig } from '../src/config/parse.js';
import type { Report } from '../src/engine/report-types.js';
import { PAGE_CSP } from '../src/server/app.js';
import { type RunningServer, startServer } from '../src/server/serve.js';
import { openStore } from '../src/store/open.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 10;
const HOSTILE = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">';

/** Ten scans of a copy of examples/acme-shop, the api's replicas changing each time, saved to a temp store. */
async function seed(directory: string): Promise<{ database: string; reports: Report[]; runIds: number[] }> {
  const tree = path.join(directory, 'acme-shop');
  fs.cpSync(path.join(REPOSITORY_ROOT, 'examples/acme-shop'), tree, { recursive: true });
  const parsed = parseConfig(fs.readFileSync(path.join(tree, 'prodready.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('examples/acme-shop/prodready.yaml does not parse');
  const database = path.join(directory, 'history.db');
  const store = await openStore(database);
  const api = path.join(tree, 'k8s/api.yaml');
  const original = fs.readFileSync(api, 'utf8');
  const reports: Report[] = [];
  const runIds: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    fs.writeFileSync(api, original.replace('replicas: 3', `replicas: ${index === 0 ? 1 : index + 1}`));
    // Halfway, the worker goes: its findings are fixed in the later runs.
    if (index === RUNS / 2) fs.rmSync(path.join(tree, 'k8s/checkout-worker.yaml'));
    const scanned = scanRepository({ root: tree, paths: ['.'], exclude: [], config: parsed.config, version: 'test' });
    const report: Report =
      index === RUNS - 1
        ? {
            ...scanned,
            findings: scanned.findings.map((finding, position) =>
              position === 0 ? { ...finding, message: HOSTILE } : finding,
            ),
          }
        : scanned;
    reports.push(report);
    runIds.push(
      await store.saveRun({ name: 'acme-shop', branch: 'main', commit: index.toString(16).padStart(40, '0') }, report),
    );
  }
  await store.close();
  return { database, reports, runIds };
}

// Skipped only on a developer machine without Chromium; CI installs it and must run this.
describe.skipIf(!fs.existsSync(CHROMIUM) && process.env.CI !== 'true')('the dashboard in a browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let directory: string;
  let shots: string;
  let reports: Report[];
  let runIds: number[];

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-dashboard-'));
    shots = path.join(directory, 'screenshots');
    fs.mkdirSync(shots);
    const seeded = await seed(directory);
    reports = seeded.reports;
    runIds = seeded.runIds;
    server = await startServer({ store: await openStore(seeded.database), host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the pages with a strict policy and the JSON with the tight one', async () => {
    const page = await fetch(new URL('/', server.url));
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    const json = await fetch(new URL('/api/projects', server.url));
    expect(json.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(json.headers.get('content-security-policy')).not.toContain('script-src');
    expect((await fetch(new URL('/ui/nothing.js', server.url))).status).toBe(404);
  });

  it('shows the overview, the history, a run and a diff with no error', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const ready = () => page.waitForSelector('#prodready-app[data-ready="true"]');
    const shot = async (name: string) => {
      const file = path.join(shots, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    };
    const files: string[] = [];

    // The overview: one project, its verdict and a sparkline.
    await page.goto(server.url);
    await ready();
    expect(await page.getByTestId('project-row').count()).toBe(1);
    expect(await page.locator('svg[data-testid="sparkline"] polyline').count()).toBe(1);
    const last = reports[RUNS - 1] as Report;
    expect(await page.getByTestId('project-row').textContent()).toContain(
      `${last.verdict.ready ? 'READY' : 'NOT READY'} for ${last.verdict.stage}`,
    );
    files.push(await shot('overview'));

    // The project's history: ten points per scored pillar on the trend chart.
    await page.getByTestId('project-link').click();
    await ready();
    const pillar = Object.keys(last.verdict.scores)[0];
    expect(pillar).toBeDefined();
    expect(await page.locator(`svg[data-testid="trend-chart"] circle.point[data-series="${pillar}"]`).count()).toBe(
      RUNS,
    );
    expect(await page.locator('svg[data-testid="blockers-chart"] circle.point').count()).toBe(RUNS);
    expect(await page.getByTestId('run-row').count()).toBe(RUNS);
    files.push(await shot('history'));

    // A run: the Report drawn by the report's components; the hostile message shows as text.
    await page.goto(new URL(`/runs/${runIds[RUNS - 1]}`, server.url).href);
    await ready();
    const verdict = await page.getByTestId('verdict').textContent();
    expect(verdict).toContain(`${last.verdict.blockers} blocker${last.verdict.blockers === 1 ? '' : 's'}`);
    const rows = page.locator('[data-testid="findings-rows"] tr');
    expect(await rows.count()).toBe(last.findings.length);
    expect(await page.locator('[data-testid="findings-rows"]').textContent()).toContain(HOSTILE);
    expect(await page.evaluate(() => (globalThis as { __pwned?: boolean }).__pwned)).toBeUndefined();
    const security = last.findings.filter((finding) => finding.pillar === 'security').length;
    expect(security).toBeLessThan(last.findings.length);
    await page.getByTestId('filter-pillar-security').click();
    expect(await rows.count()).toBe(security);
    await page.getByTestId('filter-pillar-all').click();
    const ruleId = last.findings[1]?.ruleId ?? '';
    await page.getByTestId('findings-search').fill(ruleId);
    expect(await rows.count()).toBe(
      last.findings.filter((finding) => `${finding.ruleId} ${finding.message}`.toLowerCase().includes(ruleId)).length,
    );
    files.push(await shot('run'));

    // The diff of the first and the last run, by fingerprint.
    const from = reports[0] as Report;
    const before = new Set(from.findings.map((finding) => finding.fingerprint));
    const after = new Set(last.findings.map((finding) => finding.fingerprint));
    const added = last.findings.filter((finding) => !before.has(finding.fingerprint)).length;
    const fixed = from.findings.filter((finding) => !after.has(finding.fingerprint)).length;
    expect(added + fixed).toBeGreaterThan(0);
    await page.goto(new URL(`/projects/1/diff?from=${runIds[0]}&to=${runIds[RUNS - 1]}`, server.url).href);
    await ready();
    expect(await page.getByTestId('diff-summary').textContent()).toContain(`${added} new, ${fixed} fixed`);
    expect(await page.locator('[data-testid="new-findings"] li').count()).toBe(added);
    expect(await page.locator('[data-testid="fixed-findings"] li').count()).toBe(fixed);
    files.push(await shot('diff'));

    expect(errors).toEqual([]);
    for (const file of files) expect(fs.statSync(file).size).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
