import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { RepoPath } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { type FileParse, fileFormat, parseFile, restored, transferable } from '../parse/file-parse.js';
import type { HclParser } from '../parse/terraform.js';
import type { ParseRequest, ParseResponse } from './parse-worker.js';

/**
 * The per-file part of parsing, done before the parse stage: from the cache for files whose
 * text was parsed before, on worker threads for the rest when there is enough of it. The parse
 * stage then relates the files to each other; it parses any file missing here itself, so the
 * Report never depends on how (or whether) a file was parsed ahead.
 */
export interface ParseAheadOptions {
  readonly hcl: HclParser | undefined;
  /** Worker threads: a number, or 'auto' (one per core when the files to parse are large enough). */
  readonly jobs: number | 'auto';
  /** The cache, or undefined for none (`--no-cache`). */
  readonly cache?: CacheOptions;
}

export interface CacheOptions {
  /** The cache directory (`.prodready/cache` under the scanned root). */
  readonly directory: string;
  /** What else the parse results depend on: the tool version and the configuration. */
  readonly version: string;
  readonly config: string;
  /** The key that signs the cache file (see `cacheSigningKey`). */
  readonly signingKey: Buffer;
}

export interface ParseAheadResult {
  readonly preparsed: ReadonlyMap<RepoPath, FileParse>;
  readonly stats: {
    readonly files: number;
    readonly cached: number;
    readonly parsed: number;
    readonly workers: number;
    /** Why the cache was not used or not saved, for `--debug`-style diagnostics. */
    readonly cacheProblem?: string;
  };
}

/** With 'auto', below this many bytes to parse, starting threads costs more than it saves. */
const AUTO_WORKER_BYTES = 1_000_000;
/**
 * With 'auto', threads only from this many cores: a scan on one thread already keeps about 1.4
 * cores busy (V8's garbage collector and compiler run on their own threads), and on 2 cores
 * parsing on workers measured slower than on the main thread (docs/benchmarks.md).
 */
const AUTO_MIN_CORES = 4;
/** Files are sent to workers in batches of about this many bytes. */
const BATCH_BYTES = 256_000;
const MAX_WORKERS = 8;
/** Bumped whenever FileParse changes shape: an older cache is then ignored. */
const CACHE_FORMAT = 'prodready-parse-cache-1';
const CACHE_FILE = 'parse.bin';

export async function parseAhead(files: readonly SourceFile[], options: ParseAheadOptions): Promise<ParseAheadResult> {
  const candidates = files.filter((file) => {
    const format = fileFormat(file);
    return format === 'yaml' || (format === 'hcl' && options.hcl !== undefined);
  });
  const keys = new Map(candidates.map((file) => [file.path, contentKey(file)]));
  const cache = options.cache === undefined ? undefined : loadCache(options.cache);
  const preparsed = new Map<RepoPath, FileParse>();
  const missing: SourceFile[] = [];
  for (const file of candidates) {
    const hit = cache?.entries.get(keys.get(file.path) as string);
    if (hit === undefined) missing.push(file);
    else preparsed.set(file.path, hit);
  }
  const bytes = missing.reduce((sum, file) => sum + file.text.length, 0);
  const cores = os.availableParallelism();
  const workers =
    options.jobs === 'auto'
      ? bytes < AUTO_WORKER_BYTES || cores < AUTO_MIN_CORES
        ? 0
        : Math.min(cores, MAX_WORKERS, Math.ceil(bytes / BATCH_BYTES))
      : options.jobs <= 1
        ? 0
        : Math.min(options.jobs, Math.max(1, missing.length));
  const parsed = workers === 0 ? parseHere(missing, options.hcl) : await parseOnWorkers(missing, workers);
  for (const [file, result] of parsed) preparsed.set(file, result);
  let cacheProblem = cache?.problem;
  if (options.cache !== undefined && (missing.length > 0 || cache?.entries.size !== candidates.length)) {
    const entries = new Map<string, FileParse>();
    for (const file of candidates) {
      const result = preparsed.get(file.path);
      if (result !== undefined) entries.set(keys.get(file.path) as string, transferable(result));
    }
    cacheProblem = saveCache(options.cache, entries) ?? cacheProblem;
  }
  return {
    preparsed,
    stats: {
      files: candidates.length,
      cached: candidates.length - missing.length,
      parsed: missing.length,
      workers,
      ...(cacheProblem === undefined ? {} : { cacheProblem }),
    },
  };
}

/** The cache key of a file's parse: its syntax and its text (not its path: a copy parses the same). */
function contentKey(file: SourceFile): string {
  return createHash('sha256')
    .update(`${fileFormat(file)}\u0000`)
    .update(file.text)
    .digest('base64url');
}

function parseHere(files: readonly SourceFile[], hcl: HclParser | undefined): Map<RepoPath, FileParse> {
  const parsed = new Map<RepoPath, FileParse>();
  for (const file of files) {
    const result = parseFile(file, hcl);
    if (result !== undefined) parsed.set(file.path, result);
  }
  return parsed;
}

/** Batches of about BATCH_BYTES, handed to whichever worker is free; a file a worker could not parse is left to the parse stage. */
async function parseOnWorkers(files: readonly SourceFile[], count: number): Promise<Map<RepoPath, FileParse>> {
  const batches: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let size = 0;
  for (const file of files) {
    current.push(file);
    size += file.text.length;
    if (size >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  const parsed = new Map<RepoPath, FileParse>();
  let next = 0;
  const run = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const send = () => {
        const batch = batches[next];
        if (batch === undefined) {
          resolve();
          return;
        }
        const id = next;
        next += 1;
        const request: ParseRequest = {
          id,
          files: batch.map((file) => ({ path: file.path, kind: file.kind, text: file.text })),
        };
        worker.postMessage(request);
      };
      worker.on('message', (response: ParseResponse) => {
        const batch = batches[response.id] ?? [];
        response.results.forEach((result, index) => {
          const file = batch[index];
          if (file !== undefined && result !== undefined) parsed.set(file.path, restored(result));
        });
        send();
      });
      worker.on('error', reject);
      send();
    });
  const pool = Array.from({ length: Math.min(count, batches.length) }, () => startWorker());
  try {
    await Promise.all(pool.map(run));
  } catch {
    // A worker that failed leaves its files to the parse stage, which parses them in-process.
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return parsed;
}

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url));
  // Under the test runner this module is TypeScript, and so is the worker's entry: load it through tsx.
  const entry = JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
  });
}

interface LoadedCache {
  readonly entries: ReadonlyMap<string, FileParse>;
  readonly problem?: string;
}

/**
 * The cache file is `signature (32 bytes) + v8-serialized { key, entries }`. The signature is an
 * HMAC with a key kept outside the repository, so a cache committed to (or planted in) the
 * scanned repository is not believed: it could otherwise hide findings.
 */
function loadCache(options: CacheOptions): LoadedCache {
  const file = path.join(options.directory, CACHE_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { entries: new Map() };
  }
  const signature = bytes.subarray(0, 32);
  const payload = bytes.subarray(32);
  const expected = createHmac('sha256', options.signingKey).update(payload).digest();
  if (signature.length !== 32 || !timingSafeEqual(signature, expected)) {
    return { entries: new Map(), problem: `the cache ${file} is not signed by this machine's key; ignored` };
  }
  try {
    const content = deserialize(payload) as { key?: unknown; entries?: unknown };
    if (content.key !== cacheKey(options) || !(content.entries instanceof Map)) return { entries: new Map() };
    const entries = new Map<string, FileParse>();
    for (const [key, parse] of content.entries as Map<string, FileParse>) entries.set(key, restored(parse));
    return { entries };
  } catch {
    return { entries: new Map(), problem: `the cache ${file} could not be read; ignored` };
  }
}

/** Writes the cache atomically (a temporary file renamed over it); returns a problem instead of failing the scan. */
function saveCache(options: CacheOptions, entries: ReadonlyMap<string, FileParse>): string | undefined {
  const file = path.join(options.directory, CACHE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(options.directory, { recursive: true });
    // The cache never belongs in version control: say so to git, as other tools' caches do.
    const ignore = path.join(options.directory, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Written by prodready: the parse cache is local.\n*\n');
    const payload = serialize({ key: cacheKey(options), entries });
    const signature = createHmac('sha256', options.signingKey).update(payload).digest();
    fs.writeFileSync(temporary, Buffer.concat([signature, payload]), { mode: 0o600 });
    fs.renameSync(temporary, file);
    return undefined;
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
    return `the cache could not be saved in ${options.directory}: ${(error as Error).message}`;
  }
}

function cacheKey(options: CacheOptions): string {
  return createHash('sha256')
    .update(`${CACHE_FORMAT}\u0000${options.version}\u0000${options.config}`)
    .digest('base64url');
}

/**
 * The key that signs cache files: `PRODREADY_CACHE_KEY` when set (CI that restores the cache
 * between runs sets it from a secret), else a random key made once per user in
 * `$XDG_CACHE_HOME/prodready/cache-key` (or `~/.cache/…`), readable by that user only.
 */
export function cacheSigningKey(env: Readonly<Record<string, string | undefined>>): Buffer {
  const given = env.PRODREADY_CACHE_KEY;
  if (given !== undefined && given !== '') return createHash('sha256').update(given).digest();
  const base = env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  const file = path.join(base, 'prodready', 'cache-key');
  try {
    const existing = fs.readFileSync(file);
    if (existing.length >= 32) return existing.subarray(0, 32);
  } catch {
    // Made below.
  }
  const key = randomBytes(32);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    // Another process made it first: use theirs; or the home is read-only: the cache lasts one run.
    try {
      const existing = fs.readFileSync(file);
      if (existing.length >= 32) return existing.subarray(0, 32);
    } catch {
      // Fall through.
    }
    return key;
  }
}
