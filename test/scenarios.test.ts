import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/cli/config-file.js';
import { loadParsers } from '../src/cli/parsers.js';
import { scanRepository } from '../src/cli/scan.js';
import { parseConfig } from '../src/config/parse.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const SCENARIO_FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'scenarios');

interface ExpectedPath {
  readonly name: string;
  readonly outcome: string;
  /** Compared to 4 significant digits. */
  readonly availability?: number;
  readonly recoverySeconds?: number;
  readonly failing?: readonly string[];
}

/** fixtures/scenarios/<scenario-id>/<case>/ with expected.json: the outcome per path, hand-computed in README.md. */
function scenarioCases(): { scenario: string; name: string; directory: string; expected: ExpectedPath[] }[] {
  if (!fs.existsSync(SCENARIO_FIXTURES)) return [];
  return fs
    .readdirSync(SCENARIO_FIXTURES)
    .sort()
    .flatMap((scenario) =>
      fs
        .readdirSync(path.join(SCENARIO_FIXTURES, scenario))
        .sort()
        .map((name) => {
          const directory = path.join(SCENARIO_FIXTURES, scenario, name);
          const expected = JSON.parse(fs.readFileSync(path.join(directory, 'expected.json'), 'utf8')) as {
            paths: ExpectedPath[];
          };
          return { scenario, name, directory, expected: expected.paths };
        }),
    );
}

let parsers: Awaited<ReturnType<typeof loadParsers>> = {};
beforeAll(async () => {
  parsers = await loadParsers();
});

const cases = scenarioCases();

describe('scenario fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const fixture of cases) {
    it(`${fixture.scenario}: ${fixture.name}`, () => {
      const loaded = loadConfig(fixture.directory, undefined, ['.']);
      const report = scanRepository({
        root: fixture.directory,
        paths: ['.'],
        exclude: [],
        config: loaded.config,
        version: 'test',
        parsers,
      });
      expect(report.parseIssues).toEqual([]);
      const scenario = report.scenarios.find((candidate) => candidate.id === fixture.scenario);
      expect(scenario, fixture.scenario).toBeDefined();
      expect(scenario?.assumptions.length).toBeGreaterThan(0);
      const actual = (scenario?.paths ?? []).map((entry) => ({
        name: entry.name,
        outcome: entry.outcome,
        ...(entry.availability === undefined ? {} : { availability: Number(entry.availability.toPrecision(4)) }),
        ...(entry.recoverySeconds === undefined ? {} : { recoverySeconds: entry.recoverySeconds }),
        failing: entry.failing,
      }));
      expect(actual).toEqual(
        fixture.expected.map((entry) => ({
          ...entry,
          ...(entry.availability === undefined ? {} : { availability: Number(entry.availability.toPrecision(4)) }),
          failing: entry.failing ?? [],
        })),
      );
    });
  }
});

describe('prodready scenarios', () => {
  async function run(argv: readonly string[]) {
    const { main } = await import('../src/cli/main.js');
    let stdout = '';
    const code = await main(argv, {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: () => true },
      env: {},
      cwd: REPOSITORY_ROOT,
    });
    return { code, stdout };
  }

  it('prints the matrix, the ceiling against the SLA with the error budget, the single points of failure and the assumptions', async () => {
    const { code, stdout } = await run(['scenarios', 'examples/acme-shop']);
    expect(code).toBe(0);
    expect(stdout).toContain('path              availability-ceiling  node-loss');
    expect(stdout).toContain('shop.example.com  98.51% DEGRADED       OUTAGE no bound');
    expect(stdout).toContain('Ceiling vs SLA 99.9%: the error budget is 43.83 min a month');
    expect(stdout).toContain(
      'Single point of failure: StatefulSet/shop/postgres runs a single replica (examples/acme-shop/k8s/postgres.yaml:8:3)',
    );
    expect(stdout).toContain('Assumptions:');
  });

  it('gives the same in the JSON report', async () => {
    const report = JSON.parse((await run(['scenarios', 'examples/acme-shop', '--format', 'json'])).stdout);
    const ceiling = report.scenarios.find((scenario: { id: string }) => scenario.id === 'availability-ceiling');
    expect(ceiling.budget).toEqual({
      sla: 99.9,
      budgetMinutes: 43.83,
      ceilingDowntimeMinutes: 655.3,
      consumedPercent: 1495,
    });
    expect(ceiling.paths[0].availability).toBeCloseTo(0.98505, 4);
  });
});

describe('scenarios in the verdict', () => {
  it('counts the failure scenarios the stage requires as blockers', async () => {
    const directory = path.join(SCENARIO_FIXTURES, 'availability-ceiling', 'self-hosted-postgres');
    const scan = (config: string) => {
      const parsed = parseConfig(config);
      if (!parsed.ok) throw new Error('config');
      return scanRepository({
        root: directory,
        paths: ['.'],
        exclude: [],
        config: parsed.config,
        version: 'test',
        parsers,
      });
    };
    const launch = scan('stage: launch\nsla: 99.9\n');
    const levels = Object.fromEntries(
      launch.scenarios.map((scenario) => [scenario.id, [scenario.level, scenario.failing]]),
    );
    expect(levels['availability-ceiling']).toEqual(['blocker', true]);
    expect(levels['node-loss']).toEqual(['blocker', true]);
    // the single PostgreSQL replica: restored by hand, and down during every rollout; web and api have no readiness probe
    expect(levels['datastore-failure']).toEqual(['blocker', true]);
    expect(levels['bad-rollout']).toEqual(['blocker', true]);
    // required from launch only with an SLA of 99.95% or more
    expect(levels['zone-outage']).toEqual(['advice', true]);
    expect(launch.verdict.blockerScenarios).toBe(4);
    const prototype = scan('stage: prototype\nsla: 99.9\n');
    expect(prototype.verdict.blockerScenarios).toBe(0);
    expect(prototype.scenarios.find((scenario) => scenario.id === 'node-loss')?.level).toBe('next');
  });
});

describe('scenarios and the exit code', () => {
  it('fails the threshold on a failed blocker scenario alone, and not on one that informs', async () => {
    const { failsThreshold } = await import('../src/cli/main.js');
    const directory = path.join(SCENARIO_FIXTURES, 'availability-ceiling', 'self-hosted-postgres');
    const loaded = loadConfig(directory, undefined, ['.']);
    const report = scanRepository({
      root: directory,
      paths: ['.'],
      exclude: [],
      config: loaded.config,
      version: 'test',
      parsers,
    });
    expect(report.verdict.blockerScenarios).toBeGreaterThan(0);
    // Only the scenarios left: findings and practices removed from the real report.
    const scenariosOnly = { ...report, findings: [], attestations: [] };
    expect(failsThreshold(scenariosOnly, 'blocker')).toBe(true);
    expect(failsThreshold(scenariosOnly, 'none')).toBe(false);
    const passing = {
      ...scenariosOnly,
      scenarios: report.scenarios.map((scenario) => ({ ...scenario, failing: false })),
    };
    expect(failsThreshold(passing, 'blocker')).toBe(false);
  });
});
