import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from '../core/errors.js';
import type { ParseIssue, RepoPath } from '../core/source.js';
import type { SourceKind } from '../core/source-kinds.js';
import { classify, isCandidateName } from './classify.js';
import { toRepoPath } from './repo-path.js';

export interface SourceFile {
  readonly path: RepoPath;
  readonly kind: SourceKind;
  readonly text: string;
}

export const SKIP_REASONS = [
  'binary',
  'too-large',
  'unreadable',
  'invalid-encoding',
  'symlink-outside-root',
  'symlink-loop',
  'broken-symlink',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedFile {
  readonly path: RepoPath;
  readonly reason: SkipReason;
}

export interface Discovery {
  /** Files read and classified, sorted by path. */
  readonly files: readonly SourceFile[];
  /** Files and links that were seen but not read, with the reason. */
  readonly skipped: readonly SkippedFile[];
  /** Problems in files that were read (an invalid encoding, say). */
  readonly issues: readonly ParseIssue[];
  /** Files that are not of a kind prodready reads (source code, images…). */
  readonly otherFiles: number;
  /** Every file walked and not ignored, read or not, sorted: the repository's inventory. */
  readonly inventory: readonly RepoPath[];
  /** Files and directories left out by .gitignore, the default ignores or --exclude. */
  readonly ignored: number;
}

export interface DiscoverOptions {
  /** Absolute or cwd-relative directory that RepoPaths are relative to. */
  readonly root: string;
  /** Paths to walk, relative to `root` (default: the root itself). */
  readonly paths?: readonly string[];
  /** Extra patterns to leave out, in .gitignore syntax, relative to the root. */
  readonly exclude?: readonly string[];
  /** Files above this size are skipped as too large. */
  readonly maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Directories never worth walking. */
const DEFAULT_IGNORES = ['.git/', 'node_modules/', '.prodready/', '.terraform/'];
/** Where prodready keeps its cache and history, under the scanned root. */
const TOOL_DIRECTORY = '.prodready';

interface IgnoreLayer {
  /** Directory of the .gitignore, relative to the root ('' for the root). */
  readonly base: string;
  readonly matcher: Ignore;
}

const BINARY_SNIFF_BYTES = 8000;

/**
 * Walks the given paths under `root`, honouring .gitignore files at every level and the
 * exclude patterns, and returns the classified files with their text. The only stage that
 * reads the repository.
 */
export function discover(options: DiscoverOptions): Discovery {
  const root = path.resolve(options.root);
  const realRoot = realPathOrThrow(root);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const excludes = ignore()
    .add(DEFAULT_IGNORES)
    .add([...(options.exclude ?? [])]);

  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const issues: ParseIssue[] = [];
  let otherFiles = 0;
  let ignored = 0;
  const seenFiles = new Set<string>();
  const inventory: RepoPath[] = [];

  const isIgnored = (relative: string, isDirectory: boolean, layers: readonly IgnoreLayer[]): boolean => {
    const probe = isDirectory ? `${relative}/` : relative;
    if (excludes.ignores(probe)) return true;
    let state = false;
    for (const layer of layers) {
      const local = layer.base === '' ? probe : probe.slice(layer.base.length + 1);
      if (local === '' || local.startsWith('../')) continue;
      const result = layer.matcher.test(local);
      if (result.ignored) state = true;
      else if (result.unignored) state = false;
    }
    return state;
  };

  const readFile = (absolute: string, relative: string, chartRoot: string | undefined): void => {
    if (seenFiles.has(relative)) return;
    seenFiles.add(relative);
    inventory.push(toRepoPath(relative));
    if (!isCandidateName(relative)) {
      otherFiles += 1;
      return;
    }
    const repoPath = toRepoPath(relative);
    let buffer: Buffer;
    try {
      const stat = fs.statSync(absolute);
      // A FIFO, socket or device named like a manifest: reading it could block forever.
      if (!stat.isFile()) {
        skipped.push({ path: repoPath, reason: 'unreadable' });
        return;
      }
      if (stat.size > maxFileBytes) {
        skipped.push({ path: repoPath, reason: 'too-large' });
        return;
      }
      buffer = fs.readFileSync(absolute);
    } catch {
      skipped.push({ path: repoPath, reason: 'unreadable' });
      return;
    }
    const decoded = decodeText(buffer);
    if (decoded.kind === 'binary') {
      skipped.push({ path: repoPath, reason: 'binary' });
      return;
    }
    if (decoded.kind === 'invalid') {
      skipped.push({ path: repoPath, reason: 'invalid-encoding' });
      issues.push({
        file: repoPath,
        line: decoded.line,
        column: 1,
        message: 'The file is not valid UTF-8 (first invalid byte on this line); it was not scanned.',
      });
      return;
    }
    files.push({ path: repoPath, kind: classify(relative, decoded.text, chartRoot), text: decoded.text });
  };

  const walkDirectory = (
    absolute: string,
    relative: string,
    layers: readonly IgnoreLayer[],
    chartRoot: string | undefined,
    visited: ReadonlySet<string>,
  ): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absolute, { withFileTypes: true });
    } catch {
      if (relative !== '') skipped.push({ path: toRepoPath(relative), reason: 'unreadable' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let ownLayers = layers;
    const gitignore = entries.find((entry) => entry.name === '.gitignore' && entry.isFile());
    if (gitignore !== undefined) {
      try {
        const text = fs.readFileSync(path.join(absolute, '.gitignore'), 'utf8');
        ownLayers = [...layers, { base: relative, matcher: ignore().add(text) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    const ownChart =
      chartRoot ?? (entries.some((entry) => entry.name === 'Chart.yaml' && entry.isFile()) ? relative : undefined);

    for (const entry of entries) {
      const childAbsolute = path.join(absolute, entry.name);
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        walkLink(childAbsolute, childRelative, ownLayers, ownChart, visited);
        continue;
      }
      const isDirectory = entry.isDirectory();
      // prodready's own directory (cache, history) is not part of the repository: not even counted.
      if (childRelative === TOOL_DIRECTORY && isDirectory) continue;
      if (isIgnored(childRelative, isDirectory, ownLayers)) {
        ignored += 1;
        continue;
      }
      if (isDirectory) {
        walkDirectory(childAbsolute, childRelative, ownLayers, ownChart, new Set([...visited, childAbsolute]));
      } else {
        readFile(childAbsolute, childRelative, ownChart);
      }
    }
  };

  const walkLink = (
    absolute: string,
    relative: string,
    layers: readonly IgnoreLayer[],
    chartRoot: string | undefined,
    visited: ReadonlySet<string>,
  ): void => {
    let target: string;
    let stat: fs.Stats;
    try {
      target = fs.realpathSync(absolute);
      stat = fs.statSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skipped.push({ path: toRepoPath(relative), reason: code === 'ELOOP' ? 'symlink-loop' : 'broken-symlink' });
      return;
    }
    if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
      skipped.push({ path: toRepoPath(relative), reason: 'symlink-outside-root' });
      return;
    }
    if (isIgnored(relative, stat.isDirectory(), layers)) {
      ignored += 1;
      return;
    }
    if (stat.isDirectory()) {
      if (visited.has(target) || realRoot.startsWith(target)) {
        skipped.push({ path: toRepoPath(relative), reason: 'symlink-loop' });
        return;
      }
      walkDirectory(absolute, relative, layers, chartRoot, new Set([...visited, target]));
    } else {
      readFile(target, relative, chartRoot);
    }
  };

  for (const requested of options.paths ?? ['.']) {
    const absolute = path.resolve(root, requested);
    const relative = path.relative(root, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UsageError(
        `The path "${requested}" is outside the scan root "${options.root}". Scan paths must be inside the root.`,
      );
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`The path "${requested}" does not exist. Give a directory or file to scan.`);
    }
    const posixRelative = relative.split(path.sep).join('/');
    const layers = ancestorIgnoreLayers(root, posixRelative);
    if (stat.isDirectory()) {
      walkDirectory(absolute, posixRelative, layers, findChartRoot(root, posixRelative), new Set([absolute]));
    } else {
      // A file named on the command line is scanned even when ignored.
      readFile(absolute, posixRelative, findChartRoot(root, path.posix.dirname(posixRelative)));
    }
  }

  files.sort((a, b) => compareStrings(a.path, b.path));
  skipped.sort((a, b) => compareStrings(a.path, b.path));
  inventory.sort(compareStrings);
  return { files, skipped, issues, otherFiles, ignored, inventory };
}

/** .gitignore files of the directories between the root and `relative` (exclusive). */
function ancestorIgnoreLayers(root: string, relative: string): IgnoreLayer[] {
  if (relative === '' || relative === '.') return [];
  const layers: IgnoreLayer[] = [];
  const parts = relative.split('/');
  for (let depth = 0; depth < parts.length; depth += 1) {
    const base = parts.slice(0, depth).join('/');
    try {
      const text = fs.readFileSync(path.join(root, base, '.gitignore'), 'utf8');
      layers.push({ base, matcher: ignore().add(text) });
    } catch {
      // no .gitignore at this level
    }
  }
  return layers;
}

function findChartRoot(root: string, relativeDirectory: string): string | undefined {
  if (relativeDirectory === '' || relativeDirectory === '.') return undefined;
  const parts = relativeDirectory.split('/');
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const base = parts.slice(0, depth).join('/');
    if (fs.existsSync(path.join(root, base, 'Chart.yaml'))) return base;
  }
  return undefined;
}

function realPathOrThrow(root: string): string {
  try {
    return fs.realpathSync(root);
  } catch {
    throw new UsageError(`The scan root "${root}" does not exist. Give an existing directory.`);
  }
}

type Decoded = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'invalid'; line: number };

function decodeText(buffer: Buffer): Decoded {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { kind: 'text', text: new TextDecoder('utf-16le').decode(buffer.subarray(2)) };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { kind: 'text', text: new TextDecoder('utf-16be').decode(buffer.subarray(2)) };
  }
  const sniff = buffer.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { kind: 'binary' };
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const body = buffer.subarray(start);
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(body);
    const at = lenient.indexOf('\uFFFD');
    const line = at === -1 ? 1 : lenient.slice(0, at).split('\n').length;
    return { kind: 'invalid', line };
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
