import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { LEVELS, type Level } from '../core/vocabulary.js';
import { LEVEL_RANK } from '../engine/levels.js';
import type { Report } from '../engine/report-types.js';
import {
  renderCatalogueJson,
  renderCatalogueMarkdown,
  renderCatalogueTerminal,
  renderExplain,
} from '../report/catalogue.js';
import { ALL_RULES, findRule } from '../rules/index.js';

export const EXIT = { ready: 0, findings: 1, usage: 2, internal: 3 } as const;

const SCAN_FORMATS = ['terminal', 'json'] as const;
const RULES_FORMATS = ['terminal', 'json', 'markdown'] as const;
const FAIL_ON = [...LEVELS, 'none'] as const;

export interface Io {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

const processIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };

export function toolVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Runs the command line and returns the exit code. The only place that decides one. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
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
    .addOption(new Option('-f, --format <format>', 'output format').choices(SCAN_FORMATS).default('terminal'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding at or above this level remains')
        .choices(FAIL_ON)
        .default('blocker'),
    )
    .option('--exclude <glob>', 'leave out paths matching a .gitignore-style pattern (repeatable)', collect, [])
    .option('-c, --config <file>', 'the prodready.yaml to use (default: in the scanned directory, then here)')
    .action(async (paths: string[], options: ScanCommandOptions) => {
      exitCode = await runScan(paths, options, io);
    });

  program
    .command('rules')
    .description('list the rules prodready checks')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RULES_FORMATS).default('terminal'))
    .action((options: { format: (typeof RULES_FORMATS)[number] }) => {
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
    .action((ruleId: string) => {
      const rule = findRule(ruleId);
      if (rule === undefined) throw new UsageError(unknownRuleMessage(ruleId));
      io.stdout.write(renderExplain(rule));
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
    io.stderr.write('prodready: internal error. This is a bug; please report it with the command you ran.\n');
    if (debug && error instanceof Error) io.stderr.write(`${error.stack ?? error.message}\n`);
    else io.stderr.write('Run again with --debug to print the stack trace.\n');
    return EXIT.internal;
  }
}

interface ScanCommandOptions {
  readonly format: (typeof SCAN_FORMATS)[number];
  readonly output?: string;
  readonly failOn: Level | 'none';
  readonly exclude: string[];
  readonly config?: string;
}

async function runScan(paths: readonly string[], options: ScanCommandOptions, io: Io): Promise<number> {
  const { scanRepository } = await import('./scan.js');
  const { loadConfig } = await import('./config-file.js');
  const scanPaths = paths.length === 0 ? ['.'] : paths;
  const loaded = loadConfig(io.cwd, options.config, scanPaths);
  const report = scanRepository({
    root: io.cwd,
    paths: scanPaths,
    exclude: options.exclude,
    config: loaded.config,
    ...(loaded.file === undefined ? {} : { configFile: loaded.file }),
    version: toolVersion(),
  });
  const toFile = options.output !== undefined;
  const text = await render(report, options.format, {
    color: !toFile && io.stdout.isTTY === true && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb',
    target: paths.join(' '),
  });
  if (options.output === undefined) {
    io.stdout.write(text);
  } else {
    try {
      writeFileSync(options.output, text);
    } catch (error) {
      throw new UsageError(`Cannot write the report to "${options.output}": ${(error as Error).message}.`);
    }
  }
  return failsThreshold(report, options.failOn) ? EXIT.findings : EXIT.ready;
}

async function render(
  report: Report,
  format: (typeof SCAN_FORMATS)[number],
  options: { color: boolean; target: string },
): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../report/json.js')).renderJson(report);
    case 'terminal':
      return (await import('../report/terminal.js')).renderTerminal(report, options);
  }
}

/** Whether an unsuppressed finding at or above `failOn` remains. */
export function failsThreshold(report: Report, failOn: Level | 'none'): boolean {
  if (failOn === 'none') return false;
  return report.findings.some(
    (finding) => finding.suppressed === undefined && LEVEL_RANK[finding.level] <= LEVEL_RANK[failOn],
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function unknownRuleMessage(ruleId: string): string {
  const close = ALL_RULES.filter((rule) => rule.id.includes(ruleId) || ruleId.includes(rule.id)).map((rule) => rule.id);
  const hint = close.length > 0 ? ` Did you mean ${close.slice(0, 3).join(', ')}?` : '';
  return `Unknown rule "${ruleId}".${hint} Run "prodready rules" to list the ${ALL_RULES.length} rules.`;
}
