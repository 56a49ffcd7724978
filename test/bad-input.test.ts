// Hostile repositories (fixtures/bad-input): every case is scanned for real, in every format; the
// scan completes, reports each expected issue at its real line, still scans the other files and
// writes no absolute path of this machine. See fixtures/bad-input/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CORPUS,
  caseNames,
  type Expectation,
  materialiseCase,
  readExpectations,
  UNREADABLE_CASE,
} from './bad-input-corpus.js';
import { REPOSITORY_ROOT } from './fixtures.js';
import { runCli } from './harness.js';

const FORMATS = ['json', 'terminal', 'sarif', 'markdown', 'html', 'junit', 'codequality'] as const;
const asRoot = process.getuid?.() === 0;
const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-bad-input-'));
fs.chmodSync(temporary, 0o755);

afterAll(() => {
  // The unreadable case leaves modes that stop a recursive removal by a non-root user.
  execFileSync('chmod', ['-R', 'u+rwx', temporary]);
  fs.rmSync(temporary, { recursive: true, force: true });
});

interface ScanResult {
  readonly code: number;
  readonly report: {
    readonly parseIssues: { file: string; line: number; column: number; message: string }[];
    readonly findings: { location: { file: string; line: number } }[];
    readonly verdict: {
      readonly coverage: {
        skipped: { file: string; reason: string }[];
        charts: { chart: string; rendered: boolean; reason?: string }[];
        documents: { kubernetesObjects: number };
      };
    };
  };
  /** Every output file, every format. */
  readonly outputs: Readonly<Record<string, Buffer>>;
  readonly stderr: string;
}

/** Scans `root` writing every format to files under `out`; without root's power to read any file (in a child process) when asked. */
async function scan(
  root: string,
  out: string,
  extra: readonly string[] = [],
  unprivileged = false,
): Promise<ScanResult> {
  fs.mkdirSync(out, { recursive: true });
  fs.chmodSync(out, 0o777);
  const args = ['scan', '--no-cache', '--quiet', '--fail-on', 'none', '--jobs', '1', ...extra];
  for (const format of FORMATS) args.push('--format', `${format}=${path.join(out, `report.${format}`)}`);
  let code: number;
  let stderr: string;
  if (unprivileged) {
    // Root reads any file: drop the two capabilities that let it ignore file modes, and stay the
    // same user, so the checkout (wherever it is, whatever its modes) is still reachable.
    const child = spawnSync(
      'setpriv',
      [
        '--bounding-set=-dac_override,-dac_read_search',
        process.execPath,
        path.join(REPOSITORY_ROOT, 'bin', 'prodready.js'),
        ...args,
      ],
      { cwd: root, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, timeout: 60_000 },
    );
    code = child.status ?? -1;
    stderr = child.stderr;
  } else {
    const result = await runCli(args, { cwd: root, env: {} });
    code = result.code;
    stderr = result.stderr + result.stdout;
  }
  const outputs: Record<string, Buffer> = {};
  for (const format of FORMATS) {
    const file = path.join(out, `report.${format}`);
    if (fs.existsSync(file)) outputs[format] = fs.readFileSync(file);
  }
  const report = JSON.parse(outputs.json?.toString('utf8') ?? 'null') as ScanResult['report'];
  return { code, report, outputs, stderr };
}

/** Absolute paths of this machine that must never reach a report. */
function forbiddenPaths(root: string): string[] {
  return [
    ...new Set([root, fs.realpathSync(root), temporary, os.tmpdir(), os.homedir(), REPOSITORY_ROOT, '/work/', '/tmp/']),
  ];
}

function checkScan(result: ScanResult, expectations: readonly Expectation[], prefix: string, root: string): void {
  expect(result.stderr).not.toContain('internal error');
  expect([0, 1]).toContain(result.code);
  expect(Object.keys(result.outputs).sort()).toEqual([...FORMATS].sort());
  const { report } = result;
  const issues = report.parseIssues.filter((issue) => issue.file.startsWith(prefix));
  const skipped = report.verdict.coverage.skipped.filter((skip) => skip.file.startsWith(prefix));
  for (const issue of issues) {
    expect(issue.line, JSON.stringify(issue)).toBeGreaterThanOrEqual(1);
    expect(issue.column, JSON.stringify(issue)).toBeGreaterThanOrEqual(1);
  }
  const expectedIssues = expectations.filter((expectation) => expectation.type === 'issue');
  const expectedSkips = expectations.filter((expectation) => expectation.type === 'skipped');
  // Exactly the expected issues, each at its own line (not line 1 for everything).
  expect(issues.map((issue) => `${issue.file}:${issue.line}`).sort()).toEqual(
    expectedIssues.map((expectation) => `${prefix}${expectation.file}:${expectation.line}`).sort(),
  );
  for (const expectation of expectedIssues) {
    const found = issues.find(
      (issue) =>
        issue.file === `${prefix}${expectation.file}` &&
        issue.line === expectation.line &&
        // Whole-corpus scans prefix the paths that messages quote: the text is checked case by case.
        (prefix !== '' || issue.message.includes(expectation.text)),
    );
    expect(found, `issue ${expectation.file}:${expectation.line}: ${expectation.text}`).toBeDefined();
  }
  expect(skipped.map((skip) => `${skip.file} ${skip.reason}`).sort()).toEqual(
    expectedSkips.map((expectation) => `${prefix}${expectation.file} ${expectation.reason}`).sort(),
  );
  for (const expectation of expectations) {
    if (expectation.type === 'finding') {
      expect(
        report.findings.some((finding) => finding.location.file === `${prefix}${expectation.file}`),
        `a finding in ${expectation.file}`,
      ).toBe(true);
    } else if (expectation.type === 'chart') {
      const chart = report.verdict.coverage.charts.find((entry) => entry.chart === `${prefix}${expectation.chart}`);
      expect(chart?.rendered).toBe(false);
      expect(chart?.reason).toContain(expectation.text);
    } else if (expectation.type === 'objects') {
      expect(report.verdict.coverage.documents.kubernetesObjects).toBe(expectation.count);
    }
  }
  for (const [format, bytes] of Object.entries(result.outputs)) {
    const text = bytes.toString('latin1');
    for (const forbidden of forbiddenPaths(root)) {
      expect(text.includes(forbidden), `${format} output contains ${forbidden}`).toBe(false);
    }
  }
}

describe('bad-input corpus', () => {
  const names = caseNames();

  it('has at least 40 cases, each with its expectations and a file that still scans', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      const expectations = readExpectations(name);
      expect(
        expectations.some((expectation) => expectation.type === 'finding'),
        name,
      ).toBe(true);
    }
  });

  for (const name of names) {
    it(`${name}: completes, reports its issues at their lines, scans the rest, leaks no path`, async () => {
      const root = path.join(temporary, 'cases', name);
      materialiseCase(name, root);
      const unprivileged = name === UNREADABLE_CASE && asRoot;
      if (unprivileged) execFileSync('chmod', ['-R', 'a+rX', path.dirname(root)]);
      if (name === UNREADABLE_CASE) {
        fs.chmodSync(path.join(root, 'locked.yaml'), 0o000);
        fs.chmodSync(path.join(root, 'locked-directory'), 0o000);
      }
      const result = await scan(root, path.join(temporary, 'out', name), [], unprivileged);
      checkScan(result, readExpectations(name), '', root);
    });
  }

  it('scans the whole corpus at once and reports every case', async () => {
    const root = path.join(temporary, 'all');
    // The unreadable case is covered on its own: here everything runs in-process, as root in CI.
    const cases = names.filter((name) => name !== UNREADABLE_CASE);
    for (const name of cases) materialiseCase(name, path.join(root, name));
    const result = await scan(root, path.join(temporary, 'out-all'));
    expect(result.stderr).not.toContain('internal error');
    expect([0, 1]).toContain(result.code);
    for (const name of cases) {
      // Identical objects of several cases are one object here: findings are checked case by case.
      const expectations = readExpectations(name).filter(
        (expectation) => expectation.type !== 'objects' && expectation.type !== 'finding',
      );
      checkScan(
        {
          ...result,
          report: {
            ...result.report,
            verdict: {
              coverage: {
                ...result.report.verdict.coverage,
                skipped: result.report.verdict.coverage.skipped.filter((skip) => skip.file.startsWith(`${name}/`)),
              },
            },
          },
        },
        expectations,
        `${name}/`,
        root,
      );
    }
  }, 120_000);
});

describe('--strict', () => {
  it('exits 1 on a parse issue or a skipped file, which alone never change the exit code', async () => {
    const root = path.join(temporary, 'strict');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "x\n');
    const lenient = await runCli(['scan', '--no-cache', '--quiet', '--fail-on', 'none', '--format', 'json'], {
      cwd: root,
      env: {},
    });
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).parseIssues).toHaveLength(1);
    const strict = await runCli(['scan', '--no-cache', '--quiet', '--fail-on', 'none', '--strict'], {
      cwd: root,
      env: {},
    });
    expect(strict.code).toBe(1);

    fs.rmSync(path.join(root, 'bad.yaml'));
    fs.writeFileSync(path.join(root, 'binary.yaml'), Buffer.from([0, 1, 2, 3]));
    expect((await runCli(['scan', '--no-cache', '--quiet', '--fail-on', 'none'], { cwd: root, env: {} })).code).toBe(0);
    expect(
      (await runCli(['scan', '--no-cache', '--quiet', '--fail-on', 'none', '--strict'], { cwd: root, env: {} })).code,
    ).toBe(1);
    fs.rmSync(path.join(root, 'binary.yaml'));
    expect(
      (await runCli(['scan', '--no-cache', '--quiet', '--fail-on', 'none', '--strict'], { cwd: root, env: {} })).code,
    ).toBe(0);
  });
});

describe('resource limits', () => {
  const preload = path.join(REPOSITORY_ROOT, 'bench', 'peak-rss.mjs');

  /** Runs the built CLI on `root`; wall time in ms and peak RSS in MiB. */
  function measure(root: string): { ms: number; mib: number; code: number | null } {
    const rssFile = path.join(temporary, `rss-${path.basename(root)}`);
    const started = process.hrtime.bigint();
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        preload,
        path.join(REPOSITORY_ROOT, 'bin', 'prodready.js'),
        'scan',
        '--no-cache',
        '--quiet',
        '--jobs',
        '1',
        '--format',
        'json',
      ],
      {
        cwd: root,
        env: { PRODREADY_BENCH_RSS_FILE: rssFile, PATH: '/usr/bin:/bin' },
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { ms, mib: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, code: child.status };
  }

  it.each(['yaml-alias-bomb', 'yaml-deep-nesting', 'json-deep-nesting'])(
    '%s is handled in under 1 s and 200 MB more than an empty scan',
    (name) => {
      const baselineRoot = path.join(temporary, 'limits', 'baseline');
      fs.mkdirSync(baselineRoot, { recursive: true });
      fs.cpSync(path.join(CORPUS, name, 'good.yaml'), path.join(baselineRoot, 'good.yaml'));
      const root = path.join(temporary, 'limits', name);
      materialiseCase(name, root);
      const baseline = measure(baselineRoot);
      const hostile = measure(root);
      expect(hostile.code).toBe(1);
      expect(hostile.ms - baseline.ms).toBeLessThan(1000);
      expect(hostile.mib - baseline.mib).toBeLessThan(200);
      console.log(
        `${name}: ${Math.round(hostile.ms)} ms (empty scan ${Math.round(baseline.ms)} ms), peak RSS ${Math.round(hostile.mib)} MiB (empty scan ${Math.round(baseline.mib)} MiB)`,
      );
    },
  );
});
