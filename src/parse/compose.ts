import type { ParseIssue, RepoPath, SourcePointer } from '../core/source.js';
import type { SourceFile } from '../discover/discover.js';
import { parseYamlNow, type YamlSource } from './file-parse.js';
import type { ParsedPart } from './parsed-part.js';

/**
 * A docker-compose file (`compose.yaml`, `docker-compose.prod.yml`…): its top-level mapping,
 * with a locator for every key. The model reads the services with typed reads, so a value of
 * the wrong type becomes an issue at its key.
 */
export interface ParsedComposeFile {
  readonly path: RepoPath;
  readonly body: Readonly<Record<string, unknown>>;
  /** The file's root. */
  readonly source: SourcePointer;
}

export function parseComposeFiles(
  files: readonly SourceFile[],
  yamlOf: YamlSource = parseYamlNow,
): ParsedPart<readonly ParsedComposeFile[]> {
  const parsed: ParsedComposeFile[] = [];
  const issues: ParseIssue[] = [];
  const examined: RepoPath[] = [];
  for (const file of files) {
    if (file.kind !== 'compose') continue;
    examined.push(file.path);
    const stream = yamlOf(file);
    issues.push(...stream.issues.map((issue) => ({ file: file.path, ...issue })));
    const [document, ...others] = stream.documents;
    if (document === undefined) continue;
    for (const other of others) {
      issues.push({
        ...other.locator.locate([]),
        file: file.path,
        message: 'Compose reads only the first YAML document of a file; this document was ignored.',
      });
    }
    const source: SourcePointer = { file: file.path, locator: document.locator, path: [] };
    if (!isMapping(document.value)) {
      issues.push({
        ...document.locator.locate([]),
        file: file.path,
        message: 'A compose file must be a mapping (services:, volumes:…); the file was ignored.',
      });
      continue;
    }
    parsed.push({ path: file.path, body: document.value, source });
  }
  return { parsed, issues, examined };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
