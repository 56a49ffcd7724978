import type { SourceFile } from '../discover/discover.js';
import type { ParsedPart } from './parsed-part.js';

/** docker-compose files parsed into services with located keys. */
export interface ParsedComposeFile {
  readonly path: string;
}

export function parseComposeFiles(_files: readonly SourceFile[]): ParsedPart<readonly ParsedComposeFile[]> {
  return { parsed: [], issues: [], examined: [] };
}
