import type { ScanProgress } from './scan.js';

/** Where progress goes: standard error, when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Progress {
  /** Give to `scanRepository` as `onProgress`. */
  readonly report: (event: ScanProgress) => void;
  /** Clears the status line, if one was shown. Call once the scan has ended, also on failure. */
  readonly done: () => void;
}

/** Progress shows only once a scan has taken this long, so quick scans print nothing extra. */
export const DEFAULT_PROGRESS_AFTER_MS = 300;

/** The environment variable that changes that delay (0: show from the first stage). */
export const PROGRESS_AFTER_VARIABLE = 'PRODREADY_PROGRESS_AFTER_MS';

const CLEAR_LINE = '\r\u001b[2K';

const SILENT: Progress = { report: () => undefined, done: () => undefined };

/**
 * A one-line status on standard error (files discovered, parsed, rules run), rewritten in place
 * and cleared at the end so the report on standard output is all that stays. Silent when
 * standard error is not a terminal (CI logs, pipes) and with `--quiet`.
 */
export function createProgress(
  stream: ProgressStream,
  options: {
    readonly quiet: boolean;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly now?: () => number;
  },
): Progress {
  if (options.quiet || stream.isTTY !== true || options.env.TERM === 'dumb') return SILENT;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const after = progressDelay(options.env[PROGRESS_AFTER_VARIABLE]);
  let shown = false;
  return {
    report: (event) => {
      const elapsed = now() - started;
      if (!shown && elapsed < after) return;
      shown = true;
      stream.write(`${CLEAR_LINE}prodready: ${describeProgress(event)} (${(elapsed / 1000).toFixed(1)} s)`);
    },
    done: () => {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

/** One stage, in words: "1,204 files discovered". */
export function describeProgress(event: ScanProgress): string {
  switch (event.stage) {
    case 'discovered':
      return `${count(event.files, 'file')} discovered`;
    case 'parsed':
      return `${count(event.files, 'file')} parsed${event.parseIssues === 0 ? '' : `, ${count(event.parseIssues, 'parse issue')}`}`;
    case 'evaluated':
      return `${count(event.rules, 'rule')} and ${count(event.scenarios, 'scenario')} run, ${count(event.findings, 'finding')}`;
  }
}

function progressDelay(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PROGRESS_AFTER_MS;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_PROGRESS_AFTER_MS;
}

function count(value: number, noun: string): string {
  return `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`;
}
