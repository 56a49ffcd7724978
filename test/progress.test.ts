import { describe, expect, it } from 'vitest';
import { type Io, main } from '../src/cli/main.js';
import { createProgress, DEFAULT_PROGRESS_AFTER_MS, describeProgress } from '../src/cli/progress.js';
import { REPOSITORY_ROOT } from './fixtures.js';

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with standard error a terminal or not; standard output is never one (no colours). */
async function run(
  argv: readonly string[],
  stderrIsTerminal: boolean,
  env: Record<string, string> = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTerminal },
    env,
    cwd: REPOSITORY_ROOT,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Show progress from the first stage, so that a quick scan shows it too. */
const AT_ONCE = { PRODREADY_PROGRESS_AFTER_MS: '0' };
const CLEAR_LINE = '\r\u001b[2K';

describe('progress on a terminal', () => {
  it('shows files discovered, parsed and rules run on standard error, and leaves the report unchanged', async () => {
    const plain = await run(['scan', 'examples/acme-shop'], false, AT_ONCE);
    const shown = await run(['scan', 'examples/acme-shop'], true, AT_ONCE);
    expect(plain.stderr).toBe('');
    expect(shown.code).toBe(plain.code);
    expect(shown.stdout).toBe(plain.stdout);
    const lines = shown.stderr.split(CLEAR_LINE).filter((line) => line !== '');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^prodready: \d+ files discovered \(\d+\.\d s\)$/);
    expect(lines[1]).toMatch(/^prodready: \d+ files parsed \(\d+\.\d s\)$/);
    expect(lines[2]).toMatch(/^prodready: \d+ rules and \d+ scenarios run, \d+ findings \(\d+\.\d s\)$/);
    const report = JSON.parse((await run(['scan', 'examples/acme-shop', '--format', 'json'], false)).stdout);
    expect(lines[2]).toContain(`${report.rules.length} rules`);
    expect(lines[2]).toContain(`${report.findings.length} findings`);
    // The status line is cleared at the end, so the terminal keeps only the report.
    expect(shown.stderr.endsWith(CLEAR_LINE)).toBe(true);
  });

  it('shows it for scenarios too', async () => {
    const shown = await run(['scenarios', 'examples/acme-shop'], true, AT_ONCE);
    expect(shown.stderr).toContain('files discovered');
    expect(shown.stdout).toBe((await run(['scenarios', 'examples/acme-shop'], false, AT_ONCE)).stdout);
  });

  it('is silent with --quiet', async () => {
    for (const command of ['scan', 'scenarios']) {
      const quiet = await run([command, 'examples/acme-shop', '--quiet'], true, AT_ONCE);
      expect(quiet.stderr, command).toBe('');
      expect(quiet.stdout, command).toBe((await run([command, 'examples/acme-shop'], false)).stdout);
    }
    expect((await run(['scan', 'examples/acme-shop', '-q'], true, AT_ONCE)).stderr).toBe('');
  });

  it('is silent on a dumb terminal', async () => {
    expect((await run(['scan', 'examples/acme-shop'], true, { ...AT_ONCE, TERM: 'dumb' })).stderr).toBe('');
  });
});

describe('createProgress', () => {
  const events = [
    { stage: 'discovered', files: 1204 },
    { stage: 'parsed', files: 1204, parseIssues: 1 },
    { stage: 'evaluated', rules: 98, scenarios: 7, findings: 1 },
  ] as const;

  function capture(times: readonly number[], env: Record<string, string> = {}): string {
    let written = '';
    let tick = 0;
    const progress = createProgress(
      { write: (text: string) => (written += text), isTTY: true },
      { quiet: false, env, now: () => times[Math.min(tick++, times.length - 1)] ?? 0 },
    );
    for (const event of events) progress.report(event);
    progress.done();
    return written;
  }

  it('prints nothing for a scan quicker than the delay', () => {
    expect(capture([0, 10, 20, DEFAULT_PROGRESS_AFTER_MS - 1])).toBe('');
  });

  it('starts at the first stage reached after the delay and keeps going', () => {
    const written = capture([0, 100, 1_500, 2_000]);
    expect(written).toBe(
      `${CLEAR_LINE}prodready: 1,204 files parsed, 1 parse issue (1.5 s)` +
        `${CLEAR_LINE}prodready: 98 rules and 7 scenarios run, 1 finding (2.0 s)${CLEAR_LINE}`,
    );
  });

  it('takes the delay from PRODREADY_PROGRESS_AFTER_MS, and ignores a value that is not a number', () => {
    expect(capture([0, 0, 0, 0], { PRODREADY_PROGRESS_AFTER_MS: '0' })).toContain('1,204 files discovered');
    expect(capture([0, 100, 200, 250], { PRODREADY_PROGRESS_AFTER_MS: 'soon' })).toBe('');
  });

  it('is silent when standard error is not a terminal', () => {
    let written = '';
    const progress = createProgress(
      { write: (text: string) => (written += text) },
      { quiet: false, env: {}, now: () => 10_000 },
    );
    progress.report({ stage: 'discovered', files: 3 });
    progress.done();
    expect(written).toBe('');
  });

  it('describes each stage in words', () => {
    expect(events.map(describeProgress)).toEqual([
      '1,204 files discovered',
      '1,204 files parsed, 1 parse issue',
      '98 rules and 7 scenarios run, 1 finding',
    ]);
  });
});
