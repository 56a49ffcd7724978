import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './fixtures.js';

const CLI = path.join(REPOSITORY_ROOT, 'bin', 'prodready.js');
const RECORDER = path.join(REPOSITORY_ROOT, 'test', 'data', 'load-log', 'register.mjs');

/**
 * What a command that reads no repository must not load: the parser libraries and our modules
 * that drive them, the store and the server. (The rule catalogue does load the model's query
 * helpers: the rules are written with them.)
 */
const HEAVY = new RegExp(
  [
    '/node_modules/(js-yaml|yaml|web-tree-sitter|@tree-sitter-grammars|dockerfile-ast|better-sqlite3|pg|hono|@hono|ajv)/',
    String.raw`/dist/parse/(yaml-stream|file-parse|parse-sources|kubernetes|kustomize|compose|pipelines|terraform|hcl-body|hcl-syntax|dockerfile)\.js$`,
    '/dist/(store|server)/',
  ].join('|'),
);

/** The modules the built CLI loads for `args`, as URLs. */
function modulesLoaded(args: readonly string[]): string[] {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-load-')), 'modules.txt');
  const result = spawnSync(process.execPath, ['--import', RECORDER, CLI, ...args], {
    env: { ...process.env, PRODREADY_LOAD_LOG: log },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  const loaded = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  return loaded;
}

describe('start-up', () => {
  it.each([['--version'], ['--help'], ['rules'], ['explain', 'require-readiness-probe']])(
    '`prodready %s` loads no parser, store or server',
    (...args) => {
      const loaded = modulesLoaded(args);
      expect(loaded.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
      expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
    },
  );

  it('a scan does load them (the check above can fail)', () => {
    const loaded = modulesLoaded(['scan', 'examples/acme-shop', '--format', 'json', '--fail-on', 'none', '--no-cache']);
    expect(loaded.some((url) => HEAVY.test(url))).toBe(true);
  });
});
