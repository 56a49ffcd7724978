/**
 * `npm run bench`: generates synthetic monorepos of 1,000, 10,000 and 50,000 Kubernetes objects,
 * times a single-threaded parse floor, a cold scan (wall time and peak RSS) and a warm re-scan
 * after a one-file change, and writes the table to docs/benchmarks.md between markers.
 *
 *   npm run bench -- [--sizes 1000,10000,50000] [--out docs/benchmarks.md] [--no-write] [--seed 1] [--runs 1]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import jsyaml from 'js-yaml';
import { Language, Parser } from 'web-tree-sitter';
import { changeOneFile, generateMonorepo } from './generate.js';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPOSITORY_ROOT, 'bin', 'prodready.js');
const PEAK_RSS_PRELOAD = path.join(REPOSITORY_ROOT, 'bench', 'peak-rss.mjs');
const TERRAFORM_GRAMMAR = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';
const MEBIBYTE = 1024 * 1024;
const MEGABYTE = 1_000_000;

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

/** Kinds the generator writes: the scanner's count of these is its Kubernetes object count. */
const KUBERNETES_KINDS = new Set([
  'ConfigMap',
  'CronJob',
  'Deployment',
  'HorizontalPodAutoscaler',
  'Ingress',
  'PodDisruptionBudget',
  'Service',
  'ServiceAccount',
  'StatefulSet',
]);

export interface SizeResult {
  /** Objects asked for. */
  readonly size: number;
  readonly files: number;
  readonly bytes: number;
  /** Kubernetes objects written. */
  readonly objects: number;
  readonly parseFloorMs: number;
  readonly parseFloorMegabytesPerSecond: number;
  /** Median of the cold runs. */
  readonly coldScanMs: number;
  readonly ratio: number;
  readonly filesPerSecond: number;
  readonly objectsPerSecond: number;
  readonly peakRssMebibytes: number;
  readonly warmScanMs: number;
  /** Warm re-scan as a percentage of the cold scan. */
  readonly warmPercent: number;
  /** What the cold scan's JSON report says about the generated repository. */
  readonly scanned: { readonly parseIssues: number; readonly kubernetesObjects: number };
}

export interface MeasureOptions {
  readonly objects: number;
  readonly seed: number;
  /** Cold-scan repetitions; the median is reported. */
  readonly runs: number;
  readonly log?: (line: string) => void;
}

interface Hcl {
  readonly parser: Parser;
}

async function loadHcl(): Promise<Hcl> {
  await Parser.init();
  const language = await Language.load(createRequire(import.meta.url).resolve(TERRAFORM_GRAMMAR));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** Reads and parses every YAML and Terraform file in this process; times the reads and parse calls only. */
function measureParseFloor(root: string, yamlFiles: readonly string[], terraformFiles: readonly string[], hcl: Hcl) {
  let elapsed = 0;
  let bytes = 0;
  for (const file of yamlFiles) {
    const start = performance.now();
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    jsyaml.loadAll(text);
    elapsed += performance.now() - start;
    bytes += Buffer.byteLength(text);
  }
  for (const file of terraformFiles) {
    const start = performance.now();
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const tree = hcl.parser.parse(text);
    elapsed += performance.now() - start;
    bytes += Buffer.byteLength(text);
    if (tree === null) throw new Error(`tree-sitter returned no tree for ${file}`);
    tree.delete();
  }
  return { ms: elapsed, megabytesPerSecond: bytes / MEGABYTE / (elapsed / 1000) };
}

/** Runs the built CLI on `root` and returns wall time, peak RSS and the JSON report. */
function scan(root: string, scratch: string): { ms: number; peakRssKibibytes: number; report: unknown } {
  const reportFile = path.join(scratch, 'report.json');
  const rssFile = path.join(scratch, 'rss.txt');
  fs.rmSync(reportFile, { force: true });
  fs.rmSync(rssFile, { force: true });
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(PEAK_RSS_PRELOAD).href,
      CLI,
      'scan',
      '.',
      '--format',
      `json=${reportFile}`,
      '--fail-on',
      'none',
      '--quiet',
    ],
    {
      cwd: root,
      env: { ...process.env, PRODREADY_BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 64 * MEBIBYTE,
    },
  );
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`prodready scan exited with ${result.status ?? result.signal} on ${root}:\n${result.stderr}`);
  }
  return {
    ms,
    peakRssKibibytes: Number(fs.readFileSync(rssFile, 'utf8')),
    report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as unknown,
  };
}

/** Parse issues and Kubernetes objects from a JSON report's coverage. */
function readCoverage(report: unknown): SizeResult['scanned'] {
  const coverage = (report as { verdict?: { coverage?: unknown } }).verdict?.coverage as
    | { parseIssues: number; objects: { modelled: Record<string, number> } }
    | undefined;
  if (coverage === undefined) throw new Error('the JSON report has no verdict.coverage');
  let kubernetesObjects = 0;
  for (const [kind, count] of Object.entries(coverage.objects.modelled)) {
    if (KUBERNETES_KINDS.has(kind)) kubernetesObjects += count;
  }
  return { parseIssues: coverage.parseIssues, kubernetesObjects };
}

/**
 * Generates one repository in a fresh temporary directory, measures it and removes it. Uses
 * the built CLI (bin/prodready.js → dist/): build first.
 */
export async function measureSize(options: MeasureOptions): Promise<SizeResult> {
  const log = options.log ?? (() => {});
  const hcl = await loadHcl();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-bench-'));
  const root = path.join(scratch, 'repository');
  try {
    log(`generating ${options.objects} objects…`);
    const generated = generateMonorepo({ root, objects: options.objects, seed: options.seed });
    log('parse floor…');
    // The faster of two passes: the first also warms up the parsers' compiled code, which a
    // single cold pass would charge to the floor and so flatter the ratio.
    const floor = [0, 1]
      .map(() => measureParseFloor(root, generated.yamlFiles, generated.terraformFiles, hcl))
      .reduce((best, pass) => (pass.ms < best.ms ? pass : best));
    const cold: number[] = [];
    let peakRssKibibytes = 0;
    let report: unknown;
    for (let run = 0; run < options.runs; run++) {
      log(`cold scan${options.runs > 1 ? ` ${run + 1}/${options.runs}` : ''}…`);
      fs.rmSync(path.join(root, '.prodready'), { recursive: true, force: true });
      const result = scan(root, scratch);
      cold.push(result.ms);
      peakRssKibibytes = Math.max(peakRssKibibytes, result.peakRssKibibytes);
      report = result.report;
    }
    log('warm re-scan…');
    scan(root, scratch);
    changeOneFile(root);
    const warm = scan(root, scratch);
    const coldScanMs = median(cold);
    return {
      size: options.objects,
      files: generated.files,
      bytes: generated.bytes,
      objects: generated.objects,
      parseFloorMs: floor.ms,
      parseFloorMegabytesPerSecond: floor.megabytesPerSecond,
      coldScanMs,
      ratio: coldScanMs / floor.ms,
      filesPerSecond: generated.files / (coldScanMs / 1000),
      objectsPerSecond: generated.objects / (coldScanMs / 1000),
      peakRssMebibytes: peakRssKibibytes / 1024,
      warmScanMs: warm.ms,
      warmPercent: (warm.ms / coldScanMs) * 100,
      scanned: readCoverage(report),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** `prodready --version` wall time, median of `runs` runs. */
export function measureStartup(runs = 10): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`prodready --version exited with ${result.status}:\n${result.stderr}`);
  }
  return median(times);
}

type GoalState = 'met' | 'not met' | 'not measured';

interface Goal {
  readonly text: string;
  readonly state: GoalState;
}

function state(measured: boolean, met: boolean): GoalState {
  if (!measured) return 'not measured';
  return met ? 'met' : 'not met';
}

/** The goals, each met or not from the figures. */
export function judgeGoals(results: readonly SizeResult[], startupMs: number): Goal[] {
  const largest = results.find((result) => result.size === 50_000);
  const warmSizes = results.filter((result) => result.size === 10_000 || result.size === 50_000);
  return [
    {
      text: 'cold scan ≤ 1.0 × parse floor at every size',
      state: state(
        results.length > 0,
        results.every((result) => result.ratio <= 1),
      ),
    },
    {
      text: '50,000 objects: cold scan ≤ 5 s and peak RSS ≤ 1 GiB',
      state: state(
        largest !== undefined,
        largest !== undefined && largest.coldScanMs <= 5000 && largest.peakRssMebibytes <= 1024,
      ),
    },
    {
      text: 'warm re-scan ≤ 5 % of cold at 10,000 and 50,000 objects',
      state: state(
        warmSizes.length > 0,
        warmSizes.every((result) => result.warmPercent <= 5),
      ),
    },
    { text: '`prodready --version` ≤ 150 ms', state: state(true, startupMs <= 150) },
  ];
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The Markdown table of the results (one row per size). */
export function renderTable(results: readonly SizeResult[]): string {
  const header = [
    'objects asked',
    'files',
    'MB',
    'objects',
    'parse floor ms',
    'cold scan ms',
    'scan / floor',
    'files/s',
    'objects/s',
    'peak RSS MiB',
    'warm re-scan ms',
    'warm %',
  ];
  const rows = results.map((result) => [
    integerFormat.format(result.size),
    integerFormat.format(result.files),
    decimalFormat.format(result.bytes / MEGABYTE),
    integerFormat.format(result.objects),
    integerFormat.format(result.parseFloorMs),
    integerFormat.format(result.coldScanMs),
    `${decimalFormat.format(result.ratio)}×`,
    integerFormat.format(result.filesPerSecond),
    integerFormat.format(result.objectsPerSecond),
    integerFormat.format(result.peakRssMebibytes),
    integerFormat.format(result.warmScanMs),
    `${decimalFormat.format(result.warmPercent)} %`,
  ]);
  return [header, header.map(() => '---:'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface BenchRun {
  readonly command: string;
  readonly date: string;
  readonly results: readonly SizeResult[];
  readonly startupMs: number;
}

/** The generated block of docs/benchmarks.md, markers included. */
export function renderBlock(run: BenchRun): string {
  const cpus = os.cpus();
  const machine = `${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${decimalFormat.format(os.totalmem() / 1024 ** 3)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const floorSpeeds = run.results
    .map(
      (result) =>
        `${integerFormat.format(result.size)}: ${decimalFormat.format(result.parseFloorMegabytesPerSecond)} MB/s`,
    )
    .join('; ');
  const scanned = run.results
    .map(
      (result) =>
        `${integerFormat.format(result.size)}: ${result.scanned.parseIssues} parse issues, ${integerFormat.format(result.scanned.kubernetesObjects)} Kubernetes objects modelled`,
    )
    .join('; ');
  return [
    START_MARKER,
    '',
    `Measured on ${run.date}: ${machine}.`,
    '',
    `Command: \`${run.command}\``,
    '',
    renderTable(run.results),
    '',
    `Parse floor speed (js-yaml \`loadAll\` and tree-sitter HCL, one thread): ${floorSpeeds}.`,
    '',
    `What the scanner saw: ${scanned}.`,
    '',
    `\`prodready --version\`: ${integerFormat.format(run.startupMs)} ms (median of 10).`,
    '',
    '| goal | state |',
    '| --- | --- |',
    ...judgeGoals(run.results, run.startupMs).map((goal) => `| ${goal.text} | ${goal.state} |`),
    '',
    END_MARKER,
  ].join('\n');
}

const DEFAULT_PROSE = `# Benchmarks

\`npm run bench\` generates synthetic monorepos (bench/generate.ts: services with Kubernetes
manifests, a third of them through Kustomize, Dockerfiles, Compose, CI pipelines and Terraform),
deterministic from a seed, and times the built CLI on them. The *parse floor* is the time to read
and parse the same YAML and Terraform files in one thread, with no model or rules: a scan cannot
be much faster than that. The block below is regenerated; text outside the markers is kept.

`;

/** `existing` with the generated block replaced, or a new document around the block. */
export function replaceBlock(existing: string | undefined, block: string): string {
  if (existing === undefined) return `${DEFAULT_PROSE}${block}\n`;
  const start = existing.indexOf(START_MARKER);
  const end = existing.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) return `${existing.trimEnd()}\n\n${block}\n`;
  return `${existing.slice(0, start)}${block}${existing.slice(end + END_MARKER.length)}`;
}

class UsageError extends Error {}

interface BenchOptions {
  readonly sizes: readonly number[];
  readonly out: string;
  readonly write: boolean;
  readonly seed: number;
  readonly runs: number;
}

function positiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new UsageError(`${flag} "${value}" is not accepted: give a positive whole number.`);
  }
  return number;
}

function readArguments(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string', default: '1000,10000,50000' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'no-write': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '1' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  let values: ReturnType<typeof readArguments>;
  try {
    values = readArguments(argv);
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}. Accepted: --sizes 1000,10000,50000 --out <file> --no-write --seed <n> --runs <n>.`,
    );
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UsageError(`--seed "${values.seed}" is not accepted: give a whole number ≥ 0.`);
  }
  return {
    sizes: values.sizes.split(',').map((size) => positiveInteger('--sizes', size.trim())),
    out: values.out,
    write: !values['no-write'],
    seed,
    runs: positiveInteger('--runs', values.runs),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log('building (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`npm run build exited with ${build.status}`);
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    results.push(await measureSize({ objects: size, seed: options.seed, runs: options.runs, log }));
  }
  log('prodready --version…');
  const startupMs = measureStartup();
  const run: BenchRun = {
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    date: new Date().toISOString().slice(0, 10),
    results,
    startupMs,
  };
  const block = renderBlock(run);
  process.stdout.write(`${block}\n`);
  if (options.write) {
    const out = path.resolve(REPOSITORY_ROOT, options.out);
    const existing = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, replaceBlock(existing, block));
    log(`wrote ${path.relative(REPOSITORY_ROOT, out)}`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
