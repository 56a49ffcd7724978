import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type AnswerInput, runInit } from '../src/cli/init.js';
import { type Io, main } from '../src/cli/main.js';
import { parseConfig } from '../src/config/parse.js';
import type { Config } from '../src/config/schema.js';
import { monthlyDowntime } from '../src/config/template.js';
import { UsageError } from '../src/core/errors.js';
import { REPOSITORY_ROOT } from './fixtures.js';

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function captureIo(cwd: string): { io: Io; output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' };
  const io: Io = {
    stdout: { write: (text: string) => (output.stdout += text), isTTY: false },
    stderr: { write: (text: string) => (output.stderr += text) },
    env: {},
    cwd,
  };
  return { io, output };
}

async function run(argv: readonly string[], cwd: string): Promise<Captured> {
  const { io, output } = captureIo(cwd);
  const code = await main(argv, io);
  return { code, ...output };
}

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-init-'));
}

const SCHEMA_FILE = path.join(REPOSITORY_ROOT, 'schemas', 'prodready.schema.json');
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
  JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')),
);

/** Checks the file against the published JSON Schema and parseConfig, and returns the config. */
function readWritten(file: string): { text: string; config: Config } {
  const text = fs.readFileSync(file, 'utf8');
  const valid = validate(parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  const result = parseConfig(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { text, config: result.config };
}

/** The config that holds exactly `profile` and nothing else set. */
function configWith(profile: Partial<Config>): Config {
  return { stage: 'launch', compliance: [], attestations: {}, ignore: [], overrides: {}, exclude: [], ...profile };
}

function schemaLine(text: string, directory: string): string {
  const first = text.split('\n')[0] ?? '';
  const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
  expect(match, first).not.toBeNull();
  const reference = match?.[1] ?? '';
  expect(path.resolve(directory, reference)).toBe(SCHEMA_FILE);
  return reference;
}

describe('monthly downtime', () => {
  it('is computed from an average month of 30.44 days', () => {
    expect(monthlyDowntime(99)).toBe('7h 18m 20s');
    expect(monthlyDowntime(99.5)).toBe('3h 39m 10s');
    expect(monthlyDowntime(99.9)).toBe('43m 50s');
    expect(monthlyDowntime(99.95)).toBe('21m 55s');
    expect(monthlyDowntime(99.99)).toBe('4m 23s');
  });
});

describe('prodready init --yes', () => {
  it('writes a file that validates against the published schema and holds the given answers', async () => {
    const directory = temporaryDirectory();
    const result = await run(['init', '--yes', '--stage', 'launch', '--sla', '99.9'], directory);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { text, config } = readWritten(path.join(directory, 'prodready.yaml'));
    expect(config).toEqual(configWith({ stage: 'launch', sla: 99.9 }));
    schemaLine(text, directory);
    expect(text).toContain('# Availability promised to customers per month, in percent: 99.9 allows 43m 50s');
    expect(text).toContain('\nattestations: {}\n');
    expect(text).toContain('prodready attest <id>');
    expect(text).toContain('on-call-rotation');
    expect(text).toContain('\nignore: []\n');
    expect(text).toContain('#   - rule: ');
    expect(text).toContain('\noverrides: {}\n');
    expect(text).toContain('\nexclude: []\n');
    expect(result.stdout).toContain('Wrote prodready.yaml');
    expect(result.stdout).toContain('prodready scan');
  });

  it('takes the defaults for every missing answer: stage launch and nothing else', async () => {
    const directory = temporaryDirectory();
    expect((await run(['init', '--yes'], directory)).code).toBe(0);
    expect(readWritten(path.join(directory, 'prodready.yaml')).config).toEqual(configWith({}));
  });

  it('round-trips every flag, writing to --output with a schema path relative to it', async () => {
    const directory = temporaryDirectory();
    fs.mkdirSync(path.join(directory, 'deploy', 'config'), { recursive: true });
    const result = await run(
      [
        'init',
        '--yes',
        '--stage',
        'enterprise',
        '--sla',
        '99.99',
        '--rto',
        '30m',
        '--rpo',
        '5m',
        '--peak-rps',
        '2500',
        '--compliance',
        'soc2, pci-dss,gdpr',
        '--cloud',
        'gcp',
        '--output',
        'deploy/config/prodready.yaml',
      ],
      directory,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written = path.join(directory, 'deploy', 'config', 'prodready.yaml');
    const { text, config } = readWritten(written);
    expect(config).toEqual(
      configWith({
        stage: 'enterprise',
        sla: 99.99,
        rto: '30m',
        rpo: '5m',
        peakRps: 2500,
        compliance: ['soc2', 'pci-dss', 'gdpr'],
        cloud: 'gcp',
      }),
    );
    expect(schemaLine(text, path.dirname(written))).toMatch(/^\.\.\//);
    expect(text).toContain('99.99 allows 4m 23s of downtime a month');
    expect(result.stdout).toContain(path.join('deploy', 'config', 'prodready.yaml'));
  });

  it.each([
    ['--stage', 'beta', 'one of prototype, launch, growth, enterprise'],
    ['--sla', 'high', 'a number between 0 and 100 such as 99.9'],
    ['--sla', '100', 'a number between 0 and 100 such as 99.9'],
    ['--rto', '15 minutes', 'a duration such as 30s, 15m, 1h or 2d'],
    ['--rpo', '0m', 'a duration such as 30s, 15m, 1h or 2d'],
    ['--peak-rps', 'lots', 'a number of requests per second'],
    ['--compliance', 'soc2,soc3', 'a comma-separated list of soc2, hipaa, pci-dss, gdpr, iso27001'],
    ['--cloud', 'ibm', 'one of azure, aws, gcp, other'],
  ])('rejects %s %j with exit 2, naming the flag, the value and what is accepted', async (flag, value, accepted) => {
    const directory = temporaryDirectory();
    const result = await run(['init', '--yes', flag, value], directory);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} "${value}" is not accepted; expected ${accepted}`);
    expect(fs.existsSync(path.join(directory, 'prodready.yaml'))).toBe(false);
  });

  it('never overwrites an existing file without --force, and overwrites it with --force', async () => {
    const directory = temporaryDirectory();
    const file = path.join(directory, 'prodready.yaml');
    const original = '# ours\nstage: growth\n';
    fs.writeFileSync(file, original);
    const refused = await run(['init', '--yes', '--stage', 'enterprise'], directory);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"prodready.yaml" already exists; pass --force to overwrite it.');
    expect(fs.readFileSync(file, 'utf8')).toBe(original);

    const forced = await run(['init', '--yes', '--stage', 'enterprise', '--force'], directory);
    expect(forced.code).toBe(0);
    expect(readWritten(file).config).toEqual(configWith({ stage: 'enterprise' }));
  });

  it('is a usage error without a terminal and without --yes', async () => {
    const directory = temporaryDirectory();
    const { io } = captureIo(directory);
    const input = Object.assign(new PassThrough(), { isTTY: false });
    await expect(runInit({ stage: 'launch' }, io, input)).rejects.toThrow(UsageError);
    await expect(runInit({ stage: 'launch' }, io, input)).rejects.toThrow(/Pass --yes with the answers as flags/);
    expect(fs.existsSync(path.join(directory, 'prodready.yaml'))).toBe(false);
  });
});

/**
 * A terminal conversation: a stream marked as a TTY that receives the next answer each time a
 * prompt (`…]: `) is written, the way a person types after reading it.
 */
function conversation(directory: string, answers: readonly string[]) {
  const input = Object.assign(new PassThrough(), { isTTY: true }) satisfies AnswerInput;
  const pending = [...answers];
  const output = { stdout: '' };
  const io: Io = {
    stdout: {
      write: (text: string) => {
        output.stdout += text;
        if (text.endsWith(']: ')) {
          const answer = pending.shift();
          setImmediate(() => (answer === undefined ? input.end() : input.write(`${answer}\n`)));
        }
        return true;
      },
      isTTY: true,
    },
    stderr: { write: () => true },
    env: {},
    cwd: directory,
  };
  return { io, input, output, pending };
}

describe('prodready init on a terminal', () => {
  it('asks each question with its explanation and re-asks after an invalid answer', async () => {
    const directory = temporaryDirectory();
    const { io, input, output, pending } = conversation(directory, [
      'growth',
      'high',
      '99.95',
      '',
      '5m',
      '800',
      'soc2, hipaa',
      'azure',
    ]);
    await runInit({}, io, input);
    expect(pending).toEqual([]);
    const { config } = readWritten(path.join(directory, 'prodready.yaml'));
    expect(config).toEqual(
      configWith({
        stage: 'growth',
        sla: 99.95,
        rto: '1h',
        rpo: '5m',
        peakRps: 800,
        compliance: ['soc2', 'hipaa'],
        cloud: 'azure',
      }),
    );
    const printed = output.stdout;
    expect(printed).toContain('  prototype   no paying customers yet\n');
    expect(printed).toContain('  enterprise  enterprise customers, audits\n');
    expect(printed).toContain('  99.9     43m 50s\n');
    expect(printed).toContain('  99.99    4m 23s\n');
    expect(printed).toContain('Stage [launch]: ');
    expect(printed).toContain('  "high" is not accepted; expected a number between 0 and 100 such as 99.9, or none.\n');
    expect(printed.split('SLA [99.9]: ')).toHaveLength(3);
    expect(printed).toContain('RTO [1h]: ');
    expect(printed).toContain('Wrote prodready.yaml');
  });

  it('does not ask what a flag answered, and Enter takes the suggestion for the stage', async () => {
    const directory = temporaryDirectory();
    const { io, input, output } = conversation(directory, ['', '', '', '', '', '']);
    await runInit({ stage: 'prototype' }, io, input);
    expect(output.stdout).not.toContain('Stage [');
    expect(output.stdout).toContain('SLA [none]: ');
    expect(readWritten(path.join(directory, 'prodready.yaml')).config).toEqual(configWith({ stage: 'prototype' }));
  });

  it('writes nothing when the input ends before every question is answered', async () => {
    const directory = temporaryDirectory();
    const { io, input } = conversation(directory, ['launch', '99.9']);
    await expect(runInit({}, io, input)).rejects.toThrow(/ended before every question was answered/);
    expect(fs.existsSync(path.join(directory, 'prodready.yaml'))).toBe(false);
  });
});

describe('the installed binary', () => {
  it('runs init --yes in a directory and writes a valid prodready.yaml', () => {
    const directory = temporaryDirectory();
    const bin = path.join(REPOSITORY_ROOT, 'bin', 'prodready.js');
    const result = spawnSync('node', [bin, 'init', '--yes', '--stage', 'launch', '--sla', '99.9'], {
      cwd: directory,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const { text, config } = readWritten(path.join(directory, 'prodready.yaml'));
    expect(config).toEqual(configWith({ stage: 'launch', sla: 99.9 }));
    schemaLine(text, directory);
  });
});
