import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAttestation } from '../src/attestations/index.js';
import { localDate } from '../src/cli/attest.js';
import { setAttestation } from '../src/config/edit.js';
import { parseConfig } from '../src/config/parse.js';
import type { Config } from '../src/config/schema.js';
import { type Captured, runCli } from './harness.js';

function run(argv: readonly string[], cwd: string): Promise<Captured> {
  return runCli(argv, { cwd });
}

function directoryWith(text: string | undefined): { directory: string; file: string } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-attest-'));
  const file = path.join(directory, 'prodready.yaml');
  if (text !== undefined) fs.writeFileSync(file, text);
  return { directory, file };
}

function parsed(text: string): Config {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const COMMENTED = `# yaml-language-server: $schema=../schemas/prodready.schema.json
# The readiness profile of the shop.
# Owned by the platform team.

# We sell to other companies now.
stage: growth
sla: 99.9 # promised in the contract
rto: 1h
compliance:
  - soc2 # audit in spring

# Practices that files cannot show.
attestations:
  # Checked by the database team.
  backup-restore-tested:
    by: Database team
    date: 2025-03-01
    evidence: https://wiki.example.com/restore-2025-03
    expires: 2025-06-01

# Suppressions.
ignore:
  - rule: no-latest-image-tag
    path: k8s/debug/**
    reason: "debugging tools, rebuilt nightly"
    until: 2026-12-31
exclude: [vendor/, third_party/] # not ours
`;

function commentLines(text: string): string[] {
  return text.split('\n').filter((line) => line.includes('#'));
}

describe('prodready attest', () => {
  it('adds an attestation to a commented file and keeps every comment line byte for byte', async () => {
    const { directory, file } = directoryWith(COMMENTED);
    const result = await run(
      [
        'attest',
        'on-call-rotation',
        '--by',
        'Platform team',
        '--evidence',
        'https://pager.example.com/schedules/primary',
        '--date',
        '2025-04-02',
      ],
      directory,
    );
    expect(result.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    const after = text.split('\n');
    for (const line of commentLines(COMMENTED)) expect(after, line).toContain(line);
    // Everything that was there is still there, in order; the only new lines are the entry's.
    const expected = COMMENTED.replace(
      '    expires: 2025-06-01\n',
      [
        '    expires: 2025-06-01',
        '  on-call-rotation:',
        '    by: Platform team',
        '    date: 2025-04-02',
        '    evidence: https://pager.example.com/schedules/primary',
        '',
      ].join('\n'),
    );
    expect(text).toBe(expected);
    const config = parsed(text);
    expect(config.attestations['on-call-rotation']).toEqual({
      by: 'Platform team',
      date: '2025-04-02',
      evidence: 'https://pager.example.com/schedules/primary',
    });
    expect(config.attestations['backup-restore-tested']?.by).toBe('Database team');
    expect(result.stdout).toContain('Recorded on-call-rotation');
  });

  it('renews an existing attestation by changing only that entry', async () => {
    const { directory, file } = directoryWith(COMMENTED);
    const result = await run(
      [
        'attest',
        'backup-restore-tested',
        '--by',
        'Ana Lima',
        '--evidence',
        'https://wiki.example.com/restore-2025-09',
        '--date',
        '2025-09-15',
      ],
      directory,
    );
    expect(result.code).toBe(0);
    const expected = COMMENTED.replace(
      [
        '    by: Database team',
        '    date: 2025-03-01',
        '    evidence: https://wiki.example.com/restore-2025-03',
        '    expires: 2025-06-01',
        '',
      ].join('\n'),
      ['    by: Ana Lima', '    date: 2025-09-15', '    evidence: https://wiki.example.com/restore-2025-09', ''].join(
        '\n',
      ),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
    expect(result.stdout).toContain('Renewed backup-restore-tested');
    expect(result.stdout).toContain('It replaces the one by Database team on 2025-03-01.');
  });

  it('records today by default and says when it expires: the maximum age or --expires, whichever is first', async () => {
    const definition = findAttestation('on-call-rotation');
    expect(definition).toBeDefined();
    const today = localDate(new Date());
    const { directory, file } = directoryWith(COMMENTED);
    const result = await run(['attest', 'on-call-rotation', '--by', 'SRE', '--evidence', 'docs/on-call.md'], directory);
    expect(result.code).toBe(0);
    expect(parsed(fs.readFileSync(file, 'utf8')).attestations['on-call-rotation']?.date).toBe(today);
    const maxAge = definition?.maxAgeDays;
    if (maxAge === undefined) expect(result.stdout).toContain('It does not expire');
    else
      expect(result.stdout).toContain(
        `It expires on ${addDays(today, maxAge)} (the practice counts for ${maxAge} days)`,
      );

    const soon = addDays(today, 1);
    const withExpiry = await run(
      ['attest', 'on-call-rotation', '--by', 'SRE', '--evidence', 'docs/on-call.md', '--expires', soon],
      directory,
    );
    expect(withExpiry.code).toBe(0);
    expect(withExpiry.stdout).toContain(`It expires on ${soon} (--expires)`);
    expect(parsed(fs.readFileSync(file, 'utf8')).attestations['on-call-rotation']?.expires).toBe(soon);
  });

  it('creates a minimal prodready.yaml when there is none, or at --config', async () => {
    const { directory, file } = directoryWith(undefined);
    const result = await run(
      ['attest', 'status-page', '--by', 'Support', '--evidence', 'https://status.example.com', '--date', '2025-05-05'],
      directory,
    );
    expect(result.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    const schemaReference = /^# yaml-language-server: \$schema=(.+)\n/.exec(text)?.[1] ?? '';
    expect(fs.existsSync(path.resolve(directory, schemaReference))).toBe(true);
    expect(parsed(text)).toMatchObject({
      stage: 'launch',
      attestations: { 'status-page': { by: 'Support', date: '2025-05-05', evidence: 'https://status.example.com' } },
    });

    fs.mkdirSync(path.join(directory, 'ops'));
    const elsewhere = await run(
      ['attest', 'access-review', '--by', 'Security', '--evidence', 'docs/access.md', '--config', 'ops/prodready.yaml'],
      directory,
    );
    expect(elsewhere.code).toBe(0);
    expect(
      Object.keys(parsed(fs.readFileSync(path.join(directory, 'ops', 'prodready.yaml'), 'utf8')).attestations),
    ).toEqual(['access-review']);
  });

  it('adds to a file written by prodready init without touching any other line', async () => {
    const { directory, file } = directoryWith(undefined);
    expect((await run(['init', '--yes', '--stage', 'growth', '--compliance', 'soc2,gdpr'], directory)).code).toBe(0);
    const before = fs.readFileSync(file, 'utf8');
    const result = await run(
      ['attest', 'penetration-test', '--by', 'Acme Security', '--evidence', 'docs/pentest.pdf', '--date', '2025-02-01'],
      directory,
    );
    expect(result.code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect(after).toBe(
      before.replace(
        '\nattestations: {}\n',
        [
          '',
          'attestations:',
          '  penetration-test:',
          '    by: Acme Security',
          '    date: 2025-02-01',
          '    evidence: docs/pentest.pdf',
          '',
        ].join('\n'),
      ),
    );
  });

  it('rejects an unknown id with exit 2, listing the known ids, and leaves the file unchanged', async () => {
    const { directory, file } = directoryWith(COMMENTED);
    const result = await run(['attest', 'on-call', '--by', 'SRE', '--evidence', 'x'], directory);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown attestation "on-call". Known ids: ');
    expect(result.stderr).toContain('on-call-rotation');
    expect(result.stderr).toContain('backup-restore-tested');
    expect(fs.readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it.each([
    [['--date', '2025-02-30'], '--date "2025-02-30" is not accepted; expected a date written YYYY-MM-DD'],
    [['--date', '02/03/2025'], '--date "02/03/2025" is not accepted; expected a date written YYYY-MM-DD'],
    [['--expires', '2025-13-01'], '--expires "2025-13-01" is not accepted; expected a date written YYYY-MM-DD'],
    [['--date', '2999-01-01'], '--date "2999-01-01" is not accepted; expected the day the practice was last done'],
    [
      ['--date', '2025-03-01', '--expires', '2025-02-01'],
      '--expires "2025-02-01" is not accepted; expected a date after the attestation\'s date, 2025-03-01',
    ],
    [['--by', ' '], '--by " " is not accepted; expected a name or a team'],
  ])('rejects %j with exit 2 and leaves the file unchanged', async (flags, message) => {
    const { directory, file } = directoryWith(COMMENTED);
    const result = await run(
      ['attest', 'access-review', '--by', 'SRE', '--evidence', 'docs/x.md', ...flags],
      directory,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(fs.readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it('requires --by and --evidence, exit 2', async () => {
    const { directory } = directoryWith(COMMENTED);
    const result = await run(['attest', 'access-review', '--by', 'SRE'], directory);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--evidence');
  });

  it('refuses to edit an invalid prodready.yaml, naming its problems', async () => {
    const broken = 'stage: beta\nattestations: {}\n';
    const { directory, file } = directoryWith(broken);
    const result = await run(['attest', 'access-review', '--by', 'SRE', '--evidence', 'docs/x.md'], directory);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('prodready.yaml:1:1: stage is "beta"');
    expect(fs.readFileSync(file, 'utf8')).toBe(broken);
  });
});

describe('setAttestation', () => {
  const entry = { by: 'SRE', date: '2025-01-31', evidence: 'docs/x.md' };

  it('writes into an empty file and into an empty attestations key', () => {
    expect(setAttestation('', 'access-review', entry)).toBe(
      'attestations:\n  access-review:\n    by: SRE\n    date: 2025-01-31\n    evidence: docs/x.md\n',
    );
    expect(setAttestation('stage: launch\nattestations:\n', 'access-review', entry)).toBe(
      'stage: launch\nattestations:\n  access-review:\n    by: SRE\n    date: 2025-01-31\n    evidence: docs/x.md\n',
    );
  });

  it('updates a flow entry in place, keeping its comment, and keeps unindented sequences unindented', () => {
    const text = [
      'ignore:',
      '- rule: no-bare-pod',
      '  reason: debugging',
      'attestations:',
      '  access-review: {by: Ann, date: 2024-01-01, evidence: old.md, expires: 2030-01-01} # quarterly',
      '',
    ].join('\n');
    expect(setAttestation(text, 'access-review', { ...entry, expires: '2025-06-30' })).toBe(
      [
        'ignore:',
        '- rule: no-bare-pod',
        '  reason: debugging',
        'attestations:',
        '  access-review: {by: SRE, date: 2025-01-31, evidence: docs/x.md, expires: 2025-06-30} # quarterly',
        '',
      ].join('\n'),
    );
  });

  it('quotes values that YAML would otherwise read as something else', () => {
    const text = setAttestation('attestations: {}\n', 'access-review', { ...entry, by: 'yes', evidence: '#42: done' });
    expect(parsed(text).attestations['access-review']).toEqual({ ...entry, by: 'yes', evidence: '#42: done' });
  });
});
