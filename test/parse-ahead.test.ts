import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOneFile, generateMonorepo } from '../bench/generate.js';
import { type CacheOptions, cacheSigningKey, parseAhead } from '../src/cli/parse-ahead.js';
import { loadParsers } from '../src/cli/parsers.js';
import { DEFAULT_CONFIG, discoverSources } from '../src/cli/scan.js';
import type { FileParse } from '../src/parse/file-parse.js';
import type { ParseOptions } from '../src/parse/parse-sources.js';
import { runCli } from './harness.js';

/** Big enough for several worker batches (about 0.6 MB), with Terraform, Kustomize and CI files. */
const OBJECTS = 1000;
const temporary: string[] = [];
let parsers: ParseOptions;

function generated(seed = 5): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-ahead-'));
  temporary.push(root);
  generateMonorepo({ root, objects: OBJECTS, seed });
  return root;
}

/** The JSON report of a scan of `root`, without the run block (times differ from run to run). */
async function scanJson(root: string, ...flags: string[]): Promise<string> {
  const out = path.join(root, '..', `${path.basename(root)}-${flags.join('_').replace(/[^\w]/g, '')}.json`);
  temporary.push(out);
  const result = await runCli(['scan', '.', '--format', `json=${out}`, '--fail-on', 'none', '--quiet', ...flags], {
    cwd: root,
    env: { PRODREADY_CACHE_KEY: 'test-key' },
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
  delete report.run;
  return JSON.stringify(report);
}

function cacheOptions(root: string, overrides: Partial<CacheOptions> = {}): CacheOptions {
  return {
    directory: path.join(root, '.prodready', 'cache'),
    version: '1.0.0',
    config: '{}',
    signingKey: cacheSigningKey({ PRODREADY_CACHE_KEY: 'test-key' }),
    ...overrides,
  };
}

/** A file parse with its position table as a list: the keys are the value's own objects, in parse order. */
function comparable(parse: FileParse | undefined): unknown {
  if (parse?.format !== 'yaml') return parse;
  return { ...parse.yaml, positions: [...parse.yaml.positions.entries()] };
}

beforeAll(async () => {
  parsers = await loadParsers();
});

afterAll(() => {
  for (const entry of temporary) fs.rmSync(entry, { recursive: true, force: true });
});

describe('parsing on worker threads', () => {
  it('gives the same file parses as the main thread, byte for byte', async () => {
    const root = generated();
    const { files } = discoverSources({ root, paths: ['.'], exclude: [], config: DEFAULT_CONFIG });
    const here = await parseAhead(files, { hcl: parsers.hcl, jobs: 1 });
    const threaded = await parseAhead(files, { hcl: parsers.hcl, jobs: 2 });
    expect(here.stats.workers).toBe(0);
    expect(threaded.stats.workers).toBe(2);
    expect(threaded.stats.parsed).toBe(here.stats.parsed);
    expect(here.stats.files).toBeGreaterThan(200);
    expect(files.some((file) => file.kind === 'terraform' && threaded.preparsed.get(file.path)?.format === 'hcl')).toBe(
      true,
    );
    expect([...threaded.preparsed.keys()].sort()).toEqual([...here.preparsed.keys()].sort());
    for (const [file, parse] of here.preparsed)
      expect(comparable(threaded.preparsed.get(file)), file).toEqual(comparable(parse));
  });

  it('gives a report identical to the single-threaded scan', async () => {
    const root = generated(6);
    const single = await scanJson(root, '--jobs', '1', '--no-cache');
    const threaded = await scanJson(root, '--jobs', '2', '--no-cache');
    expect(threaded).toBe(single);
    expect(JSON.parse(single).verdict.coverage.parseIssues).toBe(0);
  });

  it('refuses a --jobs value that is not a count, naming it', async () => {
    const result = await runCli(['scan', '.', '--jobs', 'lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--jobs takes "auto" or a whole number from 1 to 64, not "lots"');
  });
});

describe('the parse cache', () => {
  it('re-parses only the changed file, and the report equals a cold scan of the changed tree', async () => {
    const root = generated(7);
    const cold = await scanJson(root, '--jobs', '1');
    expect(fs.existsSync(path.join(root, '.prodready', 'cache', 'parse.bin'))).toBe(true);
    // git is told to leave the cache alone, so a scan does not leave the checkout dirty.
    expect(fs.readFileSync(path.join(root, '.prodready', 'cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(await scanJson(root, '--jobs', '1')).toBe(cold);

    const { files } = discoverSources({ root, paths: ['.'], exclude: [], config: DEFAULT_CONFIG });
    const before = await parseAhead(files, { hcl: parsers.hcl, jobs: 1, cache: cacheOptions(root) });
    expect(before.stats.cached).toBe(0); // another version and config than the CLI's: not reused

    changeOneFile(root);
    const changed = discoverSources({ root, paths: ['.'], exclude: [], config: DEFAULT_CONFIG }).files;
    const warm = await parseAhead(changed, { hcl: parsers.hcl, jobs: 1, cache: cacheOptions(root) });
    expect(warm.stats).toMatchObject({ files: before.stats.files, parsed: 1, cached: before.stats.files - 1 });

    const rescan = await scanJson(root, '--jobs', '1');
    expect(rescan).not.toBe(cold);
    expect(rescan).toBe(await scanJson(root, '--jobs', '1', '--no-cache'));
  });

  it('gives back what was parsed, and is not reused across tool versions or configurations', async () => {
    const root = generated(8);
    const { files } = discoverSources({ root, paths: ['.'], exclude: [], config: DEFAULT_CONFIG });
    await parseAhead(files, { hcl: parsers.hcl, jobs: 1, cache: cacheOptions(root) });
    const again = await parseAhead(files, { hcl: parsers.hcl, jobs: 1, cache: cacheOptions(root) });
    expect(again.stats.parsed).toBe(0);
    const fresh = await parseAhead(files, { hcl: parsers.hcl, jobs: 1 });
    for (const [file, parse] of fresh.preparsed)
      expect(comparable(again.preparsed.get(file)), file).toEqual(comparable(parse));
    const upgraded = await parseAhead(files, {
      hcl: parsers.hcl,
      jobs: 1,
      cache: cacheOptions(root, { version: '1.0.1' }),
    });
    expect(upgraded.stats.cached).toBe(0);
    const configured = await parseAhead(files, {
      hcl: parsers.hcl,
      jobs: 1,
      cache: cacheOptions(root, { config: '{"stage":"scale"}' }),
    });
    expect(configured.stats.cached).toBe(0);
  });

  it('ignores a cache signed with another key, or damaged, and still scans', async () => {
    const root = generated(9);
    const { files } = discoverSources({ root, paths: ['.'], exclude: [], config: DEFAULT_CONFIG });
    // A cache planted in the repository (signed by someone else's key) could hide findings.
    await parseAhead(files, {
      hcl: parsers.hcl,
      jobs: 1,
      cache: cacheOptions(root, { signingKey: cacheSigningKey({ PRODREADY_CACHE_KEY: 'attacker' }) }),
    });
    const planted = await parseAhead(files, { hcl: parsers.hcl, jobs: 1, cache: cacheOptions(root) });
    expect(planted.stats.cached).toBe(0);
    expect(planted.stats.cacheProblem).toMatch(/not signed by this machine's key/);

    const cacheFile = path.join(root, '.prodready', 'cache', 'parse.bin');
    const bytes = fs.readFileSync(cacheFile);
    fs.writeFileSync(cacheFile, bytes.subarray(0, bytes.length / 2));
    const damaged = await parseAhead(files, { hcl: parsers.hcl, jobs: 1, cache: cacheOptions(root) });
    expect(damaged.stats.cached).toBe(0);
    expect(damaged.preparsed.size).toBe(damaged.stats.files);
  });

  it('reports a cache it cannot save and finishes the scan', async () => {
    const root = generated(10);
    fs.writeFileSync(path.join(root, '.prodready'), 'not a directory');
    const result = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'none'], {
      cwd: root,
      env: { PRODREADY_CACHE_KEY: 'test-key' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^prodready: the cache could not be saved in .*\.prodready\/cache: /m);
    expect(JSON.parse(result.stdout).verdict.coverage.parseIssues).toBe(0);
  });

  it('keeps its signing key outside the repository, readable by its owner only', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-key-'));
    temporary.push(home);
    const first = cacheSigningKey({ XDG_CACHE_HOME: home });
    const again = cacheSigningKey({ XDG_CACHE_HOME: home });
    expect(again.equals(first)).toBe(true);
    const file = path.join(home, 'prodready', 'cache-key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(cacheSigningKey({ XDG_CACHE_HOME: home, PRODREADY_CACHE_KEY: 'ci' }).equals(first)).toBe(false);
  });
});
