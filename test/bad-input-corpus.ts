// The bad-input corpus (fixtures/bad-input): its cases, the files generated into a copy at run
// time (too big, too special or too fragile to commit) and the expectations of each case.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from './fixtures.js';

export const CORPUS = path.join(REPOSITORY_ROOT, 'fixtures', 'bad-input');

/** Nesting depth of the generated deeply nested files. */
export const DEPTH = 10_000;

export type Expectation =
  | { readonly type: 'issue'; readonly file: string; readonly line: number; readonly text: string }
  | { readonly type: 'skipped'; readonly file: string; readonly reason: string }
  | { readonly type: 'finding'; readonly file: string }
  | { readonly type: 'chart'; readonly chart: string; readonly text: string }
  | { readonly type: 'objects'; readonly count: number };

export function caseNames(): string[] {
  return fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Parses a case's expected.txt (format in fixtures/bad-input/README.md). */
export function readExpectations(name: string): Expectation[] {
  const text = fs.readFileSync(path.join(CORPUS, name, 'expected.txt'), 'utf8');
  const expectations: Expectation[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const issue = /^issue: (.+?):(\d+): (.+)$/.exec(line);
    const skipped = /^skipped: (\S+) (\S+)$/.exec(line);
    const finding = /^finding: (\S+)$/.exec(line);
    const chart = /^chart: (\S+) (.+)$/.exec(line);
    const objects = /^objects: (\d+)$/.exec(line);
    if (issue !== null) {
      expectations.push({ type: 'issue', file: issue[1] ?? '', line: Number(issue[2]), text: issue[3] ?? '' });
    } else if (skipped !== null) {
      expectations.push({ type: 'skipped', file: skipped[1] ?? '', reason: skipped[2] ?? '' });
    } else if (finding !== null) {
      expectations.push({ type: 'finding', file: finding[1] ?? '' });
    } else if (chart !== null) {
      expectations.push({ type: 'chart', chart: chart[1] ?? '', text: chart[2] ?? '' });
    } else if (objects !== null) {
      expectations.push({ type: 'objects', count: Number(objects[1]) });
    } else {
      throw new Error(`${name}/expected.txt: cannot read the line "${raw}"`);
    }
  }
  return expectations;
}

const GOOD_MANIFEST = fs.readFileSync(path.join(CORPUS, 'yaml-tabs', 'good.yaml'), 'utf8');

/** Files of each case that are written at run time, into the copy. */
const GENERATED: Readonly<Record<string, (directory: string) => void>> = {
  'yaml-deep-nesting': (directory) => {
    const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';
    write(directory, 'flow-sequences.yaml', `${header}  deep: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`);
    write(directory, 'flow-mappings.yaml', `${header}  deep: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`);
  },
  'json-deep-nesting': (directory) => {
    write(
      directory,
      'deep.json',
      `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "deep"}, "data": ${'{"a": '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}\n`,
    );
  },
  'hcl-deep-nesting': (directory) => {
    write(directory, 'deep.tf', `locals {\n  deep = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n}\n`);
  },
  'yaml-long-line': (directory) => {
    write(
      directory,
      'long.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  long: ${'x'.repeat(5 * 1024 * 1024)}\n  broken: "unclosed\n`,
    );
  },
  'huge-file': (directory) => {
    const block = Buffer.from('- item: some value to fill a hundred megabytes\n');
    const file = fs.openSync(path.join(directory, 'huge.yaml'), 'w');
    const chunk = Buffer.concat(Array.from({ length: 20_000 }, () => block));
    for (let written = 0; written < 100 * 1024 * 1024; written += chunk.length) fs.writeSync(file, chunk);
    fs.closeSync(file);
  },
  'binary-yaml-name': (directory) => {
    write(directory, 'image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff]));
  },
  'binary-tf-name': (directory) => {
    write(directory, 'main.tf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0xde, 0xad]));
  },
  'invalid-utf8': (directory) => {
    write(
      directory,
      'latin1.yaml',
      Buffer.concat([
        Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: latin\ndata:\n  city: M'),
        Buffer.from([0xfc]),
        Buffer.from('nchen\n'),
      ]),
    );
  },
  'utf16-bom': (directory) => {
    const text = GOOD_MANIFEST.replaceAll('name: good', 'name: utf16').replaceAll('app: good', 'app: utf16');
    write(directory, 'utf16le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const big = Buffer.from(text.replaceAll('utf16', 'utf16be'), 'utf16le').swap16();
    write(directory, 'utf16be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), big]));
  },
  'utf8-bom': (directory) => {
    const text = GOOD_MANIFEST.replaceAll('good', 'bom');
    write(directory, 'bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  },
  'crlf-line-endings': (directory) => {
    const text = `${GOOD_MANIFEST.replaceAll('good', 'crlf')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "unclosed\n`;
    write(directory, 'crlf.yaml', text.replaceAll('\n', '\r\n'));
  },
  'nul-bytes': (directory) => {
    write(directory, 'nul.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nul\u0000\ndata:\n  a: b\n`);
  },
  'symlink-loop': (directory) => {
    fs.mkdirSync(path.join(directory, 'loop'));
    fs.symlinkSync('..', path.join(directory, 'loop', 'parent'));
    fs.symlinkSync('self.yaml', path.join(directory, 'self.yaml'));
    fs.symlinkSync('b.yaml', path.join(directory, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(directory, 'b.yaml'));
  },
  'symlink-outside-root': (directory) => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.yaml'), GOOD_MANIFEST.replaceAll('good', 'outside'));
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(directory, 'outside.yaml'));
    fs.symlinkSync(outside, path.join(directory, 'outside-directory'));
    fs.symlinkSync('/etc/passwd', path.join(directory, 'passwd.yaml'));
    fs.symlinkSync('missing-target.yaml', path.join(directory, 'dangling.yaml'));
  },
  'unreadable-file': (directory) => {
    write(directory, 'locked.yaml', GOOD_MANIFEST.replaceAll('good', 'locked'));
    fs.chmodSync(path.join(directory, 'locked.yaml'), 0o000);
    fs.mkdirSync(path.join(directory, 'locked-directory'));
    write(directory, 'locked-directory/inside.yaml', GOOD_MANIFEST.replaceAll('good', 'inside'));
    fs.chmodSync(path.join(directory, 'locked-directory'), 0o000);
  },
  'fifo-yaml': (directory) => {
    execFileSync('mkfifo', [path.join(directory, 'pipe.yaml')]);
    fs.symlinkSync('pipe.yaml', path.join(directory, 'link-to-pipe.yaml'));
  },
};

function write(directory: string, file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
  fs.writeFileSync(path.join(directory, file), content);
}

/** Copies a case to `destination` and writes its generated files there. */
export function materialiseCase(name: string, destination: string): void {
  fs.cpSync(path.join(CORPUS, name), destination, { recursive: true });
  GENERATED[name]?.(destination);
}

/** Cases whose generated files need special handling (the unreadable ones). */
export const UNREADABLE_CASE = 'unreadable-file';
