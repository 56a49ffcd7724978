import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../test/fixtures.js';
import { generateDocs, generateSchemas, staleDocs } from './docs.js';

const documents = generateDocs();
for (const stale of staleDocs(documents)) fs.rmSync(path.join(REPOSITORY_ROOT, stale));
for (const [file, text] of [...documents, ...generateSchemas()]) {
  const absolute = path.join(REPOSITORY_ROOT, file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, text);
}
process.stdout.write(`Wrote ${documents.size} documentation files.\n`);
