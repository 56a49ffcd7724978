import type { SourceFile } from '../discover/discover.js';
import type { ParsedPart } from './parsed-part.js';

/** CI/CD pipeline files (GitHub Actions, Azure Pipelines, GitLab CI) parsed with located keys. */
export interface ParsedPipelineFile {
  readonly path: string;
}

export function parsePipelines(_files: readonly SourceFile[]): ParsedPart<readonly ParsedPipelineFile[]> {
  return { parsed: [], issues: [], examined: [] };
}
