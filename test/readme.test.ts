import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Io, main } from '../src/cli/main.js';
import { REPOSITORY_ROOT } from './fixtures.js';

describe('README', () => {
  const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');

  it('shows exactly two commands on its first screen: set up and scan, and test', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    const commands = [...firstScreen.matchAll(/```sh\n([^`]+)```/g)].map((match) => match[1]?.trim());
    expect(commands).toEqual(['npm ci && node bin/prodready.js scan examples/acme-shop', 'npm test']);
  });

  it('shows output that the example scan really prints', async () => {
    const excerpt = /<!-- readme-excerpt:start -->\n```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    let stdout = '';
    const io: Io = {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: () => true },
      env: {},
      cwd: REPOSITORY_ROOT,
    };
    expect(await main(['scan', 'examples/acme-shop'], io)).toBe(1);
    const lines = excerpt.split('\n').filter((line) => line !== '' && line !== '…');
    expect(lines.length).toBeGreaterThan(5);
    const printed = stdout.split('\n');
    for (const line of lines) expect(printed, line).toContain(line);
  });
});
