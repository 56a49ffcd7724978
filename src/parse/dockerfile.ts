import type { SourceFile } from '../discover/discover.js';
import type { ParsedPart } from './parsed-part.js';

/** Dockerfiles parsed into stages and instructions with lines. */
export interface ParsedDockerfile {
  readonly path: string;
}

export function parseDockerfiles(_files: readonly SourceFile[]): ParsedPart<readonly ParsedDockerfile[]> {
  return { parsed: [], issues: [], examined: [] };
}
