import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { LEVELS, type Level } from '../core/vocabulary.js';
import type { InternalFailure } from '../engine/evaluate.js';
import { LEVEL_RANK } from '../engine/levels.js';
import type { Report } from '../engine/report-types.js';

export const EXIT = { ready: 0, findings: 1, usage: 2, internal: 3 } as const;

const SCAN_FORMATS = ['terminal', 'json', 'sarif', 'codequality', 'html'] as const;
const RULES_FORMATS = ['terminal', 'json', 'markdown'] as const;
const FAIL_ON = [...LEVELS, 'none'] as const;
const DIFF_FORMATS = ['terminal', 'json', 'markdown'] as const;

export interface Io {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Standard input, for `scan --stdin`. */
  readonly stdin?: AsyncIterable<string | Buffer>;
}

const processIo: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
};

interface Manifest {
  readonly version: string;
  readonly bugs?: string | { readonly url?: string };
  readonly repository?: string | { readonly url?: string };
}

function readManifest(): Manifest {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;
}

export function toolVersion(): string {
  return readManifest().version;
}

/** Where to report a bug: package.json's `bugs`, else its repository's issues, else the placeholder the docs use. */
export function issueUrl(manifest: Omit<Manifest, 'version'> = readManifest()): string {
  const bugs = typeof manifest.bugs === 'string' ? manifest.bugs : manifest.bugs?.url;
  if (bugs !== undefined && bugs !== '') return bugs;
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const github = repository?.match(/github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/)?.[1];
  return github === undefined ? 'https://github.com/your-org/prodready/issues' : `https://github.com/${github}/issues`;
}

/**
 * What a scan runs: the registries by default. Tests pass their own (a deliberately failing
 * rule) to see how the command line handles a bug, without any switch in production code.
 */
export interface Registries {
  readonly rules?: readonly import('../rules/define-rule.js').Rule[];
  readonly attestations?: readonly import('../attestations/define-attestation.js').AttestationDefinition[];
  readonly scenarios?: readonly import('../scenarios/define-scenario.js').Scenario[];
}

/** Runs the command line and returns the exit code. The only place that decides one. */
export async function main(argv: readonly string[], io: Io = processIo, registries: Registries = {}): Promise<number> {
  let exitCode: number = EXIT.ready;
  const debug = argv.includes('--debug');
  const program = new Command('prodready')
    .description('Production-readiness review of a repository, for your stage, SLA and industry.')
    .version(toolVersion(), '-v, --version', 'print the version')
    .option('--debug', 'print stack traces of internal errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('scan')
    .description('scan a repository and print the readiness verdict')
    .argument('[paths...]', 'directories or files to scan, relative to the current directory', ['.'])
    .addOption(
      new Option(
        '-f, --format <format[=file]>',
        `output format, optionally written to a file; repeatable (--format sarif=results.sarif --format markdown=summary.md); one of ${outputFormatList()}`,
      )
        .argParser(collect)
        .default([], 'terminal'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding at or above this level remains')
        .choices(FAIL_ON)
        .default('blocker'),
    )
    .option('--exclude <glob>', 'leave out paths matching a .gitignore-style pattern (repeatable)', collect, [])
    .option('-c, --config <file>', 'the prodready.yaml to use (default: in the scanned directory, then here)')
    .option('--stdin', 'also scan rendered manifests from standard input (helm template … | prodready scan --stdin)')
    .option('--baseline <file>', 'a previous JSON report: mark findings new or unchanged and list the fixed ones')
    .option(
      '--fail-on-new',
      'with --baseline, instead of --fail-on: exit 1 only when the change adds a blocker, lowers the verdict, worsens a scenario or drops the availability ceiling below the SLA',
    )
    .option(
      '--strict',
      'also exit 1 when a file could not be read or parsed (a parse issue or a skipped file); without it they are reported but do not change the exit code',
    )
    .option('-q, --quiet', 'show no progress on standard error (shown only on a terminal, for scans that take a while)')
    .option('--save', 'save the run in the history (default: .prodready/history.db under the scanned directory)')
    .option('--database <path|url>', 'with --save: the SQLite file or postgres:// URL of the history')
    .option('--upload <url>', 'after the scan, post the run to a "prodready serve" at this URL (needs --token)')
    .option('--token <token>', "with --upload: the server's bearer token (default: $PRODREADY_TOKEN)")
    .option('--no-cache', 'parse every file again instead of reusing .prodready/cache under the scanned directory')
    .option(
      '--jobs <n>',
      'worker threads that parse files: a number, or auto (one per core on 4 or more cores when there is enough to parse)',
      parseJobs,
      'auto' as const,
    )
    .action(async (paths: string[], options: Omit<ScanCommandOptions, 'format' | 'outputs'> & { format: string[] }) => {
      const outputs = parseOutputs(options.format, options.output);
      exitCode = await runScan(paths, { ...options, format: 'terminal', outputs }, io, { registries, debug });
    });

  program
    .command('scenarios')
    .description('what happens when a node fails, and how available each user path can be')
    .argument('[paths...]', 'directories or files to scan, relative to the current directory', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(SCAN_FORMATS).default('terminal'))
    .option('-c, --config <file>', 'the prodready.yaml to use (default: in the scanned directory, then here)')
    .option('--traffic-multiplier <number>', "traffic scenario: test N times the profile's peakRps (default 10)")
    .option(
      '--assume <change>',
      'what if: zones=N, replicas:<workload>=N, managed:<datastore>[@cloud], ha:<managed service>=zone-redundant (repeatable)',
      collect,
      [],
    )
    .option('-q, --quiet', 'show no progress on standard error (shown only on a terminal, for scans that take a while)')
    .action(
      async (
        paths: string[],
        options: {
          format: (typeof SCAN_FORMATS)[number];
          config?: string;
          trafficMultiplier?: string;
          assume: string[];
          quiet?: boolean;
        },
      ) => {
        exitCode = await runScan(paths, { ...options, failOn: 'none', exclude: [], view: 'scenarios' }, io, {
          registries,
          debug,
        });
      },
    );

  program
    .command('diff')
    .description('what changed between two JSON reports: new and fixed findings, verdict and scenarios')
    .argument('<old>', 'the earlier report (scan --format json)')
    .argument('<new>', 'the later report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('terminal'))
    .option('--fail-on-new', 'exit 1 when the later report is less ready than the earlier one')
    .action(
      async (older: string, newer: string, options: { format: (typeof DIFF_FORMATS)[number]; failOnNew?: boolean }) => {
        const { readReportFile } = await import('./baseline-file.js');
        const before = await readReportFile(older, io.cwd, 'report');
        const after = await readReportFile(newer, io.cwd, 'report');
        const { compareWithBaseline, isLessReady } = await import('../engine/baseline.js');
        const comparison = compareWithBaseline(after.report, before.report, before.file);
        const diff = await import('../report/diff.js');
        const render =
          options.format === 'json'
            ? diff.renderDiffJson
            : options.format === 'markdown'
              ? diff.renderDiffMarkdown
              : diff.renderDiffTerminal;
        io.stdout.write(render(comparison, { current: after.file }));
        exitCode = options.failOnNew === true && isLessReady(comparison) ? EXIT.findings : EXIT.ready;
      },
    );

  program
    .command('history')
    .description('list saved runs (scan --save) and the trend of verdict, blockers and pillar scores')
    .argument('[path]', 'the scanned directory whose .prodready/history.db to read', '.')
    .option('--database <path|url>', 'the SQLite file or postgres:// URL of the history')
    .option('--project <name>', 'show only this project')
    .action(async (directory: string, options: { database?: string; project?: string }) => {
      const { runHistory } = await import('./history.js');
      await runHistory([directory], options, io);
    });

  program
    .command('serve')
    .description('serve the run history over HTTP: ingest API for CI uploads (scan --upload) and JSON reads')
    .option('--port <number>', 'the port to listen on (0 picks a free one)', '4280')
    .option('--host <address>', 'the address to bind; anything but loopback needs --token', '127.0.0.1')
    .option(
      '--database <path|url>',
      'the SQLite file or postgres:// URL of the history (default: .prodready/history.db here)',
    )
    .option('--token <token>', 'the bearer token clients send; enables uploads (default: $PRODREADY_TOKEN)')
    .action(async (options: import('./serve.js').ServeFlags) => {
      const { runServe } = await import('./serve.js');
      await runServe(options, io);
    });

  program
    .command('rules')
    .description('list the rules prodready checks')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RULES_FORMATS).default('terminal'))
    .action(async (options: { format: (typeof RULES_FORMATS)[number] }) => {
      const { ALL_RULES } = await import('../rules/index.js');
      const { renderCatalogueJson, renderCatalogueMarkdown, renderCatalogueTerminal } = await import(
        '../report/catalogue.js'
      );
      const text =
        options.format === 'json'
          ? renderCatalogueJson(ALL_RULES)
          : options.format === 'markdown'
            ? renderCatalogueMarkdown(ALL_RULES, 'docs/rules/')
            : renderCatalogueTerminal(ALL_RULES);
      io.stdout.write(text);
    });

  program
    .command('explain')
    .description('explain one rule: what, why, how to fix')
    .argument('<rule-id>', 'the rule to explain, e.g. require-readiness-probe')
    .action(async (ruleId: string) => {
      const { ALL_RULES, findRule } = await import('../rules/index.js');
      const { renderExplain } = await import('../report/catalogue.js');
      const rule = findRule(ruleId);
      if (rule === undefined) throw new UsageError(unknownRuleMessage(ruleId, ALL_RULES));
      io.stdout.write(renderExplain(rule));
    });

  program
    .command('init')
    .description('write a commented prodready.yaml with the readiness profile (asks on a terminal)')
    .option('--stage <stage>', 'prototype, launch, growth or enterprise')
    .option('--sla <percent>', 'availability promised per month, e.g. 99.9, or none')
    .option('--rto <duration>', 'recovery time objective, e.g. 1h, or none')
    .option('--rpo <duration>', 'recovery point objective, e.g. 15m, or none')
    .option('--peak-rps <number>', 'expected peak requests per second, or none')
    .option('--compliance <list>', 'comma-separated: soc2, hipaa, pci-dss, gdpr, iso27001, or none')
    .option('--cloud <cloud>', 'azure, aws, gcp, other, or none')
    .option('-y, --yes', 'do not ask: take the flags, and the defaults for the rest')
    .option('--force', 'overwrite an existing file')
    .option('-o, --output <file>', 'where to write (default: prodready.yaml here)')
    .action(async (options: import('./init.js').InitFlags) => {
      const { runInit } = await import('./init.js');
      await runInit(options, io, process.stdin);
    });

  program
    .command('attest')
    .description('record or renew a human attestation for a practice files cannot show')
    .argument('<id>', 'the practice, e.g. on-call-rotation')
    .requiredOption('--by <name>', 'who attests: a name or a team')
    .requiredOption('--evidence <link>', 'a link or a repository path that shows it')
    .option('--date <date>', 'when the practice was last done or checked, YYYY-MM-DD (default: today)')
    .option('--expires <date>', 'when the attestation stops counting, YYYY-MM-DD')
    .option('-c, --config <file>', 'the prodready.yaml to edit (default: prodready.yaml here)')
    .action(async (id: string, options: import('./attest.js').AttestFlags) => {
      const { runAttest } = await import('./attest.js');
      runAttest(id, options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
        return EXIT.ready;
      }
      if (error.code === 'commander.help') return EXIT.ready;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`prodready: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(
      `prodready: internal error. This is a bug; please report it at ${issueUrl()} with the command you ran.\n`,
    );
    if (debug && error instanceof Error) io.stderr.write(`${error.stack ?? error.message}\n`);
    else io.stderr.write('Run again with --debug to print the stack trace.\n');
    return EXIT.internal;
  }
}

/** `--jobs`: 'auto' or a whole number of worker threads (1 parses on the main thread). */
function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new UsageError(`--jobs takes "auto" or a whole number from 1 to 64, not "${value}".`);
  }
  return jobs;
}

interface ScanCommandOptions {
  /** `scan --jobs`: worker threads for parsing. */
  readonly jobs?: number | 'auto';
  /** `scan --no-cache` makes this false. */
  readonly cache?: boolean;
  readonly format: (typeof SCAN_FORMATS)[number];
  /** `scan --format`, parsed: every report to write and where; when absent, `format` to `output`. */
  readonly outputs?: readonly ScanOutput[];
  readonly output?: string;
  readonly failOn: Level | 'none';
  readonly exclude: string[];
  readonly config?: string;
  readonly stdin?: boolean;
  /** `scenarios` prints the scenario matrix instead of the findings. */
  readonly view?: 'scenarios';
  /** `scenarios --traffic-multiplier`, as written. */
  readonly trafficMultiplier?: string;
  /** `scenarios --assume`, as written. */
  readonly assume?: readonly string[];
  /** `scan --baseline`: a previous JSON report to compare with. */
  readonly baseline?: string;
  /** `scan --fail-on-new`: decide the exit code by the change since the baseline. */
  readonly failOnNew?: boolean;
  /** `scan --strict`: a parse issue or a skipped file also exits 1. */
  readonly strict?: boolean;
  /** `--quiet`: no progress on standard error. */
  readonly quiet?: boolean;
  /** `scan --save`: store the run in the history. */
  readonly save?: boolean;
  /** `scan --database`: where the history is. */
  readonly database?: string;
  /** `scan --upload`: the `prodready serve` to post the run to. */
  readonly upload?: string;
  /** `scan --token`: the bearer token for `--upload`. */
  readonly token?: string;
}

async function runScan(
  paths: readonly string[],
  options: ScanCommandOptions,
  io: Io,
  run: { readonly registries: Registries; readonly debug: boolean },
): Promise<number> {
  const { scanRepository } = await import('./scan.js');
  const { parseTrafficMultiplier } = await import('../scenarios/traffic.js');
  const { parseAssumption } = await import('../scenarios/assume.js');
  const trafficMultiplier =
    options.trafficMultiplier === undefined ? undefined : parseTrafficMultiplier(options.trafficMultiplier);
  const assume = (options.assume ?? []).map(parseAssumption);
  if (options.failOnNew === true && options.baseline === undefined) {
    throw new UsageError('--fail-on-new compares with a previous report: give it with --baseline <file>.');
  }
  if (options.database !== undefined && options.save !== true) {
    throw new UsageError(
      '--database says where --save stores the run; add --save, or use "prodready history --database".',
    );
  }
  const upload = options.upload === undefined ? undefined : await prepareUpload(options.upload, options.token, io);
  if (upload === undefined && options.token !== undefined) {
    throw new UsageError('--token is the bearer token for --upload; add --upload <url>.');
  }
  const baseline =
    options.baseline === undefined
      ? undefined
      : await (await import('./baseline-file.js')).readReportFile(options.baseline, io.cwd, 'baseline');
  const { loadConfig, checkConfigReferences } = await import('./config-file.js');
  const rules = run.registries.rules ?? (await import('../rules/index.js')).ALL_RULES;
  const attestations = run.registries.attestations ?? (await import('../attestations/index.js')).ALL_ATTESTATIONS;
  // With --stdin and no path, only standard input is scanned.
  const scanPaths = paths.length === 0 ? (options.stdin === true ? [] : ['.']) : paths;
  const stdin = options.stdin === true ? await readAll(io) : undefined;
  const loaded = loadConfig(io.cwd, options.config, scanPaths);
  checkConfigReferences(
    loaded,
    rules.map((rule) => rule.id),
    attestations.map((attestation) => attestation.id),
  );
  const { discoverSources } = await import('./scan.js');
  const { parseAhead, cacheSigningKey } = await import('./parse-ahead.js');
  const { findHelm } = await import('./helm.js');
  const helm = findHelm(io.env);
  const { createProgress } = await import('./progress.js');
  const progress = createProgress(io.stderr, { quiet: options.quiet === true, env: io.env });
  let scanned: Report;
  const failures: InternalFailure[] = [];
  try {
    const started = new Date();
    const scanOptions = {
      root: io.cwd,
      paths: scanPaths,
      exclude: options.exclude,
      config: loaded.config,
      ...(stdin === undefined ? {} : { stdin }),
    };
    const discovery = discoverSources(scanOptions);
    const parsers = discovery.files.some((file) => file.kind === 'terraform' || file.kind === 'terraform-variables')
      ? await (await import('./parsers.js')).loadParsers()
      : {};
    const ahead = await parseAhead(discovery.files, {
      hcl: parsers.hcl,
      jobs: options.jobs ?? 'auto',
      ...(options.cache === false
        ? {}
        : {
            cache: {
              directory: path.join(io.cwd, '.prodready', 'cache'),
              version: toolVersion(),
              config: JSON.stringify(loaded.config),
              signingKey: cacheSigningKey(io.env),
            },
          }),
    });
    if (ahead.stats.cacheProblem !== undefined && options.quiet !== true)
      io.stderr.write(`prodready: ${ahead.stats.cacheProblem}.\n`);
    scanned = scanRepository({
      discovery,
      started,
      parsers: { ...parsers, preparsed: ahead.preparsed },
      root: io.cwd,
      paths: scanPaths,
      ...(stdin === undefined ? {} : { stdin }),
      ...(helm === undefined ? {} : { helm }),
      exclude: options.exclude,
      config: loaded.config,
      ...(loaded.file === undefined ? {} : { configFile: loaded.file }),
      configLocations: loaded.locations,
      version: toolVersion(),
      ...(trafficMultiplier === undefined ? {} : { trafficMultiplier }),
      ...(assume.length === 0 ? {} : { assume }),
      onProgress: progress.report,
      rules,
      attestations,
      ...(run.registries.scenarios === undefined ? {} : { scenarios: run.registries.scenarios }),
      onInternalError: (failure) => failures.push(failure),
    });
  } finally {
    progress.done();
  }
  const comparison =
    baseline === undefined
      ? undefined
      : (await import('../engine/baseline.js')).compareWithBaseline(scanned, baseline.report, baseline.file);
  const report = comparison?.report ?? scanned;
  const outputs: readonly ScanOutput[] = options.outputs ?? [
    { format: options.format, ...(options.output === undefined ? {} : { file: options.output }) },
  ];
  // Render everything before writing anything, so that a failure leaves no half-written set. A
  // JSON report to a file is the exception: it is written piece by piece (it can be hundreds of
  // megabytes), to a temporary file renamed when complete.
  const texts: { output: ScanOutput; text: string }[] = [];
  const streamed: ScanOutput[] = [];
  for (const output of outputs) {
    if (output.format === 'json' && output.file !== undefined && options.view !== 'scenarios') {
      streamed.push(output);
      continue;
    }
    const text =
      options.view === 'scenarios' && output.format === 'terminal'
        ? report.whatIf === undefined
          ? (await import('../report/scenarios.js')).renderScenarios(report)
          : (await import('../report/what-if.js')).renderWhatIf(report)
        : await renderOutput(report, output.format, {
            color:
              output.file === undefined &&
              io.stdout.isTTY === true &&
              io.env.NO_COLOR === undefined &&
              io.env.TERM !== 'dumb',
            target: paths.join(' '),
          });
    texts.push({ output, text });
  }
  if (streamed.length > 0) {
    const { renderJsonChunks } = await import('../report/json.js');
    for (const output of streamed) writeChunks(output, renderJsonChunks(report));
  }
  for (const { output, text } of texts) {
    if (output.file === undefined) {
      io.stdout.write(text);
      continue;
    }
    try {
      writeFileSync(output.file, text);
    } catch (error) {
      throw new UsageError(
        `Cannot write the ${output.format} report to "${output.file}": ${(error as Error).message}.`,
      );
    }
  }
  if (options.save === true) {
    const { saveScan, scannedRoot } = await import('./history.js');
    const runId = await saveScan(report, scannedRoot(scanPaths, io.cwd), options.database, io);
    if (options.quiet !== true) io.stderr.write(`prodready: saved run #${runId} to the history.\n`);
  }
  if (upload !== undefined) {
    const { projectIdentity, scannedRoot } = await import('./history.js');
    const { uploadRun } = await import('./upload.js');
    const runId = await uploadRun(upload.url, upload.token, projectIdentity(scannedRoot(scanPaths, io.cwd)), report);
    if (options.quiet !== true) io.stderr.write(`prodready: uploaded run #${runId} to ${upload.url.href}.\n`);
  }
  // A bug found during the scan decides the exit code, after every output was written.
  if (failures.length > 0) {
    io.stderr.write(describeInternalFailures(failures, { debug: run.debug, issues: issueUrl() }));
    return EXIT.internal;
  }
  if (options.strict === true && (report.parseIssues.length > 0 || report.verdict.coverage.skipped.length > 0)) {
    return EXIT.findings;
  }
  if (comparison !== undefined && options.failOnNew === true) return await decideOnChange(comparison, io);
  return failsThreshold(report, options.failOn) ? EXIT.findings : EXIT.ready;
}

/**
 * What stderr says when rules, attestation detectors or scenarios threw: one line per part (once
 * however many environments hit it), where to report it, and the stacks only under --debug.
 */
export function describeInternalFailures(
  failures: readonly InternalFailure[],
  options: { readonly debug: boolean; readonly issues: string },
): string {
  const unique = new Map<string, InternalFailure>();
  for (const failure of failures) {
    const key = `${failure.kind}\u0000${failure.id}`;
    if (!unique.has(key)) unique.set(key, failure);
  }
  const lines: string[] = [];
  for (const failure of unique.values()) {
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    lines.push(
      `prodready: ${failure.kind} ${failure.id} failed (a bug in prodready): ${message}`,
      `  Please report it at ${options.issues} with the command you ran.`,
    );
    if (options.debug) lines.push(failure.error instanceof Error ? (failure.error.stack ?? message) : message);
  }
  if (!options.debug) lines.push('Run again with --debug to print the stack traces.');
  return `${lines.join('\n')}\n`;
}

/** Writes a report given in pieces to `output.file`: through a temporary file, renamed when complete. */
function writeChunks(output: ScanOutput, pieces: Iterable<string>): void {
  const file = output.file as string;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const descriptor = openSync(temporary, 'w');
    try {
      let pending = '';
      for (const piece of pieces) {
        pending += piece;
        if (pending.length >= WRITE_CHUNK) {
          writeSync(descriptor, pending);
          pending = '';
        }
      }
      writeSync(descriptor, pending);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
    throw new UsageError(`Cannot write the ${output.format} report to "${file}": ${(error as Error).message}.`);
  }
}

/** About a megabyte of report text per write. */
const WRITE_CHUNK = 1 << 20;

/** `scan --upload`: the endpoint and token, checked before the scan so a mistake costs no scan. */
async function prepareUpload(
  base: string,
  flag: string | undefined,
  io: Io,
): Promise<{ readonly url: URL; readonly token: string }> {
  const { ingestUrl, resolveToken } = await import('./upload.js');
  const url = ingestUrl(base);
  const token = resolveToken(flag, io);
  if (token === undefined) {
    throw new UsageError("--upload needs the server's bearer token: give --token or set PRODREADY_TOKEN.");
  }
  return { url, token };
}

/** `--fail-on-new`: exit 1 only when the change makes the system less ready than the baseline, and say why. */
async function decideOnChange(comparison: import('../engine/baseline.js').BaselineComparison, io: Io): Promise<number> {
  const { isLessReady } = await import('../engine/baseline.js');
  if (!isLessReady(comparison)) return EXIT.ready;
  const { describeLessReady } = await import('../report/diff.js');
  io.stderr.write(`prodready: less ready than the baseline "${comparison.report.baseline?.file ?? ''}":\n`);
  for (const reason of describeLessReady(comparison)) io.stderr.write(`  - ${reason}\n`);
  return EXIT.findings;
}

/** Formats `scan` writes: the ones `render` knows, and the pull-request and CI ones. */
const OUTPUT_FORMATS = [...SCAN_FORMATS, 'markdown', 'junit'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One report `scan` writes: a format, to a file or (without one) to standard output. */
export interface ScanOutput {
  readonly format: OutputFormat;
  readonly file?: string;
}

/** A file name to suggest for each format. */
const EXAMPLE_FILE: Readonly<Record<string, string>> = {
  terminal: 'report.txt',
  json: 'report.json',
  sarif: 'results.sarif',
  markdown: 'summary.md',
  junit: 'results.xml',
  html: 'report.html',
  codequality: 'gl-code-quality-report.json',
};

function outputFormatList(): string {
  return [...new Set<string>(OUTPUT_FORMATS)].join(', ');
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/**
 * `--format X` (to --output, or standard output) and `--format X=file`, repeatable. Unknown
 * formats, an empty file name, two outputs to standard output or two to one file are usage errors.
 */
export function parseOutputs(values: readonly string[], output: string | undefined): ScanOutput[] {
  const accepted = `accepted formats: ${outputFormatList()}, each optionally as format=file`;
  const outputs = (values.length === 0 ? ['terminal'] : values).map((value): ScanOutput => {
    const equals = value.indexOf('=');
    const name = equals === -1 ? value : value.slice(0, equals);
    const file = equals === -1 ? output : value.slice(equals + 1);
    if (!isOutputFormat(name)) throw new UsageError(`Unknown --format '${value}'; ${accepted}.`);
    if (file === '') throw new UsageError(`--format '${value}' names no file after "="; ${accepted}.`);
    return file === undefined ? { format: name } : { format: name, file };
  });
  const toStdout = outputs.filter((entry) => entry.file === undefined);
  if (toStdout.length > 1) {
    const second = toStdout[1]?.format ?? 'markdown';
    throw new UsageError(
      `--format ${toStdout.map((entry) => `'${entry.format}'`).join(' and ')} would ${toStdout.length === 2 ? 'both' : 'all'} write to standard output; at most one may. Give the others a file (--format ${second}=${EXAMPLE_FILE[second] ?? `report.${second}`}); ${accepted}.`,
    );
  }
  const seen = new Map<string, OutputFormat>();
  for (const entry of outputs) {
    if (entry.file === undefined) continue;
    const earlier = seen.get(entry.file);
    if (earlier !== undefined) {
      throw new UsageError(
        `--format '${earlier}' and --format '${entry.format}' would both write to "${entry.file}"; give each its own file.`,
      );
    }
    seen.set(entry.file, entry.format);
  }
  return outputs;
}

async function renderOutput(
  report: Report,
  format: OutputFormat,
  options: { color: boolean; target: string },
): Promise<string> {
  switch (format) {
    case 'markdown':
      return (await import('../report/markdown.js')).renderMarkdown(report);
    case 'junit':
      return (await import('../report/junit.js')).renderJunit(report);
    default:
      return render(report, format, options);
  }
}

async function render(
  report: Report,
  format: (typeof SCAN_FORMATS)[number],
  options: { color: boolean; target: string },
): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../report/json.js')).renderJson(report);
    case 'sarif':
      return (await import('../report/sarif.js')).renderSarif(report);
    case 'html':
      return (await import('../report/html.js')).renderHtml(report);
    case 'codequality':
      return (await import('../report/codequality.js')).renderCodeQuality(report);
    case 'terminal':
      return (await import('../report/terminal.js')).renderTerminal(report, options);
  }
}

/** Whether an unsuppressed finding, a missing or expired practice, or a failed scenario at or above `failOn` remains. */
export function failsThreshold(report: Report, failOn: Level | 'none'): boolean {
  if (failOn === 'none') return false;
  const atOrAbove = (level: Level) => LEVEL_RANK[level] <= LEVEL_RANK[failOn];
  return (
    report.findings.some((finding) => finding.suppressed === undefined && atOrAbove(finding.level)) ||
    report.attestations.some(
      (attestation) =>
        (attestation.state === 'missing' || attestation.state === 'expired') && atOrAbove(attestation.level),
    ) ||
    report.scenarios.some(
      (scenario) => scenario.failing === true && scenario.level !== undefined && atOrAbove(scenario.level),
    )
  );
}

async function readAll(io: Io): Promise<string> {
  if (io.stdin === undefined) throw new UsageError('--stdin was given but there is no standard input to read.');
  const chunks: string[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
  const text = chunks.join('');
  if (text.trim() === '')
    throw new UsageError('--stdin was given but standard input is empty; pipe rendered manifests into it.');
  return text;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function unknownRuleMessage(ruleId: string, ALL_RULES: readonly { readonly id: string }[]): string {
  const close = ALL_RULES.filter((rule) => rule.id.includes(ruleId) || ruleId.includes(rule.id)).map((rule) => rule.id);
  const hint = close.length > 0 ? ` Did you mean ${close.slice(0, 3).join(', ')}?` : '';
  return `Unknown rule "${ruleId}".${hint} Run "prodready rules" to list the ${ALL_RULES.length} rules.`;
}
