import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocs, generateSchemas, staleDocs } from '../scripts/docs.js';
import { ALL_RULES } from '../src/rules/index.js';
import { REPOSITORY_ROOT } from './fixtures.js';

describe('generated docs', () => {
  const documents = generateDocs();

  it('has a page per rule and the catalogue', () => {
    expect(documents.size).toBe(ALL_RULES.length + 2);
  });

  it.each([...documents.keys()])('%s matches what the generator writes (run `npm run docs`)', (file) => {
    const absolute = path.join(REPOSITORY_ROOT, file);
    expect(fs.existsSync(absolute), `${file} is missing`).toBe(true);
    expect(fs.readFileSync(absolute, 'utf8')).toBe(documents.get(file));
  });

  it('has no stale generated files', () => {
    expect(staleDocs(documents)).toEqual([]);
  });

  it.each([...generateSchemas()])('%s matches the schema in the source (run `npm run docs`)', (file, text) => {
    expect(fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8')).toBe(text);
  });
});
