import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Io, main } from '../src/cli/main.js';
import { REPOSITORY_ROOT } from './fixtures.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Standard output is a terminal. */
  readonly tty?: boolean;
  /** Standard error is a terminal. */
  readonly stderrTty?: boolean;
  readonly env?: Record<string, string>;
  readonly stdin?: AsyncIterable<string | Buffer>;
}

/** Runs the real command line in-process with captured standard output and error. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.stderrTty ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? REPOSITORY_ROOT,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temporary directory holding the given files (paths relative to it). */
export function temporaryRepository(files: Record<string, string>, prefix = 'prodready-test-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}
