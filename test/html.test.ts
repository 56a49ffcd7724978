import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHtmlAssets, HTML_ASSETS_FILE } from '../scripts/html-assets.js';
import { type Io, main } from '../src/cli/main.js';
import type { Report } from '../src/engine/report-types.js';
import { embedJson, renderHtml } from '../src/report/html.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

async function scan(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd: REPOSITORY_ROOT,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The Report embedded in an HTML report. */
function embedded(html: string): Report {
  const match = /<script type="application\/json" id="prodready-report">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match?.[1] ?? 'null') as Report;
}

describe('html assets', () => {
  it(`${HTML_ASSETS_FILE} matches web/ (run \`npm run docs\`)`, () => {
    expect(fs.readFileSync(path.join(REPOSITORY_ROOT, HTML_ASSETS_FILE), 'utf8')).toBe(generateHtmlAssets());
  });
});

describe('html report', () => {
  it('embeds the Report so that no text can end the script element', async () => {
    const report = JSON.parse((await scan(['scan', 'examples/acme-shop', '--format', 'json'])).stdout) as Report;
    const hostile = '</script><!-- <script>alert(1)</script> \u2028\u2029 & done';
    const changed: Report = {
      ...report,
      findings: [
        { ...(report.findings[0] as Report['findings'][number]), message: hostile },
        ...report.findings.slice(1),
      ],
    };
    const json = embedJson(changed);
    expect(json).not.toMatch(/<|>|\u2028|\u2029/);
    const html = renderHtml(changed);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    expect(embedded(html).findings[0]?.message).toBe(hostile);
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(changed)));
  });
});

// Skipped only on a developer machine without Chromium; CI installs it and must run this.
describe.skipIf(!fs.existsSync(CHROMIUM) && process.env.CI !== 'true')('html report in a browser', () => {
  let browser: Browser;
  let directory: string;
  let file: string;
  let report: Report;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-html-'));
    file = path.join(directory, 'report.html');
    const result = await scan(['scan', 'examples/acme-shop', '--format', 'html', '-o', file, '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    report = embedded(fs.readFileSync(file, 'utf8'));
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
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the verdict, charts, filters, matrix and graph with no error and no request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url);

    expect(report.verdict.ready).toBe(false);
    expect(await page.getByTestId('verdict').isVisible()).toBe(true);
    const verdict = await page.getByTestId('verdict').textContent();
    expect(verdict).toContain(`NOT READY for ${report.verdict.stage}`);
    expect(verdict).toContain(`${report.verdict.blockers} blockers`);

    // The scores chart: one bar per scored pillar, drawn as SVG.
    const pillars = Object.keys(report.verdict.scores);
    expect(pillars.length).toBeGreaterThan(0);
    expect(await page.locator('svg[data-testid="scores-chart"] rect[fill]').count()).toBe(pillars.length);
    expect(await page.locator('svg[data-testid="availability-chart"]').count()).toBe(1);
    expect(await page.getByTestId('error-budget').textContent()).toContain('1495%');
    const graph = page.locator('svg[data-testid="dependency-graph"]');
    expect(await graph.locator('g.node').count()).toBeGreaterThanOrEqual(
      report.model.services.length + report.model.datastores.length,
    );
    expect(await graph.locator('path.edge').count()).toBe(report.model.edges.length);

    // Filters: a click on a pillar, then a level, changes the rows.
    const rows = page.locator('[data-testid="findings-rows"] tr');
    expect(await rows.count()).toBe(report.findings.length);
    const security = report.findings.filter((finding) => finding.pillar === 'security');
    expect(security.length).toBeGreaterThan(0);
    expect(security.length).toBeLessThan(report.findings.length);
    await page.getByTestId('filter-pillar-security').click();
    expect(await rows.count()).toBe(security.length);
    expect(await page.getByTestId('filter-pillar-security').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('filter-level-blocker').click();
    expect(await rows.count()).toBe(security.filter((finding) => finding.level === 'blocker').length);
    await page.getByTestId('filter-pillar-all').click();
    await page.getByTestId('filter-level-all').click();
    const firstFile = report.findings[0]?.location.file ?? '';
    await page.getByTestId('filter-file').selectOption(firstFile);
    expect(await rows.count()).toBe(report.findings.filter((finding) => finding.location.file === firstFile).length);

    // The scenario matrix: one row per scenario, a column per path.
    const matrix = page.getByTestId('scenario-matrix');
    expect(await matrix.locator('tbody tr').count()).toBe(report.scenarios.length);
    const pathNames = [...new Set(report.scenarios.flatMap((scenario) => scenario.paths.map((p) => p.name)))];
    expect(pathNames).toContain('shop.example.com');
    expect(await matrix.locator('thead th.path').allInnerTexts()).toEqual(pathNames);
    expect(await matrix.textContent()).toContain('outage');

    expect(await page.getByTestId('attestations').locator('tbody tr').count()).toBe(report.attestations.length);
    expect(await page.getByTestId('coverage').textContent()).toContain('Pillars examined');

    const screenshot = path.join(directory, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(fs.statSync(screenshot).size).toBeGreaterThan(1000);
    expect(fs.readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).toBe(false);

    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request === url || request.startsWith('data:'), request).toBe(true);
    await page.close();
  });
});
